"""Bulk actions against a real Celery worker on Redis: a worker killed in the middle of a
bulk reject, and a run cut short by the soft time limit, never send an e-mail twice."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded, WorkerTerminate
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates import bulk
from candidates.models import (
    Application,
    BulkAction,
    BulkItem,
    Candidate,
    CandidateTag,
    Message,
    RejectionReason,
)
from candidates.pipeline import job_pipeline
from candidates.selectors import email_template_list
from hiring import outbox
from hiring.models import OutboxTask
from jobs.models import Job
from tests.factories import JobFactory
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

APPLICANTS = 500
KILL_AFTER = 100


def _job_with_applicants(practice, n: int) -> tuple[Job, list[Application]]:
    with scopes_disabled():
        job = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
        first = job_pipeline(job)[0]
        candidates = Candidate.objects.bulk_create(
            Candidate(practice=practice, first_name="Pat", last_name=f"Lee {i}",
                      email=f"pat{i}@example.test", phone="555-0100") for i in range(n))
        applications = Application.objects.bulk_create(
            Application(practice=practice, candidate=c, job=job, stage=first,
                        stage_changed_at=timezone.now(), submission_key=uuid.uuid4(),
                        consented_at=timezone.now()) for c in candidates)
    return job, applications


def _start_url(job) -> str:
    return reverse("candidates-staff:bulk-action-start", kwargs={
        "practice": job.practice.slug, "job_id": job.public_id})


def _count(model, **filters) -> int:
    with scopes_disabled():
        return model.objects.filter(**filters).count()


def test_bulk_reject_of_500_with_an_email_sends_each_once_across_a_worker_restart(
        queue_mode, monkeypatch, manager_client, practice):
    job, applications = _job_with_applicants(practice, APPLICANTS)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
        template = email_template_list(practice=practice).get(purpose="rejection")
    original = bulk._HANDLERS["reject"]
    calls = itertools.count(1)
    killed = threading.Event()

    def killed_in_item_101(action, application):
        outcome = original(action, application)  # rejected, its e-mail written
        if next(calls) == KILL_AFTER + 1:
            killed.set()
            raise WorkerTerminate(1)  # the worker process dies before the item commits
        return outcome

    monkeypatch.setitem(bulk._HANDLERS, "reject", killed_in_item_101)

    with celery_worker(shutdown_timeout=30):
        response = manager_client.post(_start_url(job), {
            "kind": "reject", "reason": reason.public_id, "email_template": template.public_id,
            "applications": [str(a.public_id) for a in applications]})
        assert response.status_code == 302
        assert wait_for(killed.is_set, timeout=30)
    # the first worker is gone, the action half done and its task lost in flight
    with scopes_disabled():
        action = BulkAction.objects.get()
    assert (action.status, action.done) == ("running", KILL_AFTER)
    assert _count(Message) == KILL_AFTER  # the 101st item's work went with its transaction
    run_row = OutboxTask.objects.get(task_name="candidates.tasks.bulk_action_run")
    assert run_row.status == OutboxTask.Status.HANDED

    # a new worker starts; the sweeper finds the task lost and hands it over again
    OutboxTask.objects.filter(pk=run_row.pk).update(handed_at=timezone.now() - timedelta(
        seconds=settings.OUTBOX_LOST_AFTER_SECONDS + 60))
    with celery_worker(shutdown_timeout=30):
        assert outbox.sweep() == 1
        assert wait_for(lambda: _count(Message, status="sent") == APPLICANTS, timeout=150)
        time.sleep(1)  # room for a duplicate to show up
    action.refresh_from_db()
    assert (action.status, action.done, action.failed) == ("done", APPLICANTS, 0)
    assert _count(BulkItem, done_at=None) == 0
    assert _count(Message) == APPLICANTS
    assert _count(Application, status="rejected") == APPLICANTS
    assert len(mail.outbox) == APPLICANTS
    assert len({m.to[0] for m in mail.outbox}) == APPLICANTS


def test_a_run_cut_short_by_the_soft_time_limit_goes_on_in_a_fresh_run(
        queue_mode, monkeypatch, manager_client, practice):
    job, applications = _job_with_applicants(practice, 3)
    original = bulk._HANDLERS["tag"]
    calls = itertools.count(1)

    def slow_second_item(action, application):
        if next(calls) == 2:
            raise SoftTimeLimitExceeded
        return original(action, application)

    monkeypatch.setitem(bulk._HANDLERS, "tag", slow_second_item)

    with celery_worker(shutdown_timeout=30):
        manager_client.post(_start_url(job), {
            "kind": "tag", "tag": "rehire", "applications": [str(a.public_id)
                                                             for a in applications]})
        assert wait_for(lambda: _count(BulkAction, status="done") == 1, timeout=30)

    with scopes_disabled():
        action = BulkAction.objects.get()
    assert (action.done, action.failed) == (3, 0)
    assert _count(CandidateTag) == 3
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE
