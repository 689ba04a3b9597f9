"""Reads of the jobs app for screens. Interviewers see only the jobs whose team they are on."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hiring.models import Membership, Practice
from hiring.roles import Perm
from jobs.models import Job, JobTemplate


def job_list(*, membership: Membership, status: str = "", location: str = "",
             search: str = "") -> QuerySet[Job]:
    """The jobs list: visible jobs, filtered, newest first, with what the rows show."""
    jobs = job_visible(membership=membership).select_related("location")
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
