"""Feed builds on a real Celery worker on Redis: a burst of edits makes a few builds, and a
broker outage delays the feeds without failing the edit."""

from __future__ import annotations

import socket
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from hiring.celery import app
from jobs.models import Board, Feed
from jobs.services import job_publish, job_update
from jobs.syndication import feeds
from tests.jobs.careers_helpers import published_job
from tests.jobs.feed_helpers import boards_on, parse, raw
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def builds(monkeypatch) -> Counter:
    """Feed id → how many times its XML was written (the worker runs in this process)."""
    counted: Counter = Counter()
    write = feeds._write

    def counting(feed, out):
        counted[feed.pk] += 1
        return write(feed, out)

    monkeypatch.setattr(feeds, "_write", counting)
    return counted


def _all_fresh() -> bool:
    return not Feed.objects.filter(stale_since__isnull=False).exists()


def _titles(feed: Feed) -> list[str]:
    return [job.findtext("title") for job in parse(raw(feed)).iterfind("job")]


def test_fifty_quick_edits_make_a_few_builds(worker, practice, manager, builds, settings):
    settings.FEED_COALESCE_SECONDS = 2
    boards_on(practice, Board.INDEED)
    job = published_job(practice, title="Nurse")

    with scope(practice=practice):
        for n in range(50):
            job_update(job=job, actor=manager, fields={"title": f"Nurse {n}"})

    assert wait_for(_all_fresh, timeout=30)
    rows = list(Feed.objects.all())
    assert {(feed.practice_id, feed.kind) for feed in rows} == {
        (practice.pk, "indeed"), (practice.pk, "sitemap"), (None, "indeed")}
    assert all(1 <= builds[feed.pk] <= 4 for feed in rows), builds
    for feed in rows:
        assert feed.built_changes == feed.changes == 50
        if feed.kind == "indeed":
            assert _titles(feed) == ["Nurse 49"]


def test_with_the_broker_down_publishing_succeeds_and_the_sweeper_builds_later(
        queue_mode, practice, manager, settings):
    with socket.socket() as probe:  # an address where nothing listens
        probe.bind(("127.0.0.1", 0))
        app.conf.broker_url = f"redis://127.0.0.1:{probe.getsockname()[1]}/0"
    boards_on(practice, Board.INDEED)
    job = published_job(practice, title="Nurse", status="draft")

    started = time.monotonic()
    with scope(practice=practice):
        job_publish(job=job, actor=manager)
    elapsed = time.monotonic() - started

    assert elapsed < 3, f"publishing took {elapsed:.1f}s with the broker down"
    assert Feed.objects.filter(stale_since__isnull=False).count() == 3
    app.conf.broker_url = settings.CELERY_BROKER_URL  # the broker is back
    Feed.objects.update(stale_since=timezone.now() - timedelta(minutes=10))
    with celery_worker():
        assert feeds.sweep() == 3
        assert wait_for(_all_fresh)
    assert _titles(Feed.objects.get(practice=None, kind="indeed")) == ["Nurse"]
