"""Self-scheduling: a manager offers several times, each invited candidate picks one through
a private link. A time goes to whoever picks it first; the times nobody picked stay free for
the other candidates invited to the same offer."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from candidates.models import Application
from hiring import outbox
from hiring.models import Membership, Practice, User
from hiring.services import audit_log
from interviews.models import Interview, InterviewKit, Slot, SlotInvitation, SlotOffer
from interviews.services import _check as check_interview
from interviews.services import interview_schedule
from interviews.tasks import slot_invitation_send as slot_invitation_send_task

MIN_SLOTS, MAX_SLOTS = 2, 8
# Another salt than the interview link's: a pick token must never open an interview page.
LINK_SALT = "interviews.slot-pick-link"
LINK_MAX_AGE = 60 * 60 * 24 * 30


def _when(practice: Practice, starts_at: datetime) -> str:
    local = timezone.localtime(starts_at, zoneinfo.ZoneInfo(practice.timezone))
    return formats.date_format(local, pgettext(
        "date and time of an interview (see the date filter of Django)", "l, F j, Y, g:i A"))


# --- Reads ------------------------------------------------------------------------------------

def free_slots(offer: SlotOffer) -> QuerySet[Slot]:
    """The offer's times nobody has taken yet and that are still ahead."""
    return offer.slots.filter(interview__isnull=True, starts_at__gt=timezone.now())


def slot_offer_slots(offer: SlotOffer) -> QuerySet[Slot]:
    """Every time of the offer, with who took it, for the offer page."""
    return offer.slots.select_related("interview__application__candidate")


def slot_offer_invitations(offer: SlotOffer) -> QuerySet[SlotInvitation]:
    return offer.invitations.select_related("application__candidate", "interview").order_by(
        "created_at")


# --- Offering times ---------------------------------------------------------------------------

@transaction.atomic
def slot_offer_create(*, application: Application, actor: User, starts: list[datetime],
                      interviewers: list[Membership], kind: str = Interview.Kind.ON_SITE,
                      duration_minutes: int = 45, location: str = "",
                      kit: InterviewKit | None = None, note_to_candidate: str = ""
                      ) -> SlotInvitation:
    """Offer several times for one interview and invite the application's candidate to pick
    one (the e-mail goes after commit, through the outbox)."""
    if len(set(starts)) != len(starts):
        raise ValidationError({"starts": _("The same time is offered twice.")})
    if not MIN_SLOTS <= len(starts) <= MAX_SLOTS:
        raise ValidationError({"starts": _("Offer between %(min)d and %(max)d times.") % {
            "min": MIN_SLOTS, "max": MAX_SLOTS}})
    # the earliest time checked is every time checked: the others are later still
    check_interview(application=application, starts_at=min(starts), interviewers=interviewers)
    if kit is not None and kit.job_id != application.job_id:
        raise ValidationError({"kit": _("Choose one of this job's interview kits.")})
    offer = SlotOffer.objects.create(
        practice=application.practice, job=application.job, kind=kind,
        duration_minutes=duration_minutes, location=location, kit=kit,
        note_to_candidate=note_to_candidate, created_by=actor)
    offer.interviewers.set(interviewers)
    Slot.objects.bulk_create(Slot(practice=offer.practice, offer=offer, starts_at=starts_at)
                             for starts_at in sorted(starts))
    audit_log(action="interviews.slot_offer.created", actor=actor, obj=offer,
              data={"slots": len(starts)})
    return _invite(offer=offer, application=application, actor=actor)


@transaction.atomic
def slot_invite(*, offer: SlotOffer, application: Application, actor: User) -> SlotInvitation:
    """Invite another candidate of the same job to pick one of the offer's free times."""
    if application.practice_id != offer.practice_id or application.job_id != offer.job_id:
        raise ValidationError({"application": _("Choose a candidate for this job.")})
    if application.status != Application.Status.ACTIVE:
        raise ValidationError({"application": _(
            "This application is no longer in the pipeline.")})
    if offer.invitations.filter(application=application).exists():
        raise ValidationError({"application": _("This candidate has these times already.")})
    if not free_slots(offer).exists():
        raise ValidationError(_("Every one of these times is taken or past. Offer new times."))
    return _invite(offer=offer, application=application, actor=actor)


def _invite(*, offer: SlotOffer, application: Application, actor: User) -> SlotInvitation:
    try:
        with transaction.atomic():
            invitation = SlotInvitation.objects.create(practice=offer.practice, offer=offer,
                                                       application=application)
    except IntegrityError as exc:  # a teammate invited them a moment ago
        raise ValidationError({"application": _(
            "This candidate has these times already.")}) from exc
    outbox.enqueue(slot_invitation_send_task, practice=offer.practice,
                   invitation_id=invitation.pk)
    audit_log(action="interviews.slot_offer.invited", actor=actor, obj=offer,
              data={"application": str(application.public_id)})
    return invitation


# --- The candidate's private link -------------------------------------------------------------

def invitation_link(invitation: SlotInvitation) -> str:
    token = signing.dumps(str(invitation.public_id), salt=LINK_SALT)
    path = reverse("interviews-public:slot-pick", kwargs={
        "practice": invitation.practice.slug, "token": token})
    return f"{settings.SITE_URL}{path}"


def invitation_from_link(*, practice: Any, token: str) -> SlotInvitation:
    try:
        public_id = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature as exc:  # SignatureExpired included
        raise ValidationError(_("This link is not valid.")) from exc
    invitation = (SlotInvitation.objects
                  .select_related("offer", "application__job", "application__candidate",
                                  "interview")
                  .filter(practice=practice, public_id=public_id).first())
    if invitation is None:
        raise ValidationError(_("This link is not valid."))
    return invitation


@transaction.atomic
def slot_pick(*, invitation: SlotInvitation, slot: Slot) -> Interview:
    """Book the slot for the invited candidate. Of two people picking the same time at once,
    the first takes it and the other is told which times are still free."""
    if slot.offer_id != invitation.offer_id:
        raise ValidationError(_("Choose one of the times offered to you."))
    # the invitation's lock first, the slot's second: one order for everyone, no deadlock;
    # it also makes the same link clicked in two tabs book one interview
    locked = (SlotInvitation.objects.select_for_update(of=("self",))
              .select_related("offer__job", "practice", "application", "interview")
              .get(pk=invitation.pk))
    practice, offer = locked.practice, locked.offer
    if locked.interview is not None and locked.interview.status == Interview.Status.SCHEDULED:
        raise ValidationError(
            _("You already chose %(when)s. Use the link below to confirm or ask for another "
              "time.") % {"when": _when(practice, locked.interview.starts_at)},
            code="already_picked")
    if locked.interview is not None:  # the practice cancelled it; a new pick is theirs to offer
        raise ValidationError(_("The practice cancelled the interview you chose. They will "
                                "contact you."), code="cancelled")
    if locked.application.status != Application.Status.ACTIVE:
        raise ValidationError(_("These times are no longer available."), code="closed")
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed. Choose another."), code="past")
    # Postgres re-checks the condition once a concurrent winner commits: the loser gets None
    claimed = (Slot.objects.select_for_update()
               .filter(pk=slot.pk, interview__isnull=True, starts_at__gt=timezone.now())
               .first())
    if claimed is None:
        raise ValidationError(_taken_message(offer, slot), code="taken")
    interviewers = list(offer.interviewers.filter(pk__in=offer.job.hiring_team.all()))
    if not interviewers:  # the team changed since the offer; a person must arrange it
        raise ValidationError(_("This time can no longer be booked online. Please call the "
                                "practice."), code="closed")
    interview = interview_schedule(
        application=locked.application, actor=offer.created_by, starts_at=claimed.starts_at,
        interviewers=interviewers, kind=offer.kind, duration_minutes=offer.duration_minutes,
        location=offer.location, note_to_candidate=offer.note_to_candidate, kit=offer.kit,
        candidate_answer=Interview.Answer.CONFIRMED)  # they chose the time themselves
    Slot.objects.filter(pk=claimed.pk).update(interview=interview)
    SlotInvitation.objects.filter(pk=locked.pk).update(interview=interview)
    audit_log(action="interviews.slot.picked", obj=interview,
              data={"slot": str(claimed.public_id), "offer": str(offer.public_id)})
    return interview


def _taken_message(offer: SlotOffer, slot: Slot) -> str:
    practice = offer.practice
    free = [_when(practice, s.starts_at) for s in free_slots(offer)]
    if not free:
        return _("Someone else took %(when)s a moment ago, and no other time is free. "
                 "Please call the practice.") % {"when": _when(practice, slot.starts_at)}
    return _("Someone else took %(when)s a moment ago. Still free: %(free)s.") % {
        "when": _when(practice, slot.starts_at), "free": "; ".join(free)}


# --- Sending ----------------------------------------------------------------------------------

def slot_invitation_send(*, invitation: SlotInvitation) -> None:
    """E-mail the candidate the link to pick a time, in their language. Claims `sent_at`
    first: a second delivery of the task sends nothing (at-most-once)."""
    claimed = SlotInvitation.objects.filter(pk=invitation.pk, sent_at=None).update(
        sent_at=timezone.now())
    if claimed != 1:
        return
    invitation = (SlotInvitation.objects
                  .select_related("offer", "practice", "application__candidate",
                                  "application__job")
                  .get(pk=invitation.pk))
    practice, candidate = invitation.practice, invitation.application.candidate
    with translation.override(candidate.language):
        context = {"invitation": invitation, "offer": invitation.offer, "practice": practice,
                   "candidate": candidate, "job": invitation.application.job,
                   "slots": list(free_slots(invitation.offer)),
                   "link": invitation_link(invitation)}
        subject = " ".join(render_to_string("emails/interview_pick_subject.txt",
                                            context).split())
        EmailMessage(subject=subject, to=[candidate.email],
                     body=render_to_string("emails/interview_pick.txt", context),
                     reply_to=[practice.email] if practice.email else None).send()
