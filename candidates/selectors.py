"""Reads of the candidates app for staff screens; visibility follows the job's."""

from __future__ import annotations

from django.db.models import QuerySet

from candidates.models import Application, Stage
from candidates.pipeline import job_pipeline
from hiring.models import Membership
from jobs.models import Job
from jobs.selectors import job_visible


def application_list_for_job(*, job: Job) -> QuerySet[Application]:
    return job.applications.select_related("candidate").order_by("-created_at")


def application_visible(*, membership: Membership) -> QuerySet[Application]:
    """Applications to the jobs this member can see."""
    return membership.practice.applications.filter(job__in=job_visible(membership=membership))


def board_for_job(*, job: Job) -> list[tuple[Stage, list[Application]]]:
    """The job's stages with their active applications, oldest move first: two queries
    whatever the number of candidates."""
    stages = job_pipeline(job)
    applications = (job.applications.filter(status=Application.Status.ACTIVE)
                    .select_related("candidate").order_by("stage_changed_at", "id"))
    by_stage: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    for application in applications:
        # an application from before the pipeline existed waits in the first stage
        by_stage.get(application.stage_id, by_stage[stages[0].pk]).append(application)
    return [(stage, by_stage[stage.pk]) for stage in stages]


def ended_applications(*, job: Job) -> QuerySet[Application]:
    return (job.applications.exclude(status=Application.Status.ACTIVE)
            .select_related("candidate", "rejection_reason").order_by("-stage_changed_at"))
