"""An owner sends a job to Indeed, in a real browser on a desktop and on a phone: open a draft
job, turn Indeed on from the job's "Job boards" card, publish, see the job in (or joining)
Indeed's feed, then open the practice's Indeed feed address from the Job boards page and
find the job there; the job page then shows that visit. The staff pages are checked with
axe-core against WCAG 2.1 AA."""

from __future__ import annotations

import re

import pytest
from django_scopes import scopes_disabled
from lxml import etree
from playwright.sync_api import Page, expect

from jobs.models import Board, BoardAccount, Job
from jobs.syndication import fetch_log
from tests.e2e.steps import log_in, no_sideways_scroll, sidebar
from tests.factories import JobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Pediatric Medical Assistant"
LISTED = re.compile(r"^(In the feed\.|Joins the feed at the next build, within a minute\.)$")


def _assert_accessible(axe, page: Page, where: str) -> None:
    """No violation of WCAG 2.1 AA that axe-core can find, each one named if there are."""
    violations = axe(page)
    assert violations == [], f"{where} breaks WCAG 2.1 AA:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: {', '.join(v['nodes'])}"
        for v in violations)


@pytest.fixture
def draft(practice) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, title=TITLE)


def test_owner_sends_a_job_to_indeed_and_finds_it_in_the_feed(
        page: Page, device, live_server, practice, owner, draft, axe, tmp_path,
        page_problems):
    app_url = f"{live_server.url}/app/{practice.slug}/"
    log_in(page, live_server.url, owner.email)
    expect(page).to_have_url(app_url)

    # the draft's page: Indeed is off for the practice
    sidebar(page, device).get_by_role("link", name="Jobs").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    detail_url = page.url
    card = page.locator("#job-boards")
    indeed = card.locator('[data-board="indeed"]')
    expect(indeed.locator(".board-summary")).to_have_text("The practice does not post to Indeed.")
    expect(indeed).to_contain_text("Indeed takes every public job of the practice, or none.")
    _assert_accessible(axe, page, "job page")

    # Indeed on, for the whole practice, from the job's card
    indeed.get_by_role("button", name="Turn Indeed on for the practice").click()
    expect(page.get_by_role("status")).to_contain_text("Indeed is on")
    expect(page).to_have_url(f"{detail_url}#job-boards")
    expect(indeed.locator(".board-summary")).to_have_text(
        "Goes to Indeed while the job is published and open.")
    with scopes_disabled():
        assert BoardAccount.objects.get(practice=practice, board=Board.INDEED).enabled

    # published: the job is in Indeed's feed, or joins it within a minute
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Published. Applicants can find it now.")
    expect(indeed.locator(".board-summary")).to_have_text(LISTED)
    expect(indeed.get_by_role("button", name="Resend to Indeed")).to_be_visible()
    page.screenshot(path=tmp_path / f"job-boards-card-{device}.png", full_page=True)
    no_sideways_scroll(page, "job page")
    _assert_accessible(axe, page, "job page, published")

    # the practice's Indeed feed address, from the Job boards page
    card.get_by_role("link", name="All board settings").click()
    expect(page.get_by_role("heading", name="Job boards", level=1)).to_be_visible()
    feed_address = page.get_by_label("Feed address to give Indeed")
    expect(feed_address).to_have_value(
        f"{live_server.url}/careers/{practice.slug}/feeds/indeed.xml")
    page.screenshot(path=tmp_path / f"job-boards-page-{device}.png", full_page=True)
    no_sideways_scroll(page, "Job boards page")
    _assert_accessible(axe, page, "Job boards page")

    response = page.goto(feed_address.input_value())
    assert response is not None
    assert response.status == 200
    feed = etree.fromstring(response.body())
    assert [job.findtext("title") for job in feed.iter("job")] == [TITLE]

    # the visit is the proof a board came: the job page shows it once the worker's
    # minutely flush has saved it (polls write nothing themselves)
    fetch_log.flush()
    page.goto(detail_url)
    expect(indeed).to_contain_text("Last visit")
    expect(indeed.locator(".board-summary")).to_have_text(LISTED)

    assert page_problems == []
