"""The job editor and the publish checklist: precise messages, nothing typed is lost."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from jobs.models import ApplicationQuestion, Job
from tests.factories import JobFactory, LocationFactory

pytestmark = pytest.mark.django_db


def _job(practice, **fields) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, **fields)


def _edit_url(job) -> str:
    return reverse("jobs:job-edit", kwargs={"practice": job.practice.slug,
                                            "job_id": job.public_id})


def _form(job, questions=(), **overrides) -> dict:
    data = {
        "job-title": job.title, "job-slug": job.slug, "job-department": "",
        "job-employment_type": job.employment_type, "job-workplace_type": job.workplace_type,
        "job-location": "", "job-openings": "1", "job-closes_on": "",
        "job-pay_min": str(job.pay_min or ""), "job-pay_max": str(job.pay_max or ""),
        "job-pay_unit": job.pay_unit, "job-currency": "USD", "job-education": "",
        "job-experience_months": "0", "job-about": job.about,
        "job-responsibilities": job.responsibilities, "job-qualifications": job.qualifications,
        "job-skills": "", "job-about_us": "", "job-how_to_apply": "",
        "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "30",
    }
    for i, question in enumerate(questions):
        for key, value in question.items():
            data[f"questions-{i}-{key}"] = value
    data.update({f"job-{k}" if not k.startswith(("questions-", "publish", "save")) else k: v
                 for k, v in overrides.items()})
    return data


def test_manager_saves_and_publishes(manager_client, practice):
    job = _job(practice)

    response = manager_client.post(_edit_url(job), _form(job, pay_min="21", publish="1"))

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.pay_min == Decimal("21")
    assert job.first_published_at is not None


def test_publishing_with_missing_fields_shows_the_checklist_and_keeps_the_text(
        owner_client, practice):
    job = _job(practice)

    response = owner_client.post(_edit_url(job), _form(
        job, title="Dental Hygienist", pay_min="", pay_max="", about="<p>Short.</p>",
        responsibilities="", qualifications="", publish="1"))

    assert response.status_code == 400
    body = response.content.decode()
    assert "Before it can be published" in body
    assert "Show the pay" in body
    assert "List what the person will do" in body
    assert 'value="Dental Hygienist"' in body  # what was typed is still in the form
    job.refresh_from_db()
    assert job.title == "Dental Hygienist"  # and saved as a draft
    assert job.status == Job.Status.DRAFT


def test_pay_minimum_above_maximum_is_refused_next_to_the_field(owner_client, practice):
    job = _job(practice)

    response = owner_client.post(_edit_url(job), _form(job, pay_min="30", pay_max="20"))

    assert response.status_code == 200
    assert "below the bottom" in response.content.decode()
    job.refresh_from_db()
    assert job.pay_min == Decimal("19.00")


def test_closing_date_in_the_past_is_refused(owner_client, practice):
    job = _job(practice)
    yesterday = (timezone.now() - timedelta(days=2)).date().isoformat()

    response = owner_client.post(_edit_url(job), _form(job, closes_on=yesterday))

    assert "This date has passed" in response.content.decode()
    job.refresh_from_db()
    assert job.closes_on is None


def test_slug_clash_suggests_a_free_address(owner_client, practice):
    _job(practice, slug="front-desk")
    job = _job(practice)

    response = owner_client.post(_edit_url(job), _form(job, slug="front-desk"))

    assert "“front-desk-2” is free" in response.content.decode()


def test_same_slug_in_another_practice_is_fine(owner_client, practice, other_practice):
    _job(other_practice, slug="front-desk")
    job = _job(practice)

    response = owner_client.post(_edit_url(job), _form(job, slug="front-desk"))

    assert response.status_code == 302


def test_published_job_keeps_its_address(owner_client, practice):
    job = _job(practice, status=Job.Status.PUBLISHED, first_published_at=timezone.now())

    owner_client.post(_edit_url(job), _form(job, slug="new-address"))

    job.refresh_from_db()
    assert job.slug.startswith("medical-assistant")


def test_a_choice_question_without_choices_is_refused(owner_client, practice):
    job = _job(practice)
    question = {"label": "Which shift?", "kind": "single_choice", "required": "on",
                "choices": "", "knockout": ""}

    response = owner_client.post(_edit_url(job), _form(job, questions=[question]))

    assert "Give at least two choices" in response.content.decode()
    with scopes_disabled():
        assert not ApplicationQuestion.objects.exists()


def test_questions_are_saved_in_order_with_knockouts(owner_client, practice):
    job = _job(practice)
    questions = [
        {"label": "Are you authorized to work in the US?", "kind": "yes_no",
         "required": "on", "knockout": "No"},
        {"label": "Which shifts?", "kind": "multiple_choice", "choices": "Morning\nEvening",
         "knockout": ""},
    ]

    owner_client.post(_edit_url(job), _form(job, questions=questions))

    with scopes_disabled():
        saved = list(job.questions.all())
    assert [q.label for q in saved] == ["Are you authorized to work in the US?", "Which shifts?"]
    assert saved[0].knockout == ["no"]
    assert saved[1].choices == ["Morning", "Evening"]
    assert saved[1].required is False


def test_description_is_sanitised_on_save(owner_client, practice):
    job = _job(practice)

    owner_client.post(_edit_url(job), _form(
        job, about=job.about + '<script>alert(1)</script><a href="javascript:x()">y</a>'))

    job.refresh_from_db()
    assert "script" not in job.about
    assert "javascript" not in job.about


def test_location_of_another_practice_cannot_be_chosen(owner_client, practice, other_practice):
    job = _job(practice)
    with scopes_disabled():
        foreign = LocationFactory(practice=other_practice)

    response = owner_client.post(_edit_url(job), _form(job, location=str(foreign.pk)))

    assert response.status_code == 200
    job.refresh_from_db()
    assert job.location is None


def test_job_from_scratch(owner_client, practice):
    job = Job(title="Scribe", slug="", pay_min=Decimal(18), pay_max=None, about="<p>x</p>",
              responsibilities="", qualifications="")
    response = owner_client.post(reverse("jobs:job-create", kwargs={"practice": practice.slug}),
                                 _form(job, slug=""))

    assert response.status_code == 302
    with scopes_disabled():
        created = Job.objects.get(practice=practice)
        assert created.hiring_team.get().user.email == "owner@riverside.test"
    assert created.slug == "scribe"
    assert created.status == Job.Status.DRAFT
