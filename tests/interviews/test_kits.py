"""Interview kits and competencies: made from the job's template, then edited by the
practice; editing needs the jobs permission, reading only sight of the job."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import Membership
from interviews import kits
from interviews.models import Competency, InterviewKit, KitQuestion
from jobs.models import JobTemplate
from jobs.services import job_create_from_template
from tests.factories import CompetencyRatingFactory, JobFactory

pytestmark = pytest.mark.django_db
OFFICE_MANAGER = "medical-office-manager"


@pytest.fixture
def job(practice, owner):
    with scopes_disabled():
        template = JobTemplate.objects.get(key=OFFICE_MANAGER, practice=None)
        return job_create_from_template(practice=practice, template=template, actor=owner)


def _shipped() -> JobTemplate:
    with scopes_disabled():
        return JobTemplate.objects.get(key=OFFICE_MANAGER, practice=None)


def test_first_use_copies_the_templates_question_bank_and_competencies(job):
    template = _shipped()
    shipped = {"interview_questions": template.interview_questions,
               "competencies": template.competencies}
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
        questions = list(kit.questions.all())
        competencies = list(job.competencies.all())
    assert [q.question for q in questions] == [q["question"] for q in
                                               shipped["interview_questions"]]
    first = shipped["interview_questions"][0]
    assert questions[0].listen_for_list == [" ".join(s.split()) for s in first["listen_for"]]
    assert questions[0].follow_up_list == first["follow_ups"]
    assert [c.name for c in competencies] == [c["name"] for c in shipped["competencies"]]
    assert competencies[0].anchors[3][1] == shipped["competencies"][0]["anchors"][3]


def test_first_use_writes_one_copy_however_often_it_is_asked(job):
    with scopes_disabled():
        kits.kits_ensure(job)
        kits.kits_ensure(job)
        assert InterviewKit.objects.filter(job=job).count() == 1
        assert Competency.objects.filter(job=job).count() == len(_shipped().competencies)


def test_a_job_without_a_template_gets_an_empty_kit(practice):
    with scopes_disabled():
        job = JobFactory(practice=practice)
        [kit] = kits.kits_ensure(job)
        assert kit.questions.count() == 0
        assert kits.competencies_for(job) == []


def test_questions_are_added_at_the_end_moved_and_deleted(job, owner):
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
        count = kit.questions.count()
        added = kits.question_save(kit=kit, actor=owner, question="  Why us?  ",
                                   listen_for="Knows the practice\nCares about patients")
        assert added.question == "Why us?"
        assert added.position == count
        kits.question_move(question=added, offset=-1, actor=owner)
        order = list(kit.questions.values_list("question", flat=True))
        assert order[-2] == "Why us?"
        last = kit.questions.last()
        kits.question_move(question=last, offset=1, actor=owner)  # already last: no change
        assert list(kit.questions.values_list("question", flat=True)) == order
        kits.question_delete(question=added, actor=owner)
        assert kit.questions.count() == count
        with pytest.raises(ValidationError) as error:
            kits.question_save(kit=kit, actor=owner, question="   ")
        assert "question" in error.value.message_dict


def test_a_competency_needs_four_anchors_and_a_name_of_its_own(job, owner):
    with scopes_disabled():
        existing = kits.competencies_for(job)[0]
        with pytest.raises(ValidationError) as error:
            kits.competency_save(job=job, actor=owner, name="Teamwork", description="",
                                 anchors=["a", "b", "", "d"])
        assert "anchor_1" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            kits.competency_save(job=job, actor=owner, name=existing.name.upper(),
                                 description="", anchors=["a", "b", "c", "d"])
        assert "name" in error.value.message_dict
        added = kits.competency_save(job=job, actor=owner, name="Teamwork", description="",
                                     anchors=["a", "b", "c", "d"])
        assert kits.competencies_for(job)[-1] == added


def test_a_rated_competency_is_archived_not_deleted(job, owner):
    with scopes_disabled():
        rated, unrated = kits.competencies_for(job)[:2]
        CompetencyRatingFactory(competency=rated, practice=job.practice, rating=3)
        kits.competency_remove(competency=rated, actor=owner)
        kits.competency_remove(competency=unrated, actor=owner)
        rated.refresh_from_db()
        assert rated.archived
        assert not Competency.objects.filter(pk=unrated.pk).exists()
        assert rated not in kits.competencies_for(job)


def test_a_job_keeps_at_least_one_kit(job, owner):
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
        with pytest.raises(ValidationError):
            kits.kit_delete(kit=kit, actor=owner)
        screen = kits.kit_create(job=job, name="Phone screen", actor=owner, copy_from=kit)
        assert screen.questions.count() == kit.questions.count()
        with pytest.raises(ValidationError):
            kits.kit_create(job=job, name="phone SCREEN", actor=owner)
        kits.kit_delete(kit=screen, actor=owner)


# --- Pages -------------------------------------------------------------------------------------

def _kit_url(practice, kit):
    return reverse("interviews:kit-detail", kwargs={"practice": practice.slug,
                                                    "interview_kit_id": kit.public_id})


def test_owner_adds_a_question_from_the_kit_page(job, practice, owner_client):
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
    response = owner_client.post(_kit_url(practice, kit), {
        "new-question": "How do you handle a double-booked morning?",
        "new-listen_for": "Calls patients early\nKeeps the doctor informed",
        "new-follow_ups": ""})
    assert response.status_code == 302
    with scopes_disabled():
        assert kit.questions.last().listen_for_list == ["Calls patients early",
                                                        "Keeps the doctor informed"]


def test_a_refused_question_edit_keeps_what_was_typed(job, practice, owner_client):
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
        question = kit.questions.first()
    response = owner_client.post(
        reverse("interviews:kit-question", kwargs={"practice": practice.slug,
                                                   "kit_question_id": question.public_id}),
        {"action": "save", f"q{question.pk}-question": "",
         f"q{question.pk}-listen_for": "A sign I typed with care"})
    assert response.status_code == 400
    assert "A sign I typed with care" in response.content.decode()
    with scopes_disabled():
        question.refresh_from_db()
        assert question.question  # unchanged


def test_moving_a_question_up_from_the_page(job, practice, owner_client):
    with scopes_disabled():
        [kit] = kits.kits_ensure(job)
        second = kit.questions.all()[1]
    owner_client.post(reverse("interviews:kit-question", kwargs={
        "practice": practice.slug, "kit_question_id": second.public_id}), {"action": "up"})
    with scopes_disabled():
        assert kit.questions.first() == second


def test_a_refused_competency_keeps_the_other_fields(job, practice, owner_client):
    response = owner_client.post(
        reverse("interviews:competency-list", kwargs={"practice": practice.slug,
                                                      "job_id": job.public_id}),
        {"new-name": "Teamwork", "new-description": "Works with others",
         "new-anchor_1": "Works alone", "new-anchor_2": "", "new-anchor_3": "",
         "new-anchor_4": "Lifts the whole team"})
    assert response.status_code == 400
    assert "Lifts the whole team" in response.content.decode()


def test_an_interviewer_on_the_team_reads_the_kit_but_cannot_change_it(
        job, practice, interviewer, interviewer_client):
    with scopes_disabled():
        job.hiring_team.add(Membership.objects.get(user=interviewer))
        [kit] = kits.kits_ensure(job)
        question = kit.questions.first()
    page = interviewer_client.get(_kit_url(practice, kit))
    assert page.status_code == 200
    assert question.question in page.content.decode()
    assert "Add a question" not in page.content.decode()
    assert interviewer_client.post(_kit_url(practice, kit),
                                   {"new-question": "Sneaky?"}).status_code == 403
    with scopes_disabled():
        assert not KitQuestion.objects.filter(question="Sneaky?").exists()


def test_competencies_move_down_and_stop_at_the_end(job, owner):
    with scopes_disabled():
        first, second = kits.competencies_for(job)[:2]
        kits.competency_move(competency=first, offset=1, actor=owner)
        assert kits.competencies_for(job)[:2] == [second, first]
        last = kits.competencies_for(job)[-1]
        kits.competency_move(competency=last, offset=1, actor=owner)  # already last
        assert kits.competencies_for(job)[-1] == last
        assert [c.position for c in kits.competencies_for(job)] == list(
            range(len(kits.competencies_for(job))))
