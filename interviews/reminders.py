"""Reminders sent by Celery beat: each interviewer the day before an interview, and an
interviewer whose scorecard is a day late (with a copy to the hiring manager).

Every reminder is claimed with a conditional update in the transaction that sends it: a
repeated or duplicated run finds it claimed and sends nothing, and a mail server failing
half-way rolls the claim back, so the next run tries again (at-least-once)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from hiring.emails import send_templated_email
from hiring.models import Membership, Practice
from hiring.roles import Perm, Role, role_can
from interviews.models import Interview, Scorecard
from interviews.scorecards import scorecard_for

# Run hourly, an interview is in this window for several runs: a missed run or a broker
# outage of a few hours still leaves time to remind.
DAY_BEFORE = (timedelta(hours=20), timedelta(hours=28))
SCORECARD_LATE_AFTER = timedelta(hours=24)
# By then the decision has been made without the scorecard; chasing it is only noise.
SCORECARD_GIVE_UP_AFTER = timedelta(days=14)
LONGEST_INTERVIEW = timedelta(days=1)  # the schedule form allows 8 hours
MANAGING_ROLES = [role.value for role in Role if role_can(role, Perm.MANAGE_CANDIDATES)]


def _context(interview: Interview, link_path: str) -> dict[str, object]:
    application = interview.application
    return {"interview": interview, "practice": interview.practice,
            "candidate": application.candidate, "job": application.job,
            "link": f"{settings.SITE_URL}{link_path}"}


def _path(name: str, interview: Interview) -> str:
    return reverse(f"interviews:{name}", kwargs={
        "practice": interview.practice.slug, "interview_id": interview.public_id})


# --- The day before -----------------------------------------------------------------------------

def interview_reminders_send(*, practice: Practice, now: datetime | None = None) -> int:
    """Remind the interviewers of each interview starting in about a day; return how many
    interviews were reminded."""
    now = now or timezone.now()
    due = (practice.interviews.filter(status=Interview.Status.SCHEDULED,
                                      reminded_at__isnull=True,
                                      starts_at__gte=now + DAY_BEFORE[0],
                                      starts_at__lt=now + DAY_BEFORE[1])
           .select_related("application__candidate", "application__job", "practice"))
    return sum(interview_reminder_send(interview=interview, now=now) for interview in due)


@transaction.atomic
def interview_reminder_send(*, interview: Interview, now: datetime) -> bool:
    """E-mail each interviewer of the interview a reminder, once (claimed on reminded_at)."""
    claimed = Interview.objects.filter(pk=interview.pk, status=Interview.Status.SCHEDULED,
                                       reminded_at__isnull=True).update(reminded_at=now)
    if claimed != 1:
        return False
    context = _context(interview, _path("interview-detail", interview))
    for member in interview.interviewers.filter(user__is_active=True).select_related("user"):
        send_templated_email(template="interview_reminder", to=[member.user.email],
                             context={**context, "member": member})
    return True


# --- Late scorecards ----------------------------------------------------------------------------

def scorecard_reminders_send(*, practice: Practice, now: datetime | None = None) -> int:
    """Chase each interviewer with no submitted scorecard a day after the interview ended;
    return how many scorecards were chased. Candidates who have left the pipeline (rejected,
    withdrawn) are not chased: nobody is waiting on that decision any more."""
    now = now or timezone.now()
    # the database narrows by start (SQLite cannot add minutes to a time), Python by end
    ended = (practice.interviews.filter(
        status=Interview.Status.SCHEDULED, application__status=Application.Status.ACTIVE,
        starts_at__lte=now - SCORECARD_LATE_AFTER,
        starts_at__gt=now - SCORECARD_GIVE_UP_AFTER - LONGEST_INTERVIEW)
        .select_related("application__candidate", "application__job", "practice"))
    interviews = {i.pk: i for i in ended
                  if now - SCORECARD_GIVE_UP_AFTER < i.ends_at <= now - SCORECARD_LATE_AFTER}
    if not interviews:
        return 0
    done = Scorecard.objects.filter(
        Q(submitted_at__isnull=False) | Q(reminded_at__isnull=False),
        interview=OuterRef("interview_id"), interviewer=OuterRef("membership_id"))
    seats = list(Interview.interviewers.through.objects
                 .filter(interview_id__in=list(interviews)).exclude(Exists(done))
                 .values_list("interview_id", "membership_id"))
    members = Membership.objects.select_related("user").in_bulk({m for _i, m in seats})
    return sum(scorecard_reminder_send(interview=interviews[i], membership=members[m], now=now)
               for i, m in seats)


def hiring_managers(interview: Interview) -> list[Membership]:
    """Who answers for the interview's scorecards: its organizer while they may still
    manage candidates, else the job's hiring team members who may."""
    managing = Membership.objects.filter(practice=interview.practice_id, role__in=MANAGING_ROLES,
                                         user__is_active=True).select_related("user")
    organizer = list(managing.filter(user_id=interview.organizer_id))
    return organizer or list(managing.filter(jobs=interview.application.job_id))


@transaction.atomic
def scorecard_reminder_send(*, interview: Interview, membership: Membership,
                            now: datetime) -> bool:
    """Remind the interviewer of their scorecard and copy the hiring manager, once (claimed
    on the scorecard's reminded_at; the draft is made if the interviewer never opened it)."""
    scorecard = scorecard_for(interview=interview, membership=membership)
    claimed = Scorecard.objects.filter(pk=scorecard.pk, reminded_at__isnull=True,
                                       submitted_at__isnull=True).update(reminded_at=now)
    if claimed != 1:
        return False
    context = {**_context(interview, _path("scorecard", interview)), "member": membership}
    if membership.user.is_active:
        send_templated_email(template="scorecard_reminder", to=[membership.user.email],
                             context=context)
    copy = {**_context(interview, _path("interview-detail", interview)), "interviewer": membership}
    for manager in hiring_managers(interview):
        if manager.pk != membership.pk:  # the reminder itself already told them
            send_templated_email(template="scorecard_reminder_copy", to=[manager.user.email],
                                 context={**copy, "member": manager})
    return True
