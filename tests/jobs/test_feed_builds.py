"""When feeds are built: marked stale by changes, one coalesced build, nothing lost to a
build in progress, a broker outage or a failure; expired jobs drop out on the hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from kombu.exceptions import OperationalError

from jobs.models import Board, BoardAccount, Feed, FeedFetch
from jobs.services import job_publish, job_update
from jobs.syndication import feeds, formats
from jobs.tasks import feed_build, feeds_expire, feeds_sweep
from tests.factories import PracticeFactory
from tests.jobs.careers_helpers import published_job
from tests.jobs.feed_helpers import boards_on, built, raw, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(practice):
    boards_on(practice, Board.INDEED)
    return practice


@pytest.fixture
def handed(monkeypatch) -> list[tuple[int, int]]:
    """(feed id, countdown) of every build handed to the broker; none runs."""
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(feed_build, "apply_async",
                        lambda args, countdown, **_: sent.append((args[0], countdown)))
    return sent


def _feeds() -> dict[tuple[int | None, str], Feed]:
    return {(feed.practice_id, feed.kind): feed for feed in Feed.objects.all()}


def test_a_change_marks_the_feeds_stale_and_hands_over_one_build_each(
        posting, manager, handed, django_capture_on_commit_callbacks):
    job = published_job(posting)

    with scope(practice=posting), django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            job_update(job=job, actor=manager, fields={"title": f"Nurse {n}"})

    rows = _feeds()
    assert set(rows) == {(posting.pk, "indeed"), (posting.pk, "sitemap"), (None, "indeed")}
    assert all(feed.changes == 10 and feed.stale_since for feed in rows.values())
    assert sorted(handed) == sorted((feed.pk, 60) for feed in rows.values())


def test_nothing_is_handed_over_before_the_change_commits(posting, manager, handed,
                                                          django_capture_on_commit_callbacks):
    job = published_job(posting)

    with scope(practice=posting), django_capture_on_commit_callbacks(execute=False) as waiting:
        job_update(job=job, actor=manager, fields={"title": "Nurse"})

    assert handed == []
    assert len(waiting) >= 1


def test_a_practice_on_no_board_leaves_the_deployment_feeds_alone(practice, manager, handed):
    job = published_job(practice)

    with scope(practice=practice):
        job_update(job=job, actor=manager, fields={"title": "Nurse"})

    assert set(_feeds()) == {(practice.pk, "sitemap")}


def test_turning_a_board_off_still_refreshes_the_deployment_feed(posting, handed):
    published_job(posting, title="Nurse")
    feeds.mark_stale(practice=posting)  # while on: the practice has its Indeed feed
    deployment = built("indeed")
    with scopes_disabled():
        BoardAccount.objects.filter(practice=posting, board=Board.INDEED).update(enabled=False)

    feeds.mark_stale(practice=posting)

    deployment.refresh_from_db()
    assert deployment.stale_since is not None
    assert titles("indeed") == set()


def test_publishing_works_while_the_broker_is_down(posting, manager, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    monkeypatch.setattr(feed_build, "apply_async", refused)
    job = published_job(posting, status="draft")

    with scope(practice=posting), django_capture_on_commit_callbacks(execute=True):
        job_publish(job=job, actor=manager)

    job.refresh_from_db()
    assert job.status == "published"
    assert all(feed.stale_since for feed in _feeds().values())


def test_the_sweeper_builds_feeds_whose_build_never_came(posting):
    published_job(posting, title="Nurse")
    feeds.mark_stale(practice=posting)  # its hand-over never runs here: as if lost

    assert feeds_sweep() == 0  # the build is not due yet
    with time_machine.travel(timezone.now() + timedelta(minutes=4)):
        assert feeds_sweep() == 3  # the eager test broker builds them inline

    assert all(f.stale_since is None and f.job_count == 1 for f in _feeds().values())
    assert titles("indeed") == {"Nurse"}


def test_a_job_edited_while_its_feed_is_built_is_in_the_next_build(
        posting, manager, monkeypatch, django_capture_on_commit_callbacks):
    job = published_job(posting, title="Before")
    feed = built("indeed", posting)
    write = formats.write_board_feed

    def write_then_edit(*args):
        count = write(*args)
        job_update(job=job, actor=manager, fields={"title": "After"})  # lands mid-build
        return count

    monkeypatch.setattr(formats, "write_board_feed", write_then_edit)
    feeds.mark_stale(practice=posting)
    with django_capture_on_commit_callbacks() as scheduled:
        feed = feeds.build(feed)
    monkeypatch.undo()

    assert b"Before" in raw(feed)
    assert feed.stale_since is not None
    assert feed.built_changes < feed.changes
    assert scheduled  # the next build
    feed = feeds.build(feed)
    assert b"After" in raw(feed)
    assert feed.stale_since is None


def test_a_failed_build_is_recorded_and_left_stale_for_the_sweeper(posting, monkeypatch):
    def broken(*args):
        raise OSError("No space left on device")

    published_job(posting)
    monkeypatch.setattr(formats, "write_board_feed", broken)
    feed = feeds.feed_get(practice=posting, kind="indeed")

    feed = feeds.build(feed)

    assert feed.error == "OSError: No space left on device"
    assert feed.stale_since is not None
    assert not feed.file


def test_an_unreadable_feed_answers_503_until_it_builds(client, posting, monkeypatch):
    monkeypatch.setattr(formats, "write_board_feed", lambda *a: 1 / 0)

    response = client.get(f"/careers/{posting.slug}/feeds/indeed.xml")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"


def test_the_build_task_builds_once(posting):
    published_job(posting, title="Nurse")
    feeds.mark_stale(practice=posting)
    feed = Feed.objects.get(practice=posting, kind="indeed")

    feed_build(feed.pk)
    first = Feed.objects.get(pk=feed.pk)
    feed_build(feed.pk)

    assert first.stale_since is None
    assert Feed.objects.get(pk=feed.pk).generated_at == first.generated_at  # no second build
    assert titles("indeed", posting) == {"Nurse"}


def test_build_now_rebuilds_the_practice_feeds_and_hands_over_the_deployments(
        posting, handed, django_capture_on_commit_callbacks):
    published_job(posting, title="Nurse")

    with django_capture_on_commit_callbacks(execute=True):
        rebuilt = feeds.build_now(practice=posting)

    assert {feed.kind for feed in rebuilt} == {"indeed", "sitemap"}
    assert all(feed.stale_since is None and feed.job_count == 1 for feed in rebuilt)
    deployment = Feed.objects.get(practice=None, kind="indeed")
    assert (deployment.pk, 0) in handed


def test_an_expired_job_drops_out_on_the_hour():
    practice = PracticeFactory(timezone="America/Chicago")
    boards_on(practice, Board.INDEED)
    noon = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)  # noon of 1 March in Chicago
    with time_machine.travel(noon, tick=False):
        published_job(practice, title="Closing", closes_on=date(2026, 3, 1))
        published_job(practice, title="Open")
        assert titles("indeed") == titles("indeed", practice) == {"Closing", "Open"}
        built("sitemap", practice)
        built("generic")  # a feed the practice is not in: its age is no reason to rebuild
        assert feeds_expire(practice.pk) is False  # still open today

    with time_machine.travel(noon + timedelta(hours=13), tick=False):  # 01:00 on 2 March
        assert feeds_expire(practice.pk) is True
        stale = {key for key, feed in _feeds().items() if feed.stale_since}
        assert stale == {(practice.pk, "indeed"), (practice.pk, "sitemap"), (None, "indeed")}
        assert titles("indeed") == titles("indeed", practice) == {"Open"}
        built("sitemap", practice)
        assert feeds_expire(practice.pk) is False  # a second run finds nothing new


def test_fetch_records_are_kept_90_days(posting):
    own = built("indeed", posting)
    shared = built("indeed")
    for feed in (own, shared):
        for age in (10, 100):
            fetch = FeedFetch.objects.create(feed=feed, practice_id=feed.practice_id,
                                              status_code=200)
            FeedFetch.objects.filter(pk=fetch.pk).update(
                fetched_at=timezone.now() - timedelta(days=age))

    feeds_expire(posting.pk)
    feeds_sweep()

    assert sorted(FeedFetch.objects.values_list("feed_id", flat=True)) == sorted(
        [own.pk, shared.pk])
