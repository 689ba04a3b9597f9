from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Membership
from interviews.models import (
    Competency,
    CompetencyRating,
    Interview,
    InterviewDocument,
    InterviewKit,
    KitQuestion,
    Scorecard,
    Slot,
    SlotInvitation,
    SlotOffer,
)
from tests.factories import (
    ApplicationFactory,
    CompetencyFactory,
    InterviewFactory,
    InterviewKitFactory,
    KitQuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [Interview, InterviewKit, Competency, Scorecard, SlotOffer, InterviewDocument]


@pytest.fixture
def superuser_client(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def _interview_with_everything(practice, interviewer) -> dict[type, object]:
    """One of each admin's rows, linked as the app links them; returns the parent rows."""
    with scopes_disabled():
        member = Membership.objects.get(user=interviewer)
        application = ApplicationFactory(practice=practice)
        kit = InterviewKitFactory(practice=practice, job=application.job)
        KitQuestionFactory.create_batch(2, practice=practice, kit=kit)
        competencies = CompetencyFactory.create_batch(2, practice=practice, job=application.job)
        interview = InterviewFactory(practice=practice, application=application, kit=kit,
                                     starts_at=timezone.now() - timedelta(days=1))
        interview.interviewers.add(member)
        scorecard = Scorecard.objects.create(
            practice=practice, interview=interview, interviewer=member,
            recommendation=Scorecard.Recommendation.YES, note="Calm and organised.",
            submitted_at=timezone.now(), stage_at_submit=application.stage)
        for rating, competency in enumerate(competencies, start=3):
            CompetencyRating.objects.create(practice=practice, scorecard=scorecard,
                                            competency=competency, rating=rating)
        offer = SlotOffer.objects.create(practice=practice, job=application.job, kit=kit)
        offer.interviewers.add(member)
        for day in (2, 3, 4):
            Slot.objects.create(practice=practice, offer=offer,
                                starts_at=timezone.now() + timedelta(days=day))
        SlotInvitation.objects.create(practice=practice, offer=offer, application=application,
                                      sent_at=timezone.now())
        document = InterviewDocument.objects.create(
            practice=practice, kind=InterviewDocument.Kind.KIT, kit=kit,
            content_hash=f"{kit.pk:064d}")
    return {Interview: interview, InterviewKit: kit, Competency: competencies[0],
            Scorecard: scorecard, SlotOffer: offer, InterviewDocument: document}


def _count(model: type) -> int:
    with scopes_disabled():
        return model.objects.count()


def _url(model: type, action: str, *args: object) -> str:
    return reverse(f"admin:interviews_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_superuser_opens_each_changelist_and_change_page(superuser_client, practice,
                                                         interviewer, model):
    row = _interview_with_everything(practice, interviewer)[model]

    listing = superuser_client.get(_url(model, "changelist"))
    change = superuser_client.get(_url(model, "change", row.pk))

    assert listing.status_code == change.status_code == 200
    assert listing.context["cl"].result_count == _count(model) > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(superuser_client, practice, interviewer,
                                                  manager, model):
    _interview_with_everything(practice, interviewer)
    with CaptureQueriesContext(connection) as one_row:
        superuser_client.get(_url(model, "changelist"))
    _interview_with_everything(practice, manager)

    with CaptureQueriesContext(connection) as two_rows:
        response = superuser_client.get(_url(model, "changelist"))

    assert response.context["cl"].result_count == _count(model) > 1
    assert len(two_rows) == len(one_row)


@pytest.mark.parametrize("model", [InterviewKit, Scorecard, SlotOffer], ids=lambda m: m.__name__)
def test_change_page_queries_do_not_grow_with_inline_rows(superuser_client, practice,
                                                          interviewer, model):
    row = _interview_with_everything(practice, interviewer)[model]
    with CaptureQueriesContext(connection) as before:
        superuser_client.get(_url(model, "change", row.pk))
    with scopes_disabled():
        if model is InterviewKit:
            KitQuestionFactory.create_batch(3, practice=practice, kit=row)
        elif model is Scorecard:
            for competency in CompetencyFactory.create_batch(3, practice=practice,
                                                             job=row.interview.application.job):
                CompetencyRating.objects.create(practice=practice, scorecard=row,
                                                competency=competency, rating=2)
        else:
            SlotInvitation.objects.create(practice=practice, offer=row,
                                          application=ApplicationFactory(practice=practice,
                                                                         job=row.job))

    with CaptureQueriesContext(connection) as after:
        superuser_client.get(_url(model, "change", row.pk))

    assert len(after) == len(before)


def test_scorecards_filter_by_submitted(superuser_client, practice, interviewer, manager):
    submitted = _interview_with_everything(practice, interviewer)[Scorecard]
    with scopes_disabled():
        draft = Scorecard.objects.create(practice=practice, interview=submitted.interview,
                                         interviewer=Membership.objects.get(user=manager))

    drafts = superuser_client.get(_url(Scorecard, "changelist"), {"submitted": "no"})
    done = superuser_client.get(_url(Scorecard, "changelist"),
                                {"submitted": "yes", "recommendation": "yes"})

    assert [s.pk for s in drafts.context["cl"].result_list] == [draft.pk]
    assert [s.pk for s in done.context["cl"].result_list] == [submitted.pk]


def test_scorecard_keeps_who_when_and_ratings_read_only(superuser_client, practice,
                                                        interviewer):
    scorecard = _interview_with_everything(practice, interviewer)[Scorecard]

    form = superuser_client.get(_url(Scorecard, "change", scorecard.pk)).context["adminform"]

    assert {"interview", "interviewer", "submitted_at", "stage_at_submit"} <= set(
        form.readonly_fields)
    assert set(form.form.fields) == {"recommendation", "note"}


def test_a_question_added_in_the_kit_inline_joins_the_kits_practice(superuser_client,
                                                                    practice, interviewer):
    kit = _interview_with_everything(practice, interviewer)[InterviewKit]
    with scopes_disabled():
        questions = list(kit.questions.all())
    data = {"name": kit.name, "practice": practice.pk, "job": kit.job_id,
            "questions-TOTAL_FORMS": 3, "questions-INITIAL_FORMS": 2,
            "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000,
            "questions-2-position": 5, "questions-2-question": "Why this practice?",
            "questions-2-kit": kit.pk}
    for i, question in enumerate(questions):
        data |= {f"questions-{i}-id": question.pk, f"questions-{i}-kit": kit.pk,
                 f"questions-{i}-position": question.position,
                 f"questions-{i}-question": question.question}

    response = superuser_client.post(_url(InterviewKit, "change", kit.pk), data)

    assert response.status_code == 302, response.context["errors"]
    with scopes_disabled():
        added = KitQuestion.objects.get(kit=kit, question="Why this practice?")
    assert added.practice_id == practice.pk
