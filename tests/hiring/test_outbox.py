"""The outbox in the inline (eager) mode the tests and the embedded default use."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery import shared_task
from django.db import transaction
from django.utils import timezone

from hiring import outbox
from hiring.models import OutboxTask

pytestmark = pytest.mark.django_db

RUNS: list[int] = []


@shared_task(name="tests.outbox.record")
def record(*, n: int) -> None:
    RUNS.append(n)


@shared_task(name="tests.outbox.explode")
def explode() -> None:
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _reset_runs():
    RUNS.clear()


def test_work_runs_after_commit_and_is_marked_done(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = outbox.enqueue(record, n=1)
        assert RUNS == []  # nothing runs before the change is committed

    row.refresh_from_db()
    assert RUNS == [1]
    assert row.status == OutboxTask.Status.DONE
    assert row.attempts == 1
    assert row.finished_at is not None


def test_rolled_back_work_never_runs(django_capture_on_commit_callbacks):
    def failing_change() -> None:
        with transaction.atomic():
            outbox.enqueue(record, n=2)
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(
            RuntimeError):
        failing_change()

    assert callbacks == []
    assert RUNS == []
    assert not OutboxTask.objects.exists()


def test_a_failing_task_is_marked_failed_without_raising(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue(explode)

    row.refresh_from_db()
    assert row.status == OutboxTask.Status.FAILED
    assert "boom" in row.last_error


def test_hand_over_of_a_done_row_does_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = outbox.enqueue(record, n=3)

    assert outbox.hand_over([row.pk]) == 0
    assert RUNS == [3]


def test_sweep_hands_over_old_pending_rows_only():
    old = OutboxTask.objects.create(task_name=record.name, kwargs={"n": 4},
                                    created_at=timezone.now() - timedelta(minutes=2))
    OutboxTask.objects.create(task_name=record.name, kwargs={"n": 5})  # still in flight

    assert outbox.sweep() == 1
    old.refresh_from_db()
    assert old.status == OutboxTask.Status.DONE
    assert RUNS == [4]


def test_sweep_hands_over_lost_work_again(settings):
    lost = OutboxTask.objects.create(
        task_name=record.name, kwargs={"n": 6}, status=OutboxTask.Status.HANDED,
        handed_at=timezone.now() - timedelta(seconds=settings.OUTBOX_LOST_AFTER_SECONDS + 1))

    outbox.sweep()

    lost.refresh_from_db()
    assert lost.status == OutboxTask.Status.DONE
    assert lost.attempts == 1


def test_sweep_forgets_done_rows_after_a_week():
    OutboxTask.objects.create(task_name=record.name, status=OutboxTask.Status.DONE,
                              finished_at=timezone.now() - timedelta(days=8))

    outbox.sweep()

    assert not OutboxTask.objects.exists()
