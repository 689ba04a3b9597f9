"""Scorecards: filling in and submitting, who sees whose scores (blind until you have
submitted your own), and the aggregates computed by the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.models import Rating
from candidates.pipeline import application_enter_pipeline, application_move, job_pipeline
from hiring.models import Membership
from hiring.roles import Role
from interviews.models import Interview, Scorecard
from interviews.scorecards import (
    ScorecardInput,
    blind_application_ids,
    can_edit,
    job_comparison,
    must_score_first,
    scorecard_aggregate,
    scorecard_for,
    scorecard_save,
)
from interviews.services import interview_cancel
from tests.factories import (
    ApplicationFactory,
    CompetencyFactory,
    InterviewFactory,
    JobFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice):
    with scopes_disabled():
        job = JobFactory(practice=practice)
        CompetencyFactory(practice=practice, job=job, name="Patient service", position=0)
        CompetencyFactory(practice=practice, job=job, name="Organisation", position=1)
        return job


@pytest.fixture
def members(practice, owner, manager, interviewer):
    with scopes_disabled():
        found = {m.user_id: m for m in Membership.objects.filter(practice=practice)}
        return {"owner": found[owner.pk], "manager": found[manager.pk],
                "interviewer": found[interviewer.pk]}


def _application(job, name="Jordan"):
    with scopes_disabled():
        application = ApplicationFactory(practice=job.practice, job=job,
                                         candidate__first_name=name)
        return application_enter_pipeline(application=application)


def _interview(application, *interviewers, hours_ago=2):
    with scopes_disabled():
        for member in interviewers:
            application.job.hiring_team.add(member)
        interview = InterviewFactory(practice=application.practice, application=application,
                                     starts_at=timezone.now() - timedelta(hours=hours_ago))
        interview.interviewers.set(interviewers)
        return interview


def _ids(job):
    with scopes_disabled():
        return [c.pk for c in job.competencies.all()]


def _submit(interview, member, ratings, recommendation="yes", note=""):
    with scopes_disabled():
        ids = _ids(interview.application.job)
        card = scorecard_for(interview=interview, membership=member)
        return scorecard_save(scorecard=card, submit=True, data=ScorecardInput(
            ratings=dict(zip(ids, ratings, strict=True)), recommendation=recommendation,
            note=note))


# --- The rules of filling in -------------------------------------------------------------------

def test_a_draft_may_have_gaps_but_submitting_needs_every_rating(job, members):
    application = _application(job)
    interview = _interview(application, members["interviewer"])
    ids = _ids(job)
    with scopes_disabled():
        card = scorecard_for(interview=interview, membership=members["interviewer"])
        draft = scorecard_save(scorecard=card, submit=False, data=ScorecardInput(
            ratings={ids[0]: 3}, notes={ids[0]: "Calm with the angry caller"}))
        assert not draft.is_submitted
        with pytest.raises(ValidationError) as error:
            scorecard_save(scorecard=card, submit=True, data=ScorecardInput(
                ratings={ids[0]: 3}, notes={ids[0]: "Calm with the angry caller"}))
        assert set(error.value.message_dict) == {f"rating_{ids[1]}", "recommendation"}
        assert "Organisation" in error.value.message_dict[f"rating_{ids[1]}"][0]
        card.refresh_from_db()
        assert not card.is_submitted
        assert card.ratings.get(competency_id=ids[0]).note == "Calm with the angry caller"


def test_ratings_outside_one_to_four_and_unknown_recommendations_are_refused(job, members):
    interview = _interview(_application(job), members["interviewer"])
    ids = _ids(job)
    with scopes_disabled():
        card = scorecard_for(interview=interview, membership=members["interviewer"])
        with pytest.raises(ValidationError) as error:
            scorecard_save(scorecard=card, submit=False, data=ScorecardInput(
                ratings={ids[0]: 5}, recommendation="maybe"))
    assert set(error.value.message_dict) == {f"rating_{ids[0]}", "recommendation"}


def test_only_the_interviews_own_interviewers_have_a_scorecard(job, members):
    interview = _interview(_application(job), members["interviewer"])
    with scopes_disabled(), pytest.raises(ValidationError):
        scorecard_for(interview=interview, membership=members["manager"])


def test_an_interview_ahead_can_be_drafted_but_not_submitted(job, members):
    interview = _interview(_application(job), members["interviewer"], hours_ago=-24)
    with pytest.raises(ValidationError) as error:
        _submit(interview, members["interviewer"], [3, 3])
    assert "not started yet" in error.value.messages[0]


def test_a_cancelled_interview_cannot_be_scored(job, members, owner):
    interview = _interview(_application(job), members["interviewer"], hours_ago=-24)
    with scopes_disabled():
        card = scorecard_for(interview=interview, membership=members["interviewer"])
        interview_cancel(interview=interview, actor=owner)
        with pytest.raises(ValidationError) as error:
            scorecard_save(scorecard=card, submit=False, data=ScorecardInput(note="x"))
    assert "cancelled" in error.value.messages[0]


def test_submitted_once_then_editable_by_its_author_until_the_candidate_moves_on(
        job, members, owner):
    application = _application(job)
    interview = _interview(application, members["interviewer"])
    card = _submit(interview, members["interviewer"], [2, 3], "no")
    first_submitted = card.submitted_at
    ids = _ids(job)
    with scopes_disabled():
        corrected = scorecard_save(scorecard=card, submit=False, data=ScorecardInput(
            ratings={ids[0]: 3, ids[1]: 3}, recommendation="yes"))
        assert corrected.is_submitted  # a "draft" save cannot un-submit
        assert corrected.submitted_at == first_submitted
        with pytest.raises(ValidationError):  # and an edit must stay complete
            scorecard_save(scorecard=card, submit=True, data=ScorecardInput(
                ratings={ids[0]: 3}, recommendation="yes"))
        application_move(application=application, to_stage=job_pipeline(job)[2], actor=owner)
        card.refresh_from_db()
        assert not can_edit(card)
        with pytest.raises(ValidationError) as error:
            scorecard_save(scorecard=card, submit=True, data=ScorecardInput(
                ratings={ids[0]: 4, ids[1]: 4}, recommendation="strong_yes"))
        assert "moved on" in error.value.messages[0]
        assert Scorecard.objects.get(pk=card.pk).recommendation == "yes"


# --- Blind scoring ------------------------------------------------------------------------------

def test_an_interviewer_sees_no_scores_before_submitting_their_own(job, members):
    application = _application(job)
    other = _interview(application, members["manager"])
    mine = _interview(application, members["interviewer"])
    _submit(other, members["manager"], [4, 1], "strong_no", note="SECRET-VERDICT")
    with scopes_disabled():
        Rating.objects.create(practice=job.practice, application=application,
                              reviewer=members["manager"].user, stars=5)
        assert must_score_first(membership=members["interviewer"], application=application)
        assert not must_score_first(membership=members["owner"], application=application)
    _submit(mine, members["interviewer"], [3, 3], "yes")
    with scopes_disabled():
        assert not must_score_first(membership=members["interviewer"],
                                    application=application)


def test_an_interviewer_without_a_scorecard_of_the_candidate_sees_no_scores(job, members):
    application = _application(job)
    with scopes_disabled():
        job.hiring_team.add(members["interviewer"])
        assert blind_application_ids(members["interviewer"], {application.pk}) == {
            application.pk}


def test_a_manager_on_the_panel_waits_for_their_own_scorecard(job, members):
    application = _application(job)
    interview = _interview(application, members["manager"], members["interviewer"])
    _submit(interview, members["interviewer"], [3, 3])
    with scopes_disabled():
        assert must_score_first(membership=members["manager"], application=application)
    _submit(interview, members["manager"], [2, 2], "no")
    with scopes_disabled():
        assert not must_score_first(membership=members["manager"], application=application)


def _pages(client, practice, application):
    """Every page an interviewer can open about the candidate, joined."""
    urls = [reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": application.public_id}),
        reverse("candidates-staff:job-board", kwargs={
            "practice": practice.slug, "job_id": application.job.public_id}),
        reverse("candidates-staff:application-list", kwargs={"practice": practice.slug})]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_blind_pages_show_no_other_scores_until_submitted(job, practice, members,
                                                          interviewer_client):
    application = _application(job)
    panel = _interview(application, members["manager"], members["interviewer"])
    _submit(panel, members["manager"], [4, 1], "strong_no", note="SECRET-VERDICT")
    with scopes_disabled():
        Rating.objects.create(practice=job.practice, application=application,
                              reviewer=members["manager"].user, stars=5)
    before = _pages(interviewer_client, practice, application)
    for leak in ("SECRET-VERDICT", "Strong no", "5.0 ★", "5 out of 5", "2.50"):
        assert leak not in before, leak
    assert "Blind scoring" in before
    _submit(panel, members["interviewer"], [2, 2], "no")
    after = _pages(interviewer_client, practice, application)
    assert "SECRET-VERDICT" in after
    assert "Strong no: 1" in after
    assert "5.0 ★" in after


# --- Deciding ------------------------------------------------------------------------------------

def test_the_aggregate_matches_a_hand_computed_example(job, members, practice):
    """Patient service rated 2, 3, 4: mean 3, population deviation √(2/3) ≈ 0.82.
    Organisation rated 1, 1, 4: mean 2, deviation √2 ≈ 1.41. A draft does not count."""
    application = _application(job)
    extra = MembershipFactory(practice=practice, role=Role.INTERVIEWER)
    interview = _interview(application, members["owner"], members["manager"],
                           members["interviewer"], extra)
    _submit(interview, members["owner"], [2, 1], "yes")
    _submit(interview, members["manager"], [3, 1], "strong_no")
    _submit(interview, members["interviewer"], [4, 4], "yes")
    with scopes_disabled():
        draft = scorecard_for(interview=interview, membership=extra)
        ids = _ids(job)
        scorecard_save(scorecard=draft, submit=False, data=ScorecardInput(
            ratings={ids[0]: 1, ids[1]: 1}))
        with CaptureQueriesContext(connection) as queries:
            result = scorecard_aggregate(application)
    assert len(queries) == 2
    service, organisation = result.competencies
    assert (service.name, service.average, service.spread, service.lowest,
            service.highest, service.count) == ("Patient service", 3.0, 0.82, 2, 4, 3)
    assert (organisation.average, organisation.spread, organisation.lowest,
            organisation.highest) == (2.0, 1.41, 1, 4)
    assert result.recommendations == {"yes": 2, "strong_no": 1}
    assert result.scorecards == 3


def test_the_comparison_ranks_candidates_and_hides_those_the_viewer_must_score(
        job, members):
    strong, weak, pending = (_application(job, n) for n in ("Avery", "Blake", "Casey"))
    _submit(_interview(strong, members["interviewer"]), members["interviewer"], [4, 3])
    _submit(_interview(weak, members["interviewer"]), members["interviewer"], [2, 1], "no")
    panel = _interview(pending, members["interviewer"], members["manager"])
    _submit(panel, members["interviewer"], [4, 4], "strong_yes")
    with scopes_disabled():
        competencies, rows = job_comparison(job=job, membership=members["manager"])
    assert [c.name for c in competencies] == ["Patient service", "Organisation"]
    assert [r.application for r in rows] == [strong, weak, pending]
    assert rows[0].overall == 3.5
    assert rows[0].averages == dict(zip(_ids(job), [4.0, 3.0], strict=True))
    assert rows[1].recommendations == {"no": 1}
    assert rows[2].hidden


def _comparison_queries(client, practice, job):
    url = reverse("interviews:job-comparison", kwargs={"practice": practice.slug,
                                                       "job_id": job.public_id})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_comparison_page_costs_the_same_for_two_or_eight_candidates(
        job, members, practice, owner_client):
    for name in ("A", "B"):
        _submit(_interview(_application(job, name), members["interviewer"]),
                members["interviewer"], [3, 3])
    _comparison_queries(owner_client, practice, job)  # the first visit also notes the login
    few = _comparison_queries(owner_client, practice, job)
    for name in "CDEFGH":
        _submit(_interview(_application(job, name), members["interviewer"]),
                members["interviewer"], [2, 4])
    assert _comparison_queries(owner_client, practice, job) == few


# --- Pages ---------------------------------------------------------------------------------------

def _scorecard_url(practice, interview):
    return reverse("interviews:scorecard", kwargs={"practice": practice.slug,
                                                   "interview_id": interview.public_id})


def test_the_interviewer_opens_the_kit_and_submits_from_the_page(
        job, members, practice, interviewer_client):
    interview = _interview(_application(job), members["interviewer"])
    ids = _ids(job)
    page = interviewer_client.get(_scorecard_url(practice, interview))
    assert page.status_code == 200
    assert "Patient service" in page.content.decode()
    response = interviewer_client.post(_scorecard_url(practice, interview), {
        f"rating_{ids[0]}": "3", f"rating_{ids[1]}": "4", "recommendation": "strong_yes",
        "note": "Would hire", "submit": "1"})
    assert response.status_code == 302
    with scopes_disabled():
        card = Scorecard.objects.get(interview=interview)
    assert card.is_submitted
    assert card.recommendation == "strong_yes"


def test_a_scorecard_missing_ratings_keeps_what_was_written(
        job, members, practice, interviewer_client):
    interview = _interview(_application(job), members["interviewer"])
    ids = _ids(job)
    response = interviewer_client.post(_scorecard_url(practice, interview), {
        f"rating_{ids[0]}": "3", f"note_{ids[0]}": "Handled the billing mix-up well",
        "note": "A long overall note I do not want to lose", "submit": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rate Organisation before submitting." in body
    assert "A long overall note I do not want to lose" in body
    assert "Handled the billing mix-up well" in body
    with scopes_disabled():
        assert not Scorecard.objects.get(interview=interview).is_submitted


def test_a_cancelled_interview_scored_from_the_page_gets_a_clear_message(
        job, members, practice, owner, interviewer_client):
    interview = _interview(_application(job), members["interviewer"], hours_ago=-5)
    with scopes_disabled():
        interview_cancel(interview=interview, actor=owner)
    response = interviewer_client.post(_scorecard_url(practice, interview), {
        "note": "Typed before I knew", "draft": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "cancelled" in body
    assert "Typed before I knew" in body


def test_someone_not_on_the_interview_gets_no_scorecard_page(job, members, practice,
                                                              manager_client):
    interview = _interview(_application(job), members["interviewer"])
    assert manager_client.get(_scorecard_url(practice, interview)).status_code == 404
    with scopes_disabled():
        assert not Interview.objects.get(pk=interview.pk).scorecards.exists()


def test_another_practices_interview_is_404(job, members, other_practice, practice,
                                            interviewer_client):
    with scopes_disabled():
        foreign = InterviewFactory(practice=other_practice)
    assert interviewer_client.get(_scorecard_url(practice, foreign)).status_code == 404
