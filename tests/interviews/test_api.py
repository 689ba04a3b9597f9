"""The interviews API: same roles and blind-scoring rule as the pages, in JSON."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.pipeline import application_enter_pipeline
from hiring.models import Membership
from interviews.models import Scorecard
from tests.factories import ApplicationFactory, CompetencyFactory, InterviewFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(practice, manager, interviewer):
    with scopes_disabled():
        job = JobFactory(practice=practice)
        competencies = [CompetencyFactory(practice=practice, job=job, name=n, position=i)
                        for i, n in enumerate(["Patient service", "Organisation"])]
        members = {m.user_id: m for m in Membership.objects.filter(practice=practice)}
        panel = [members[manager.pk], members[interviewer.pk]]
        job.hiring_team.add(*panel)
        application = application_enter_pipeline(application=ApplicationFactory(
            practice=practice, job=job))
        past = InterviewFactory(practice=practice, application=application,
                                starts_at=timezone.now() - timedelta(hours=3))
        past.interviewers.set(panel)
        ahead = InterviewFactory(practice=practice, application=application,
                                 starts_at=timezone.now() + timedelta(days=2))
        ahead.interviewers.set([members[interviewer.pk]])
    return {"job": job, "competencies": competencies, "application": application,
            "past": past, "ahead": ahead}


def _url(name, practice, **kwargs):
    return reverse(f"api-interviews:{name}", kwargs={"practice": practice.slug, **kwargs})


def _put(client, practice, interview, body):
    return client.put(_url("my-scorecard", practice, interview_id=interview.public_id),
                      body, content_type="application/json")


def _complete(setup, recommendation="yes", note=""):
    return {"ratings": [{"competency": str(c.public_id), "rating": 3, "note": "ok"}
                        for c in setup["competencies"]],
            "recommendation": recommendation, "note": note, "submit": True}


def test_strangers_get_json_refusals(setup, practice, client, other_owner):
    url = _url("my-interviews", practice)
    response = client.get(url)
    assert response.status_code == 403
    assert response.json()["detail"]
    client.force_login(other_owner)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_my_interviews_lists_upcoming_and_to_score(setup, practice, interviewer_client):
    body = interviewer_client.get(_url("my-interviews", practice)).json()
    assert [i["id"] for i in body["upcoming"]] == [str(setup["ahead"].public_id)]
    assert [i["id"] for i in body["to_score"]] == [str(setup["past"].public_id)]


def test_a_scorecard_is_drafted_then_submitted_through_the_api(setup, practice,
                                                               interviewer_client):
    first = setup["competencies"][0]
    draft = _put(interviewer_client, practice, setup["past"], {
        "ratings": [{"competency": str(first.public_id), "rating": 2, "note": "Rushed"}]})
    assert draft.status_code == 200
    assert draft.json()["submitted_at"] is None
    missing = _put(interviewer_client, practice, setup["past"], {
        "ratings": [{"competency": str(first.public_id), "rating": 2}], "submit": True})
    assert missing.status_code == 400
    second = setup["competencies"][1]
    assert set(missing.json()) == {f"rating:{second.public_id}", "recommendation"}
    done = _put(interviewer_client, practice, setup["past"], _complete(setup))
    assert done.status_code == 200
    assert done.json()["submitted_at"]
    assert {r["rating"] for r in done.json()["ratings"]} == {3}


def test_unknown_competencies_and_bad_ratings_are_refused(setup, practice, interviewer_client):
    unknown = _put(interviewer_client, practice, setup["past"], {
        "ratings": [{"competency": "00000000-0000-0000-0000-000000000000", "rating": 3}]})
    assert unknown.status_code == 400
    too_high = _put(interviewer_client, practice, setup["past"], {
        "ratings": [{"competency": str(setup["competencies"][0].public_id), "rating": 7}]})
    assert too_high.status_code == 400


def test_blind_until_ones_own_scorecard_is_in(setup, practice, manager_client,
                                              interviewer_client):
    assert _put(manager_client, practice, setup["past"],
                _complete(setup, "strong_no", "SECRET-VERDICT")).status_code == 200
    url = _url("candidate-scorecards", practice,
               application_id=setup["application"].public_id)
    before = interviewer_client.get(url)
    assert before.status_code == 200
    assert before.json() == {"blind": True, "aggregate": None, "scorecards": []}
    assert "SECRET-VERDICT" not in before.content.decode()
    _put(interviewer_client, practice, setup["past"], _complete(setup))
    after = interviewer_client.get(url).json()
    assert after["blind"] is False
    assert after["aggregate"]["recommendations"] == {"strong_no": 1, "yes": 1}
    assert {s["note"] for s in after["scorecards"]} == {"SECRET-VERDICT", ""}


def test_only_the_interviews_own_interviewers_may_write_its_scorecard(setup, practice,
                                                                      owner_client):
    response = _put(owner_client, practice, setup["past"], _complete(setup))
    assert response.status_code == 404
    with scopes_disabled():
        assert not Scorecard.objects.exists()


def test_another_practices_application_is_not_found(setup, practice, other_practice,
                                                    owner_client):
    with scopes_disabled():
        foreign = ApplicationFactory(practice=other_practice)
    response = owner_client.get(_url("candidate-scorecards", practice,
                                     application_id=foreign.public_id))
    assert response.status_code == 404


def test_schema_and_docs_are_served_without_a_cdn(owner_client):
    schema = owner_client.get(reverse("api-schema"))
    assert schema.status_code == 200
    assert b"/api/v1/practices/{practice}/interviews/mine/" in schema.content
    docs = owner_client.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert b"cdn." not in docs.content
    root = owner_client.get(reverse("api-root")).json()
    assert root["practices"][0]["my_interviews"].endswith("/interviews/mine/")
