"""Celery tasks of the onboarding app."""

from __future__ import annotations

from celery import shared_task

from hiring.models import Practice
from hiring.tasks import TRANSIENT_ERRORS, PracticeTask


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def packet_link_email(practice: Practice, *, packet_id: int, link: str, sent_at: str) -> bool:
    """E-mail the new hire their private link. At-most-once per link (the send claims
    `link_sent_at`; a replaced or revoked link sends nothing)."""
    from onboarding.models import Packet
    from onboarding.portal import packet_link_email as send

    return send(packet=Packet.objects.get(pk=packet_id, practice=practice), link=link,
                sent_at=sent_at)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def offer_letter_send(practice: Practice, *, offer_id: int, nonce: str) -> None:
    """Make the offer letter (DOCX, PDF) and e-mail the link of this nonce. At-least-once
    for the letter (same text, same version); the e-mail is claimed when it is sent, and a
    withdrawn or resent offer makes the run a no-op."""
    from onboarding.models import Offer
    from onboarding.offers import offer_letter_send as send

    send(offer=Offer.objects.get(pk=offer_id, practice=practice), nonce=nonce)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def offer_response_notify(practice: Practice, *, offer_id: int) -> None:
    """Tell the practice the candidate's answer; give an accepting candidate their signed
    copy. At-least-once (a repeated run repeats the e-mails)."""
    from onboarding.models import Offer
    from onboarding.offers import offer_response_notify as notify

    notify(offer=Offer.objects.get(pk=offer_id, practice=practice))


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=3)
def credential_reminders_send(practice: Practice) -> int:
    """Remind of licences and certifications that end within 30 days (daily, by beat).
    At-least-once per credential and expiry date: claimed in the transaction that sends,
    so a second run is a no-op."""
    from onboarding.roster_reminders import credential_reminders_send as send

    return send(practice=practice)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=3)
def packet_reminders_send(practice: Practice) -> int:
    """Remind of overdue packet steps (hourly by beat; once a day per practice, in its
    morning). At-least-once per reminder: claimed in the transaction that sends, so a second
    run the same day is a no-op."""
    from onboarding.reminders import packet_reminders_send as send

    return send(practice=practice)


@shared_task(base=PracticeTask, acks_late=True)
def signed_pdf_make(practice: Practice, *, signature_id: int) -> None:
    """Add the PDF of a signed copy where LibreOffice is installed. Idempotent: the PDF is
    written once, by a conditional update."""
    from onboarding.esign import signed_pdf_make as make
    from onboarding.models import Signature

    make(Signature.objects.get(pk=signature_id, practice=practice))
