"""Asking for a job's Word document: made once per version, by a worker, with a retry."""

from __future__ import annotations

import io
import time

import docx
import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from hiring.models import AuditEvent, OutboxTask
from jobs import documents
from jobs.models import JobDocument
from jobs.services import job_document_request
from tests.factories import JobFactory
from tests.workers import wait_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice):
    with scopes_disabled():
        return JobFactory(practice=practice, title="Scribe")


def _request(client, job):
    return client.post(reverse("jobs:job-document", kwargs={"practice": job.practice.slug,
                                                           "job_id": job.public_id}))


def test_the_document_is_made_and_downloaded(manager_client, job,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(manager_client, job)
    page = manager_client.get(response["Location"], HTTP_ACCEPT="application/json").json()

    assert page["status"] == "ready"
    download = manager_client.get(page["download_url"])
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(b"".join(download))).paragraphs)
    assert "Scribe" in text
    assert AuditEvent.objects.filter(action="jobs.document.downloaded").exists()


def test_a_double_click_makes_one_document(manager_client, job):
    first = _request(manager_client, job)
    second = _request(manager_client, job)

    assert first["Location"] == second["Location"]
    with scopes_disabled():
        assert JobDocument.objects.count() == 1
    assert OutboxTask.objects.count() == 1


def test_a_changed_job_gets_a_new_document(manager, job, practice):
    with scope(practice=practice):
        before = job_document_request(job=job, actor=manager)
        job.title = "Senior Scribe"
        job.save()
        after = job_document_request(job=job, actor=manager)

    assert before.pk != after.pk


def test_a_failure_is_shown_and_can_be_retried(manager_client, job, monkeypatch,
                                               django_capture_on_commit_callbacks):
    def broken(_job):
        raise OSError("disk full")

    monkeypatch.setattr(documents, "job_description_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        location = _request(manager_client, job)["Location"]
    failed = manager_client.get(location)
    assert "could not make the document" in failed.content.decode()
    assert "disk full" in failed.content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(location + "retry/")

    with scopes_disabled():
        document = JobDocument.objects.get()
    assert document.status == JobDocument.Status.READY
    assert document.file.name.endswith(".docx")


def test_a_template_can_be_had_as_a_word_file(manager_client, practice,
                                              django_capture_on_commit_callbacks):
    from jobs.models import JobTemplate

    template = JobTemplate.objects.get(practice=None, key="medical-receptionist")
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(reverse("jobs:template-document", kwargs={
            "practice": practice.slug, "template_id": template.public_id}))

    state = manager_client.get(response["Location"], HTTP_ACCEPT="application/json").json()
    assert state["status"] == "ready"
    content = b"".join(manager_client.get(state["download_url"]))
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "[Closing date]" in cells
    assert any("Medical Receptionist" in p.text for p in document.paragraphs)


def _ready() -> bool:
    with scopes_disabled():
        return JobDocument.objects.filter(status="ready").exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_it_exactly_once_for_two_quick_requests(monkeypatch, worker,
                                                                    manager_client, job):
    calls = []
    real = documents.job_description_docx
    monkeypatch.setattr(documents, "job_description_docx",
                        lambda j: calls.append(j.pk) or real(j))

    first = _request(manager_client, job)
    second = _request(manager_client, job)
    wait_for(_ready, timeout=20)
    time.sleep(1)  # room for a second build to show up

    assert first["Location"] == second["Location"]
    assert calls == [job.pk]
    with scopes_disabled():
        assert JobDocument.objects.get().status == JobDocument.Status.READY
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE
