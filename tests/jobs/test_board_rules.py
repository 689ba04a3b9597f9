"""Which job goes to which board (jobs/syndication/boards.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from jobs.models import Board, BoardAccount, Job, JobBoardOptOut
from jobs.syndication import boards
from tests.factories import PracticeFactory
from tests.jobs.careers_helpers import published_job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped():
    """The rules read across practices (deployment feeds): as the feed builder does."""
    with scopes_disabled():
        yield


def _on(practice, *names):
    for name in names:
        BoardAccount.objects.create(practice=practice, board=name, enabled=True)


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_only_published_unexpired_jobs_of_active_practices_are_live(practice):
    live = published_job(practice)
    published_job(practice, status=Job.Status.DRAFT)
    published_job(practice, status=Job.Status.PAUSED)
    published_job(practice, status=Job.Status.CLOSED)
    published_job(practice, closes_on=date(2020, 1, 1))
    asleep = PracticeFactory(is_active=False)
    published_job(asleep)
    assert _ids(boards.live_jobs(practice)) == {live.pk}
    assert _ids(boards.live_jobs()) == {live.pk}


def test_the_closing_day_counts_in_each_practices_own_time_zone():
    # 03:00 UTC on 2 March is still 1 March in Chicago and already 2 March in Tokyo
    chicago = PracticeFactory(timezone="America/Chicago")
    tokyo = PracticeFactory(timezone="Asia/Tokyo")
    with time_machine.travel(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), tick=False):
        in_chicago = published_job(chicago, closes_on=date(2026, 3, 1))
        published_job(tokyo, closes_on=date(2026, 3, 1))
        assert _ids(boards.live_jobs()) == {in_chicago.pk}
        assert _ids(boards.live_jobs(chicago)) == {in_chicago.pk}
        assert _ids(boards.live_jobs(tokyo)) == set()


def test_boards_other_than_google_wait_for_the_practice_to_turn_them_on(practice,
                                                                        other_practice):
    job = published_job(practice)
    other = published_job(other_practice)
    assert _ids(boards.syndicated_jobs(Board.INDEED)) == set()
    assert _ids(boards.syndicated_jobs(Board.GOOGLE)) == {job.pk, other.pk}
    _on(practice, Board.INDEED)
    BoardAccount.objects.create(practice=other_practice, board=Board.GOOGLE, enabled=False)
    assert _ids(boards.syndicated_jobs(Board.INDEED)) == {job.pk}
    assert _ids(boards.syndicated_jobs(Board.GOOGLE)) == {job.pk}
    assert _ids(boards.syndicated_jobs(Board.INDEED, other_practice)) == set()


def test_a_job_kept_off_a_board_is_not_sent_there_but_indeed_takes_every_job(practice):
    job = published_job(practice)
    _on(practice, Board.INDEED, Board.ZIPRECRUITER)
    for board in (Board.INDEED, Board.ZIPRECRUITER):
        JobBoardOptOut.objects.create(practice=practice, job=job, board=board)
    assert _ids(boards.syndicated_jobs(Board.ZIPRECRUITER, practice)) == set()
    # Indeed refuses partial feeds: an opt-out row (say, from before) does not count there
    assert _ids(boards.syndicated_jobs(Board.INDEED, practice)) == {job.pk}
    assert boards.job_boards(job) == {Board.INDEED: True, Board.ZIPRECRUITER: False,
                                      Board.GOOGLE: True, Board.GENERIC: False}


def test_board_set_turns_a_board_on_once_and_keeps_a_webhook_secret(practice, owner):
    account = boards.board_set(practice=practice, board=Board.GENERIC, enabled=True,
                               actor=owner, webhook_url="https://jobs.example.org/hook")
    assert account.enabled
    assert len(account.webhook_secret) == 64
    again = boards.board_set(practice=practice, board=Board.GENERIC, enabled=True, actor=owner,
                             webhook_url="https://jobs.example.org/hook")
    assert again.webhook_secret == account.webhook_secret
    assert BoardAccount.objects.filter(practice=practice).count() == 1
    assert boards.board_enabled(practice, Board.GENERIC)
    assert boards.board_enabled(practice, Board.GOOGLE)  # its default
    assert not boards.board_enabled(practice, Board.INDEED)


def test_only_the_generic_feed_takes_a_webhook(practice, owner):
    with pytest.raises(ValidationError):
        boards.board_set(practice=practice, board=Board.INDEED, enabled=True, actor=owner,
                         webhook_url="https://jobs.example.org/hook")
    with pytest.raises(ValidationError):
        boards.board_set(practice=practice, board="monster", enabled=True, actor=owner)


def test_job_board_set_keeps_a_job_off_and_lets_it_back(practice, owner):
    job = published_job(practice)
    boards.job_board_set(job=job, board=Board.GOOGLE, enabled=False, actor=owner)
    boards.job_board_set(job=job, board=Board.GOOGLE, enabled=False, actor=owner)  # twice
    assert JobBoardOptOut.objects.filter(job=job).count() == 1
    assert not boards.job_is_syndicated(job, Board.GOOGLE)
    boards.job_board_set(job=job, board=Board.GOOGLE, enabled=True, actor=owner)
    assert boards.job_is_syndicated(job, Board.GOOGLE)
    with pytest.raises(ValidationError, match="every public job"):
        boards.job_board_set(job=job, board=Board.INDEED, enabled=False, actor=owner)


def test_a_job_kept_off_google_loses_its_structured_data(client, practice, owner):
    job = published_job(practice)
    url = f"/careers/{practice.slug}/jobs/{job.slug}/"
    assert b"application/ld+json" in client.get(url).content
    boards.job_board_set(job=job, board=Board.GOOGLE, enabled=False, actor=owner)
    page = client.get(url)
    assert page.status_code == 200
    assert b"application/ld+json" not in page.content
    assert job.title.encode() in page.content


def test_a_practice_off_google_keeps_its_pages_but_not_the_markup(client, practice, owner):
    job = published_job(practice, closes_on=date(2099, 1, 1))
    boards.board_set(practice=practice, board=Board.GOOGLE, enabled=False, actor=owner)
    page = client.get(f"/careers/{practice.slug}/jobs/{job.slug}/")
    assert page.status_code == 200
    assert b"application/ld+json" not in page.content
