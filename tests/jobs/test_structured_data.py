"""Google's JobPosting JSON-LD (SPECS §1), read back from the rendered job page."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from jobs.models import Education, EmploymentType, PayUnit, WorkplaceType
from jobs.pay import pay_text
from jobs.services import practice_today
from jobs.structured_data import job_posting_ld
from tests.factories import LocationFactory
from tests.jobs.careers_helpers import published_job as _job

pytestmark = pytest.mark.django_db

LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER",
                    "PER_DIEM", "OTHER"}
UNIT_TEXTS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}


def _page(client, job, **query) -> str:
    response = client.get(reverse("careers:job", kwargs={"practice": job.practice.slug,
                                                         "job_slug": job.slug}), query)
    assert response.status_code == 200
    return response.content.decode()


def _ld(html: str) -> dict:
    scripts = LD_SCRIPT.findall(html)
    assert len(scripts) == 1, "one JobPosting per job page"
    return json.loads(scripts[0])


@pytest.fixture
def live_job(practice):
    return _job(practice, title="Medical Assistant", employment_type=EmploymentType.FULL_TIME,
                closes_on=practice_today(practice) + timedelta(days=30),
                education=Education.HIGH_SCHOOL, experience_months=12)


def test_the_job_page_carries_every_required_property(client, live_job):
    ld = _ld(_page(client, live_job))

    assert ld["@context"] == "https://schema.org/"
    assert ld["@type"] == "JobPosting"
    assert ld["title"] == "Medical Assistant"
    assert "<li>Room patients and record vitals</li>" in ld["description"]
    assert ld["description"] != ld["title"]
    assert ld["datePosted"] == timezone.localtime(
        live_job.first_published_at, ZoneInfo("America/Chicago")).date().isoformat()
    assert ld["hiringOrganization"] == {"@type": "Organization",
                                        "name": "Riverside Family Practice"}
    assert ld["jobLocation"] == {"@type": "Place", "address": {
        "@type": "PostalAddress", "streetAddress": "12 Main Street",
        "addressLocality": "Springfield", "addressRegion": "IL", "postalCode": "62701",
        "addressCountry": "US"}}


def test_date_posted_is_the_day_of_first_publication_where_the_practice_is(practice):
    # 03:00 UTC on March 2nd is still March 1st in Springfield, IL
    job = _job(practice, first_published_at=datetime(2025, 3, 2, 3, 0, tzinfo=UTC),
               published_at=datetime(2025, 6, 1, 12, 0, tzinfo=UTC))

    assert job_posting_ld(job, url="https://x.test/")["datePosted"] == "2025-03-01"


def test_the_description_is_the_sections_html_and_nothing_else(client, live_job):
    ld = _ld(_page(client, live_job))

    assert ld["description"] == live_job.about + live_job.responsibilities + (
        live_job.qualifications)


def test_the_job_page_carries_the_recommended_properties_we_have(client, live_job):
    ld = _ld(_page(client, live_job))

    assert ld["employmentType"] in EMPLOYMENT_TYPES
    assert ld["employmentType"] == "FULL_TIME"
    assert ld["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "minValue": 19.0, "maxValue": 24.5, "unitText": "HOUR"}}
    assert ld["identifier"] == {"@type": "PropertyValue", "name": "Riverside Family Practice",
                                "value": str(live_job.public_id)}
    assert ld["directApply"] is True
    assert ld["educationRequirements"] == {"@type": "EducationalOccupationalCredential",
                                           "credentialCategory": "high school"}
    assert ld["experienceRequirements"] == {"@type": "OccupationalExperienceRequirements",
                                            "monthsOfExperience": 12}


def test_valid_through_is_the_end_of_the_closing_day_where_the_practice_is(client, live_job):
    ld = _ld(_page(client, live_job))

    valid_through = datetime.fromisoformat(ld["validThrough"])
    assert valid_through.utcoffset() is not None
    assert valid_through.date() == live_job.closes_on
    assert (valid_through.hour, valid_through.minute, valid_through.second) == (23, 59, 59)
    assert valid_through > timezone.now()  # a live job's posting has not expired
    assert ld["validThrough"].endswith(("-05:00", "-06:00"))  # America/Chicago


def test_a_job_without_a_closing_date_has_no_valid_through(client, practice):
    ld = _ld(_page(client, _job(practice)))

    assert "validThrough" not in ld


def test_the_pay_on_the_page_is_the_base_salary(client, practice):
    job = _job(practice, pay_min=Decimal("65000"), pay_max=Decimal("80000"),
               pay_unit=PayUnit.YEAR)
    html = _page(client, job)

    value = _ld(html)["baseSalary"]["value"]
    shown = pay_text(Decimal(str(value["minValue"])), Decimal(str(value["maxValue"])),
                     value["unitText"].lower(), "USD")
    assert shown == "$65,000 \N{EN DASH} $80,000 per year"
    assert shown in html
    assert value["unitText"] in UNIT_TEXTS


def test_a_single_pay_figure_is_a_value(practice):
    job = _job(practice, pay_min=Decimal("24"), pay_max=Decimal("24"))

    value = job_posting_ld(job, url="https://x.test/")["baseSalary"]["value"]

    assert value == {"@type": "QuantitativeValue", "value": 24.0, "unitText": "HOUR"}


def test_a_job_without_pay_has_no_base_salary(practice):
    job = _job(practice, pay_min=None, pay_max=None)

    assert "baseSalary" not in job_posting_ld(job, url="https://x.test/")


@pytest.mark.parametrize(("ours", "google"), [
    (EmploymentType.FULL_TIME, "FULL_TIME"), (EmploymentType.PART_TIME, "PART_TIME"),
    (EmploymentType.CONTRACT, "CONTRACTOR"), (EmploymentType.TEMPORARY, "TEMPORARY"),
    (EmploymentType.PER_DIEM, "PER_DIEM"), (EmploymentType.INTERNSHIP, "INTERN"),
])
def test_employment_types_map_to_googles_enum(practice, ours, google):
    job = _job(practice, employment_type=ours)

    assert job_posting_ld(job, url="https://x.test/")["employmentType"] == google


def test_optional_requirements_are_left_out_when_not_set(practice):
    job = _job(practice, education=Education.NONE, experience_months=0)

    ld = job_posting_ld(job, url="https://x.test/")

    assert "educationRequirements" not in ld
    assert "experienceRequirements" not in ld


def test_a_remote_job_names_where_applicants_may_live_instead_of_an_office(client, practice):
    job = _job(practice, workplace_type=WorkplaceType.REMOTE)

    ld = _ld(_page(client, job))

    assert ld["jobLocationType"] == "TELECOMMUTE"
    assert ld["applicantLocationRequirements"] == {"@type": "State", "name": "IL"}
    assert "jobLocation" not in ld


def test_a_remote_job_of_a_practice_without_a_state_is_open_to_its_country(practice):
    with scopes_disabled():
        practice.state = ""
        practice.save()
    job = _job(practice, workplace_type=WorkplaceType.REMOTE)

    ld = job_posting_ld(job, url="https://x.test/")

    assert ld["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}


def test_a_job_at_a_site_is_located_there(client, practice):
    with scopes_disabled():
        site = LocationFactory(practice=practice, street="500 East Avenue",
                               postal_code="62702")
    job = _job(practice, location=site)

    address = _ld(_page(client, job))["jobLocation"]["address"]

    assert address["streetAddress"] == "500 East Avenue"
    assert address["postalCode"] == "62702"
    assert address["addressCountry"] == "US"


def test_the_organization_links_the_website_and_an_absolute_logo(client, practice, settings):
    settings.SITE_URL = "https://careers.example.com"
    with scopes_disabled():
        practice.website = "https://riverside.example"
        practice.logo.name = "practices/logo.png"
        practice.save()
    job = _job(practice)

    organization = _ld(_page(client, job, source="indeed"))["hiringOrganization"]

    assert organization["sameAs"] == "https://riverside.example"
    assert organization["logo"] == "https://careers.example.com/media/practices/logo.png"


def test_the_posting_url_is_the_canonical_one(client, practice, settings):
    settings.SITE_URL = "https://careers.example.com"
    job = _job(practice)

    ld = _ld(_page(client, job, source="indeed"))

    assert ld["url"] == f"https://careers.example.com/careers/riverside/jobs/{job.slug}/"


def test_job_text_cannot_close_the_script_element(client, practice):
    attack = '</script><script>alert(1)</script>'
    job = _job(practice, title=f'Nurse "RN" {attack}',
               # as the editor stores typed text: escaped, inside a paragraph
               about='<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; and "quotes" '
                     '&amp; more</p>')
    html = _page(client, job)

    ld = _ld(html)

    assert ld["title"] == f'Nurse "RN" {attack}'
    assert ld["description"].startswith(job.about)
    assert "</script><script>alert" not in html
    raw = LD_SCRIPT.search(html).group(1)
    assert "<" not in raw
    assert ">" not in raw
    assert "&" not in raw


def test_ld_json_escapes_markup_characters():
    rendered = Template("{% load jobs_tags %}{{ data|ld_json }}").render(
        Context({"data": {"text": "a</script>&<b>é"}}))

    assert rendered == ('<script type="application/ld+json">'
                        '{"text": "a\\u003c/script\\u003e\\u0026\\u003cb\\u003eé"}</script>')
    assert json.loads(LD_SCRIPT.search(rendered).group(1)) == {"text": "a</script>&<b>é"}


def test_no_markup_on_the_list_page(client, practice):
    _job(practice)

    html = client.get(reverse("careers:home", kwargs={"practice": practice.slug})).content
    assert b"application/ld+json" not in html
