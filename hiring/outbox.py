"""The one hand-off from a change in Postgres to a Celery worker.

`enqueue()` writes an OutboxTask row in the caller's transaction; after commit the row is
published with short broker timeouts. If the broker is down or hung, the request still
succeeds and the row stays pending until `sweep()` (run every minute by beat) publishes it.
A rolled-back transaction takes its row with it, so no work is done for a change that
never happened. The worker reports back through Celery signals: the row's id is the task id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from uuid import UUID

from celery import Task
from celery.signals import task_failure, task_success
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from hiring.celery import app
from hiring.models import OutboxTask, Practice

logger = logging.getLogger(__name__)
Status = OutboxTask.Status

# Rows younger than this belong to the on-commit hand-over still in flight.
SWEEP_GRACE = timedelta(seconds=30)
KEEP_DONE_FOR = timedelta(days=7)


def enqueue(task: Task, *, practice: Practice | None = None, **kwargs: object) -> OutboxTask:
    """Record `task(practice.pk, **kwargs)` to run once the current transaction commits."""
    row = OutboxTask.objects.create(practice=practice, task_name=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: hand_over([row.pk]))
    return row


def hand_over(ids: Iterable[UUID]) -> int:
    """Publish the given rows to the broker; return how many were published. Never raises:
    whatever could not be published stays pending for the sweeper."""
    published = 0
    rows = list(OutboxTask.objects.filter(pk__in=list(ids), status__in=[Status.PENDING,
                                                                      Status.HANDED]))
    if not rows:
        return 0
    try:
        connection = app.connection_for_write()
        with connection:
            for row in rows:
                published += _publish(row, connection)
    except Exception:  # the broker is down; the sweeper tries again
        logger.warning("Broker unavailable; %d task(s) left pending", len(rows) - published,
                       exc_info=True)
    return published


def _publish(row: OutboxTask, connection: object) -> int:
    # claim the row first: a concurrent sweeper or a second hand-over must not publish it too
    claimed = OutboxTask.objects.filter(pk=row.pk, status=row.status,
                                        handed_at=row.handed_at).update(
        status=Status.HANDED, handed_at=timezone.now(), attempts=F("attempts") + 1)
    if claimed != 1:
        return 0
    args = [row.practice_id] if row.practice_id else []
    try:
        app.tasks[row.task_name].apply_async(args=args, kwargs=row.kwargs, task_id=str(row.pk),
                                             connection=connection, retry=False)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if app.conf.task_always_eager:
            # the task ran inline and failed: that is the task's failure, not the broker's
            logger.exception("Task %s failed when run inline", row.task_name)
            OutboxTask.objects.filter(pk=row.pk, status=Status.HANDED).update(
                status=Status.FAILED, finished_at=timezone.now(), last_error=error)
            return 0
        OutboxTask.objects.filter(pk=row.pk, status=Status.HANDED).update(
            status=Status.PENDING, last_error=f"publish: {error}")
        raise
    return 1


def sweep() -> int:
    """Publish work the broker never got (it was down) or that was lost after hand-over."""
    now = timezone.now()
    lost_before = now - timedelta(seconds=settings.OUTBOX_LOST_AFTER_SECONDS)
    stale = OutboxTask.objects.filter(
        Q(status=Status.PENDING, created_at__lt=now - SWEEP_GRACE)
        | Q(status=Status.HANDED, handed_at__lt=lost_before)
    ).values_list("pk", flat=True)[:500]
    OutboxTask.objects.filter(status=Status.DONE, finished_at__lt=now - KEEP_DONE_FOR).delete()
    return hand_over(list(stale))


def _is_outbox_id(task_id: str | None) -> bool:
    try:
        UUID(str(task_id))
    except ValueError:
        return False
    return True


@task_success.connect
def _mark_done(sender: Task | None = None, **_: object) -> None:
    task_id = sender.request.id if sender else None
    if _is_outbox_id(task_id):
        OutboxTask.objects.filter(pk=task_id).exclude(status=Status.DONE).update(
            status=Status.DONE, finished_at=timezone.now(), last_error="")


@task_failure.connect
def _mark_failed(task_id: str | None = None, exception: BaseException | None = None,
                 **_: object) -> None:
    if _is_outbox_id(task_id):
        OutboxTask.objects.filter(pk=task_id).exclude(status=Status.DONE).update(
            status=Status.FAILED, finished_at=timezone.now(),
            last_error=f"{type(exception).__name__}: {exception}"[:2000])
