"""What the practice sees of an application, and what it never sees."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.models import Application
from hiring import outbox
from hiring.models import AuditEvent, Membership, OutboxTask
from tests.candidates.files import pdf_upload
from tests.factories import ApplicationFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def _apply(client, job, questions, **extra):
    data = {"first_name": "Avery", "last_name": "Chen", "email": "avery@example.test",
            "phone": "555-0199", "resume": pdf_upload(), "consent": "on",
            "submission_key": str(uuid.uuid4()), f"q_{questions[0].pk}": "no", **extra}
    return client.post(reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                                           "job_slug": job.slug}), data)


def test_the_owner_sees_a_new_application_at_once(client, owner_client, open_job, questions):
    _apply(client, open_job, questions, source="indeed")

    page = owner_client.get(reverse("candidates-staff:job-applicants", kwargs={
        "practice": open_job.practice.slug, "job_id": open_job.public_id})).content.decode()

    assert "Avery Chen" in page
    assert "indeed" in page
    assert "Knock-out answer" in page


def test_reviewers_never_see_the_survey_answers(client, owner_client, open_job, questions):
    survey = _apply(client, open_job, questions)["Location"]
    client.post(survey, {"sex": "female", "ethnicity": "hispanic", "veteran": "protected",
                         "disability": "yes"})
    with scopes_disabled():
        application = Application.objects.get()

    page = owner_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": open_job.practice.slug, "application_id": application.public_id}))

    body = page.content.decode()
    for answer in ("Female", "Hispanic", "protected veteran", "have a disability"):
        assert answer not in body


def test_downloading_a_resume_is_audited(owner_client, practice, owner):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice)

    response = owner_client.get(reverse("candidates-staff:resume-download", kwargs={
        "practice": practice.slug, "resume_id": resume.public_id}))

    assert b"".join(response.streaming_content) == b"Jordan Rivera, medical assistant"
    event = AuditEvent.objects.get(action="candidates.resume.downloaded")
    assert event.actor == owner
    assert event.data["version"] == 1


def test_an_interviewer_off_the_team_cannot_open_an_application(client_for, practice,
                                                                interviewer):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)

    response = client_for(interviewer).get(reverse("candidates-staff:application-detail",
                                                   kwargs={"practice": practice.slug,
                                                           "application_id":
                                                           application.public_id}))

    assert response.status_code == 404


def test_an_interviewer_on_the_team_can(client_for, practice, interviewer):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        application.job.hiring_team.add(Membership.objects.get(user=interviewer))

    response = client_for(interviewer).get(reverse("candidates-staff:application-detail",
                                                   kwargs={"practice": practice.slug,
                                                           "application_id":
                                                           application.public_id}))

    assert response.status_code == 200


def test_applicant_list_queries_do_not_grow(owner_client, practice, django_assert_num_queries):
    with scopes_disabled():
        first = ApplicationFactory(practice=practice)
        job = first.job
    url = reverse("candidates-staff:job-applicants", kwargs={"practice": practice.slug,
                                                            "job_id": job.public_id})
    owner_client.get(url)
    # 6 for the page, 5 for the bulk bar's choices (stages, reasons, e-mail templates)
    with django_assert_num_queries(11) as few:
        owner_client.get(url)
    with scopes_disabled():
        ApplicationFactory.create_batch(8, practice=practice, job=job)

    with django_assert_num_queries(len(few.captured_queries)):
        owner_client.get(url)


def test_the_confirmation_goes_out_once_the_broker_is_back(client, open_job, questions,
                                                           settings):
    from hiring.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        _apply(client, open_job, questions)
    finally:
        app.conf.task_always_eager = True
        app.conf.broker_url = settings.CELERY_BROKER_URL
    assert mail.outbox == []
    OutboxTask.objects.update(created_at=timezone.now() - timedelta(minutes=2))

    outbox.sweep()  # beat runs this every minute; inline here, as in the embedded default

    assert [m.to for m in mail.outbox] == [["avery@example.test"]]
    with scopes_disabled():
        assert Application.objects.get().confirmation_sent_at is not None
