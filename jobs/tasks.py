"""Celery tasks of the jobs app."""

from __future__ import annotations

from celery import shared_task

from hiring.models import Practice
from hiring.tasks import PracticeTask


@shared_task(base=PracticeTask, acks_late=True)
def job_document_build(practice: Practice, *, document_id: int) -> None:
    """Make a job's Word document. At-most-once per row: the service claims it first, and a
    failure is recorded on the row (the page offers a retry) rather than retried blindly."""
    from jobs.models import JobDocument
    from jobs.services import job_document_build as build

    build(document=JobDocument.objects.get(pk=document_id, practice=practice))
