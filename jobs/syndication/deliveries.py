"""Notifications to push-type boards (jobs.syndication.adapters): recorded with the change
that needs them, sent by a worker, retried until the board accepts, and kept with every
attempt so the status page can say what happened.

A change records at most one waiting notification per job and board: later changes fold
into it while no attempt was made (ten edits, one call). Each Delivery keeps one
idempotency key for all its attempts, so a receiver drops repeats of a call whose answer got
lost: sending is at-least-once, accepting exactly-once. An attempt is written down before
the call, so a worker killed mid-call leaves a trace; the sweeper hands the delivery to
another worker once its lease runs out. Passing failures wait longer and longer (exponential
backoff with jitter) up to SYNDICATION_MAX_ATTEMPTS (by default over 1.5 to 3 hours); a refusal
fails at once.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from hiring import outbox
from hiring.models import Practice, User
from hiring.services import audit_log
from jobs.models import Board, Delivery, DeliveryAttempt, Job
from jobs.syndication.adapters import Answer, Hold, adapter_for, job_page_url, push_adapters
from jobs.syndication.boards import job_is_syndicated, syndicated_jobs
from jobs.syndication.http import Outcome

logger = logging.getLogger(__name__)
Status = Delivery.Status
Action = Delivery.Action

INTERRUPTED = "Interrupted: the worker stopped before an answer was recorded."
SUPERSEDED = "Not sent: a newer notification about this job replaced it."
# Fresh rows belong to the outbox's on-commit hand-over still in flight.
SWEEP_GRACE = timedelta(seconds=30)
# Waits up to this long are also queued with a countdown; longer ones are left to the sweeper
# (a countdown message sits in a worker's memory and in the broker's unacked set meanwhile).
COUNTDOWN_LIMIT = 600
SWEEP_BATCH = 500
NOT_CONFIGURED = {
    Board.GOOGLE: gettext_lazy("This server is not set up to notify Google; Google still "
                               "reads your job pages and sitemap."),
    Board.GENERIC: gettext_lazy("Give the address of your webhook under Job boards first."),
}


# --- Recording what boards must hear --------------------------------------------------------

def _waiting(job: Job, board: str) -> Delivery | None:
    """The notification not yet attempted, which a new change can still fold into."""
    return (Delivery.objects.filter(job=job, board=board, status=Status.PENDING, attempts=0)
            .order_by("-created_at").first())


def _last_told(job: Job, board: str) -> str | None:
    """What the board last heard of the job (or may have: an attempt whose answer was lost
    counts), None if it never heard of it."""
    return (Delivery.objects.filter(job=job, board=board, attempts__gt=0)
            .order_by("-created_at").values_list("action", flat=True).first())


def _create(*, job: Job, board: str, action: str, actor: User | None = None) -> Delivery:
    from jobs.tasks import delivery_send as delivery_send_task

    delivery = Delivery.objects.create(practice=job.practice, job=job, board=board,
                                       action=action, url=job_page_url(job),
                                       requested_by=actor)
    outbox.enqueue(delivery_send_task, practice=job.practice, delivery_id=delivery.pk)
    return delivery


def _record(job: Job, board: str) -> Delivery | None:
    """Record what `board` must now hear of `job`, folding into a waiting notification."""
    if job_is_syndicated(job, board):
        action: str | None = Action.UPDATED
    elif _last_told(job, board) == Action.UPDATED:
        action = Action.DELETED
    else:
        action = None  # the board never heard of it, or already heard it is gone
    waiting = _waiting(job, board)
    if waiting is not None:
        still_waiting = Delivery.objects.filter(pk=waiting.pk, status=Status.PENDING,
                                                attempts=0)
        if action is None:
            if still_waiting.delete()[0]:
                return None  # the announcement never went out: nothing to take back
            action = Action.DELETED  # a worker is announcing it right now: take it back
        elif still_waiting.update(action=action, url=job_page_url(job)):
            return waiting
    if action is None:
        return None
    return _create(job=job, board=board, action=action)


@transaction.atomic
def record_change(job: Job) -> None:
    """Record (or fold into a waiting one) the notification each push board needs after a
    change of `job`. Runs in the caller's transaction: no change, no notification."""
    for adapter in push_adapters():
        if adapter.configured(job.practice):
            _record(job, adapter.board)


@transaction.atomic
def record_board_change(*, practice: Practice, board: str) -> None:
    """A push board turned on or got a new address (announce every job it gets) or turned
    off (withdraw what it was told), as far as a call is still possible."""
    adapter = adapter_for(board)
    if not adapter.pushes or not adapter.configured(practice):
        return
    heard_of = Delivery.objects.filter(practice=practice, board=board).values("job")
    jobs = Job.objects.filter(practice=practice).filter(
        Q(pk__in=syndicated_jobs(board, practice).values("pk")) | Q(pk__in=heard_of))
    for job in jobs.select_related("practice"):
        _record(job, board)


@transaction.atomic
def resend(*, job: Job, board: str, actor: User) -> Delivery:
    """Tell the board again what it should know of the job now, as a new notification."""
    adapter = adapter_for(board)
    if not adapter.pushes:
        raise ValidationError(_("%(board)s reads your jobs from a feed; there is nothing to "
                                "send.") % {"board": Board(board).label})
    if not adapter.configured(job.practice):
        raise ValidationError(str(NOT_CONFIGURED[board]))
    action = Action.UPDATED if job_is_syndicated(job, board) else Action.DELETED
    waiting = _waiting(job, board)
    if waiting is not None and waiting.action == action:
        return waiting  # a double click, or a resend while the same news waits to go out
    delivery = _create(job=job, board=board, action=action, actor=actor)
    audit_log(action="jobs.delivery.resent", actor=actor, obj=job,
              data={"board": board, "action": action, "delivery": str(delivery.public_id)})
    return delivery


# --- Sending --------------------------------------------------------------------------------

def retry_delay(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failed attempt: an exponential ceiling, capped,
    with jitter over its upper half so that deliveries failed together spread out."""
    ceiling = min(settings.SYNDICATION_RETRY_MAX_SECONDS,
                  settings.SYNDICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 (spreading load, not a secret)


def _lease_start(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.SYNDICATION_SEND_LEASE_SECONDS)


def _due(now: datetime) -> Q:
    """Waiting and due, or claimed by a worker that has not reported back within the lease
    (killed mid-call)."""
    return (Q(status__in=[Status.PENDING, Status.RETRYING])
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            | Q(status=Status.SENDING, claimed_at__lt=_lease_start(now)))


def _close(delivery: Delivery, conditions: list[Q | Exists], error: str, now: datetime) -> bool:
    return Delivery.objects.filter(*conditions, pk=delivery.pk).update(
        status=Status.FAILED, finished_at=now, next_attempt_at=None, last_error=error) == 1


def _superseded(delivery: Delivery, now: datetime) -> bool:
    """A newer notification of the same job and board makes this one moot; sending it late
    could even undo the newer one (an old "updated" arriving after "deleted")."""
    newer = Delivery.objects.filter(job=delivery.job_id, board=delivery.board,
                                    created_at__gt=delivery.created_at)
    return _close(delivery, [Q(status__in=[Status.PENDING, Status.RETRYING]), Exists(newer)],
                  SUPERSEDED, now)


def _exhausted(delivery: Delivery, now: datetime) -> bool:
    """Its last allowed attempt was interrupted: give up."""
    limit = settings.SYNDICATION_MAX_ATTEMPTS
    return _close(delivery, [Q(status=Status.SENDING, claimed_at__lt=_lease_start(now),
                               attempts__gte=limit)],
                  f"Gave up after {limit} attempts: {INTERRUPTED}", now)


def _claim(delivery: Delivery, now: datetime) -> str | None:
    """Take the delivery for one attempt; its previous status, or None if it is not due or
    another worker took it first."""
    row = (Delivery.objects.filter(_due(now), pk=delivery.pk,
                                   attempts__lt=settings.SYNDICATION_MAX_ATTEMPTS)
           .values_list("status", "attempts").first())
    if row is None:
        return None
    status, attempts = row
    fields = {"status": Status.SENDING, "claimed_at": now, "attempts": attempts + 1}
    if status == Status.SENDING:  # the attempt before was cut off; say so until this answers
        fields["last_error"] = INTERRUPTED
    claimed = Delivery.objects.filter(_due(now), pk=delivery.pk, status=status,
                                      attempts=attempts).update(**fields)
    return status if claimed == 1 else None


def _postpone(delivery: Delivery, previous: str, hold: Hold) -> None:
    """Give the attempt back: waiting for a quota is not the board failing."""
    Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING,
                            attempts=delivery.attempts).update(
        status=Status.RETRYING if previous == Status.SENDING else previous,
        attempts=delivery.attempts - 1, next_attempt_at=hold.until, last_error=hold.reason)


def _call(delivery: Delivery) -> tuple[Answer, int]:
    started = time.monotonic()
    try:
        answer = adapter_for(delivery.board).send(delivery)
    except Exception as exc:  # a bug must not leave the row "sending" until the lease runs out
        logger.exception("Sending delivery %s failed", delivery.pk)
        answer = Answer.retry(f"Internal error while sending ({type(exc).__name__})")
    return answer, int((time.monotonic() - started) * 1000)


def _outcome(answer: Answer, attempts: int, now: datetime) -> tuple[str, dict[str, object]]:
    """The attempt's outcome and the delivery's new fields."""
    if answer.outcome is Outcome.OK:
        return DeliveryAttempt.Outcome.SUCCEEDED, {
            "status": Status.SUCCEEDED, "sent_at": now, "finished_at": now,
            "next_attempt_at": None, "last_error": ""}
    if answer.outcome is Outcome.RETRY and attempts < settings.SYNDICATION_MAX_ATTEMPTS:
        return DeliveryAttempt.Outcome.RETRY, {
            "status": Status.RETRYING, "last_error": answer.error,
            "next_attempt_at": now + timedelta(seconds=retry_delay(attempts))}
    error = (f"Gave up after {attempts} attempts: {answer.error}"
             if answer.outcome is Outcome.RETRY else answer.error)
    return DeliveryAttempt.Outcome.FAILED, {
        "status": Status.FAILED, "finished_at": now, "next_attempt_at": None,
        "last_error": error}


def _queue_retry(delivery: Delivery) -> None:
    """Come back at the retry time when it is soon; the sweeper covers longer waits and a
    lost message."""
    from hiring.celery import app
    from jobs.tasks import delivery_send as delivery_send_task

    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    if app.conf.task_always_eager or wait > COUNTDOWN_LIMIT:
        return  # inline, a countdown would retry at once, inside the caller
    try:
        delivery_send_task.apply_async(args=[delivery.practice_id],
                                       kwargs={"delivery_id": delivery.pk},
                                       countdown=max(wait, 0), retry=False)
    except Exception:
        logger.warning("Broker unavailable; delivery %s waits for the sweeper", delivery.pk,
                       exc_info=True)


def send(delivery: Delivery) -> Delivery:
    """Make one attempt of a due notification and record how it went. A second call for the
    same delivery while it is not due, or taken by another worker, does nothing."""
    now = timezone.now()
    if _superseded(delivery, now) or _exhausted(delivery, now):
        delivery.refresh_from_db()
        return delivery
    previous = _claim(delivery, now)
    delivery.refresh_from_db()
    if previous is None:
        return delivery
    if hold := adapter_for(delivery.board).admit(delivery):
        _postpone(delivery, previous, hold)
        delivery.refresh_from_db()
        return delivery
    # written before the call, so a worker killed mid-call leaves this trace
    attempt = DeliveryAttempt.objects.create(
        practice=delivery.practice, delivery=delivery, number=delivery.attempts, started_at=now,
        outcome=DeliveryAttempt.Outcome.RETRY, error=INTERRUPTED)
    answer, duration_ms = _call(delivery)
    finished = timezone.now()
    outcome, fields = _outcome(answer, delivery.attempts, finished)
    DeliveryAttempt.objects.filter(pk=attempt.pk).update(
        outcome=outcome, status_code=answer.status_code, error=answer.error[:2000],
        duration_ms=duration_ms)
    # only if no other worker took over meanwhile (this one outlived its lease)
    Delivery.objects.filter(pk=delivery.pk, status=Status.SENDING,
                            attempts=delivery.attempts).update(
        last_status_code=answer.status_code, **fields)
    delivery.refresh_from_db()
    if delivery.status == Status.RETRYING:
        _queue_retry(delivery)
    return delivery


# --- The sweeper ----------------------------------------------------------------------------

def _withdraw_expired(now: datetime) -> int:
    """A closing date passing (or a practice switched off) writes nothing, so no change is
    recorded for it: find jobs a push board still lists that it should no longer."""
    count = 0
    for adapter in push_adapters():
        told = (Delivery.objects.filter(job=OuterRef("pk"), board=adapter.board,
                                        attempts__gt=0)
                .order_by("-created_at").values("action")[:1])
        # UTC's date is never before a practice's, so this catches every expired job
        candidates = (Job.objects.filter(Q(closes_on__lte=now.date())
                                         | Q(practice__is_active=False),
                                         status=Job.Status.PUBLISHED)
                      .annotate(told=Subquery(told)).filter(told=Action.UPDATED)
                      .select_related("practice")[:SWEEP_BATCH])
        for job in candidates:
            if adapter.configured(job.practice) and not job_is_syndicated(job, adapter.board):
                with transaction.atomic():
                    count += _record(job, adapter.board) is not None
    return count


def _dispatch(rows: list[tuple[int, int]]) -> int:
    from jobs.tasks import delivery_send as delivery_send_task

    sent = 0
    for delivery_id, practice_id in rows:
        try:
            delivery_send_task.apply_async(args=[practice_id],
                                           kwargs={"delivery_id": delivery_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; %d deliveries wait for the next sweep",
                           len(rows) - sent, exc_info=True)
            break
        sent += 1
    return sent


def sweep() -> int:
    """Hand due notifications to workers: retries, waits that ended, sends whose worker
    died. Deletes first, because Google's quota must go to them before updates."""
    now = timezone.now()
    with scopes_disabled():
        _withdraw_expired(now)
        rows = list(
            Delivery.objects.filter(_due(now))
            .exclude(status=Status.PENDING, created_at__gte=now - SWEEP_GRACE)
            .annotate(rank=Case(When(action=Action.DELETED, then=Value(0)), default=Value(1),
                                output_field=IntegerField()))
            .order_by("rank", "next_attempt_at", "created_at")
            .values_list("pk", "practice_id")[:SWEEP_BATCH])
    return _dispatch(rows)
