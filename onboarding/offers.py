"""Offers: made from a candidate in the offer stage, the letter written from the practice's
template, sent through a private link, accepted with an e-signature or declined.

The letter's words are the practice's own (`OfferLetterTemplate`, US English by default) with
{merge fields}; unknown fields are refused when the template is saved and again when a letter
is made. Sending makes one exact version of the letter (`esign.document_version`, a DOCX, and
a PDF where LibreOffice is installed) in a worker, then e-mails the link. A link carries the
offer's `link_nonce`: resending or withdrawing rotates it, so earlier links stop working.
Accepting signs the letter, moves the application to the job's Hired stage and records it
all in one transaction, so a refusal anywhere leaves nothing half-saved."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from email.utils import formataddr, parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from candidates.models import Application, Stage
from candidates.pipeline import application_move, job_pipeline
from hiring import outbox
from hiring.merge_fields import fields_in
from hiring.models import Membership, Practice, User
from hiring.roles import Perm, Role, role_can
from hiring.services import audit_log
from jobs.models import Job
from jobs.pay import pay_text
from onboarding import esign, links
from onboarding.models import Offer, OfferLetterTemplate, SignableDocument, SigningEvent
from onboarding.pdf import docx_to_pdf

LINK_SALT = "onboarding.offer"
DEFAULT_EXPIRY_DAYS = 7
# The letter's words are the practice's own (US English unless they rewrote it); the values
# filled into it (dates, "per hour") and its title follow the letter, not the language of
# whoever happens to trigger the rendering.
LETTER_LANGUAGE = "en"

MERGE_FIELDS: dict[str, Any] = {
    "candidate_name": gettext_lazy("The candidate's full name"),
    "position": gettext_lazy("The position offered"),
    "pay": gettext_lazy("The pay and its period, e.g. $24.00 per hour"),
    "start_date": gettext_lazy("The start date"),
    "manager": gettext_lazy("The person the new hire reports to"),
    "expires_on": gettext_lazy("The last day to accept the offer"),
    "practice_name": gettext_lazy("Your practice's name"),
    "notes": gettext_lazy("The notes written for this offer (may be empty)"),
}

# Written into each practice's own data the first time it is needed; the practice then edits
# it. Plain US English, like the default stages and e-mail templates.
DEFAULT_LETTER = (
    "Dear {candidate_name},\n\n"
    "We are delighted to offer you the position of {position} at {practice_name}. Everyone "
    "you met was impressed, and we believe you will be a wonderful addition to our team and "
    "to the care of our patients.\n\n"
    "Position: {position}\n"
    "Pay: {pay}\n"
    "Start date: {start_date}\n"
    "Reports to: {manager}\n\n"
    "This offer is contingent on the successful completion of our pre-employment checks, "
    "which may include a background check, verification of any licence or certification the "
    "position requires, and screening against federal and state exclusion lists. As required "
    "by federal law, you will also need to complete Form I-9 and show documents that prove "
    "your identity and your eligibility to work in the United States no later than your "
    "first day.\n\n"
    "Your employment with {practice_name} will be at will: you or the practice may end it at "
    "any time, with or without cause or notice. This letter is not a contract of employment "
    "for any particular length of time. Benefits, schedules and policies are described in "
    "our employee handbook and may change from time to time.\n\n"
    "{notes}\n\n"
    "To accept this offer, please sign this letter electronically by {expires_on}. After "
    "that date the offer expires. If you have any questions, please contact us.\n\n"
    "We look forward to welcoming you to the team.\n\n"
    "Sincerely,\n"
    "{practice_name}"
)
SAMPLE_VALUES = {
    "candidate_name": "Jordan Rivera", "position": "Medical Assistant",
    "pay": "$24.00 per hour", "start_date": "Monday, June 1, 2026",
    "manager": "Dana Whitfield", "expires_on": "Friday, May 15, 2026",
    "notes": "You will work Monday to Thursday, 8 a.m. to 6 p.m., at our Main Street office.",
}

# --- The letter template and its merge fields -------------------------------------------------

def _unknown_message(unknown: list[str]) -> str:
    known = ", ".join(f"{{{name}}}" for name in MERGE_FIELDS)
    if len(unknown) == 1:
        return _("%(field)s is not a merge field of offer letters; use %(known)s.") % {
            "field": unknown[0], "known": known}
    return _("%(fields)s are not merge fields of offer letters; use %(known)s.") % {
        "fields": ", ".join(unknown), "known": known}


def letter_fields_check(text: str) -> list[str]:
    """The merge fields a letter uses. Raises ValidationError naming each unknown one (also
    for attribute access, indexes and format specs, which are never evaluated) and for a
    lone brace."""
    used, unknown = fields_in(text, MERGE_FIELDS, example="{candidate_name}")
    if unknown:
        raise ValidationError(_unknown_message(unknown))
    return used


def letter_merge(text: str, values: Mapping[str, str]) -> str:
    """The letter with its fields filled; an empty field (no notes) leaves no empty lines."""
    letter_fields_check(text)
    merged = text.format_map({name: values.get(name, "") for name in MERGE_FIELDS})
    paragraphs = [p.strip() for p in merged.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def letter_template_get(*, practice: Practice) -> OfferLetterTemplate:
    """The practice's letter template, written from the default the first time."""
    template = OfferLetterTemplate.objects.filter(practice=practice).first()
    if template is not None:
        return template
    try:
        with transaction.atomic():
            return OfferLetterTemplate.objects.create(practice=practice, body=DEFAULT_LETTER)
    except IntegrityError:  # written a moment ago by another request
        return OfferLetterTemplate.objects.get(practice=practice)


@transaction.atomic
def letter_template_update(*, practice: Practice, actor: User, body: str
                           ) -> OfferLetterTemplate:
    """Save new wording; its merge fields are checked first and a change raises the version
    (letters already sent keep the words they were sent with)."""
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ValidationError({"body": _("Write the letter; it cannot be empty.")})
    try:
        letter_fields_check(body)
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from exc
    template = letter_template_get(practice=practice)
    template = OfferLetterTemplate.objects.select_for_update().get(pk=template.pk)
    if template.body == body:
        return template
    template.body = body
    template.version += 1
    template.updated_by = actor
    template.save()
    audit_log(action="onboarding.offer_letter_template.updated", actor=actor, obj=practice,
              data={"version": template.version})
    return template


def long_date(day: date) -> str:
    """"Monday, June 1, 2026", in the language active now ("lunes 1 de junio de 2026")."""
    return dateformat.format(day, pgettext("long date (see the date filter of Django)",
                                           "l, F j, Y"))


def letter_values(offer: Offer) -> dict[str, str]:
    """The merge fields' values for one offer, written as the letter reads (US English)."""
    application = offer.application
    with translation.override(LETTER_LANGUAGE):
        return {
            "candidate_name": application.candidate.full_name,
            "position": offer.position_title,
            "pay": pay_text(offer.pay_amount, offer.pay_amount, offer.pay_unit,
                            application.job.currency),
            "start_date": long_date(offer.start_date),
            "manager": offer.manager.user.full_name if offer.manager else "",
            "expires_on": long_date(offer.expires_on),
            "practice_name": offer.practice.name,
            "notes": offer.notes.strip(),
        }


def offer_pay(offer: Offer) -> str:
    """The pay as the candidate's page shows it, in the language active now."""
    return pay_text(offer.pay_amount, offer.pay_amount, offer.pay_unit,
                    offer.application.job.currency)


def letter_title(offer: Offer) -> str:
    with translation.override(LETTER_LANGUAGE):
        return _("Offer of employment: %(position)s") % {"position": offer.position_title}


def letter_render(*, offer: Offer) -> str:
    """The letter's text as it will be sent (from the practice's current template)."""
    template = letter_template_get(practice=offer.practice)
    return letter_merge(template.body, letter_values(offer))


def letter_sample(*, body: str, practice: Practice) -> str:
    """A template's text filled with made-up values, to preview it."""
    return letter_merge(body, {**SAMPLE_VALUES, "practice_name": practice.name})


# --- Dates --------------------------------------------------------------------------------------

def practice_today(practice: Practice) -> date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone))


def offer_expires_at(offer: Offer) -> datetime:
    """The end of the expiry day in the practice's time zone: an offer that "expires on
    June 5" can be accepted until midnight of June 5 where the practice is."""
    zone = zoneinfo.ZoneInfo(offer.practice.timezone)
    return datetime.combine(offer.expires_on + timedelta(days=1), time(0), tzinfo=zone)


def offer_is_expired(offer: Offer, *, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= offer_expires_at(offer)


def subject_of(offer: Offer) -> str:
    """The e-sign trail's subject (and the letter's document key) for this offer."""
    return f"offer:{offer.public_id}"


# --- Making an offer ----------------------------------------------------------------------------

def offer_can_be_made(application: Application) -> str:
    """Why this application cannot get an offer now ("" when it can)."""
    if application.status != Application.Status.ACTIVE:
        return _("This application is no longer in the pipeline, so it cannot get an offer. "
                 "Bring it back to the pipeline first.")
    if application.stage is None or application.stage.kind != Stage.Kind.OFFER:
        return _("Offers are made from the Offer stage. Move the candidate to that stage "
                 "first.")
    return ""


def offer_managers(practice: Practice) -> Any:
    """The members a new hire can report to: those who may manage candidates."""
    roles = [role for role in Role if role_can(role, Perm.MANAGE_CANDIDATES)]
    return (practice.memberships.filter(role__in=roles).select_related("user")
            .order_by("user__full_name"))


def offer_defaults(*, application: Application, membership: Membership) -> dict[str, Any]:
    """What the form starts with: the job's title and pay, a week to decide, the member
    making the offer as the manager (when they may manage candidates)."""
    job = application.job
    today = practice_today(application.practice)
    return {
        "position_title": job.title,
        "pay_amount": job.pay_min if job.pay_min is not None else job.pay_max,
        "pay_unit": job.pay_unit,
        "expires_on": today + timedelta(days=DEFAULT_EXPIRY_DAYS),
        "manager": membership if membership.can(Perm.MANAGE_CANDIDATES) else None,
    }


def _terms_check(*, practice: Practice, position_title: str, pay_amount: Decimal | None,
                 start_date: date | None, expires_on: date | None,
                 manager: Membership | None) -> None:
    errors: dict[str, list[str]] = {}
    today = practice_today(practice)
    if not position_title.strip():
        errors["position_title"] = [_("Name the position.")]
    if pay_amount is None or pay_amount <= 0:
        errors["pay_amount"] = [_("Enter the pay, more than zero.")]
    if start_date is None or start_date <= today:
        errors["start_date"] = [_("The start date must be after today, the date of the "
                                  "offer.")]
    if expires_on is None or expires_on <= today:
        errors["expires_on"] = [_("The offer must stay open at least until tomorrow; choose "
                                  "a later date.")]
    elif start_date is not None and expires_on > start_date:
        errors["expires_on"] = [_("The offer must expire on or before the start date.")]
    if manager is not None and (manager.practice_id != practice.pk
                                or not manager.can(Perm.MANAGE_CANDIDATES)):
        errors["manager"] = [_("Choose a member of your practice who manages candidates.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def offer_create(*, application: Application, actor: User, position_title: str,
                 pay_amount: Decimal, pay_unit: str, start_date: date,
                 manager: Membership | None, expires_on: date, notes: str = "") -> Offer:
    """A draft offer for an active application in the Offer stage. One open offer at a
    time per application."""
    # locked: of two people making an offer at the same moment, the second sees the first's
    application = (Application.objects.select_for_update(of=("self",))
                   .select_related("stage", "practice").get(pk=application.pk))
    problem = offer_can_be_made(application)
    if problem:
        raise ValidationError(problem)
    existing = set(application.offers.values_list("status", flat=True))
    if existing & {Offer.Status.DRAFT, Offer.Status.SENT}:
        raise ValidationError(_("This candidate already has an open offer. Withdraw it "
                                "before making a new one."))
    if Offer.Status.ACCEPTED in existing:
        raise ValidationError(_("This candidate has already accepted an offer for this job."))
    _terms_check(practice=application.practice, position_title=position_title,
                 pay_amount=pay_amount, start_date=start_date, expires_on=expires_on,
                 manager=manager)
    offer = Offer.objects.create(
        practice=application.practice, application=application,
        position_title=position_title.strip(), pay_amount=pay_amount, pay_unit=pay_unit,
        start_date=start_date, manager=manager, expires_on=expires_on, notes=notes.strip(),
        created_by=actor)
    audit_log(action="onboarding.offer.created", actor=actor, obj=offer,
              data={"application": str(application.public_id)})
    return offer


# --- Sending, resending, withdrawing ------------------------------------------------------------

def _enqueue_letter(offer: Offer) -> None:
    from onboarding.tasks import offer_letter_send as offer_letter_send_task

    outbox.enqueue(offer_letter_send_task, practice=offer.practice, offer_id=offer.pk,
                   nonce=str(offer.link_nonce))


def _still_sendable(offer: Offer) -> None:
    today = practice_today(offer.practice)
    if offer.expires_on < today:
        raise ValidationError(_("This offer expired on %(date)s. Withdraw it and make a new "
                                "offer.") % {"date": long_date(offer.expires_on)})
    if offer.start_date <= today:
        raise ValidationError(_("The start date of this offer has passed. Withdraw it and "
                                "make a new offer."))
    if offer.application.status != Application.Status.ACTIVE:
        raise ValidationError(_("This application is no longer in the pipeline."))


@transaction.atomic
def offer_send(*, offer: Offer, actor: User) -> Offer:
    """Send a draft: a worker makes the letter (DOCX, PDF) and e-mails the private link."""
    offer = _locked(offer)
    if offer.status != Offer.Status.DRAFT:
        raise ValidationError(_("This offer has already been sent."))
    _still_sendable(offer)
    letter_render(offer=offer)  # a template with a bad field is refused here, not in a worker
    offer.status = Offer.Status.SENT
    offer.sent_at = None  # set by the worker when the e-mail goes out
    offer.save(update_fields=["status", "sent_at", "updated_at"])
    _enqueue_letter(offer)
    audit_log(action="onboarding.offer.sent", actor=actor, obj=offer)
    return offer


@transaction.atomic
def offer_resend(*, offer: Offer, actor: User) -> Offer:
    """E-mail a new link; every link sent before stops working."""
    offer = _locked(offer)
    if offer.status != Offer.Status.SENT:
        raise ValidationError(_("Only an offer waiting for an answer can be sent again "
                                "(this one is %(status)s).")
                              % {"status": offer.get_status_display().lower()})
    _still_sendable(offer)
    offer.link_nonce = uuid.uuid4()
    offer.sent_at = None
    offer.save(update_fields=["link_nonce", "sent_at", "updated_at"])
    _enqueue_letter(offer)
    audit_log(action="onboarding.offer.resent", actor=actor, obj=offer)
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, actor: User) -> Offer:
    """Take back an offer not yet answered; its links stop working at once."""
    offer = _locked(offer)
    if offer.status not in {Offer.Status.DRAFT, Offer.Status.SENT}:
        raise ValidationError(_("This offer was %(status)s, so it can no longer be "
                                "withdrawn.") % {"status": offer.get_status_display().lower()})
    offer.status = Offer.Status.WITHDRAWN
    offer.link_nonce = uuid.uuid4()
    offer.save(update_fields=["status", "link_nonce", "updated_at"])
    audit_log(action="onboarding.offer.withdrawn", actor=actor, obj=offer)
    return offer


def _locked(offer: Offer) -> Offer:
    return (Offer.objects.select_for_update(of=("self",))
            .select_related("practice", "application__candidate", "application__job",
                            "application__stage", "manager__user", "letter", "signature")
            .get(pk=offer.pk))


def offer_link(offer: Offer) -> str:
    token = links.make_token(salt=LINK_SALT, public_id=offer.public_id, nonce=offer.link_nonce)
    path = reverse("onboarding-public:offer", kwargs={"practice": offer.practice.slug,
                                                      "token": token})
    return f"{settings.SITE_URL}{path}"


def letter_ensure(offer: Offer) -> SignableDocument:
    """The letter's document version: made once, on the first send; a resend keeps the
    letter exactly as first sent. Its PDF is added when LibreOffice can make it."""
    if offer.letter is None:
        letter = esign.document_version(practice=offer.practice, key=subject_of(offer),
                                        title=letter_title(offer),
                                        body=letter_render(offer=offer))
        Offer.objects.filter(pk=offer.pk, letter=None).update(letter=letter)
        offer.refresh_from_db(fields=["letter"])
    letter = offer.letter
    if not letter.pdf:
        with letter.docx.open("rb") as handle:
            pdf = docx_to_pdf(handle.read(), label=f"offer letter {letter.pk}")
        if pdf is not None:
            # a name of this run's own: the copy dropped below is never the one kept
            name = letter.pdf.storage.save(
                f"signing/originals/{timezone.now():%Y/%m}/offer-{offer.public_id}"
                f"-v{letter.version}-{esign.unique_suffix()}.pdf", ContentFile(pdf))
            # the first PDF made is the one shown; a second worker's copy is dropped
            if SignableDocument.objects.filter(pk=letter.pk, pdf="").update(
                    pdf=name, pdf_sha256=esign.sha256(pdf)) != 1:
                letter.pdf.storage.delete(name)
            letter.refresh_from_db(fields=["pdf", "pdf_sha256"])
    return letter


def _sender(practice: Practice) -> str:
    # our own address (the one SPF/DKIM cover), shown with the practice's name
    return formataddr((practice.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def offer_letter_send(*, offer: Offer, nonce: str) -> None:
    """Make the letter and e-mail the link for this nonce. The letter is made at least once
    (idempotent: the same text is the same version); the e-mail is claimed in the
    transaction that sends it, so a failed send is retried and a sent one is not repeated.
    A withdrawn or resent offer (another nonce) makes this a no-op."""
    offer = (Offer.objects.select_related("practice", "application__candidate",
                                          "application__job", "manager__user", "letter")
             .get(pk=offer.pk))
    if offer.status != Offer.Status.SENT or str(offer.link_nonce) != nonce:
        return
    letter = letter_ensure(offer)
    candidate, practice = offer.application.candidate, offer.practice
    with transaction.atomic():
        claimed = Offer.objects.filter(pk=offer.pk, status=Offer.Status.SENT,
                                       link_nonce=nonce, sent_at=None).update(
            sent_at=timezone.now())
        if claimed != 1:
            return
        with translation.override(candidate.language):
            context = {"offer": offer, "practice": practice, "candidate": candidate,
                       "link": offer_link(offer),
                       "expires_on": long_date(offer.expires_on)}
            subject = " ".join(render_to_string("emails/offer_letter_subject.txt",
                                                context).split())
            body = render_to_string("emails/offer_letter.txt", context)
        EmailMessage(subject=subject, body=body, to=[candidate.email],
                     from_email=_sender(practice),
                     reply_to=[practice.email] if practice.email else None).send()
        esign.record(practice=practice, event=SigningEvent.Event.LINK_SENT,
                     subject=subject_of(offer), signer_email=candidate.email, document=letter,
                     data={"letter_version": letter.version})


# --- The candidate's answer ---------------------------------------------------------------------

def offer_from_token(*, practice: Practice, token: str) -> Offer:
    """The offer a private link opens. LinkProblem (a message that reveals nothing) for a
    tampered, expired or revoked link, or one of another practice."""
    public_id, nonce = links.read_token(salt=LINK_SALT, token=token)
    invalid = links.LinkProblem(_("This link is not valid. Check that you copied all of it, or "
                                  "ask the practice for a new one."))
    try:
        public_id = str(uuid.UUID(public_id))
    except ValueError:
        raise invalid from None
    offer = (Offer.objects.filter(practice=practice, public_id=public_id)
             .select_related("practice", "application__candidate", "application__job",
                             "manager__user", "letter", "signature").first())
    if offer is None or offer.status == Offer.Status.DRAFT:
        raise invalid
    if str(offer.link_nonce) != nonce:
        raise links.LinkProblem(_("This link has been replaced by a newer one or is no longer "
                                  "in use. Use the link from the practice's latest e-mail."))
    return offer


@dataclass(frozen=True)
class Answerable:
    """Whether an offer can still be answered, and if not, what to tell the candidate."""

    ok: bool
    problem: str = ""


def offer_answerable(offer: Offer) -> Answerable:
    if offer.status == Offer.Status.ACCEPTED:
        return Answerable(False, _("You have already accepted this offer."))
    if offer.status == Offer.Status.DECLINED:
        return Answerable(False, _("You declined this offer, so it can no longer be accepted. "
                                   "If you have changed your mind, contact the practice."))
    if offer.status == Offer.Status.WITHDRAWN:
        return Answerable(False, _("The practice has withdrawn this offer."))
    if offer_is_expired(offer):
        return Answerable(False, _("This offer expired on %(date)s and can no longer be "
                                   "accepted. Contact the practice if you are still "
                                   "interested.") % {"date": long_date(offer.expires_on)})
    if offer.application.status != Application.Status.ACTIVE:
        return Answerable(False, _("This offer is no longer open. Contact the practice."))
    if offer.letter is None:
        return Answerable(False, _("The offer letter is still being prepared. Try again in a "
                                   "few minutes."))
    return Answerable(True)


def offer_viewed(*, offer: Offer, seen: esign.Seen) -> SigningEvent:
    return esign.record(practice=offer.practice, event=SigningEvent.Event.VIEWED,
                        subject=subject_of(offer), seen=seen,
                        signer_email=offer.application.candidate.email, document=offer.letter)


def offer_downloaded(*, offer: Offer, what: str, seen: esign.Seen) -> SigningEvent:
    return esign.record(practice=offer.practice, event=SigningEvent.Event.DOWNLOADED,
                        subject=subject_of(offer), seen=seen,
                        signer_email=offer.application.candidate.email,
                        document=offer.letter, data={"file": what})


def offer_consent(*, offer: Offer, agreed: bool, seen: esign.Seen) -> Any:
    """The candidate agrees to the electronic record and signature disclosure."""
    answerable = offer_answerable(offer)
    if not answerable.ok:
        raise ValidationError(answerable.problem)
    if not agreed:
        raise ValidationError({"agreed": _("Tick the box to agree, or ask the practice for "
                                           "paper copies instead.")})
    candidate = offer.application.candidate
    existing = esign.active_consent(practice=offer.practice, email=candidate.email)
    if existing is not None:
        return existing
    return esign.consent_give(practice=offer.practice, name=candidate.full_name,
                              email=candidate.email, subject=subject_of(offer), seen=seen)


def offer_consent_withdraw(*, offer: Offer, seen: esign.Seen) -> None:
    consent = esign.active_consent(practice=offer.practice,
                                   email=offer.application.candidate.email)
    if consent is not None:
        esign.consent_withdraw(consent=consent, subject=subject_of(offer), seen=seen)


class AlreadyAccepted(ValidationError):
    """A second click (or tab) found the offer accepted: show the accepted page."""


def _hired_stage(job: Job) -> Stage:
    return next(s for s in job_pipeline(job) if s.kind == Stage.Kind.HIRED)


def _enqueue_response(offer: Offer) -> None:
    from onboarding.tasks import offer_response_notify as offer_response_notify_task

    outbox.enqueue(offer_response_notify_task, practice=offer.practice, offer_id=offer.pk)


@transaction.atomic
def offer_accept(*, offer: Offer, typed_name: str, agreed: bool, viewed_at: datetime,
                 seen: esign.Seen) -> Offer:
    """Sign the letter and accept: the application moves to Hired. All or nothing: a refused
    signature or a move that fails leaves the offer as it was."""
    offer = _locked(offer)
    answerable = offer_answerable(offer)
    if offer.status == Offer.Status.ACCEPTED:
        raise AlreadyAccepted(answerable.problem)
    if not answerable.ok:
        raise ValidationError(answerable.problem)
    candidate = offer.application.candidate
    consent = esign.active_consent(practice=offer.practice, email=candidate.email)
    signature = esign.sign(document=offer.letter, consent=consent, typed_name=typed_name,
                           expected_name=candidate.full_name, signer_email=candidate.email,
                           agreed=agreed, viewed_at=viewed_at, subject=subject_of(offer),
                           seen=seen)
    offer.status = Offer.Status.ACCEPTED
    offer.responded_at = signature.signed_at
    offer.signature = signature
    offer.save(update_fields=["status", "responded_at", "signature", "updated_at"])
    application = offer.application
    # the candidate moved it, through their signed link; no member did
    application_move(application=application, to_stage=_hired_stage(application.job),
                     actor=None)  # type: ignore[arg-type]
    audit_log(action="onboarding.offer.accepted", obj=offer, ip_address=seen.ip,
              data={"signature": str(signature.public_id),
                    "application": str(application.public_id)})
    _enqueue_response(offer)
    return offer


@transaction.atomic
def offer_decline(*, offer: Offer, reason: str, seen: esign.Seen) -> Offer:
    """The candidate says no, with an optional reason for the practice."""
    offer = _locked(offer)
    if offer.status == Offer.Status.DECLINED:
        return offer  # a second click: already done
    answerable = offer_answerable(offer)
    if not answerable.ok:
        raise ValidationError(answerable.problem)
    offer.status = Offer.Status.DECLINED
    offer.responded_at = timezone.now()
    offer.decline_reason = reason.strip()[:2000]
    offer.save(update_fields=["status", "responded_at", "decline_reason", "updated_at"])
    esign.record(practice=offer.practice, event=SigningEvent.Event.DECLINED,
                 subject=subject_of(offer), seen=seen,
                 signer_email=offer.application.candidate.email, document=offer.letter,
                 data={"reason_given": bool(offer.decline_reason)})
    audit_log(action="onboarding.offer.declined", obj=offer, ip_address=seen.ip)
    _enqueue_response(offer)
    return offer


# --- After the answer ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Openings:
    accepted: int
    openings: int
    job_open: bool  # published or paused: it can still be closed

    @property
    def filled(self) -> bool:
        return self.accepted >= self.openings

    @property
    def close_prompt(self) -> bool:
        return self.filled and self.job_open


def job_openings(job: Job) -> Openings:
    """How many of the job's openings accepted offers fill."""
    accepted = Offer.objects.filter(practice=job.practice, application__job=job,
                                    status=Offer.Status.ACCEPTED).count()
    return Openings(accepted=accepted, openings=job.openings,
                    job_open=job.status in {Job.Status.PUBLISHED, Job.Status.PAUSED})


def offer_response_notify(*, offer: Offer) -> None:
    """Tell the offer's maker (and the manager named in it) the answer; on acceptance, give
    the candidate their signed copy. At-least-once: a repeated run repeats the e-mails."""
    offer = (Offer.objects.select_related("practice", "application__candidate",
                                          "application__job", "manager__user", "created_by",
                                          "signature")
             .get(pk=offer.pk))
    if offer.status not in {Offer.Status.ACCEPTED, Offer.Status.DECLINED}:
        return
    practice, candidate = offer.practice, offer.application.candidate
    accepted = offer.status == Offer.Status.ACCEPTED
    if accepted and offer.signature is not None:
        with translation.override(candidate.language):
            context = {"offer": offer, "practice": practice, "candidate": candidate,
                       "start_date": long_date(offer.start_date)}
            message = EmailMessage(
                subject=" ".join(render_to_string("emails/offer_accepted_subject.txt",
                                                  context).split()),
                body=render_to_string("emails/offer_accepted.txt", context),
                to=[candidate.email], from_email=_sender(practice),
                reply_to=[practice.email] if practice.email else None)
            with offer.signature.signed_docx.open("rb") as handle:
                message.attach(_("signed-offer-letter.docx"), handle.read(),
                               "application/vnd.openxmlformats-officedocument"
                               ".wordprocessingml.document")
        message.send()
    staff = {u.email: u for u in (offer.created_by,
                                  offer.manager.user if offer.manager else None)
             if u is not None and u.email}
    if not staff:
        return
    openings = job_openings(offer.application.job) if accepted else None
    path = reverse("onboarding:offer-detail", kwargs={"practice": practice.slug,
                                                      "offer_id": offer.public_id})
    with translation.override(settings.LANGUAGE_CODE):
        context = {"offer": offer, "practice": practice, "candidate": candidate,
                   "accepted": accepted, "openings": openings,
                   "link": f"{settings.SITE_URL}{path}"}
        subject = " ".join(render_to_string("emails/offer_response_subject.txt",
                                            context).split())
        body = render_to_string("emails/offer_response.txt", context)
    EmailMessage(subject=subject, body=body, to=sorted(staff),
                 from_email=_sender(practice)).send()
