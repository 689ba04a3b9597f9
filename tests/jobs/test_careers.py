"""The public careers site: the list of a practice's open jobs, its filters, empty states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs.models import EmploymentType, Job, WorkplaceType
from jobs.services import practice_today
from tests.factories import LocationFactory, PracticeFactory
from tests.jobs.careers_helpers import head_of as _head
from tests.jobs.careers_helpers import published_job as _job

pytestmark = pytest.mark.django_db


def _home(client, practice, **query):
    return client.get(reverse("careers:home", kwargs={"practice": practice.slug}), query)


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


def test_the_list_description_is_the_intro_as_typed_or_a_default(client, practice):
    bare = _head(_home(client, practice)).meta["og:description"]
    with scopes_disabled():
        practice.careers_intro = "We <3 our\n\npatients."
        practice.save()

    head = _head(_home(client, practice))

    assert bare == "Open positions at Riverside Family Practice."
    assert head.meta["og:description"] == "We <3 our patients."
    assert head.meta["description"] == "We <3 our patients."


def test_crawlers_may_ask_with_head(client, practice):
    job = _job(practice)

    assert client.head(f"/careers/riverside/jobs/{job.slug}/").status_code == 200
    assert client.head("/careers/riverside/").status_code == 200


def test_an_inactive_practice_has_no_careers_site(client):
    with scopes_disabled():
        gone = PracticeFactory(slug="closed-clinic", is_active=False)

    assert _home(client, gone).status_code == 404
