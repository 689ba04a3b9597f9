"""Fetching the feeds: served from the stored file, conditional GET, each fetch recorded, a
few queries per poll, and a board's link credited all the way to the application."""

from __future__ import annotations

import gzip
import re
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from candidates.models import Application
from jobs.models import Board, Feed, FeedFetch
from jobs.syndication import feeds, fetch_log
from tests.candidates.files import pdf_upload
from tests.factories import PracticeFactory
from tests.jobs.careers_helpers import published_job
from tests.jobs.feed_helpers import boards_on, parse

pytestmark = pytest.mark.django_db

PRACTICE_FEEDS = ["careers:feed-indeed", "careers:feed-ziprecruiter", "careers:feed-generic",
                  "careers:sitemap"]
DEPLOYMENT_FEEDS = ["feeds:indeed", "feeds:ziprecruiter", "feeds:generic"]


@pytest.fixture
def posting(practice):
    boards_on(practice, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC)
    published_job(practice, title="Medical Assistant")
    return practice


def _url(name: str, practice=None) -> str:
    return reverse(name, kwargs={"practice": practice.slug} if practice else None)


def _fetch(client, url: str, **headers):
    """GET the URL and read the whole body into `response.body` (reading a file response to
    its end closes the file, as a WSGI server would)."""
    response = client.get(url, **headers)
    response.body = (b"".join(response.streaming_content) if response.streaming
                     else response.content)
    return response


def _rebuild(kind: str, practice=None) -> Feed:
    return feeds.build(feeds.feed_get(practice=practice, kind=kind), force=True)


@pytest.mark.parametrize("name", PRACTICE_FEEDS)
def test_a_practice_feed_is_served_as_cacheable_xml(client, posting, name):
    response = _fetch(client, _url(name, posting))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert re.fullmatch(r'"[0-9a-f]{64}"', response["ETag"])
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=300"
    body = response.body
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    assert b"medical-assistant" in body
    parse(body)


@pytest.mark.parametrize("name", DEPLOYMENT_FEEDS)
def test_a_deployment_feed_is_served_with_every_posting_practice(client, posting, name):
    other = PracticeFactory(name="Lakeview Dental")
    boards_on(other, Board.INDEED, Board.ZIPRECRUITER, Board.GENERIC)
    published_job(other, title="Hygienist")

    response = _fetch(client, _url(name))

    assert response.status_code == 200
    root = parse(response.body)
    assert {job.findtext("company") for job in root.iterfind("job")} == {
        "Riverside Family Practice", "Lakeview Dental"}


@pytest.mark.parametrize("name", ["careers:feed-indeed", "careers:feed-ziprecruiter",
                                  "careers:feed-generic"])
def test_a_board_the_practice_does_not_post_to_has_no_feed(client, practice, name):
    published_job(practice)

    assert _fetch(client, _url(name, practice)).status_code == 404
    assert _fetch(client, _url("careers:sitemap", practice)).status_code == 200  # always there
    assert not FeedFetch.objects.filter(feed__kind=name.split("-")[-1]).exists()


def test_an_inactive_practice_has_no_feeds(client, posting):
    with scopes_disabled():
        posting.is_active = False
        posting.save()

    assert _fetch(client, _url("careers:feed-indeed", posting)).status_code == 404


def test_feeds_answer_get_and_head_only(client, posting):
    url = _url("careers:feed-indeed", posting)
    size = len(_fetch(client, url).body)

    head = client.head(url)

    assert head.status_code == 200
    assert int(head["Content-Length"]) == size
    assert client.post(url).status_code == 405


def test_a_board_that_has_this_version_gets_304(client, posting):
    url = _url("careers:feed-indeed", posting)
    first = _fetch(client, url)

    by_etag = _fetch(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = _fetch(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag["ETag"] == first["ETag"]
    assert by_etag.content == b""


def test_a_changed_feed_is_sent_again(client, posting):
    url = _url("careers:feed-indeed", posting)
    first = _fetch(client, url)
    with time_machine.travel(datetime.now(tz=UTC) + timedelta(minutes=5)):
        published_job(posting, title="Scribe")
        _rebuild("indeed", posting)

        by_etag = _fetch(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = _fetch(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert (by_etag.status_code, by_date.status_code) == (200, 200)
    assert by_etag["ETag"] != first["ETag"]
    assert b"Scribe" in by_etag.body


def test_an_unchanged_rebuild_keeps_the_etag(client, posting):
    url = _url("careers:feed-indeed", posting)
    first = _fetch(client, url)
    _rebuild("indeed", posting)

    assert _fetch(client, url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_every_fetch_is_recorded_with_the_user_agent(client, posting):
    url = _url("careers:feed-indeed", posting)
    first = _fetch(client, url, HTTP_USER_AGENT="Indeed Feed Crawler")
    _fetch(client, url, HTTP_USER_AGENT="x" * 400, HTTP_IF_NONE_MATCH=first["ETag"])
    _fetch(client, _url("feeds:indeed"), HTTP_USER_AGENT="ZipRecruiter")

    assert fetch_log.flush() == 3
    fetches = list(FeedFetch.objects.order_by("pk").values_list(
        "feed__kind", "feed__practice", "practice", "user_agent", "status_code"))
    assert fetches == [("indeed", posting.pk, posting.pk, "Indeed Feed Crawler", 200),
                       ("indeed", posting.pk, posting.pk, "x" * 300, 304),
                       ("indeed", None, None, "ZipRecruiter", 200)]


@pytest.mark.parametrize("name", ["careers:feed-indeed", "feeds:indeed", "careers:sitemap"])
def test_a_poll_costs_a_few_queries_whatever_the_number_of_jobs(client, posting, name):
    url = _url(name, posting if name.startswith("careers") else None)
    _fetch(client, url)  # builds it
    with CaptureQueriesContext(connection) as queries:
        assert _fetch(client, url).status_code == 200
    few = len(queries)  # now: the next request clears the log it reads
    for _ in range(30):
        published_job(posting)
    _rebuild("sitemap" if "sitemap" in name else "indeed",
             posting if name.startswith("careers") else None)

    with CaptureQueriesContext(connection) as many:
        response = _fetch(client, url)

    assert len(response.body) > 30 * 100
    assert len(many) == few <= 3  # practice, board choice, feed; the visit goes to Redis


def test_a_feed_never_built_is_built_by_its_first_reader(client, posting):
    assert not Feed.objects.exists()

    response = _fetch(client, _url("feeds:indeed"))

    assert response.status_code == 200
    feed = Feed.objects.get(practice=None, kind="indeed")
    assert (feed.job_count, feed.stale_since) == (1, None)


def test_a_feed_file_lost_from_storage_is_built_again(client, posting):
    url = _url("careers:feed-indeed", posting)
    first = _fetch(client, url)
    default_storage.delete(Feed.objects.get(practice=posting, kind="indeed").file.name)

    again = _fetch(client, url)

    assert again.status_code == 200
    assert again.body == first.body
    assert default_storage.exists(Feed.objects.get(practice=posting, kind="indeed").file.name)


def test_a_board_link_credits_the_board_with_the_application(client, posting):
    """Follow the Indeed feed's link to the job page, its Apply link to the form, apply."""
    feed = parse(_fetch(client, _url("careers:feed-indeed", posting)).body)
    link = urlsplit(feed.findtext("job/url"))

    page = client.get(link.path, QUERY_STRING=link.query)
    apply_href = re.search(r'href="([^"]*/apply/[^"]*)"', page.content.decode())[1]
    apply_url = apply_href.replace("&amp;", "&")
    form = client.get(apply_url).content.decode()
    source = re.search(r'<option value="([^"]*)" selected', form)[1]
    response = client.post(apply_url, {
        "first_name": "Jordan", "last_name": "Rivera", "email": "jordan@example.test",
        "phone": "555-0100", "resume": pdf_upload(), "cover_letter": "", "source": source,
        "consent": "on", "submission_key": str(uuid.uuid4()), "website": ""})

    assert "?source=indeed" in apply_href
    assert response.status_code == 302
    with scopes_disabled():
        assert Application.objects.get().source == "indeed"



def test_a_board_that_takes_gzip_gets_the_compressed_copy(client, posting):
    url = _url("careers:feed-indeed", posting)
    plain = _fetch(client, url)

    packed = _fetch(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate")

    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body)
    assert "Accept-Encoding" in packed["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert packed["ETag"] != plain["ETag"]
    assert "Content-Encoding" not in plain
    again = _fetch(client, url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304
    refused = _fetch(client, url, HTTP_ACCEPT_ENCODING="gzip;q=0, identity")
    assert "Content-Encoding" not in refused
    assert refused.body == plain.body


def test_a_rebuild_replaces_the_gzip_copy_with_the_file(django_capture_on_commit_callbacks,
                                                         posting):
    before = _rebuild("indeed", posting).file.name
    assert default_storage.exists(feeds.gzip_name(before))
    published_job(posting, title="Dental Hygienist")

    with django_capture_on_commit_callbacks(execute=True):
        after = _rebuild("indeed", posting).file.name

    assert after != before
    assert default_storage.exists(feeds.gzip_name(after))
    assert not default_storage.exists(before)
    assert not default_storage.exists(feeds.gzip_name(before))


def test_without_its_gzip_copy_a_feed_is_served_plain(client, posting):
    feed = _rebuild("indeed", posting)
    default_storage.delete(feeds.gzip_name(feed.file.name))

    response = _fetch(client, _url("careers:feed-indeed", posting), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<source>" in response.body
