"""E-mail to applicants: the practice's templates with {merge fields}, and messages that a
worker delivers once.

Merge fields are plain `{name}` placeholders filled by `str.format_map` after every field of
the text was checked against MERGE_FIELDS, so a template can never reach an attribute, an
index or a format spec (`{candidate_name.__class__}` is refused, not evaluated). Literal
braces are written twice: `{{` and `}}`. The Django template engine never sees user text."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.models import Application, EmailTemplate, Message
from hiring import outbox
from hiring.merge_fields import fields_in
from hiring.models import Practice, User
from hiring.services import audit_log
from hiring.tasks import TRANSIENT_ERRORS
from jobs.models import Job

logger = logging.getLogger(__name__)

MERGE_FIELDS: dict[str, str] = {
    "candidate_first_name": gettext_lazy("The candidate's first name"),
    "candidate_name": gettext_lazy("The candidate's full name"),
    "job_title": gettext_lazy("The title of the job they applied for"),
    "practice_name": gettext_lazy("Your practice's name"),
    "practice_phone": gettext_lazy("Your practice's phone number (from Settings)"),
    "job_url": gettext_lazy("A link to the job on your careers page"),
    "careers_url": gettext_lazy("A link to your careers page"),
}
SAMPLE_FIRST_NAME, SAMPLE_LAST_NAME = "Jordan", "Rivera"
SAMPLE_JOB_TITLE = "Medical Assistant"
# Written into each practice's own data the first time it needs templates; the practice then
# edits them. Plain US English, like the default stages (candidates/pipeline.py).
DEFAULT_TEMPLATES: list[tuple[str, str, str, str]] = [
    (EmailTemplate.Purpose.RECEIVED, "Application received",
     "We received your application for {job_title}",
     "Hi {candidate_first_name},\n\n"
     "Thank you for applying for the {job_title} position at {practice_name}. We have "
     "received your application, and a member of our hiring team will review it carefully.\n\n"
     "If your experience is a good match for the role, we will contact you about next steps. "
     "You can read the job description again at any time: {job_url}\n\n"
     "We appreciate your interest in caring for our patients with us.\n\n"
     "Warm regards,\n"
     "The {practice_name} hiring team"),
    (EmailTemplate.Purpose.INVITE, "Invitation to interview",
     "Interview invitation: {job_title} at {practice_name}",
     "Hi {candidate_first_name},\n\n"
     "Thank you again for your interest in the {job_title} position. We enjoyed reading "
     "your application and would like to invite you to an interview with our team.\n\n"
     "Please reply to this e-mail with a few days and times that work for you over the next "
     "week, or call our office at {practice_phone}. The conversation usually takes about "
     "45 minutes, and it is a good chance for you to ask us anything about the role and "
     "our practice.\n\n"
     "We look forward to meeting you.\n\n"
     "Best regards,\n"
     "The {practice_name} hiring team"),
    (EmailTemplate.Purpose.REJECTION, "Not moving forward",
     "Your application for {job_title} at {practice_name}",
     "Hi {candidate_first_name},\n\n"
     "Thank you for your interest in the {job_title} position at {practice_name} and for "
     "the time you took to apply.\n\n"
     "After careful consideration, we have decided to move forward with other candidates "
     "whose experience more closely matches our needs at this time. This was not an easy "
     "decision, and it is not a judgment of your skills or of the care you would bring to "
     "patients.\n\n"
     "We will keep your application on file, and we encourage you to apply for future "
     "openings that fit your background: {careers_url}\n\n"
     "We wish you all the best in your search.\n\n"
     "Kind regards,\n"
     "The {practice_name} hiring team"),
    (EmailTemplate.Purpose.OFFER, "Offer",
     "An offer for the {job_title} position at {practice_name}",
     "Hi {candidate_first_name},\n\n"
     "We are delighted to let you know that we would like to offer you the {job_title} "
     "position at {practice_name}. Everyone you met was impressed, and we think you will be "
     "a wonderful addition to our team and to our patients' care.\n\n"
     "We will follow up shortly with the details of the offer, including pay, schedule and "
     "start date. In the meantime, please reply to this e-mail or call us at "
     "{practice_phone} with any questions.\n\n"
     "Congratulations, and welcome!\n\n"
     "Warm regards,\n"
     "The {practice_name} hiring team"),
    (EmailTemplate.Purpose.CUSTOM, "General message",
     "About your application for {job_title}",
     "Hi {candidate_first_name},\n\n"
     "\n\n"
     "Best regards,\n"
     "The {practice_name} hiring team"),
]


# --- Merge fields -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    # fields the text uses that have no value here (e.g. the practice has no phone yet)
    blank_fields: tuple[str, ...] = ()


class _Fields(dict):
    """format_map's mapping: an unknown name is refused instead of quietly left out."""

    def __missing__(self, key: str) -> str:
        raise ValidationError(_unknown_message([f"{{{key}}}"]))


def _unknown_message(unknown: list[str]) -> str:
    known = ", ".join(f"{{{name}}}" for name in MERGE_FIELDS)
    if len(unknown) == 1:
        return _("%(field)s is not a merge field; use one of %(known)s.") % {
            "field": unknown[0], "known": known}
    return _("%(fields)s are not merge fields; use one of %(known)s.") % {
        "fields": ", ".join(unknown), "known": known}


def merge_fields_check(text: str) -> list[str]:
    """The merge fields a text uses, in order. Raises ValidationError naming any field that
    is not one of MERGE_FIELDS (attribute access, indexes, conversions and format specs
    included) and for a lone brace."""
    used, unknown = fields_in(text, MERGE_FIELDS, example="{candidate_first_name}")
    if unknown:
        raise ValidationError(_unknown_message(unknown))
    return used


def merge(text: str, values: Mapping[str, str]) -> str:
    """Fill a checked text's merge fields."""
    merge_fields_check(text)
    return text.format_map(_Fields(values))


def template_render(*, subject: str, body: str, values: Mapping[str, str]) -> Rendered:
    """A subject and body with their merge fields filled. Raises ValidationError (with the
    field, subject or body, that is wrong) for an unknown merge field."""
    errors: dict[str, list[str]] = {}
    used: list[str] = []
    for name, text in (("subject", subject), ("body", body)):
        try:
            used += merge_fields_check(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    # a subject is one header line, whatever a name or a template contains
    merged_subject = " ".join(merge(subject, values).split())[:200]
    blank = tuple(dict.fromkeys(f for f in used if not str(values.get(f, "")).strip()))
    return Rendered(subject=merged_subject, body=merge(body, values), blank_fields=blank)


def preview_token(subject: str, body: str) -> str:
    """Ties a Send to the exact text that was previewed (not a secret: it only guards the
    page flow, so nobody sends words they did not see merged)."""
    return hashlib.sha256(f"{subject}\x00{body}".encode()).hexdigest()[:32]


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _practice_values(practice: Practice, job: Job | None) -> dict[str, str]:
    careers = _absolute(reverse("careers:home", kwargs={"practice": practice.slug}))
    job_url = _absolute(reverse("careers:job", kwargs={"practice": practice.slug,
                                                       "job_slug": job.slug})) if job else careers
    return {"practice_name": practice.name, "practice_phone": practice.phone,
            "careers_url": careers, "job_url": job_url}


def merge_values(*, application: Application) -> dict[str, str]:
    """The merge fields' values for one application."""
    candidate = application.candidate
    return {"candidate_first_name": candidate.first_name, "candidate_name": candidate.full_name,
            "job_title": application.job.title,
            **_practice_values(application.practice, application.job)}


def sample_values(*, practice: Practice) -> dict[str, str]:
    """Values for previewing a template: a made-up candidate and the practice's newest job."""
    job = practice.jobs.order_by("-created_at").first()
    return {"candidate_first_name": SAMPLE_FIRST_NAME,
            "candidate_name": f"{SAMPLE_FIRST_NAME} {SAMPLE_LAST_NAME}",
            "job_title": job.title if job else SAMPLE_JOB_TITLE,
            **_practice_values(practice, job)}


# --- Templates --------------------------------------------------------------------------------

def email_templates_ensure(*, practice: Practice) -> None:
    """Give a practice the default templates the first time it needs templates. A practice
    that deleted every template gets them back, so the list is never empty."""
    if EmailTemplate.objects.filter(practice=practice).exists():
        return
    with transaction.atomic():
        Practice.objects.select_for_update().get(pk=practice.pk)  # one creator at a time
        if not EmailTemplate.objects.filter(practice=practice).exists():
            EmailTemplate.objects.bulk_create(
                EmailTemplate(practice=practice, purpose=purpose, name=name, subject=subject,
                              body=body)
                for purpose, name, subject, body in DEFAULT_TEMPLATES)


def _template_check(subject: str, body: str) -> None:
    errors: dict[str, list[str]] = {}
    for name, text in (("subject", subject), ("body", body)):
        try:
            merge_fields_check(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def email_template_create(*, practice: Practice, actor: User, name: str, subject: str,
                          body: str, purpose: str = EmailTemplate.Purpose.CUSTOM,
                          is_active: bool = True) -> EmailTemplate:
    """A new template; its merge fields are checked first."""
    _template_check(subject, body)
    template = EmailTemplate.objects.create(practice=practice, purpose=purpose,
                                            name=name.strip(), subject=subject.strip(),
                                            body=body, is_active=is_active)
    audit_log(action="candidates.email_template.created", actor=actor, obj=template,
              data={"purpose": purpose})
    return template


@transaction.atomic
def email_template_update(*, template: EmailTemplate, actor: User, name: str, subject: str,
                          body: str, purpose: str, is_active: bool) -> EmailTemplate:
    """Change a template. Messages already written keep their words."""
    _template_check(subject, body)
    template.name, template.subject, template.body = name.strip(), subject.strip(), body
    template.purpose, template.is_active = purpose, is_active
    template.save()
    audit_log(action="candidates.email_template.updated", actor=actor, obj=template,
              data={"fields": ["name", "subject", "body", "purpose", "is_active"]})
    return template


@transaction.atomic
def email_template_delete(*, template: EmailTemplate, actor: User) -> None:
    audit_log(action="candidates.email_template.deleted", actor=actor, obj=template)
    template.delete()


# --- Messages ---------------------------------------------------------------------------------

@transaction.atomic
def message_send(*, application: Application, actor: User | None, subject: str, body: str,
                 template: EmailTemplate | None = None) -> Message:
    """Write an e-mail to the applicant and queue its delivery. The text is merged now and
    kept as sent; a worker delivers it after commit (see message_deliver)."""
    from candidates.tasks import message_deliver as message_deliver_task

    if template is not None and template.practice_id != application.practice_id:
        raise ValidationError(_("Choose one of your practice's templates."))
    candidate = application.candidate
    if not candidate.email.strip():
        raise ValidationError(_("%(name)s has no e-mail address on file, so nothing was "
                                "sent. Add one to their profile first.") % {
                                    "name": candidate.full_name})
    rendered = template_render(subject=subject, body=body,
                               values=merge_values(application=application))
    if not rendered.subject.strip() or not rendered.body.strip():
        raise ValidationError(_("Write a subject and a message."))
    message = Message.objects.create(
        practice=application.practice, candidate=candidate, application=application,
        template=template, sender=actor, to_email=candidate.email, subject=rendered.subject,
        body=rendered.body, status=Message.Status.QUEUED)
    outbox.enqueue(message_deliver_task, practice=application.practice, message_id=message.pk)
    audit_log(action="candidates.message.queued", actor=actor, obj=message,
              data={"application": str(application.public_id),
                    "template": str(template.public_id) if template else None})
    return message


@transaction.atomic
def message_retry(*, message: Message, actor: User) -> Message:
    """Queue a failed e-mail again."""
    from candidates.tasks import message_deliver as message_deliver_task

    requeued = Message.objects.filter(pk=message.pk, status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, error="")
    message.refresh_from_db()
    if requeued != 1:
        raise ValidationError(_("This e-mail is %(status)s, so there is nothing to retry.") % {
            "status": message.get_status_display().lower()})
    outbox.enqueue(message_deliver_task, practice=message.practice, message_id=message.pk)
    audit_log(action="candidates.message.retried", actor=actor, obj=message)
    return message


def _sender_address(practice: Practice) -> str:
    # our own address (the one SPF/DKIM cover), shown with the practice's name
    return formataddr((practice.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def _reply_to(message: Message) -> list[str]:
    # the practice's own address when it gave one (Settings); otherwise the member who
    # wrote (or started the bulk action), who knows the context; else our address
    if message.practice.email:
        return [message.practice.email]
    if message.sender_id and message.sender.email:
        return [message.sender.email]
    return [parseaddr(settings.DEFAULT_FROM_EMAIL)[1]]


def message_deliver(*, message: Message) -> Message:
    """Send a queued e-mail. At-most-once: the row is claimed (queued → sending) before
    anything is sent, so a second delivery of the task does nothing. Failing to reach the
    mail server releases the claim and raises (the task retries); failing while sending
    marks the message failed, for a person to retry."""
    claimed = Message.objects.filter(pk=message.pk, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING)
    if claimed != 1:
        return message
    message = Message.objects.select_related("practice", "sender").get(pk=message.pk)
    email = EmailMessage(subject=message.subject, body=message.body, to=[message.to_email],
                         from_email=_sender_address(message.practice),
                         reply_to=_reply_to(message))
    connection = get_connection()
    try:
        connection.open()
    except TRANSIENT_ERRORS as exc:  # nothing was sent: give the row back for a retry
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.QUEUED, error=_error_text(exc))
        raise
    try:
        connection.send_messages([email])
    except Exception as exc:
        # the server may have taken it; a person decides whether to send it again
        logger.warning("Message %s failed: %s", message.pk, type(exc).__name__)
        Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED,
                                                     error=_error_text(exc))
    else:
        Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT, error="",
                                                     sent_at=timezone.now())
    finally:
        connection.close()
    message.refresh_from_db()
    return message


def message_give_up(*, message: Message, error: str) -> None:
    """The task ran out of retries: show the e-mail as failed, with a Retry button."""
    Message.objects.filter(pk=message.pk, status__in=[Message.Status.QUEUED,
                                                      Message.Status.SENDING]).update(
        status=Message.Status.FAILED, error=error[:2000])


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]
