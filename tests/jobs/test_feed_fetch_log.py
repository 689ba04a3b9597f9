"""A board's poll of a feed writes nothing to the database: the visit waits in Redis and a
worker's flush saves it, with the time the board came; a Redis outage loses visits, never
polls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import redis
import time_machine
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring.celery import app
from jobs.models import Board, Feed, FeedFetch
from jobs.syndication import fetch_log
from jobs.tasks import feed_fetches_flush
from tests.jobs.careers_helpers import published_job
from tests.jobs.feed_helpers import boards_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_url(practice) -> str:
    boards_on(practice, Board.INDEED)
    published_job(practice, title="Medical Assistant")
    return reverse("careers:feed-indeed", kwargs={"practice": practice.slug})


def _poll(client, url: str, agent: str = "Indeed Feed Crawler"):
    response = client.get(url, HTTP_USER_AGENT=agent)
    b"".join(response.streaming_content)  # read to the end, as a board does; closes the file
    return response


def test_a_poll_writes_nothing_to_the_database(client, feed_url):
    _poll(client, feed_url)  # the first poll builds the feed

    with CaptureQueriesContext(connection) as queries:
        assert _poll(client, feed_url).status_code == 200

    statements = [q["sql"].split()[0].upper() for q in queries]
    assert set(statements) == {"SELECT"}
    assert not FeedFetch.objects.exists()


def test_the_flush_saves_each_visit_with_the_time_the_board_came(client, feed_url, practice):
    with time_machine.travel(datetime(2026, 12, 7, 9, 30, tzinfo=UTC), tick=False):
        _poll(client, feed_url)
    with time_machine.travel(datetime(2026, 12, 7, 9, 45, tzinfo=UTC), tick=False):
        _poll(client, feed_url, agent="ZipRecruiter")

    saved = feed_fetches_flush()

    assert saved == 2
    assert list(FeedFetch.objects.order_by("fetched_at").values_list(
        "practice", "user_agent", "status_code", "fetched_at")) == [
        (practice.pk, "Indeed Feed Crawler", 200, datetime(2026, 12, 7, 9, 30, tzinfo=UTC)),
        (practice.pk, "ZipRecruiter", 200, datetime(2026, 12, 7, 9, 45, tzinfo=UTC))]
    assert feed_fetches_flush() == 0  # each visit is saved once


def test_a_poll_while_redis_is_down_still_gets_its_feed(client, feed_url, monkeypatch):
    _poll(client, feed_url)
    fetch_log.flush()

    def down(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(redis.client.Pipeline, "execute", down)
    response = _poll(client, feed_url)

    assert response.status_code == 200
    assert FeedFetch.objects.count() == 1  # the first visit only


def test_visits_flushed_while_the_database_is_down_wait_for_the_next_flush(
        client, feed_url, monkeypatch):
    _poll(client, feed_url)

    def down(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    with monkeypatch.context() as patched:
        patched.setattr(FeedFetch.objects, "bulk_create", down)
        with pytest.raises(DatabaseError):
            fetch_log.flush()

    assert fetch_log.flush() == 1


def test_the_list_is_capped_when_no_worker_flushes(client, feed_url, monkeypatch):
    monkeypatch.setattr(fetch_log, "MAX_QUEUED", 3)
    for agent in ["one", "two", "three", "four", "five"]:
        _poll(client, feed_url, agent=agent)

    fetch_log.flush()

    # the newest visits are kept
    assert sorted(FeedFetch.objects.values_list("user_agent", flat=True)) == [
        "five", "four", "three"]


def test_visits_of_a_feed_deleted_meanwhile_are_dropped(client, feed_url):
    _poll(client, feed_url)
    Feed.objects.all().delete()

    assert fetch_log.flush() == 0


def test_without_redis_a_visit_is_saved_at_once(client, feed_url, monkeypatch):
    # the embedded default: no Redis, and no worker to flush
    monkeypatch.setattr(fetch_log, "_client", lambda: None)

    _poll(client, feed_url)

    assert FeedFetch.objects.get().user_agent == "Indeed Feed Crawler"
    assert fetch_log.flush() == 0


def test_beat_flushes_the_visits_every_minute():
    entry = app.conf.beat_schedule["feed-fetches-flush"]

    assert entry == {"task": "jobs.tasks.feed_fetches_flush", "schedule": 60.0}
