"""Celery tasks of the candidates app."""

from __future__ import annotations

import celery
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django_scopes import scope

from hiring.models import Practice
from hiring.tasks import TRANSIENT_ERRORS, PracticeTask


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def application_confirmation_send(practice: Practice, *, application_id: int) -> None:
    """Thank an applicant by e-mail. At-least-once; a run after it was sent is a no-op."""
    from candidates.services import application_confirmation_send as send

    send(application=practice.applications.get(pk=application_id))


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=30, retry_jitter=True, max_retries=8)
def resume_extract_text(practice: Practice, *, resume_id: int) -> None:
    """Read a résumé's words for search. Idempotent: a résumé read already is skipped. A
    storage outage is retried with backoff from 30 s, for up to about 45 minutes."""
    from candidates.models import Resume
    from candidates.services import resume_text_extract

    resume_text_extract(resume=Resume.objects.get(pk=resume_id, practice=practice))


@shared_task(base=PracticeTask, acks_late=True)
def staged_uploads_purge(practice: Practice) -> int:
    """Forget résumés of application forms left unfinished for a day. Idempotent."""
    from candidates.services import staged_uploads_purge as purge

    return purge(practice=practice)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def note_mentions_notify(practice: Practice, *, note_id: int) -> None:
    """Tell the teammates a note mentions. The note is claimed first: one e-mail round."""
    from candidates.models import Note
    from candidates.team_work import note_mentions_notify as notify

    notify(note=Note.objects.get(pk=note_id, practice=practice))


class _MessageDeliverTask(PracticeTask):
    def on_failure(self, exc: BaseException, task_id: str, args: tuple, kwargs: dict,
                   einfo: object) -> None:
        from candidates.messaging import message_give_up
        from candidates.models import Message

        practice = Practice.objects.get(pk=args[0])
        with scope(practice=practice):
            message = Message.objects.filter(pk=kwargs["message_id"]).first()
            if message is not None:
                message_give_up(message=message, error=f"{type(exc).__name__}: {exc}")


@shared_task(base=_MessageDeliverTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=5)
def message_deliver(practice: Practice, *, message_id: int) -> None:
    """E-mail one message. At-most-once: the service claims the row (queued → sending)
    before sending, so a second delivery is a no-op; only an unreachable mail server (nothing
    sent) is retried."""
    from candidates.messaging import message_deliver as deliver
    from candidates.models import Message

    deliver(message=Message.objects.get(pk=message_id, practice=practice))


class _BulkActionRunTask(PracticeTask):
    def on_failure(self, exc: BaseException, task_id: str, args: tuple, kwargs: dict,
                   einfo: object) -> None:
        from candidates.bulk import bulk_action_give_up
        from candidates.models import BulkAction

        practice = Practice.objects.get(pk=args[0])
        with scope(practice=practice):
            action = BulkAction.objects.filter(pk=kwargs["bulkaction_id"]).first()
            if action is not None:
                bulk_action_give_up(action=action)


@shared_task(bind=True, base=_BulkActionRunTask, acks_late=True,
             autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, retry_jitter=True,
             max_retries=3)
def bulk_action_run(self: celery.Task, practice: Practice, *, bulkaction_id: int) -> None:
    """Do a bulk action's items. Idempotent: items already done are skipped, each item is
    done and marked done in one transaction, so a re-run (a restarted worker, the sweeper)
    resumes without repeating anything."""
    from candidates.bulk import bulk_action_run as run
    from candidates.models import BulkAction

    try:
        run(action=BulkAction.objects.get(pk=bulkaction_id, practice=practice))
    except SoftTimeLimitExceeded as exc:
        # a long action goes on in a fresh run (the item in hand was rolled back) instead
        # of being killed at the hard time limit
        raise self.retry(exc=exc, countdown=0, max_retries=50) from exc
