"""What the feeds say: each board's required elements, CDATA, which jobs, where they link."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django_scopes import scopes_disabled

from jobs.models import Board, EmploymentType, Job, JobBoardOptOut, WorkplaceType
from jobs.services import practice_today
from tests.factories import LocationFactory, PracticeFactory
from tests.jobs.careers_helpers import published_job
from tests.jobs.feed_helpers import (
    SITEMAP_NS,
    boards_on,
    built,
    feed_jobs,
    parse,
    raw,
    titles,
)

pytestmark = pytest.mark.django_db

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
BOARD_FEEDS = [("indeed", Board.INDEED), ("ziprecruiter", Board.ZIPRECRUITER),
               ("generic", Board.GENERIC)]
# SPECS 2.3, 3.1 and 3.2: the elements each board requires, and those that must not be empty
REQUIRED = {
    "indeed": ["title", "date", "referencenumber", "requisitionid", "url", "company",
               "sourcename", "city", "state", "country", "postalcode", "streetaddress",
               "description", "salary", "jobtype"],
    "ziprecruiter": ["title", "date", "referencenumber", "url", "company", "city", "state",
                     "postalcode", "country", "description"],
    "generic": ["referencenumber", "title", "company", "city", "state", "country",
                "postalcode", "dateposted", "url", "description"],
}


@pytest.fixture
def posting(practice):
    boards_on(practice, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC)
    return practice


@pytest.mark.parametrize(("kind", "board"), BOARD_FEEDS)
def test_each_feed_has_every_element_its_board_requires(posting, kind, board):
    published_job(posting, title="Medical Assistant")

    root = parse(raw(built(kind)))

    assert root.tag == "source"
    assert root.findtext("publisher") == "Hiring"
    assert root.findtext("publisherurl") == "http://127.0.0.1:8000"
    [job] = feed_jobs(kind)
    for tag in REQUIRED[kind]:
        assert job.get(tag), f"<{tag}> missing or empty in the {kind} feed"
    assert len(job["description"]) >= 50  # Talent.com's minimum


def test_the_indeed_job_reads_as_the_page_does(posting):
    with scopes_disabled():
        posting.email = "jobs@riverside.test"
        posting.save()
    job = published_job(posting, title="Medical Assistant", department="Clinical",
                        employment_type=EmploymentType.PER_DIEM, education="high school",
                        experience_months=18, closes_on=date(2099, 11, 9),
                        first_published_at=datetime(2025, 3, 1, 14, 30, tzinfo=UTC))

    [item] = feed_jobs("indeed")

    assert item["date"] == "2025-03-01T14:30:00Z"
    assert item["referencenumber"] == f"{job.public_id}-main"
    assert item["requisitionid"] == str(job.public_id)
    assert (item["company"], item["sourcename"]) == ("Riverside Family Practice",) * 2
    assert (item["streetaddress"], item["city"], item["state"], item["postalcode"],
            item["country"]) == ("12 Main Street", "Springfield", "IL", "62701", "US")
    assert item["email"] == "jobs@riverside.test"
    assert item["salary"] == "$19.00 - $24.50 per hour"
    assert (item["jobtype"], item["category"]) == ("perdiem", "Clinical")
    assert (item["education"], item["experience"]) == ("High school diploma",
                                                       "At least 18 months")
    assert item["expirationdate"] == "Mon, 09 Nov 2099"
    assert ISO_UTC.match(item["date"])


def test_the_description_is_the_pages_sections_as_raw_html_in_cdata(posting):
    published_job(posting, about="<p>Tom &amp; Jerry&nbsp;care for 5 &lt; 6 patients.</p>",
                  responsibilities="<ul><li>Room patients</li></ul>", qualifications="")

    content = raw(built("indeed"))
    [item] = feed_jobs("indeed")

    assert item["description"] == ("<h2>About the role</h2><p>Tom & Jerry\N{NO-BREAK SPACE}"
                                   "care for 5 &lt; 6 patients.</p><h2>What you'll do</h2>"
                                   "<ul><li>Room patients</li></ul>")
    assert b"<description><![CDATA[<h2>About the role</h2>" in content
    assert b"&lt;h2" not in content


def test_text_holding_the_end_of_a_cdata_section_comes_back_whole(posting):
    published_job(posting, title="Nurse ]]> Lead",
                  about="<p>Ends early? ]]> No: " + "still inside the description. " * 3 + "</p>")

    content = raw(built("indeed"))
    [item] = feed_jobs("indeed")

    assert item["title"] == "Nurse ]]> Lead"
    assert "Ends early? ]]> No" in item["description"]
    assert b"]]]]><![CDATA[>" in content  # lxml split the section itself


def test_characters_xml_forbids_are_dropped_and_emoji_kept(posting):
    published_job(posting, title="Nurse\x0b\x1f \U0001fa7a\ufffe",
                  about="<p>Caring\x01 for kids \u2728 " + "and their families. " * 4 + "</p>")

    [item] = feed_jobs("generic")

    assert item["title"] == "Nurse \U0001fa7a"
    assert "Caring for kids \u2728" in item["description"]


@pytest.mark.parametrize("kind", ["indeed", "ziprecruiter", "generic"])
def test_only_live_jobs_of_active_practices_are_in_a_feed(posting, kind):
    today = practice_today(posting)
    published_job(posting, title="Open")
    published_job(posting, title="Closing today", closes_on=today)
    published_job(posting, title="Draft", status=Job.Status.DRAFT)
    published_job(posting, title="Paused", status=Job.Status.PAUSED)
    published_job(posting, title="Closed", status=Job.Status.CLOSED)
    published_job(posting, title="Expired", closes_on=today - timedelta(days=1))
    asleep = PracticeFactory(is_active=False)
    boards_on(asleep, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC)
    published_job(asleep, title="Asleep")
    published_job(PracticeFactory(), title="Not posting")

    assert titles(kind) == {"Open", "Closing today"}
    assert titles(kind, posting) == {"Open", "Closing today"}


def test_the_closing_day_ends_in_each_practices_own_time_zone():
    # 03:00 UTC on 2 March is still 1 March in Chicago and already 2 March in Tokyo
    chicago = PracticeFactory(timezone="America/Chicago")
    tokyo = PracticeFactory(timezone="Asia/Tokyo")
    boards_on(chicago, Board.INDEED)
    boards_on(tokyo, Board.INDEED)
    with time_machine.travel(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), tick=False):
        published_job(chicago, title="Chicago", closes_on=date(2026, 3, 1))
        published_job(tokyo, title="Tokyo", closes_on=date(2026, 3, 1))

        assert titles("indeed") == {"Chicago"}


@pytest.mark.parametrize(("kind", "board", "kept_off"), [
    ("indeed", Board.INDEED, False),  # Indeed takes every public job of a practice or none
    ("ziprecruiter", Board.ZIPRECRUITER, True),
    ("generic", Board.GENERIC, True),
])
def test_a_job_kept_off_a_board_is_left_out_except_by_indeed(posting, kind, board, kept_off):
    published_job(posting, title="Everywhere")
    elsewhere = published_job(posting, title="Kept off")
    with scopes_disabled():
        for other in (Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC):
            JobBoardOptOut.objects.create(practice=posting, job=elsewhere, board=other)

    expected = {"Everywhere"} if kept_off else {"Everywhere", "Kept off"}
    assert titles(kind) == expected
    assert titles(kind, posting) == expected


def test_the_deployment_feed_has_every_posting_practice(posting):
    lakeview = PracticeFactory(name="Lakeview Dental")
    boards_on(lakeview, Board.INDEED)
    published_job(posting, title="Medical Assistant")
    published_job(lakeview, title="Hygienist")

    jobs = feed_jobs("indeed")

    assert {(j["company"], j["title"]) for j in jobs} == {
        ("Riverside Family Practice", "Medical Assistant"), ("Lakeview Dental", "Hygienist")}
    assert titles("indeed", lakeview) == {"Hygienist"}


@pytest.mark.parametrize(("kind", "source"), [("indeed", "indeed"),
                                              ("ziprecruiter", "ziprecruiter"),
                                              ("generic", "jobfeed")])
def test_every_link_credits_the_board(posting, kind, source):
    jobs = [published_job(posting) for _ in range(3)]

    links = [urlsplit(item["url"]) for item in feed_jobs(kind)]

    assert sorted(link.path for link in links) == sorted(
        f"/careers/riverside/jobs/{job.slug}/" for job in jobs)
    assert all(parse_qs(link.query) == {"source": [source]} for link in links)


def test_a_job_at_another_site_has_that_sites_address_and_reference(posting):
    with scopes_disabled():
        site = LocationFactory(practice=posting, street="500 East Avenue", postal_code="62702")
    job = published_job(posting, location=site)

    [item] = feed_jobs("indeed")

    assert item["referencenumber"] == f"{job.public_id}-{site.public_id}"
    assert (item["streetaddress"], item["postalcode"]) == ("500 East Avenue", "62702")


def test_a_practice_without_an_address_and_a_remote_job_still_give_valid_feeds():
    bare = PracticeFactory(street="", city="", state="", postal_code="")
    boards_on(bare, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC)
    published_job(bare, title="Front desk", pay_min=None, pay_max=None)
    published_job(bare, title="Remote coder", workplace_type=WorkplaceType.REMOTE)

    for kind in ("indeed", "ziprecruiter", "generic"):
        jobs = {job["title"]: job for job in feed_jobs(kind, bare)}
        assert jobs["Front desk"]["country"] == "US"
        assert jobs["Front desk"]["salary"] == ""
        assert jobs["Remote coder"]["city"] == "Remote"
    indeed = {job["title"]: job for job in feed_jobs("indeed", bare)}
    remote = indeed["Remote coder"]
    assert (remote["state"], remote["postalcode"], remote["remotetype"]) == ("", "",
                                                                             "Fully remote")


def test_pay_with_one_end_reads_as_on_the_page(posting):
    published_job(posting, pay_min=Decimal("65000"), pay_max=None, pay_unit="year")

    [item] = feed_jobs("indeed")

    assert item["salary"] == "From $65,000 per year"


def test_the_sitemap_lists_the_careers_home_and_every_live_job(posting):
    published_job(posting, slug="nurse")
    kept_off = published_job(posting, slug="coder")
    published_job(posting, slug="draft", status=Job.Status.DRAFT)
    with scopes_disabled():
        JobBoardOptOut.objects.create(practice=posting, job=kept_off, board=Board.GOOGLE)
        Job.objects.filter(slug="nurse").update(updated_at=datetime(2099, 1, 2, tzinfo=UTC))

    root = parse(raw(built("sitemap", posting)))

    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod",
                                                                   namespaces=SITEMAP_NS)
            for u in root.iterfind("s:url", SITEMAP_NS)}
    base = "http://127.0.0.1:8000/careers/riverside/"
    assert set(urls) == {base, f"{base}jobs/nurse/", f"{base}jobs/coder/"}
    assert urls[f"{base}jobs/nurse/"] == "2099-01-02"
    assert urls[base] == "2099-01-02"  # the newest job's


def test_the_same_jobs_give_the_same_bytes(posting):
    published_job(posting)
    published_job(posting)

    first = built("indeed")
    second = built("indeed")

    assert (second.etag, second.file.name) == (first.etag, first.file.name)
    assert second.generated_at > first.generated_at
