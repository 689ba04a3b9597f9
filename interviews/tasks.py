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


@shared_task(base=PracticeTask, acks_late=True)
def interview_document_build(practice: Practice, *, document_id: int) -> None:
    """Make a printable kit or an interview summary. At-most-once per row: the service
    claims it first, and a failure is recorded on the row (the page offers a retry)."""
    from interviews.document_services import interview_document_build as build
    from interviews.models import InterviewDocument

    build(document=InterviewDocument.objects.get(pk=document_id, practice=practice))


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def slot_invitation_send(practice: Practice, *, invitation_id: int) -> None:
    """E-mail a candidate the link to pick a time. At-most-once (sent_at is claimed)."""
    from interviews.models import SlotInvitation
    from interviews.slots import slot_invitation_send as send

    send(invitation=SlotInvitation.objects.get(pk=invitation_id, practice=practice))


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=3)
def interview_reminders_send(practice: Practice) -> int:
    """Remind interviewers the day before (hourly, by beat). At-least-once per interview:
    it is claimed in the transaction that sends, so a second run is a no-op."""
    from interviews.reminders import interview_reminders_send as send

    return send(practice=practice)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=3)
def scorecard_reminders_send(practice: Practice) -> int:
    """Chase scorecards a day late (hourly, by beat). At-least-once per scorecard: it is
    claimed in the transaction that sends, so a second run is a no-op."""
    from interviews.reminders import scorecard_reminders_send as send

    return send(practice=practice)
