"""Reads of the candidates app for staff screens; visibility follows the job's."""

from __future__ import annotations

from django.db.models import QuerySet

from candidates.models import Application
from hiring.models import Membership
from jobs.models import Job
from jobs.selectors import job_visible


def application_list_for_job(*, job: Job) -> QuerySet[Application]:
    return job.applications.select_related("candidate").order_by("-created_at")


def application_visible(*, membership: Membership) -> QuerySet[Application]:
    """Applications to the jobs this member can see."""
    return membership.practice.applications.filter(job__in=job_visible(membership=membership))
