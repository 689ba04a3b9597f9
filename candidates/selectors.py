"""Reads of the candidates app for staff screens; visibility follows the job's."""

from __future__ import annotations

from django.db.models import Avg, Case, Count, QuerySet, Value, When

from candidates.messaging import email_templates_ensure
from candidates.models import Application, Candidate, EmailTemplate, Message, Stage
from candidates.pipeline import job_pipeline
from hiring.models import Membership, Practice
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
                    .select_related("candidate")
                    .annotate(average_rating=Avg("ratings__stars"),
                              other_jobs=Count("candidate__applications", distinct=True) - 1)
                    .order_by("stage_changed_at", "id"))
    by_stage: dict[int, list[Application]] = {stage.pk: [] for stage in stages}
    for application in applications:
        # an application from before the pipeline existed waits in the first stage
        by_stage.get(application.stage_id, by_stage[stages[0].pk]).append(application)
    return [(stage, by_stage[stage.pk]) for stage in stages]


def ended_applications(*, job: Job) -> QuerySet[Application]:
    return (job.applications.exclude(status=Application.Status.ACTIVE)
            .select_related("candidate", "rejection_reason").order_by("-stage_changed_at"))


def message_list(candidate: Candidate) -> QuerySet[Message]:
    """The e-mails written to a candidate, newest first, with their delivery state."""
    return (candidate.messages.select_related("sender", "application__job", "template")
            .order_by("-created_at", "-pk"))


def email_template_list(*, practice: Practice) -> QuerySet[EmailTemplate]:
    """The practice's e-mail templates; the defaults are written the first time."""
    email_templates_ensure(practice=practice)
    Purpose = EmailTemplate.Purpose
    order = [Purpose.RECEIVED, Purpose.INVITE, Purpose.REJECTION, Purpose.OFFER, Purpose.CUSTOM]
    return EmailTemplate.objects.filter(practice=practice).order_by(
        Case(*(When(purpose=p, then=Value(i)) for i, p in enumerate(order)), default=Value(9)),
        "name")
