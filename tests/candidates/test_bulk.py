"""Bulk actions on a job's applicants: move, reject (with an e-mail), tag, export; progress,
stale items, and the download."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates import bulk
from candidates.models import (
    Application,
    BulkAction,
    BulkItem,
    CandidateTag,
    EmailTemplate,
    Message,
    RejectionReason,
)
from candidates.pipeline import (
    application_enter_pipeline,
    application_move,
    application_reject,
    job_pipeline,
)
from candidates.selectors import email_template_list
from candidates.tasks import bulk_action_run as bulk_action_run_task
from hiring.models import AuditEvent, OutboxTask
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice):
    with scopes_disabled():
        return JobFactory(practice=practice, title="Medical Assistant", slug="medical-assistant")


def _applications(practice, job, n, **kwargs):
    with scopes_disabled():
        made = ApplicationFactory.create_batch(n, practice=practice, job=job, **kwargs)
    with scope(practice=practice):
        return [application_enter_pipeline(application=a) for a in made]


def _stages(job):
    with scopes_disabled():
        return {s.kind: s for s in job_pipeline(job)}


def _start(client, job, applications, **data):
    return client.post(reverse("candidates-staff:bulk-action-start", kwargs={
        "practice": job.practice.slug, "job_id": job.public_id}),
        {"applications": [str(a.public_id) for a in applications], **data})


def _action() -> BulkAction:
    with scopes_disabled():
        return BulkAction.objects.get()


def _state(client, action):
    return client.get(reverse("candidates-staff:bulk-action-detail", kwargs={
        "practice": action.practice.slug, "bulkaction_id": action.public_id}),
        HTTP_ACCEPT="application/json").json()


def _rejection_template(practice) -> EmailTemplate:
    with scopes_disabled():
        return email_template_list(practice=practice).get(purpose="rejection")


def test_the_list_has_a_checkbox_per_applicant_and_the_bulk_bar(manager_client, practice, job):
    applications = _applications(practice, job, 2)

    body = manager_client.get(reverse("candidates-staff:job-applicants", kwargs={
        "practice": practice.slug, "job_id": job.public_id})).content.decode()

    assert 'id="bulk-form"' in body
    for application in applications:
        assert f'value="{application.public_id}" form="bulk-form"' in body


def test_interviewers_get_no_bulk_bar(client_for, interviewer, practice, job):
    _applications(practice, job, 1)
    with scopes_disabled():
        job.hiring_team.add(practice.memberships.get(user=interviewer))

    body = client_for(interviewer).get(reverse("candidates-staff:job-applicants", kwargs={
        "practice": practice.slug, "job_id": job.public_id})).content.decode()

    assert 'id="bulk-form"' not in body


def test_bulk_move_through_the_view(manager_client, practice, job,
                                    django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 3)
    interview = _stages(job)["interview"]

    with django_capture_on_commit_callbacks(execute=True):
        response = _start(manager_client, job, applications, kind="move",
                          stage=interview.public_id)

    action = _action()
    assert response["Location"] == reverse("candidates-staff:bulk-action-detail", kwargs={
        "practice": practice.slug, "bulkaction_id": action.public_id})
    assert (action.status, action.total, action.done, action.failed) == ("done", 3, 3, 0)
    with scopes_disabled():
        assert set(Application.objects.values_list("stage", flat=True)) == {interview.pk}
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE


def test_bulk_reject_with_an_email_rejects_and_writes_to_each(
        manager_client, manager, practice, job, django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 3)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
    template = _rejection_template(practice)

    with django_capture_on_commit_callbacks(execute=True):
        _start(manager_client, job, applications, kind="reject", reason=reason.public_id,
               email_template=template.public_id)

    assert _action().done == 3
    with scopes_disabled():
        assert set(Application.objects.values_list("status", flat=True)) == {"rejected"}
        assert Message.objects.filter(status="sent", template=template).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        a.candidate.email for a in applications)
    assert all(m.reply_to == [manager.email] for m in mail.outbox)
    assert all("Medical Assistant" in m.subject for m in mail.outbox)


def test_bulk_reject_without_an_email_sends_nothing(manager_client, practice, job,
                                                    django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 2)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()

    with django_capture_on_commit_callbacks(execute=True):
        _start(manager_client, job, applications, kind="reject", reason=reason.public_id)

    assert _action().status == "done"
    assert mail.outbox == []
    with scopes_disabled():
        assert not Message.objects.exists()


def test_an_applicant_rejected_meanwhile_is_an_error_on_its_item(
        manager_client, owner, practice, job, django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 3)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
    template = _rejection_template(practice)
    with scope(practice=practice):
        action = bulk.bulk_reject_start(job=job, applications=applications, reason=reason,
                                        actor=owner, template=template)
        application_reject(application=applications[1], actor=owner, reason=reason)

        with django_capture_on_commit_callbacks(execute=True):
            bulk.bulk_action_run(action=action)

    action.refresh_from_db()
    assert (action.status, action.done, action.failed) == ("done", 3, 1)
    with scopes_disabled():
        item = BulkItem.objects.get(application=applications[1])
        assert "changed this application" in item.error
        assert Message.objects.count() == 2  # no e-mail for the one not rejected by us
    state = _state(manager_client, action)
    assert state["failed"] == 1
    assert state["errors"][0]["name"] == applications[1].candidate.full_name


def test_an_applicant_without_an_email_is_rejected_and_noted(owner, practice, job,
                                                             django_capture_on_commit_callbacks):
    [application] = _applications(practice, job, 1, candidate__email="")
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
    with scope(practice=practice), django_capture_on_commit_callbacks(execute=True):
        bulk.bulk_reject_start(job=job, applications=[application], reason=reason,
                               actor=owner, template=_rejection_template(practice))

    application.refresh_from_db()
    assert application.status == "rejected"
    with scopes_disabled():
        assert "no e-mail address" in BulkItem.objects.get().error
        assert not Message.objects.exists()


def test_a_move_finds_it_moved_elsewhere_and_leaves_it(owner, practice, job,
                                                       django_capture_on_commit_callbacks):
    [application] = _applications(practice, job, 1)
    stages = _stages(job)
    with scope(practice=practice):
        action = bulk.bulk_move_start(job=job, applications=[application],
                                      to_stage=stages["interview"], actor=owner)
        application_move(application=application, to_stage=stages["offer"], actor=owner)
        bulk.bulk_action_run(action=action)

    application.refresh_from_db()
    assert application.stage == stages["offer"]
    with scopes_disabled():
        assert "changed this application" in BulkItem.objects.get().error


def test_bulk_tag_creates_the_tag_once(manager_client, practice, job,
                                       django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 3)

    with django_capture_on_commit_callbacks(execute=True):
        _start(manager_client, job, applications, kind="tag", tag="Bilingual")

    with scopes_disabled():
        tags = CandidateTag.objects.select_related("tag")
        assert {ct.tag.name for ct in tags} == {"Bilingual"}
        assert tags.count() == 3
    assert _action().status == "done"


def test_the_bar_asks_for_what_the_action_needs(manager_client, practice, job):
    applications = _applications(practice, job, 1)

    response = _start(manager_client, job, applications, kind="move")

    assert response.status_code == 302
    page = manager_client.get(response["Location"]).content.decode()
    assert "Choose the stage to move them to." in page
    with scopes_disabled():
        assert not BulkAction.objects.exists()


def test_nothing_selected_is_refused(manager_client, practice, job):
    _applications(practice, job, 1)

    response = _start(manager_client, job, [], kind="export")

    assert "Select at least one applicant first." in manager_client.get(
        response["Location"]).content.decode()
    with scopes_disabled():
        assert not BulkAction.objects.exists()


def test_another_jobs_applicant_cannot_be_slipped_in(manager_client, practice, job):
    with scopes_disabled():
        elsewhere = ApplicationFactory(practice=practice)

    _start(manager_client, job, [elsewhere], kind="export")

    with scopes_disabled():
        assert not BulkAction.objects.exists()


def test_export_makes_a_csv_to_download_with_an_audit_entry(
        manager_client, practice, job, django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 2, source="indeed")
    with scopes_disabled():
        Application.objects.filter(pk=applications[0].pk).update(source="=HYPERLINK(1)")

    with django_capture_on_commit_callbacks(execute=True):
        _start(manager_client, job, applications, kind="export")

    action = _action()
    state = _state(manager_client, action)
    assert state["status"] == "done"
    response = manager_client.get(state["download_url"])
    content = b"".join(response.streaming_content).decode("utf-8-sig")  # closes the file
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Name", "E-mail", "Phone", "Job", "Stage", "Status", "Applied on",
                       "Source"]
    assert len(rows) == 3
    assert {r[1] for r in rows[1:]} == {a.candidate.email for a in applications}
    assert {r[4] for r in rows[1:]} == {"Applied"}
    assert "'=HYPERLINK(1)" in {r[7] for r in rows[1:]}  # a spreadsheet won't run it
    assert AuditEvent.objects.filter(action="candidates.applicants.exported",
                                     object_id=str(action.public_id)).exists()


def test_an_export_of_zero_rows_says_so_instead_of_an_empty_file(
        manager_client, owner, practice, job):
    applications = _applications(practice, job, 1)
    with scope(practice=practice):
        action = bulk.bulk_export_start(job=job, applications=applications, actor=owner)
        Application.objects.filter(pk=applications[0].pk).delete()
        bulk.bulk_action_run(action=action)

    state = _state(manager_client, action)
    assert state["status"] == "done"
    assert state["download_url"] is None
    assert "nothing to export" in state["message"]
    response = manager_client.get(reverse("candidates-staff:bulk-action-download", kwargs={
        "practice": practice.slug, "bulkaction_id": action.public_id}))
    assert response.status_code == 404


def test_the_progress_page_shows_the_counts(manager_client, owner, practice, job):
    applications = _applications(practice, job, 2)
    with scope(practice=practice):
        action = bulk.bulk_tag_start(job=job, applications=applications, tag_name="rehire",
                                     actor=owner)

    page = manager_client.get(reverse("candidates-staff:bulk-action-detail", kwargs={
        "practice": practice.slug, "bulkaction_id": action.public_id}))

    assert page.status_code == 200
    assert page.context["state"]["done"] == 0
    assert page.context["state"]["total"] == 2
    assert "bulk-progress" in page.content.decode()


def test_a_second_run_of_the_task_does_nothing(owner, practice, job,
                                               django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 2)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
    with scope(practice=practice):
        action = bulk.bulk_reject_start(job=job, applications=applications, reason=reason,
                                        actor=owner, template=_rejection_template(practice))

    with django_capture_on_commit_callbacks(execute=True):
        bulk_action_run_task.delay(practice.pk, bulkaction_id=action.pk)
        BulkAction.objects.with_scopes_disabled().filter(pk=action.pk).update(status="running")
        bulk_action_run_task.delay(practice.pk, bulkaction_id=action.pk)

    action.refresh_from_db()
    assert (action.status, action.done, action.failed) == ("done", 2, 0)
    assert len(mail.outbox) == 2


def test_a_run_resumes_after_the_items_already_done(owner, practice, job, monkeypatch,
                                                    django_capture_on_commit_callbacks):
    applications = _applications(practice, job, 3)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()
    with scope(practice=practice):
        action = bulk.bulk_reject_start(job=job, applications=applications, reason=reason,
                                        actor=owner, template=_rejection_template(practice))
    calls = []
    original = bulk._HANDLERS["reject"]

    def crash_on_the_second(action, application):
        calls.append(application.pk)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the worker is killed in the middle of an item
        return original(action, application)

    monkeypatch.setitem(bulk._HANDLERS, "reject", crash_on_the_second)
    with scope(practice=practice), django_capture_on_commit_callbacks(execute=True), \
            pytest.raises(KeyboardInterrupt):
        bulk.bulk_action_run(action=action)
    monkeypatch.setitem(bulk._HANDLERS, "reject", original)
    action.refresh_from_db()
    assert (action.status, action.done) == ("running", 1)

    with scope(practice=practice), django_capture_on_commit_callbacks(execute=True):
        bulk.bulk_action_run(action=BulkAction.objects.get(pk=action.pk))

    action.refresh_from_db()
    assert (action.status, action.done, action.failed) == ("done", 3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.candidate.email
                                                          for a in applications)

