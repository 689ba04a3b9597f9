"""Scheduling interviews, moving and cancelling them, and telling everyone with invites."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.models import Application
from hiring import outbox
from hiring.models import Membership, User
from hiring.services import audit_log
from interviews.ics import interview_ics
from interviews.models import Interview, InterviewKit, Slot

# Until practices set their own opening hours, a warning marks times outside these.
USUAL_HOURS = (time(7, 0), time(19, 0))
LINK_SALT = "interviews.candidate-link"


def _check(*, application: Application, starts_at: datetime, interviewers: list[Membership]
           ) -> None:
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("This time has passed. Choose a time ahead.")})
    if not interviewers:
        raise ValidationError({"interviewers": _("Choose at least one interviewer.")})
    team = set(application.job.hiring_team.values_list("pk", flat=True))
    outside = [m for m in interviewers if m.pk not in team]
    if outside:
        raise ValidationError({"interviewers": _(
            "%(names)s %(verb)s not on this job's hiring team. Add them to the team in the "
            "job's settings first.") % {"names": ", ".join(str(m.user) for m in outside),
                                        "verb": _("is") if len(outside) == 1 else _("are")}})
    if application.status != Application.Status.ACTIVE:
        raise ValidationError(_("This application is no longer in the pipeline."))


def schedule_warnings(*, practice_timezone: str, starts_at: datetime, duration_minutes: int,
                      interviewers: list[Membership], exclude: Interview | None = None
                      ) -> list[str]:
    """What a scheduler should see before confirming: overlaps and unusual hours."""
    warnings = []
    local = starts_at.astimezone(zoneinfo.ZoneInfo(practice_timezone))
    ends = starts_at + timedelta(minutes=duration_minutes)
    if local.weekday() >= 5 or not (USUAL_HOURS[0] <= local.time()
                                    and (local + timedelta(minutes=duration_minutes)).time()
                                    <= USUAL_HOURS[1]):
        warnings.append(_("%(when)s is outside the practice's usual hours.")
                        % {"when": local.strftime("%a %H:%M")})
    busy = (Interview.objects.filter(interviewers__in=interviewers,
                                     status=Interview.Status.SCHEDULED,
                                     starts_at__lt=ends)
            .exclude(pk=getattr(exclude, "pk", None)).select_related().distinct())
    for other in busy:
        if other.ends_at > starts_at:
            names = ", ".join(str(m.user) for m in other.interviewers.all()
                              if m in interviewers)
            warnings.append(_("%(names)s already has an interview at %(when)s.") % {
                "names": names, "when": other.starts_at.astimezone(
                    zoneinfo.ZoneInfo(practice_timezone)).strftime("%a %H:%M")})
    return warnings


@transaction.atomic
def interview_schedule(*, application: Application, actor: User, starts_at: datetime,
                       interviewers: list[Membership], kind: str = Interview.Kind.ON_SITE,
                       duration_minutes: int = 45, location: str = "",
                       note_to_candidate: str = "", kit: InterviewKit | None = None,
                       candidate_answer: str = Interview.Answer.WAITING) -> Interview:
    """Book an interview and send the invites (after commit, through the outbox)."""
    _check(application=application, starts_at=starts_at, interviewers=interviewers)
    if kit is not None and kit.job_id != application.job_id:
        raise ValidationError({"kit": _("Choose one of this job's interview kits.")})
    interview = Interview.objects.create(
        practice=application.practice, application=application, kind=kind,
        starts_at=starts_at, duration_minutes=duration_minutes, location=location,
        note_to_candidate=note_to_candidate, organizer=actor, kit=kit,
        candidate_answer=candidate_answer)
    interview.interviewers.set(interviewers)
    _send_invites(interview)
    audit_log(action="interviews.interview.scheduled", actor=actor, obj=interview)
    return interview


@transaction.atomic
def interview_reschedule(*, interview: Interview, actor: User, starts_at: datetime,
                         duration_minutes: int | None = None,
                         location: str | None = None) -> Interview:
    """Move an interview: the same calendar event with a higher sequence."""
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    if locked.status == Interview.Status.CANCELLED:
        raise ValidationError(_("This interview was cancelled; schedule a new one."))
    _check(application=locked.application, starts_at=starts_at,
           interviewers=list(locked.interviewers.all()))
    if locked.starts_at != starts_at:
        locked.reminded_at = None  # the new day deserves its own day-before reminder
    locked.starts_at = starts_at
    if duration_minutes:
        locked.duration_minutes = duration_minutes
    if location is not None:
        locked.location = location
    locked.sequence += 1
    locked.candidate_answer = Interview.Answer.WAITING
    locked.save()
    _send_invites(locked)
    audit_log(action="interviews.interview.rescheduled", actor=actor, obj=locked)
    return locked


@transaction.atomic
def interview_cancel(*, interview: Interview, actor: User) -> Interview:
    cancelled = Interview.objects.filter(pk=interview.pk, status=Interview.Status.SCHEDULED
                                         ).update(status=Interview.Status.CANCELLED,
                                                  sequence=F("sequence") + 1,
                                                  updated_at=timezone.now())
    if cancelled != 1:
        raise ValidationError(_("This interview was already cancelled."))
    # a time a candidate picked from offered slots is free again for the others invited
    Slot.objects.filter(interview=interview).update(interview=None)
    interview.refresh_from_db()
    _send_invites(interview)
    audit_log(action="interviews.interview.cancelled", actor=actor, obj=interview)
    return interview


def _send_invites(interview: Interview) -> None:
    from interviews.tasks import interview_invites_send as invites_task

    outbox.enqueue(invites_task, practice=interview.practice, interview_id=interview.pk,
                   sequence=interview.sequence)


# --- The candidate's private link -----------------------------------------------------------

def candidate_link(interview: Interview) -> str:
    token = signing.dumps(str(interview.public_id), salt=LINK_SALT)
    path = reverse("interviews-public:respond", kwargs={
        "practice": interview.practice.slug, "token": token})
    return f"{settings.SITE_URL}{path}"


def interview_from_link(*, practice: Any, token: str) -> Interview:
    try:
        public_id = signing.loads(token, salt=LINK_SALT, max_age=60 * 60 * 24 * 60)
    except signing.BadSignature as exc:
        raise ValidationError(_("This link is not valid.")) from exc
    interview = Interview.objects.filter(practice=practice, public_id=public_id).first()
    if interview is None:
        raise ValidationError(_("This link is not valid."))
    return interview


@transaction.atomic
def interview_candidate_answer(*, interview: Interview, confirm: bool,
                               message: str = "") -> Interview:
    """The candidate confirms, or asks for another time with a message for the practice."""
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError(_("This interview was cancelled by the practice."))
    if interview.starts_at <= timezone.now():
        raise ValidationError(_("This interview has already taken place."))
    interview.candidate_answer = (Interview.Answer.CONFIRMED if confirm
                                  else Interview.Answer.NEW_TIME)
    interview.candidate_message = "" if confirm else message.strip()[:1000]
    interview.save(update_fields=["candidate_answer", "candidate_message", "updated_at"])
    audit_log(action="interviews.interview.answered", obj=interview,
              data={"answer": interview.candidate_answer})
    return interview


# --- Sending --------------------------------------------------------------------------------

def interview_invites_send(*, interview: Interview, sequence: int) -> None:
    """E-mail the candidate and each interviewer this version of the invite. Claims the
    sequence first: a second delivery of the task sends nothing (at-most-once per version)."""
    claimed = Interview.objects.filter(pk=interview.pk,
                                       invites_sent_sequence__lt=sequence).update(
        invites_sent_sequence=sequence)
    if claimed != 1:
        return
    interview = (Interview.objects.select_related("application__candidate",
                                                  "application__job", "organizer", "practice")
                 .get(pk=interview.pk))
    if interview.sequence != sequence:
        return  # a newer change is on its way with its own invites
    practice = interview.practice
    candidate = interview.application.candidate
    cancel = interview.status == Interview.Status.CANCELLED
    people = [(candidate.full_name, candidate.email, candidate.language, True)] + [
        (m.user.full_name, m.user.email, "en", False)
        for m in interview.interviewers.select_related("user")]
    attendees = [(name, email) for name, email, _lang, _c in people]
    organizer_email = practice.email or settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")
    for name, email, language, is_candidate in people:
        with translation.override(language):
            context = {"interview": interview, "practice": practice, "candidate": candidate,
                       "job": interview.application.job, "name": name, "cancel": cancel,
                       "is_candidate": is_candidate,
                       "link": candidate_link(interview) if is_candidate else "",
                       "site_url": settings.SITE_URL}
            subject = " ".join(render_to_string("emails/interview_invite_subject.txt",
                                                context).split())
            ics = interview_ics(interview=interview, summary=subject,
                                description=render_to_string("emails/interview_invite.txt",
                                                             context),
                                organizer_name=practice.name, organizer_email=organizer_email,
                                attendees=attendees, cancel=cancel)
            message = EmailMultiAlternatives(
                subject=subject, to=[email],
                body=render_to_string("emails/interview_invite.txt", context),
                reply_to=[practice.email] if practice.email else None)
            method = "CANCEL" if cancel else "REQUEST"
            message.attach("invite.ics", ics, f"text/calendar; method={method}; charset=UTF-8")
            message.send()
