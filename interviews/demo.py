"""Demo interviews for the demo practice: interviews that took place, with submitted
scorecards from different interviewers (so a candidate's aggregate and the job's comparison
have something to show), upcoming ones for the week ahead, and times offered to a candidate
to pick from. Made through the same services a practice uses.

Nobody is e-mailed: the demo candidates are made up, so each invite is marked as already sent
before the transaction commits, and the outbox task finds nothing left to send."""

from __future__ import annotations

import random
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from candidates.models import Application, Stage
from hiring.models import Membership, Practice, User
from hiring.roles import Role
from interviews.kits import competencies_for, kits_ensure
from interviews.models import Interview, Scorecard, SlotInvitation, SlotOffer
from interviews.scorecards import ScorecardInput, scorecard_for, scorecard_save
from interviews.services import interview_schedule
from interviews.slots import slot_offer_create
from jobs.models import Job

Kind = Interview.Kind
Rec = Scorecard.Recommendation
VIDEO_LINK = "https://meet.example.com/demo-clinic-interview"


@dataclass(frozen=True)
class Verdict:
    role: str
    recommendation: str
    shift: int  # this interviewer's ratings against the candidate's profile: harsher or kinder
    note: str


@dataclass(frozen=True)
class Past:
    days_ago: int
    at: time
    kind: str
    verdicts: list[Verdict]


@dataclass(frozen=True)
class Upcoming:
    weekdays_ahead: int
    at: time
    kind: str
    roles: list[str]
    confirmed: bool


# Per job, for its active candidates furthest along the pipeline: each one's ratings profile
# (one value per competency of the job's template, in order) and the interviews they had.
PAST = {
    "medical-office-manager": [
        ([4, 3, 4, 4, 3, 4, 3], [
            Past(9, time(10, 0), Kind.PHONE, [Verdict(
                Role.MANAGER, Rec.STRONG_YES, 0,
                "Ran the front office of a four-provider practice through an EHR switch. "
                "Specific, calm answers. Move to on-site.")]),
            Past(6, time(13, 30), Kind.ON_SITE, [
                Verdict(Role.OWNER, Rec.STRONG_YES, 0,
                        "Best answer to the busy-morning scenario we have heard: patient "
                        "first, then the nurse, then the phones. The team would follow."),
                Verdict(Role.INTERVIEWER, Rec.YES, -1,
                        "Good with patients and clinicians. Compliance answers were right but "
                        "short; has never run an OSHA review alone.")]),
        ]),
        ([3, 2, 3, 3, 2, 4, 2], [
            Past(5, time(9, 0), Kind.ON_SITE, [
                Verdict(Role.OWNER, Rec.YES, 0,
                        "Knows HIPAA and billing compliance cold (led two audits). Less "
                        "hands-on with people; would need support on staff conflicts."),
                Verdict(Role.MANAGER, Rec.NO, -1,
                        "The staff-conflict answer stayed general and blamed the team. Solid "
                        "on compliance, but I doubt the front desk would take to this style.")]),
        ]),
        ([3, 3, 4, 3, 3, 2, 3], [
            Past(3, time(15, 0), Kind.VIDEO, [
                Verdict(Role.MANAGER, Rec.YES, 0,
                        "Organised and warm; a new scheduling template cut no-shows at the "
                        "last clinic. Light on compliance: ask a reference about it."),
                Verdict(Role.INTERVIEWER, Rec.STRONG_YES, 1,
                        "Turned the unhappy-patient question into a real story with a good "
                        "ending. Clinicians would trust this person with the schedule.")]),
        ]),
    ],
}
UPCOMING = {
    "medical-office-manager": [
        Upcoming(1, time(9, 30), Kind.PHONE, [Role.MANAGER], confirmed=True),
        Upcoming(2, time(11, 0), Kind.ON_SITE, [Role.OWNER, Role.INTERVIEWER], confirmed=False),
        Upcoming(3, time(14, 0), Kind.VIDEO, [Role.MANAGER, Role.INTERVIEWER], confirmed=True),
    ],
    "medical-receptionist": [
        Upcoming(2, time(8, 30), Kind.ON_SITE, [Role.MANAGER, Role.INTERVIEWER],
                 confirmed=True),
    ],
}
INTERVIEWED_IN = [Stage.Kind.SCREEN, Stage.Kind.INTERVIEW, Stage.Kind.OFFER]
UPCOMING_IN = [Stage.Kind.SCREEN, Stage.Kind.INTERVIEW]
# Times offered for one on-site interview: (weekdays ahead, local time)
OFFERED = ("medical-office-manager", [(4, time(10, 0)), (4, time(13, 30)), (5, time(9, 0))])
RATING_NOTES = {4: "Gave a specific example with a measurable result.",
                1: "Could not give an example; check references on this.",
                2: "Answer stayed general; probe further next round."}


def seed_interviews(*, practice: Practice, owner: User) -> int:
    """Interviews and scorecards for the demo jobs; skipped when the practice has interviews
    already. Return how many interviews were made. Expects scopes disabled (the command)."""
    members: dict[str, Membership] = {}
    for member in Membership.objects.filter(practice=practice).order_by("created_at", "pk"):
        members.setdefault(member.role, member)  # the first of each role: the demo's own
    if practice.interviews.exists() or not all(role in members for role in Role):
        return 0
    rng = random.Random(2026)  # the same demo every time  # noqa: S311
    made = 0
    for slug in dict.fromkeys([*PAST, *UPCOMING]):
        job = practice.jobs.filter(slug=slug, status=Job.Status.PUBLISHED).first()
        if job is None:
            continue
        # the scheduling rules want every interviewer on the job's hiring team
        job.hiring_team.add(*members.values())
        # furthest along first: those had their interviews; the next ones have them ahead
        applications = list(job.applications.filter(
            status=Application.Status.ACTIVE, stage__kind__in=INTERVIEWED_IN)
            .select_related("practice", "job", "stage")
            .order_by("-stage__position", "created_at"))
        past = PAST.get(slug, [])
        for application, (profile, interviews) in zip(applications, past, strict=False):
            for plan in interviews:
                _past_interview(application, plan, profile, members, owner, rng)
                made += 1
        ahead = [a for a in applications[len(past):] if a.stage.kind in UPCOMING_IN]
        for application, plan in zip(ahead, UPCOMING.get(slug, []), strict=False):
            _upcoming_interview(application, plan, members, owner)
            made += 1
    _offer_times(practice, members, owner)
    return made


def _local(practice: Practice, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=zoneinfo.ZoneInfo(practice.timezone))


def _weekday_ahead(practice: Practice, count: int) -> date:
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone))
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def _weekday_ago(practice: Practice, days: int, applied: datetime) -> date:
    """A weekday 2-10 days back, near `days` and after the candidate applied."""
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone))
    days = max(2, min(days, (today - applied.date()).days - 1))
    for offset in (0, -1, 1, -2, 2, 3):
        day = today - timedelta(days=days + offset)
        if day.weekday() < 5 and 2 <= days + offset <= 10:
            return day
    return today - timedelta(days=days)


def _schedule(application: Application, *, starts_at: datetime, kind: str, roles: list[str],
              members: dict[str, Membership], owner: User, confirmed: bool) -> Interview:
    job = application.job
    interview = interview_schedule(
        application=application, actor=owner, starts_at=starts_at,
        interviewers=[members[role] for role in roles], kind=kind,
        duration_minutes=30 if kind == Kind.PHONE else 45,
        location={Kind.PHONE: "", Kind.VIDEO: VIDEO_LINK}.get(
            kind, application.practice.address_line),
        kit=None if kind == Kind.PHONE else kits_ensure(job)[0],
        candidate_answer=Interview.Answer.CONFIRMED if confirmed else Interview.Answer.WAITING)
    # made-up candidates: claim this version's invites as sent, so the task e-mails nobody
    Interview.objects.filter(pk=interview.pk).update(invites_sent_sequence=F("sequence"))
    return interview


def _upcoming_interview(application: Application, plan: Upcoming,
                        members: dict[str, Membership], owner: User) -> Interview:
    practice = application.practice
    return _schedule(application, starts_at=_local(practice, _weekday_ahead(
        practice, plan.weekdays_ahead), plan.at), kind=plan.kind, roles=plan.roles,
        members=members, owner=owner, confirmed=plan.confirmed)


def _past_interview(application: Application, plan: Past, profile: list[int],
                    members: dict[str, Membership], owner: User, rng: random.Random) -> None:
    practice = application.practice
    starts_at = _local(practice, _weekday_ago(practice, plan.days_ago, application.created_at),
                       plan.at)
    # interview_schedule rightly refuses times that have passed, and no service moves an
    # interview into the past: book it for tomorrow, then move the row back to when it "took
    # place", before any scorecard is submitted (submitting needs a started interview)
    interview = _schedule(application, starts_at=timezone.now() + timedelta(days=1),
                          kind=plan.kind, roles=[v.role for v in plan.verdicts],
                          members=members, owner=owner, confirmed=True)
    Interview.objects.filter(pk=interview.pk).update(starts_at=starts_at,
                                                     created_at=starts_at - timedelta(days=2))
    interview.refresh_from_db()
    competencies = competencies_for(application.job)
    for hours_later, verdict in enumerate(plan.verdicts, start=1):
        ratings = {c.pk: min(4, max(1, profile[i % len(profile)] + verdict.shift
                                    + rng.choice([-1, 0, 0, 0, 0, 1])))
                   for i, c in enumerate(competencies)}
        scorecard = scorecard_save(
            scorecard=scorecard_for(interview=interview, membership=members[verdict.role]),
            data=ScorecardInput(ratings=ratings, recommendation=verdict.recommendation,
                                note=verdict.note,
                                notes={pk: RATING_NOTES[r] for pk, r in ratings.items()
                                       if r in RATING_NOTES and rng.random() < 0.5}),
            submit=True)
        # submitted "now" would date every verdict to the seed run: date it after the interview
        Scorecard.objects.filter(pk=scorecard.pk).update(
            submitted_at=interview.ends_at + timedelta(hours=hours_later),
            created_at=interview.ends_at + timedelta(minutes=10))


def _offer_times(practice: Practice, members: dict[str, Membership], owner: User) -> None:
    """Three free times offered to the office manager job's newest applicant."""
    slug, times = OFFERED
    if SlotOffer.objects.filter(practice=practice).exists():
        return
    application = (Application.objects.filter(
        practice=practice, job__slug=slug, status=Application.Status.ACTIVE,
        interviews__isnull=True).select_related("practice", "job")
        .order_by("stage__position", "-created_at").first())
    if application is None:
        return
    invitation = slot_offer_create(
        application=application, actor=owner,
        starts=[_local(practice, _weekday_ahead(practice, n), at) for n, at in times],
        interviewers=[members[Role.MANAGER], members[Role.INTERVIEWER]],
        kind=Kind.ON_SITE, location=practice.address_line, kit=kits_ensure(application.job)[0],
        note_to_candidate="Please check in at the front desk; parking is behind the building.")
    # made-up candidate: claim the invitation as sent, so the task e-mails nobody
    SlotInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
