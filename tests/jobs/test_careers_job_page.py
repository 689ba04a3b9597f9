"""The public careers site: one job's page, open or no longer taking applications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs.models import Job
from jobs.services import practice_today
from tests.jobs.careers_helpers import head_of as _head
from tests.jobs.careers_helpers import png
from tests.jobs.careers_helpers import published_job as _job

pytestmark = pytest.mark.django_db


def _page(client, job, **query):
    return client.get(reverse("careers:job", kwargs={"practice": job.practice.slug,
                                                     "job_slug": job.slug}), query)


def _apply_path(job) -> str:
    return f"/careers/{job.practice.slug}/jobs/{job.slug}/apply/"


def test_an_open_job_shows_the_posting_and_an_apply_button(client, practice):
    job = _job(practice, title="Medical Assistant", closes_on=practice_today(practice)
               + timedelta(days=10))

    response = _page(client, job)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Room patients and record vitals" in html
    assert "$19.00 \N{EN DASH} $24.50 per hour" in html
    assert "Springfield, IL" in html
    assert "Full-time" in html
    assert job.closes_on.strftime("%B %-d, %Y") in html
    assert html.count(f'href="{_apply_path(job)}"') == 2  # in the header and the sticky bar
    assert 'class="apply-bar"' in html
    assert 'name="robots"' not in html


def test_a_draft_is_not_found(client, practice):
    job = _job(practice, status=Job.Status.DRAFT)

    assert _page(client, job).status_code == 404


def test_an_unknown_slug_is_not_found(client, practice):
    response = client.get(reverse("careers:job", kwargs={"practice": practice.slug,
                                                         "job_slug": "no-such-job"}))

    assert response.status_code == 404


def test_another_practices_job_is_not_found_here(client, practice, other_practice):
    theirs = _job(other_practice, slug="hygienist")

    response = client.get(reverse("careers:job", kwargs={"practice": practice.slug,
                                                         "job_slug": theirs.slug}))

    assert response.status_code == 404


@pytest.mark.parametrize("fields", [
    {"status": Job.Status.PAUSED},
    {"status": Job.Status.CLOSED},
    {"closes_on": "yesterday"},
], ids=["paused", "closed", "expired"])
def test_a_job_no_longer_taking_applications_says_so(client, practice, fields):
    if fields.get("closes_on") == "yesterday":
        fields = {"closes_on": practice_today(practice) - timedelta(days=1)}
    job = _job(practice, **fields)

    response = _page(client, job, source="indeed")

    html = response.content.decode()
    assert response.status_code == 200
    assert "This job is no longer taking applications." in html
    assert "/apply/" not in html
    assert 'class="apply-bar"' not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "application/ld+json" not in html
    assert 'href="/careers/riverside/"' in html


def test_the_apply_link_carries_the_source_of_the_visit(client, practice):
    job = _job(practice)

    html = _page(client, job, source="indeed", utm_source="newsletter", other="x").content.decode()

    assert f'href="{_apply_path(job)}?source=indeed&amp;utm_source=newsletter"' in html


def test_the_job_page_has_canonical_open_graph_and_twitter_tags(client, practice, settings):
    settings.SITE_URL = "https://careers.example.com"
    with scopes_disabled():
        practice.logo.save("logo.png", png(), save=True)
    job = _job(practice, title="Medical Assistant",
               about="<p>" + "Friendly clinic needs you. " * 20 + "</p>")

    head = _head(_page(client, job, source="indeed"))

    url = f"https://careers.example.com/careers/riverside/jobs/{job.slug}/"
    assert head.title == "Medical Assistant — Riverside Family Practice"
    assert head.links["canonical"] == url
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "website"
    assert head.meta["og:title"] == "Medical Assistant — Riverside Family Practice"
    assert head.meta["og:description"].startswith("Friendly clinic needs you.")
    assert len(head.meta["og:description"]) <= 200
    assert head.meta["og:image"].startswith("https://careers.example.com/")
    assert head.meta["og:image"].endswith(".png")
    assert head.meta["og:site_name"] == "Riverside Family Practice"
    assert head.meta["twitter:card"] == "summary"


def test_absolute_links_ignore_the_host_header(client, practice, settings):
    settings.SITE_URL = "https://careers.example.com"
    settings.ALLOWED_HOSTS = ["*"]
    job = _job(practice)

    head = _head(client.get(f"/careers/riverside/jobs/{job.slug}/", HTTP_HOST="evil.example"))

    assert head.links["canonical"].startswith("https://careers.example.com/")


def test_the_staff_preview_still_renders_the_posting(manager_client, practice):
    job = _job(practice, status=Job.Status.DRAFT)

    response = manager_client.get(reverse("jobs:job-preview", kwargs={
        "practice": practice.slug, "job_id": job.public_id}))

    assert response.status_code == 200
    assert "Room patients and record vitals" in response.content.decode()
    assert "jobs/_posting.html" in [t.name for t in response.templates]
