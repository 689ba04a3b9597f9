"""Asking for a printable kit or an interview summary: made once per version by a worker,
a retry after a failure, who may ask and who may download."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import docx
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import AuditEvent, Membership, OutboxTask
from interviews import documents
from interviews.document_services import kit_document_request
from interviews.kits import question_save
from interviews.models import InterviewDocument, Scorecard
from interviews.tasks import interview_document_build
from tests.factories import (
    ApplicationFactory,
    InterviewDocumentFactory,
    InterviewFactory,
    InterviewKitFactory,
    KitQuestionFactory,
    MembershipFactory,
)
from tests.workers import wait_for

pytestmark = pytest.mark.django_db
Status = InterviewDocument.Status


@pytest.fixture
def kit(practice):
    with scopes_disabled():
        kit = InterviewKitFactory(practice=practice, name="Phone screen")
        KitQuestionFactory(practice=practice, kit=kit, question="Why this clinic?")
    return kit


@pytest.fixture
def application(practice):
    """A candidate with one submitted scorecard (by someone outside the standing cast)."""
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        interview = InterviewFactory(practice=practice, application=application,
                                     starts_at=timezone.now() - timedelta(days=1))
        member = MembershipFactory(practice=practice)
        interview.interviewers.add(member)
        Scorecard.objects.create(practice=practice, interview=interview, interviewer=member,
                                 recommendation="yes", note="Warm with patients.",
                                 submitted_at=timezone.now())
    return application


def _membership(user) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(user=user)


def _ask_kit(client, kit):
    return client.post(reverse("interviews:kit-document", kwargs={
        "practice": kit.practice.slug, "interview_kit_id": kit.public_id}))


def _ask_summary(client, application):
    return client.post(reverse("interviews:summary-document", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id}))


def _state(client, location: str) -> dict:
    return client.get(location, HTTP_ACCEPT="application/json").json()


def _documents() -> list[InterviewDocument]:
    with scopes_disabled():
        return list(InterviewDocument.objects.all())


# --- The kit ------------------------------------------------------------------------------------

def test_the_kit_is_made_and_downloaded(manager_client, kit,
                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_kit(manager_client, kit)
    state = _state(manager_client, response["Location"])

    assert state["status"] == "ready"
    download = manager_client.get(state["download_url"])
    assert download["Content-Disposition"].startswith("attachment;")
    content = b"".join(download)
    assert any("Why this clinic?" in p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert not AuditEvent.objects.filter(action="interviews.summary.downloaded").exists()


def test_the_progress_page_refreshes_while_waiting(manager_client, kit):
    location = _ask_kit(manager_client, kit)["Location"]  # no worker ran: still waiting

    page = manager_client.get(location).content.decode()

    assert 'http-equiv="refresh"' in page
    assert "Making your document" in page


def test_a_double_click_makes_one_document_and_one_task(manager_client, kit):
    first = _ask_kit(manager_client, kit)
    second = _ask_kit(manager_client, kit)

    assert first["Location"] == second["Location"]
    assert len(_documents()) == 1
    assert OutboxTask.objects.count() == 1


def test_a_changed_kit_gets_a_new_document(manager, kit, practice):
    with scope(practice=practice):
        before = kit_document_request(kit=kit, actor=manager)
        question_save(kit=kit, actor=manager, question="What does good care mean to you?")
        after = kit_document_request(kit=kit, actor=manager)

    assert before.pk != after.pk
    assert OutboxTask.objects.count() == 2


def test_a_failure_is_shown_and_can_be_retried(manager_client, kit, monkeypatch,
                                               django_capture_on_commit_callbacks):
    def broken(_kit):
        raise OSError("disk full")

    monkeypatch.setattr(documents, "kit_docx", broken)
    with django_capture_on_commit_callbacks(execute=True):
        location = _ask_kit(manager_client, kit)["Location"]
    page = manager_client.get(location).content.decode()
    assert "could not make the document" in page
    assert "disk full" in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = manager_client.post(location + "retry/")

    assert retried["Location"] == location
    [document] = _documents()
    assert document.status == Status.READY
    assert document.error == ""
    assert document.file.name.endswith("-kit.docx")
    assert OutboxTask.objects.count() == 2


def test_the_task_makes_the_file_once(practice, kit, manager):
    with scopes_disabled():
        document = InterviewDocumentFactory(practice=practice, kit=kit)

    interview_document_build(practice.pk, document_id=document.pk)
    with scopes_disabled():
        document.refresh_from_db()
    made = document.file.name
    interview_document_build(practice.pk, document_id=document.pk)  # a second delivery

    with scopes_disabled():
        document.refresh_from_db()
    assert document.status == Status.READY
    assert document.finished_at is not None
    assert document.file.name == made


def test_an_interviewer_on_the_team_may_print_the_kit(interviewer_client, interviewer, kit):
    with scopes_disabled():
        kit.job.hiring_team.add(_membership(interviewer))

    response = _ask_kit(interviewer_client, kit)

    assert response.status_code == 302
    assert interviewer_client.get(response["Location"]).status_code == 200


def test_an_interviewer_not_on_the_job_gets_404(interviewer_client, manager_client, kit):
    location = _ask_kit(manager_client, kit)["Location"]

    assert _ask_kit(interviewer_client, kit).status_code == 404
    assert interviewer_client.get(location).status_code == 404


# --- The summary --------------------------------------------------------------------------------

def test_the_summary_is_made_and_its_download_is_audited(manager_client, application,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_summary(manager_client, application)
    state = _state(manager_client, response["Location"])
    download = manager_client.get(state["download_url"])

    content = b"".join(download)
    text = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert "Warm with patients." in text
    event = AuditEvent.objects.get(action="interviews.summary.downloaded")
    assert event.object_id == str(application.public_id)


def test_no_submitted_scorecard_means_no_summary(manager_client, practice):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)

    response = _ask_summary(manager_client, application)

    assert response.status_code == 302
    assert "nothing to summarise" in str(next(iter(get_messages(response.wsgi_request))))
    assert _documents() == []


def test_a_member_who_must_score_first_is_refused_the_summary(
        manager_client, owner_client, manager, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        location = _ask_summary(owner_client, application)["Location"]
    with scopes_disabled():  # the manager sits on an interview they have not scored yet
        InterviewFactory(practice=application.practice, application=application
                         ).interviewers.add(_membership(manager))

    response = _ask_summary(manager_client, application)

    assert "Submit your own scorecard" in str(next(iter(get_messages(response.wsgi_request))))
    assert len(_documents()) == 1
    assert manager_client.get(location).status_code == 404  # nor the one the owner made


def test_an_interviewer_never_sees_a_summary(interviewer_client, interviewer, owner_client,
                                            application):
    with scopes_disabled():
        application.job.hiring_team.add(_membership(interviewer))
    location = _ask_summary(owner_client, application)["Location"]

    assert _ask_summary(interviewer_client, application).status_code == 403
    assert interviewer_client.get(location).status_code == 404


# --- A real worker ------------------------------------------------------------------------------

@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_kit_exactly_once_for_two_quick_requests(monkeypatch, worker,
                                                                         manager_client, kit):
    calls = []
    real = documents.kit_docx
    monkeypatch.setattr(documents, "kit_docx", lambda k: calls.append(k.pk) or real(k))

    first = _ask_kit(manager_client, kit)
    second = _ask_kit(manager_client, kit)
    wait_for(lambda: any(d.status == Status.READY for d in _documents()), timeout=20)
    time.sleep(1)  # room for a second build to show up

    assert first["Location"] == second["Location"]
    assert calls == [kit.pk]
    [document] = _documents()
    assert document.status == Status.READY
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE
