"""The demo practice's jobs, made through the same services a practice uses."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hiring.models import Membership, Practice, User
from hiring.roles import Role
from jobs import services
from jobs.models import Board, Job, JobTemplate
from jobs.syndication.boards import board_set

# (template key, status it ends in, at the second site?)
DEMO_JOBS = [
    ("medical-office-manager", Job.Status.PUBLISHED, False),
    ("medical-assistant", Job.Status.PUBLISHED, True),
    ("medical-receptionist", Job.Status.PUBLISHED, False),
    ("registered-nurse", Job.Status.PAUSED, False),
    ("medical-biller-coder", Job.Status.DRAFT, False),
    ("dental-assistant", Job.Status.CLOSED, False),
]
SECOND_SITE = {"name": "Pearl District office", "street": "915 NW Glisan Street",
               "city": "Portland", "state": "OR", "postal_code": "97209", "country": "US"}


def seed_jobs(*, practice: Practice, owner: User) -> int:
    """Create the demo jobs the practice does not have yet; return how many were made.
    Expects to run with scopes disabled (management command)."""
    site = practice.locations.filter(name=SECOND_SITE["name"]).first() or (
        services.location_save(practice=practice, actor=owner, fields=SECOND_SITE))
    interviewer = Membership.objects.filter(practice=practice, role=Role.INTERVIEWER).first()
    made = 0
    for key, status, at_site in DEMO_JOBS:
        if practice.jobs.filter(slug=key).exists():
            continue
        template = JobTemplate.objects.get(practice=None, key=key)
        job = services.job_create_from_template(practice=practice, template=template,
                                                actor=owner)
        if at_site:
            services.job_update(job=job, actor=owner, fields={"location": site})
        if interviewer is not None:
            job.hiring_team.add(interviewer)
        _move_to(job, status, owner)
        made += 1
    # the demo shows a practice in the Indeed and ZipRecruiter feeds (boards only ever see
    # what they fetch: nothing is pushed anywhere)
    for board in (Board.INDEED, Board.ZIPRECRUITER):
        board_set(practice=practice, board=board, enabled=True, actor=owner)
    return made


def _move_to(job: Job, status: str, owner: User) -> None:
    if status == Job.Status.DRAFT:
        return
    job.closes_on = timezone.localdate() + timedelta(days=45)
    job.save(update_fields=["closes_on"])
    services.job_publish(job=job, actor=owner)
    if status == Job.Status.PAUSED:
        services.job_pause(job=job, actor=owner)
    elif status == Job.Status.CLOSED:
        services.job_close(job=job, actor=owner)
