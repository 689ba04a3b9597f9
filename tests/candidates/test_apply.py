"""Applying: one person, one candidate; knock-outs, sources, resubmits, bad files."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from candidates.models import Answer, Application, Candidate, EEOResponse, Resume, StagedUpload
from hiring.models import OutboxTask
from jobs.models import Job
from tests.candidates.files import docx_bytes, pdf_bytes, pdf_upload, upload
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def _url(job, **query) -> str:
    path = reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                               "job_slug": job.slug})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _data(questions, **overrides) -> dict:
    data = {"first_name": "Jordan", "last_name": "Rivera", "email": "Jordan@Example.test",
            "phone": "555-0100", "resume": pdf_upload(), "cover_letter": "", "source": "",
            "consent": "on", "submission_key": str(uuid.uuid4()), "website": ""}
    if questions:
        data.update({f"q_{questions[0].pk}": "yes", f"q_{questions[1].pk}": "Mornings"})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _apps():
    with scopes_disabled():
        return list(Application.objects.select_related("candidate"))


def test_applying_creates_candidate_application_answers_and_resume(
        client, open_job, questions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(open_job), _data(questions))

    assert response.status_code == 302
    assert "/apply/survey/" in response["Location"]
    [application] = _apps()
    assert application.candidate.email == "jordan@example.test"
    assert not application.is_knocked_out
    with scopes_disabled():
        assert Answer.objects.count() == 2
        resume = Resume.objects.get()
    assert resume.extension == "pdf"
    assert resume.text_status == Resume.TextStatus.DONE
    assert "Certified Medical Assistant" in resume.text
    assert [m.to for m in mail.outbox] == [["jordan@example.test"]]
    assert "Medical Assistant" in mail.outbox[0].subject


def test_a_knockout_answer_flags_the_application(client, open_job, questions):
    client.post(_url(open_job), _data(questions, **{f"q_{questions[0].pk}": "no"}))

    [application] = _apps()
    assert application.is_knocked_out


def test_source_comes_from_the_link_and_is_kept(client, open_job, questions):
    page = client.get(_url(open_job, utm_source="indeed"))
    assert 'value="indeed" selected' in page.content.decode()

    client.post(_url(open_job), _data(questions, source="indeed"))

    assert _apps()[0].source == "indeed"


def test_an_unknown_board_is_still_credited(client, open_job, questions):
    client.get(_url(open_job, source="healthjobsnw"))

    client.post(_url(open_job), _data(questions, source="healthjobsnw"))

    assert _apps()[0].source == "healthjobsnw"


def test_the_same_form_posted_twice_makes_one_application(client, open_job, questions):
    data = _data(questions)
    first = client.post(_url(open_job), data)
    second = client.post(_url(open_job), {**data, "resume": pdf_upload()})

    assert len(_apps()) == 1
    assert first["Location"].split("/survey/")[0] == second["Location"].split("/survey/")[0]
    with scopes_disabled():
        assert Resume.objects.count() == 1


def test_applying_again_keeps_one_application_and_the_newer_resume(client, open_job,
                                                                  questions):
    client.post(_url(open_job), _data(questions))
    response = client.post(_url(open_job), _data(questions, resume=upload(
        "cv.docx", docx_bytes())), follow=True)

    assert len(_apps()) == 1
    assert "already applied" in response.content.decode()
    with scopes_disabled():
        assert list(Resume.objects.values_list("version", "extension")) == [(2, "docx"),
                                                                            (1, "pdf")]


def test_applying_to_another_job_reuses_the_candidate(client, practice, open_job, questions):
    with scopes_disabled():
        other = JobFactory(practice=practice, status=Job.Status.PUBLISHED)
    client.post(_url(open_job), _data(questions))

    client.post(_url(other), _data([], email="JORDAN@example.test"))

    with scopes_disabled():
        assert Candidate.objects.count() == 1
    assert len(_apps()) == 2


def test_same_email_at_another_practice_is_another_candidate(client, open_job, questions,
                                                             other_practice):
    with scopes_disabled():
        elsewhere = JobFactory(practice=other_practice, status=Job.Status.PUBLISHED)
    client.post(_url(open_job), _data(questions))

    client.post(_url(elsewhere), _data([]))

    with scopes_disabled():
        assert Candidate.objects.count() == 2


@pytest.mark.parametrize(("name", "content", "message"), [
    ("resume.docx", pdf_bytes(), None),  # a PDF named .docx is fine: it is read as a PDF
    ("resume.pdf", b"MZ\x90\x00" + b"\x00" * 200, "We can only accept"),
    ("resume.pdf", b"", "empty"),
    ("resume.pdf", b"%PDF-" + b"0" * (25 * 1024 * 1024), "larger than 10 MB"),
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "We can only accept"),
])
def test_resumes_are_checked_by_their_content(client, open_job, questions, name, content,
                                              message):
    response = client.post(_url(open_job), _data(questions, resume=upload(name, content)))

    with scopes_disabled():
        stored = list(Resume.objects.all()) + list(StagedUpload.objects.all())
    if message is None:
        assert response.status_code == 302
        assert stored[0].extension == "pdf"
    else:
        assert response.status_code == 400
        assert message in response.content.decode()
        assert stored == []
        assert _apps() == []


def test_a_hostile_file_name_is_stored_under_a_name_of_ours(client, open_job, questions):
    client.post(_url(open_job), _data(questions, resume=pdf_upload("../../etc/Résumé ñ.pdf")))

    with scopes_disabled():
        resume = Resume.objects.get()
    assert resume.original_name == "Résumé ñ.pdf"
    assert ".." not in resume.file.name
    assert resume.file.name.startswith(f"resumes/{open_job.practice.public_id}/")


def test_a_failed_submit_keeps_what_was_typed_and_the_resume(client, open_job, questions):
    first = client.post(_url(open_job), _data(questions, email="not-an-email", consent=None))

    body = first.content.decode()
    assert first.status_code == 400
    assert 'value="Jordan"' in body
    assert "Attached: resume.pdf" in body
    with scopes_disabled():
        token = str(StagedUpload.objects.get().token)

    second = client.post(_url(open_job), _data(questions, resume=None, resume_token=token))

    assert second.status_code == 302
    with scopes_disabled():
        assert Resume.objects.get().extension == "pdf"
        assert not StagedUpload.objects.exists()


def test_missing_resume_and_required_answer_are_named(client, open_job, questions):
    response = client.post(_url(open_job), _data(questions, resume=None,
                                                 **{f"q_{questions[0].pk}": None}))

    body = response.content.decode()
    assert "Please attach your résumé." in body
    assert "This field is required." in body
    assert _apps() == []


def test_the_honeypot_pretends_and_keeps_nothing(client, open_job, questions):
    response = client.post(_url(open_job), _data(questions, website="http://spam.example"))

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert _apps() == []


def test_too_many_attempts_from_one_address_are_slowed(client, open_job, questions, settings):
    settings.APPLY_RATE_LIMIT = (2, 600)
    for n in range(2):
        client.post(_url(open_job), _data(questions, email=f"p{n}@example.test"))

    response = client.post(_url(open_job), _data(questions, email="p3@example.test"))

    assert response.status_code == 429
    assert len(_apps()) == 2


@pytest.mark.parametrize("status", [Job.Status.CLOSED, Job.Status.PAUSED])
def test_a_job_not_taking_applications_says_so(client, open_job, questions, status):
    Job.objects.with_scopes_disabled().filter(pk=open_job.pk).update(status=status)

    page = client.get(_url(open_job))
    post = client.post(_url(open_job), _data(questions))

    assert page.status_code == post.status_code == 410
    assert "no longer taking applications" in page.content.decode()
    assert _apps() == []


def test_a_draft_cannot_be_applied_to(client, practice):
    with scopes_disabled():
        draft = JobFactory(practice=practice)

    assert client.get(_url(draft)).status_code == 404


def test_the_survey_is_voluntary_and_stored_apart(client, open_job, questions):
    survey = client.post(_url(open_job), _data(questions))["Location"]

    response = client.post(survey, {"sex": "female", "ethnicity": "not_hispanic",
                                    "race": "asian", "veteran": "", "disability": "declined"})

    assert response.status_code == 302
    with scopes_disabled():
        eeo = EEOResponse.objects.get()
    assert eeo.job_id == open_job.pk
    assert {f.name for f in EEOResponse._meta.get_fields()}.isdisjoint(
        {"application", "candidate"})
    again = client.post(survey, {"sex": "male"})
    assert "/apply/thanks/" in again["Location"]
    with scopes_disabled():
        assert EEOResponse.objects.count() == 1


def test_skipping_the_survey_stores_nothing(client, open_job, questions):
    survey = client.post(_url(open_job), _data(questions))["Location"]

    response = client.post(survey, {"skip": "1"}, follow=True)

    assert "What happens next" in response.content.decode()
    with scopes_disabled():
        assert not EEOResponse.objects.exists()


def test_the_application_is_saved_when_the_broker_is_down(client, open_job, questions,
                                                          settings):
    from hiring.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.post(_url(open_job), _data(questions), follow=True)
    finally:
        app.conf.task_always_eager = True
        app.conf.broker_url = settings.CELERY_BROKER_URL

    assert response.status_code == 200
    assert len(_apps()) == 1
    assert set(OutboxTask.objects.values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []
