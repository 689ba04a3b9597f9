"""Reads of the jobs app for screens. Interviewers see only the jobs whose team they are on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from hiring.models import Membership, Practice
from hiring.roles import Perm
from jobs.models import EmploymentType, Job, JobTemplate, WorkplaceType
from jobs.services import practice_today
from jobs.syndication.boards import live_jobs


def job_list(*, membership: Membership, status: str = "", location: str = "",
             search: str = "") -> QuerySet[Job]:
    """The jobs list: visible jobs, filtered, newest first, with what the rows show."""
    # "applications" is the reverse name of the candidates app's FK: counted here without
    # importing that later stage
    jobs = (job_visible(membership=membership).select_related("location")
            .annotate(applicant_count=Count("applications")))
    if status:
        jobs = jobs.filter(status=status)
    if location == "main":
        jobs = jobs.filter(location=None)
    elif location:
        jobs = jobs.filter(location__public_id=location)
    if search:
        jobs = jobs.filter(Q(title__icontains=search) | Q(department__icontains=search))
    return jobs.order_by("-created_at")


def job_visible(*, membership: Membership) -> QuerySet[Job]:
    """Owners and managers see every job; an interviewer sees those of their teams."""
    jobs = membership.practice.jobs.all()
    if not membership.can(Perm.MANAGE_JOBS):
        jobs = jobs.filter(hiring_team=membership)
    return jobs


def template_list(*, practice: Practice) -> QuerySet[JobTemplate]:
    """The gallery: the shipped library and the practice's own templates."""
    return (JobTemplate.objects.filter(Q(practice=None) | Q(practice=practice), is_active=True)
            .order_by("practice_id", "title"))


def hiring_team_choices(*, practice: Practice) -> QuerySet[Membership]:
    return practice.memberships.select_related("user").order_by("user__full_name")


# --- The public careers site ----------------------------------------------------------------

MAIN_LOCATION = "main"  # the filter value of the practice's own address
SEARCH_FROM = 6  # a search box helps once a page lists this many jobs; below, it is clutter
SEARCH_MAX_LENGTH = 100


def job_accepts_applications(job: Job) -> bool:
    """Published and not past its closing date (a day of the practice's calendar): the rule
    of the careers list, the job page and the apply form."""
    return job.status == Job.Status.PUBLISHED and (
        job.closes_on is None or job.closes_on >= practice_today(job.practice))


def _open_jobs(practice: Practice) -> QuerySet[Job]:
    # the same rule as the job boards': what the careers page lists, the feeds carry
    return live_jobs(practice)


def careers_job_list(practice: Practice, filters: Mapping[str, str] | None = None
                     ) -> QuerySet[Job]:
    """The careers page: the practice's open jobs, newest first, narrowed by `filters`
    (location: "main" or a site's public_id; employment_type; workplace_type; q, words that
    must each appear in the title or the department)."""
    filters = filters or {}
    jobs = _open_jobs(practice).select_related("location")
    location = filters.get("location", "")
    if location == MAIN_LOCATION:
        jobs = jobs.filter(location=None)
    elif location:
        try:
            jobs = jobs.filter(location__public_id=UUID(location))
        except ValueError:  # a hand-edited address; nothing is there
            return jobs.none()
    if employment_type := filters.get("employment_type", ""):
        jobs = jobs.filter(employment_type=employment_type)
    if workplace_type := filters.get("workplace_type", ""):
        jobs = jobs.filter(workplace_type=workplace_type)
    for word in filters.get("q", "")[:SEARCH_MAX_LENGTH].split():
        jobs = jobs.filter(Q(title__icontains=word) | Q(department__icontains=word))
    return jobs.order_by(F("published_at").desc(nulls_last=True), "title", "pk")


def careers_job_get(practice: Practice, slug: str) -> Job | None:
    """One job of the careers site: any but a draft (a paused, closed or expired job's page
    stays up to say so); None when there is no such job."""
    return (practice.jobs.exclude(status=Job.Status.DRAFT).select_related("location")
            .filter(slug=slug).first())


@dataclass(frozen=True)
class CareersFilterOptions:
    """What the careers page can filter by: (value, label) pairs drawn from the open jobs.
    A filter is worth showing only when its pairs differ."""

    job_count: int
    locations: list[tuple[str, str]] = field(default_factory=list)
    employment_types: list[tuple[str, str]] = field(default_factory=list)
    workplace_types: list[tuple[str, str]] = field(default_factory=list)

    @property
    def show_search(self) -> bool:
        return self.job_count >= SEARCH_FROM

    @property
    def show_any(self) -> bool:
        return self.show_search or any(
            len(pairs) > 1 for pairs in (self.locations, self.employment_types,
                                         self.workplace_types))

    def clean(self, data: Mapping[str, str]) -> dict[str, str]:
        """The filters of a query string, each kept only when it is one of the options."""
        filters = {}
        for name, pairs in (("location", self.locations),
                            ("employment_type", self.employment_types),
                            ("workplace_type", self.workplace_types)):
            value = data.get(name, "")
            if value and value in {v for v, _label in pairs}:
                filters[name] = value
        if q := " ".join(data.get("q", "").split())[:SEARCH_MAX_LENGTH]:
            filters["q"] = q
        return filters


def careers_filter_options(practice: Practice) -> CareersFilterOptions:
    """The filters of the careers page, from the open jobs, in one query."""
    rows = list(_open_jobs(practice).values_list(
        "location__public_id", "location__name", "location__city", "employment_type",
        "workplace_type"))
    locations: dict[str, str] = {}
    for public_id, name, city in {r[:3] for r in rows}:
        if public_id is None:
            locations[MAIN_LOCATION] = (_("Main office, %(city)s") % {"city": practice.city}
                                        if practice.city else _("Main office"))
        else:
            locations[str(public_id)] = f"{name}, {city}" if city else name
    employment = {r[3] for r in rows}
    workplace = {r[4] for r in rows}
    return CareersFilterOptions(
        job_count=len(rows),
        # the main office leads; sites follow by name
        locations=sorted(locations.items(), key=lambda p: (p[0] != MAIN_LOCATION, p[1])),
        employment_types=[(v, str(label)) for v, label in EmploymentType.choices
                          if v in employment],
        workplace_types=[(v, str(label)) for v, label in WorkplaceType.choices if v in workplace],
    )
