"""An owner's first job, in a real browser on a desktop and on a phone: log in, start from the
"Medical Office Manager" template, set the pay, publish, preview the posting, and take it
away as a Word document with the practice's letterhead."""

from __future__ import annotations

import re
from decimal import Decimal

import docx
import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from jobs.models import Job, JobTemplate
from tests.e2e.steps import log_in, no_sideways_scroll, sidebar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEMPLATE = "Medical Office Manager"
PAY = "$62,000 \N{EN DASH} $78,000 per year"


def test_owner_publishes_a_job_from_a_template_and_downloads_it(
        page: Page, device, live_server, practice, owner, tmp_path, page_problems):
    with scopes_disabled():
        shipped = JobTemplate.objects.filter(practice=None, title=TEMPLATE).exists()
    assert shipped, "the shipped library is missing: post_migrate should have synced it"
    app_url = f"{live_server.url}/app/{practice.slug}/"

    log_in(page, live_server.url, owner.email)
    expect(page).to_have_url(app_url)

    sidebar(page, device).get_by_role("link", name="Jobs").click()
    expect(page).to_have_url(f"{app_url}jobs/")
    page.get_by_role("link", name="New job").click()
    expect(page.get_by_role("heading", name="Start a new job")).to_be_visible()
    page.get_by_role("button", name=f"Use this template: {TEMPLATE}").click()

    # the editor, with the draft made from the template
    expect(page).to_have_url(re.compile(rf"{re.escape(app_url)}jobs/[0-9a-f-]+/edit/$"))
    expect(page.get_by_role("status")).to_contain_text("Your draft is ready")
    expect(page.get_by_role("heading", name=TEMPLATE, level=1)).to_be_visible()
    # the rich-text editors replaced the textareas, with the practice's name in the text
    about = page.locator(".rich-area").filter(
        has_text=f"As medical office manager at {practice.name}, you run")
    expect(about).to_be_visible()
    expect(page.locator(".rich-area")).to_have_count(6)
    expect(page.locator("textarea.rich-text").first).to_be_hidden()
    page.get_by_label("Pay from").fill("62000")
    page.get_by_label("Pay up to").fill("78000")
    page.screenshot(path=tmp_path / f"editor-{device}.png", full_page=True)
    no_sideways_scroll(page, "editor")
    page.get_by_role("button", name="Save and publish").click()

    # the job's page
    expect(page).to_have_url(re.compile(rf"{re.escape(app_url)}jobs/[0-9a-f-]+/$"))
    detail_url = page.url
    expect(page.get_by_role("status")).to_contain_text("Published. Applicants can find it now.")
    expect(page.locator(".page-header .status-badge")).to_have_text("Published")
    expect(page.get_by_role("main")).to_contain_text(PAY)
    page.screenshot(path=tmp_path / f"detail-{device}.png", full_page=True)
    no_sideways_scroll(page, "job page")
    with scopes_disabled():
        job = Job.objects.get(practice=practice)
    assert job.status == Job.Status.PUBLISHED
    assert (job.pay_min, job.pay_max) == (Decimal("62000"), Decimal("78000"))
    assert job.title == TEMPLATE

    # the posting as applicants will read it
    page.get_by_role("link", name="Preview", exact=True).click()
    expect(page.get_by_role("heading", name=TEMPLATE, level=1)).to_be_visible()
    expect(page.locator(".posting-facts")).to_contain_text(PAY)
    expect(page.get_by_role("heading", name="What you'll do", level=2)).to_be_visible()
    page.screenshot(path=tmp_path / f"preview-{device}.png", full_page=True)
    no_sideways_scroll(page, "preview")
    page.go_back()
    expect(page).to_have_url(detail_url)

    # the Word document: made by a task (inline in tests), followed by document-progress.js
    page.get_by_role("button", name="Get the Word document").click()
    expect(page.get_by_role("heading", name="Job description", level=1)).to_be_visible()
    download_link = page.get_by_role("link", name="Download (.docx)")
    expect(download_link).to_be_visible()
    page.screenshot(path=tmp_path / f"document-{device}.png", full_page=True)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"{job.slug}.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    document = docx.Document(saved)
    assert TEMPLATE in [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "What you'll do" in headings
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert practice.name in header

    assert page_problems == []
