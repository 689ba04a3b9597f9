"""The public careers site: the list of open jobs, its filters, and one job's page."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from jobs.models import EmploymentType, Job, WorkplaceType
from jobs.services import practice_today
from tests.factories import JobFactory, LocationFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def _job(practice, **fields) -> Job:
    fields.setdefault("status", Job.Status.PUBLISHED)
    if fields["status"] != Job.Status.DRAFT:
        fields.setdefault("first_published_at", timezone.now() - timedelta(days=3))
        fields.setdefault("published_at", fields["first_published_at"])
    with scopes_disabled():
        return JobFactory(practice=practice, **fields)


def _home(client, practice, **query):
    return client.get(reverse("careers:home", kwargs={"practice": practice.slug}), query)


def _page(client, job, **query):
    return client.get(reverse("careers:job", kwargs={"practice": job.practice.slug,
                                                     "job_slug": job.slug}), query)


def _apply_path(job) -> str:
    return f"/careers/{job.practice.slug}/jobs/{job.slug}/apply/"


class _Head(HTMLParser):
    """The <title>, <meta> and <link> tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (key := a.get("property") or a.get("name")):
            self.meta[key] = a.get("content", "")
        elif tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href", "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _head(response) -> _Head:
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


# --- The list of open jobs ------------------------------------------------------------------

def test_it_lists_only_the_open_jobs_of_this_practice(client, practice, other_practice):
    today = practice_today(practice)
    _job(practice, title="Open Nurse")
    _job(practice, title="Closing Today Biller", closes_on=today)
    _job(practice, title="Draft Scribe", status=Job.Status.DRAFT)
    _job(practice, title="Paused Coder", status=Job.Status.PAUSED)
    _job(practice, title="Closed Manager", status=Job.Status.CLOSED)
    _job(practice, title="Expired Receptionist", closes_on=today - timedelta(days=1))
    _job(other_practice, title="Lakeview Hygienist")

    response = _home(client, practice)

    assert response.status_code == 200
    titles = [job.title for job in response.context["jobs"]]
    assert sorted(titles) == ["Closing Today Biller", "Open Nurse"]
    html = response.content.decode()
    for hidden in ("Draft Scribe", "Paused Coder", "Closed Manager", "Expired Receptionist",
                   "Lakeview Hygienist"):
        assert hidden not in html


def test_a_job_row_shows_title_place_type_pay_and_link(client, practice):
    job = _job(practice, title="Medical Assistant", employment_type=EmploymentType.PART_TIME)

    html = _home(client, practice).content.decode()

    assert "Medical Assistant" in html
    assert "Springfield, IL" in html
    assert "Part-time" in html
    assert "$19.00 \N{EN DASH} $24.50 per hour" in html
    assert f'href="/careers/riverside/jobs/{job.slug}/"' in html


def test_it_shows_the_practice_intro_as_escaped_paragraphs(client, practice):
    with scopes_disabled():
        practice.careers_intro = "We care for families.\n\nWe <b>value</b> our team."
        practice.save()

    html = _home(client, practice).content.decode()

    assert "<p>We care for families.</p>" in html
    assert "We &lt;b&gt;value&lt;/b&gt; our team." in html


def test_it_filters_by_employment_type(client, practice):
    _job(practice, title="Day Nurse", employment_type=EmploymentType.FULL_TIME)
    _job(practice, title="Weekend Nurse", employment_type=EmploymentType.PER_DIEM)

    response = _home(client, practice, employment_type="per_diem")

    assert [j.title for j in response.context["jobs"]] == ["Weekend Nurse"]
    assert 'name="employment_type"' in response.content.decode()


def test_it_filters_by_workplace_type(client, practice):
    _job(practice, title="Clinic Biller", workplace_type=WorkplaceType.ON_SITE)
    _job(practice, title="Remote Coder", workplace_type=WorkplaceType.REMOTE)

    response = _home(client, practice, workplace_type="remote")

    assert [j.title for j in response.context["jobs"]] == ["Remote Coder"]


def test_it_filters_by_site_or_main_office(client, practice):
    with scopes_disabled():
        site = LocationFactory(practice=practice, name="Eastside office")
    _job(practice, title="Main Nurse")
    _job(practice, title="Eastside Nurse", location=site)

    at_site = _home(client, practice, location=str(site.public_id))
    at_main = _home(client, practice, location="main")

    assert [j.title for j in at_site.context["jobs"]] == ["Eastside Nurse"]
    assert [j.title for j in at_main.context["jobs"]] == ["Main Nurse"]
    assert "Eastside office, Springfield" in at_site.content.decode()


def test_an_unknown_filter_value_is_ignored(client, practice):
    _job(practice, title="Nurse")

    response = _home(client, practice, location="not-a-uuid", employment_type="astronaut")

    assert response.status_code == 200
    assert [j.title for j in response.context["jobs"]] == ["Nurse"]


def test_search_matches_title_or_department_word_by_word(client, practice):
    _job(practice, title="Front Desk Coordinator", department="Front office")
    _job(practice, title="Nurse Practitioner", department="Clinical")
    _job(practice, title="Medical Biller", department="Billing office")

    by_title = _home(client, practice, q="desk coordinator")
    by_department = _home(client, practice, q="CLINICAL")

    assert [j.title for j in by_title.context["jobs"]] == ["Front Desk Coordinator"]
    assert [j.title for j in by_department.context["jobs"]] == ["Nurse Practitioner"]


def test_filters_are_hidden_when_they_would_not_narrow_anything(client, practice):
    _job(practice, title="Nurse")
    _job(practice, title="Biller")

    html = _home(client, practice).content.decode()

    assert 'role="search"' not in html
    assert 'name="employment_type"' not in html


def test_the_search_box_appears_on_a_long_list(client, practice):
    for n in range(6):
        _job(practice, title=f"Nurse {n}")

    html = _home(client, practice).content.decode()

    assert 'name="q"' in html
    assert 'name="employment_type"' not in html  # all of one type: nothing to choose


def test_an_empty_list_says_so_and_offers_the_practice_contact(client, practice):
    with scopes_disabled():
        practice.phone, practice.website = "(217) 555-0100", "https://riverside.example"
        practice.save()

    response = _home(client, practice)

    html = response.content.decode()
    assert "No open positions right now — check back soon." in html
    assert 'href="tel:(217)555-0100"' in html
    assert 'href="https://riverside.example"' in html
    assert "No job matches your filters" not in html


def test_an_empty_list_without_contact_details_shows_no_contact_buttons(client, practice):
    html = _home(client, practice).content.decode()

    assert "No open positions right now — check back soon." in html
    assert 'href="tel:' not in html


def test_no_match_has_its_own_message_and_a_reset_link(client, practice):
    _job(practice, title="Nurse", employment_type=EmploymentType.FULL_TIME)
    _job(practice, title="Biller", employment_type=EmploymentType.PART_TIME)

    html = _home(client, practice, employment_type="full_time", q="surgeon").content.decode()

    assert "No job matches your filters." in html
    assert "No open positions right now" not in html
    assert 'href="/careers/riverside/"' in html


def test_the_list_page_runs_the_same_queries_for_3_and_15_jobs(client, practice):
    with scopes_disabled():
        site = LocationFactory(practice=practice)
    for n in range(3):
        _job(practice, location=site if n % 2 else None)
    with CaptureQueriesContext(connection) as few:
        _home(client, practice)
    for n in range(12):
        _job(practice, location=site if n % 2 else None)

    with CaptureQueriesContext(connection) as many:
        response = _home(client, practice)

    assert len(response.context["jobs"]) == 15
    assert len(many) == len(few)


def test_job_links_keep_the_board_attribution(client, practice):
    job = _job(practice)

    html = _home(client, practice, source="indeed").content.decode()

    assert f'href="/careers/riverside/jobs/{job.slug}/?source=indeed"' in html


def test_the_list_has_a_canonical_link_and_open_graph_tags(client, practice, settings):
    settings.SITE_URL = "https://careers.example.com"
    with scopes_disabled():
        practice.careers_intro = "A friendly family practice."
        practice.save()

    head = _head(_home(client, practice, source="indeed"))

    assert head.title == "Careers — Riverside Family Practice"
    assert head.links["canonical"] == "https://careers.example.com/careers/riverside/"
    assert head.meta["og:url"] == head.links["canonical"]
    assert head.meta["og:title"] == "Careers — Riverside Family Practice"
    assert head.meta["og:description"] == "A friendly family practice."
    assert head.meta["og:site_name"] == "Riverside Family Practice"
    assert head.meta["og:type"] == "website"


def test_an_inactive_practice_has_no_careers_site(client):
    with scopes_disabled():
        gone = PracticeFactory(slug="closed-clinic", is_active=False)

    assert _home(client, gone).status_code == 404


# --- One job's page -------------------------------------------------------------------------

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
        practice.logo.save("logo.png", _png(), save=True)
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


def _png() -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "#1d4ed8").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())
