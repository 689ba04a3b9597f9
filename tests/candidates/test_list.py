"""The applications list across jobs: filters, sorting, pages and saved views."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Answer, Application, Rating, SavedFilter
from candidates.pipeline import application_enter_pipeline
from candidates.team_work import candidate_tag_add
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


def _url(practice):
    return reverse("candidates-staff:application-list", kwargs={"practice": practice.slug})


def _names(response) -> str:
    return response.content.decode()


def _application(practice, **fields) -> Application:
    with scopes_disabled():
        application = ApplicationFactory(practice=practice, **fields)
    with scope(practice=practice):
        return application_enter_pipeline(application=application)


def test_filters_narrow_the_list(owner_client, owner, practice):
    with scopes_disabled():
        nurse = JobFactory(practice=practice, title="Registered Nurse")
    a = _application(practice, source="indeed", is_knocked_out=True)
    b = _application(practice, job=nurse, source="referral")
    with scope(practice=practice):
        candidate_tag_add(candidate=b.candidate, name="bilingual", actor=owner)
        Rating.objects.create(practice=practice, application=b, reviewer=owner, stars=5)
    url = _url(practice)

    by_job = _names(owner_client.get(url, {"job": str(nurse.public_id)}))
    by_source = _names(owner_client.get(url, {"source": "Indeed"}))
    flagged = _names(owner_client.get(url, {"flagged": "on"}))
    rated = _names(owner_client.get(url, {"min_rating": "4"}))
    with scopes_disabled():
        tag = b.candidate.candidate_tags.get().tag
    tagged = _names(owner_client.get(url, {"tag": str(tag.public_id)}))

    assert b.candidate.full_name in by_job
    assert a.candidate.full_name not in by_job
    assert a.candidate.full_name in by_source
    assert b.candidate.full_name not in by_source
    assert a.candidate.full_name in flagged
    assert b.candidate.full_name not in flagged
    assert b.candidate.full_name in rated
    assert a.candidate.full_name not in rated
    assert b.candidate.full_name in tagged
    assert a.candidate.full_name not in tagged


def test_filter_by_an_answer_to_a_yes_no_question(owner_client, practice):
    yes = _application(practice)
    no = _application(practice)
    with scopes_disabled():
        question = yes.job.questions.create(practice=practice, label="Licensed?",
                                            kind="yes_no", knockout=["no"])
        Answer.objects.create(practice=practice, application=yes, question=question,
                              label="Licensed?", value="yes")
        Answer.objects.create(practice=practice, application=no, question=question,
                              label="Licensed?", value="no")

    body = _names(owner_client.get(_url(practice), {"question": str(question.public_id),
                                                    "answer": "yes"}))

    assert yes.candidate.full_name in body
    assert no.candidate.full_name not in body


def test_applied_date_range_and_sorting(owner_client, practice):
    old = _application(practice)
    new = _application(practice)
    Application.objects.with_scopes_disabled().filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=30))

    recent = _names(owner_client.get(_url(practice), {
        "applied_from": (timezone.now() - timedelta(days=7)).date().isoformat()}))
    oldest_first = _names(owner_client.get(_url(practice), {"sort": "oldest"}))

    assert new.candidate.full_name in recent
    assert old.candidate.full_name not in recent
    assert oldest_first.index(old.candidate.full_name) < oldest_first.index(
        new.candidate.full_name)


def test_rejected_applications_show_only_when_asked(owner_client, practice):
    gone = _application(practice)
    Application.objects.with_scopes_disabled().filter(pk=gone.pk).update(status="rejected")

    assert gone.candidate.full_name not in _names(owner_client.get(_url(practice)))
    assert gone.candidate.full_name in _names(owner_client.get(_url(practice),
                                                               {"status": "rejected"}))


def test_a_view_is_saved_for_its_owner_only(owner_client, manager_client, practice, owner):
    owner_client.post(reverse("candidates-staff:saved-filter-create",
                              kwargs={"practice": practice.slug}),
                      {"name": "My shortlist", "query": "min_rating=4&status=active"})

    with scopes_disabled():
        saved = SavedFilter.objects.get()
    assert saved.owner == owner
    assert "My shortlist" in _names(owner_client.get(_url(practice)))
    assert "My shortlist" not in _names(manager_client.get(_url(practice)))


def test_an_interviewer_lists_only_their_jobs(client_for, practice, interviewer):
    _application(practice)

    body = _names(client_for(interviewer).get(_url(practice)))

    assert "No applications yet" in body


def test_an_interviewer_cannot_filter_or_sort_by_the_teams_stars(client_for, practice,
                                                                 interviewer, owner):
    """Blind scoring: the rows hide the stars, so the filters must not reveal them."""
    liked, other = _application(practice), _application(practice)
    with scopes_disabled():
        liked.job.hiring_team.add(*interviewer.memberships.all())
        other.job.hiring_team.add(*interviewer.memberships.all())
        Rating.objects.create(practice=practice, application=liked, reviewer=owner, stars=5)
    client = client_for(interviewer)

    filtered = _names(client.get(_url(practice), {"min_rating": "4"}))
    by_rating = client.get(_url(practice), {"sort": "rating"})

    assert other.candidate.full_name in filtered  # the filter is ignored
    assert 'name="min_rating"' not in filtered
    assert 'value="rating"' not in by_rating.content.decode()


@pytest.mark.parametrize("more", [10, 120])
def test_list_queries_stay_flat(owner_client, owner, practice, more,
                                django_assert_num_queries):
    for _ in range(3):
        application = _application(practice)
        with scope(practice=practice):
            candidate_tag_add(candidate=application.candidate, name="x", actor=owner)
    owner_client.get(_url(practice))
    with django_assert_num_queries(14) as few:  # +2: the blind-scoring rule
        owner_client.get(_url(practice))
    with scopes_disabled():
        ApplicationFactory.create_batch(more, practice=practice)

    with django_assert_num_queries(len(few.captured_queries)):
        owner_client.get(_url(practice))
