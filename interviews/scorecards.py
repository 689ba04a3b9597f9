"""Scorecards: the rules for filling, submitting and correcting them, who may see whose
scores (blind until you have submitted your own), and the aggregates a decision rests on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Avg,
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    StdDev,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Application
from hiring.models import Membership
from hiring.roles import Role
from hiring.services import audit_log
from interviews.kits import competencies_for
from interviews.models import Competency, CompetencyRating, Interview, Scorecard
from jobs.models import Job

RATINGS = (1, 2, 3, 4)
Recommendation = Scorecard.Recommendation


# --- Who may see what ---------------------------------------------------------------------------

def pending_scorecard_interviews(*, membership: Membership) -> QuerySet[Interview]:
    """Interviews the member is on and has not submitted a scorecard for (upcoming ones
    included: nobody reads the others' verdicts before giving their own)."""
    mine_submitted = Scorecard.objects.filter(interview=OuterRef("pk"), interviewer=membership,
                                              submitted_at__isnull=False)
    return (Interview.objects.filter(interviewers=membership,
                                     status=Interview.Status.SCHEDULED)
            .exclude(Exists(mine_submitted)))


def blind_application_ids(membership: Membership, application_ids: set[int]) -> set[int]:
    """Of these applications, those whose scores this member may not see yet (blind
    scoring). Hidden while the member sits on an interview of the candidate that has taken
    place and is not scored by them yet; hidden before an upcoming interview too, unless they
    have already scored the candidate in an earlier one; and an interviewer (the role) sees
    only the scores of candidates they have scored. Two queries."""
    if not application_ids:
        return set()
    now = timezone.now()
    pending = (pending_scorecard_interviews(membership=membership)
               .filter(application_id__in=application_ids)
               .values_list("application_id", "starts_at"))
    scored = set(Scorecard.objects.filter(
        interview__application_id__in=application_ids, interviewer=membership,
        submitted_at__isnull=False).values_list("interview__application_id", flat=True))
    hidden = {application_id for application_id, starts_at in pending
              if starts_at <= now or application_id not in scored}
    if membership.role == Role.INTERVIEWER:
        hidden |= set(application_ids) - scored
    return hidden


def must_score_first(*, membership: Membership, application: Application) -> bool:
    return bool(blind_application_ids(membership, {application.pk}))


def with_ratings(scorecards: QuerySet[Scorecard]) -> QuerySet[Scorecard]:
    """Scorecards with their author, interview and ratings (in the job's competency order):
    three queries for any number of them."""
    return (scorecards.select_related("interviewer__user", "interview")
            .prefetch_related(Prefetch("ratings", queryset=CompetencyRating.objects
                                       .select_related("competency")
                                       .order_by("competency__position", "competency_id"))))


def submitted_scorecards(application: Application) -> QuerySet[Scorecard]:
    return with_ratings(Scorecard.objects.filter(interview__application=application,
                                                 submitted_at__isnull=False)
                        ).order_by("interview__starts_at", "submitted_at")


# --- Filling in ---------------------------------------------------------------------------------

def scorecard_for(*, interview: Interview, membership: Membership) -> Scorecard:
    """The member's scorecard for the interview, a fresh draft the first time."""
    if not interview.interviewers.filter(pk=membership.pk).exists():
        raise ValidationError(_("You are not an interviewer on this interview."))
    scorecard, _created = Scorecard.objects.get_or_create(
        interview=interview, interviewer=membership,
        defaults={"practice": interview.practice})
    return scorecard


def can_edit(scorecard: Scorecard) -> bool:
    """A draft can always be edited; a submitted scorecard while the candidate is still in
    the stage they were in when it was submitted."""
    application = scorecard.interview.application
    if scorecard.interview.status == Interview.Status.CANCELLED:
        return False
    if not scorecard.is_submitted:
        return True
    return (application.status == Application.Status.ACTIVE
            and application.stage_id == scorecard.stage_at_submit_id)


@dataclass
class ScorecardInput:
    """What the form sends: per competency id, a rating (or None) and a note."""

    ratings: dict[int, int | None] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    recommendation: str = ""
    note: str = ""


@transaction.atomic
def scorecard_save(*, scorecard: Scorecard, data: ScorecardInput, submit: bool) -> Scorecard:
    """Save a draft, or submit (every competency rated and a recommendation chosen). A
    submitted scorecard stays submitted: its author's later edits must be complete too."""
    locked = (Scorecard.objects.select_for_update()
              .select_related("interview__application").get(pk=scorecard.pk))
    interview = locked.interview
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError(_("This interview was cancelled, so it cannot be scored. "
                                "Your text is still in the form below if you want to copy "
                                "it."))
    if not can_edit(locked):
        raise ValidationError(_("The candidate has moved on since you submitted, so this "
                                "scorecard is closed."))
    submit = submit or locked.is_submitted
    competencies = competencies_for(interview.application.job)
    errors: dict[str, list[str]] = {}
    for competency in competencies:
        value = data.ratings.get(competency.pk)
        if value is not None and value not in RATINGS:
            errors.setdefault(f"rating_{competency.pk}", []).append(
                _("Choose a rating from 1 to 4."))
        elif value is None and submit:
            errors.setdefault(f"rating_{competency.pk}", []).append(
                _("Rate %(name)s before submitting.") % {"name": competency.name})
    if data.recommendation and data.recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose one of the four recommendations.")]
    elif submit and not data.recommendation:
        errors["recommendation"] = [_("Choose an overall recommendation before submitting.")]
    if submit and not locked.is_submitted and interview.starts_at > timezone.now():
        errors["__all__"] = [_("This interview has not started yet. Save a draft now and "
                               "submit after the interview.")]
    if errors:
        raise ValidationError(errors)

    for competency in competencies:
        CompetencyRating.objects.update_or_create(
            scorecard=locked, competency=competency,
            defaults={"practice": locked.practice,
                      "rating": data.ratings.get(competency.pk),
                      "note": data.notes.get(competency.pk, "").strip()[:2000]})
    locked.recommendation = data.recommendation
    locked.note = data.note.strip()[:5000]
    first_submit = submit and not locked.is_submitted
    if first_submit:
        locked.submitted_at = timezone.now()
        locked.stage_at_submit_id = interview.application.stage_id
    locked.save()
    if first_submit:
        audit_log(action="interviews.scorecard.submitted", actor=locked.interviewer.user,
                  obj=interview.application, data={"interview": str(interview.public_id)})
    elif locked.is_submitted:
        audit_log(action="interviews.scorecard.edited", actor=locked.interviewer.user,
                  obj=interview.application, data={"interview": str(interview.public_id)})
    return locked


# --- Deciding -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CompetencyScore:
    competency_id: int
    name: str
    average: float | None
    spread: float | None  # population standard deviation of the ratings
    lowest: int | None
    highest: int | None
    count: int


@dataclass(frozen=True)
class Aggregate:
    competencies: list[CompetencyScore]
    recommendations: dict[str, int]
    scorecards: int

    @property
    def recommendation_rows(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.recommendations.get(value, 0))
                for value, label in Recommendation.choices]


def _ratings_of(applications: QuerySet[Application] | list[Application]
                ) -> QuerySet[CompetencyRating]:
    return CompetencyRating.objects.filter(
        scorecard__interview__application__in=applications,
        scorecard__submitted_at__isnull=False, rating__isnull=False)


def scorecard_aggregate(application: Application) -> Aggregate:
    """Per competency: average, spread (standard deviation), lowest and highest rating, and
    how many rated it; and the count of each recommendation. Computed by the database: two
    queries, whatever the number of scorecards."""
    rows = (_ratings_of([application])
            .values("competency_id", "competency__name", "competency__position")
            .annotate(average=Avg("rating"), spread=StdDev("rating"), lowest=Min("rating"),
                      highest=Max("rating"), count=Count("id"))
            .order_by("competency__position", "competency_id"))
    recommendations = dict(
        Scorecard.objects.filter(interview__application=application,
                                 submitted_at__isnull=False)
        .values_list("recommendation").annotate(n=Count("id")).order_by())
    return Aggregate(
        competencies=[CompetencyScore(r["competency_id"], r["competency__name"],
                                      _round(r["average"]), _round(r["spread"]), r["lowest"],
                                      r["highest"], r["count"]) for r in rows],
        recommendations=recommendations, scorecards=sum(recommendations.values()))


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


@dataclass
class ComparisonRow:
    application: Application
    averages: dict[int, float | None]
    recommendations: dict[str, int]
    scorecards: int
    overall: float | None
    hidden: bool = False  # the viewer must submit their own scorecard first


def job_comparison(*, job: Job, membership: Membership
                   ) -> tuple[list[Competency], list[ComparisonRow]]:
    """The job's active candidates who have submitted scorecards, side by side on the job's
    competencies, best overall average first. A fixed number of queries."""
    competencies = competencies_for(job)
    applications = list(job.applications.filter(
        status=Application.Status.ACTIVE,
        interviews__scorecards__submitted_at__isnull=False)
        .select_related("candidate", "stage").distinct())
    averages: dict[int, dict[int, float | None]] = {a.pk: {} for a in applications}
    for row in (_ratings_of(applications)
                .values("scorecard__interview__application_id", "competency_id")
                .annotate(average=Avg("rating")).order_by()):
        averages[row["scorecard__interview__application_id"]][row["competency_id"]] = \
            _round(row["average"])
    recommendations: dict[int, dict[str, int]] = {a.pk: {} for a in applications}
    for row in (Scorecard.objects.filter(interview__application__in=applications,
                                         submitted_at__isnull=False)
                .values("interview__application_id", "recommendation")
                .annotate(n=Count("id")).order_by()):
        recommendations[row["interview__application_id"]][row["recommendation"]] = row["n"]
    blind = blind_application_ids(membership, {a.pk for a in applications})
    rows = []
    for application in applications:
        values = [v for v in averages[application.pk].values() if v is not None]
        rows.append(ComparisonRow(
            application=application, averages=averages[application.pk],
            recommendations=recommendations[application.pk],
            scorecards=sum(recommendations[application.pk].values()),
            overall=round(sum(values) / len(values), 2) if values else None,
            hidden=application.pk in blind))
    rows.sort(key=lambda r: (r.hidden, -(r.overall or 0), r.application.candidate.full_name))
    return competencies, rows

