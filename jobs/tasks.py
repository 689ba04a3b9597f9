"""Celery tasks of the jobs app."""

from __future__ import annotations

from celery import shared_task

from hiring.locks import one_at_a_time
from hiring.models import Practice
from hiring.tasks import PracticeTask


@shared_task(base=PracticeTask, acks_late=True)
def job_document_build(practice: Practice, *, document_id: int) -> None:
    """Make a job's Word document. At-most-once per row: the service claims it first, and a
    failure is recorded on the row (the page offers a retry) rather than retried blindly."""
    from jobs.models import JobDocument
    from jobs.services import job_document_build as build

    build(document=JobDocument.objects.get(pk=document_id, practice=practice))


@shared_task(base=PracticeTask, acks_late=True)
def delivery_send(practice: Practice, *, delivery_id: int) -> None:
    """Make one attempt of a board notification. At-least-once, with one idempotency key for
    all attempts; the service claims the row first, so a copy of this task that is not due,
    or comes while another worker sends, does nothing. Retries are the service's: it records
    when the next attempt is due, which this task or the sweeper then makes."""
    from jobs.models import Delivery
    from jobs.syndication.deliveries import send

    delivery = Delivery.objects.filter(pk=delivery_id, practice=practice).first()
    if delivery is not None:  # None: a later change made the waiting notification moot
        send(delivery)


@shared_task(acks_late=True)
@one_at_a_time(default=0)
def deliveries_sweep() -> int:
    """Hand due board notifications to workers (retries, ended waits, sends whose worker
    died). Idempotent: each send claims its row first; one sweep runs at a time."""
    from jobs.syndication.deliveries import sweep

    return sweep()


@shared_task(acks_late=True)
def feed_build(feed_id: int) -> None:
    """Build one feed (the practice's, or the deployment's: no practice argument). At-least-
    once: a copy that finds the feed fresh does nothing; a failure is recorded on the row,
    which stays stale for feeds_sweep."""
    from jobs.syndication.feeds import build_by_id

    build_by_id(feed_id)


@shared_task(acks_late=True)
@one_at_a_time(default=0)
def feeds_sweep() -> int:
    """Hand over builds of feeds stale for too long (lost messages, killed workers, failed
    builds). Idempotent: a build of a feed already fresh does nothing; one sweep runs at a
    time."""
    from jobs.syndication.feeds import sweep

    return sweep()


@shared_task(acks_late=True)
@one_at_a_time(default=0)
def feed_fetches_flush() -> int:
    """Save the boards' visits noted in Redis as FeedFetch rows. Idempotent: each noted
    visit is taken off the list as it is read; one flush runs at a time."""
    from jobs.syndication.fetch_log import flush

    return flush()


@shared_task(base=PracticeTask, acks_late=True)
def feeds_expire(practice: Practice) -> bool:
    """Hourly: feeds drop jobs whose closing date passed since they were built; old fetch
    records go. Idempotent: a second run finds the feeds stale or rebuilt."""
    from jobs.syndication.feeds import expire

    return expire(practice=practice)
