"""Celery tasks of the interviews app."""

from __future__ import annotations

from celery import shared_task

from hiring.models import Practice
from hiring.tasks import TRANSIENT_ERRORS, PracticeTask


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def interview_invites_send(practice: Practice, *, interview_id: int, sequence: int) -> None:
    """Send one version of an interview's invites. At-most-once per version (claimed)."""
    from interviews.models import Interview
    from interviews.services import interview_invites_send as send

    send(interview=Interview.objects.get(pk=interview_id, practice=practice),
         sequence=sequence)
