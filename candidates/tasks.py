"""Celery tasks of the candidates app."""

from __future__ import annotations

from celery import shared_task

from hiring.models import Practice
from hiring.tasks import TRANSIENT_ERRORS, PracticeTask


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def application_confirmation_send(practice: Practice, *, application_id: int) -> None:
    """Thank an applicant by e-mail. At-least-once; a run after it was sent is a no-op."""
    from candidates.services import application_confirmation_send as send

    send(application=practice.applications.get(pk=application_id))


@shared_task(base=PracticeTask, acks_late=True)
def resume_extract_text(practice: Practice, *, resume_id: int) -> None:
    """Read a résumé's words for search. Idempotent: a résumé read already is skipped."""
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
