"""The pipeline board: columns, moves by fetch and by form, rejects, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates.models import Application, RejectionReason, Stage
from candidates.pipeline import application_enter_pipeline, application_reject, job_pipeline
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice):
    with scopes_disabled():
        return JobFactory(practice=practice)


def _applications(practice, job, n):
    with scopes_disabled():
        made = ApplicationFactory.create_batch(n, practice=practice, job=job)
    with scope(practice=practice):
        return [application_enter_pipeline(application=a) for a in made]


def _board(client, job):
    return client.get(reverse("candidates-staff:job-board", kwargs={
        "practice": job.practice.slug, "job_id": job.public_id}))


def _move_url(application):
    return reverse("candidates-staff:application-move", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id})


def _stages(job):
    with scopes_disabled():
        return {s.kind: s for s in job_pipeline(job)}


def test_the_board_shows_a_column_per_stage(manager_client, practice, job):
    [application] = _applications(practice, job, 1)

    body = _board(manager_client, job).content.decode()

    for name in ("Applied", "Phone screen", "Interview", "Offer", "Hired"):
        assert name in body
    assert application.candidate.full_name in body


def test_a_drag_and_drop_move_answers_json_and_survives_a_reload(manager_client, practice, job):
    [application] = _applications(practice, job, 1)
    stages = _stages(job)

    response = manager_client.post(_move_url(application), {
        "from_stage": stages["applied"].public_id, "to_stage": stages["interview"].public_id},
        HTTP_ACCEPT="application/json")

    assert response.json() == {"ok": True, "stage": str(stages["interview"].public_id)}
    application.refresh_from_db()
    assert application.stage_id == stages["interview"].pk


def test_a_stale_move_answers_409_with_where_it_really_is(manager_client, owner, practice, job):
    [application] = _applications(practice, job, 1)
    stages = _stages(job)
    with scope(practice=practice):
        application_reject(application=application, actor=owner,
                           reason=RejectionReason.objects.first())

    response = manager_client.post(_move_url(application), {
        "from_stage": stages["applied"].public_id, "to_stage": stages["offer"].public_id},
        HTTP_ACCEPT="application/json")

    assert response.status_code == 409
    assert response.json()["status"] == "rejected"
    assert "changed this application" in response.json()["error"]


def test_the_move_form_works_without_javascript(manager_client, practice, job):
    [application] = _applications(practice, job, 1)
    stages = _stages(job)

    response = manager_client.post(_move_url(application), {
        "from_stage": stages["applied"].public_id, "to_stage": stages["screen"].public_id},
        follow=True)

    assert "moved to Phone screen" in response.content.decode()


def test_reject_with_a_reason_leaves_the_board(manager_client, practice, job):
    [application] = _applications(practice, job, 1)
    with scopes_disabled():
        reason = RejectionReason.objects.filter(practice=practice).first()

    manager_client.post(reverse("candidates-staff:application-reject", kwargs={
        "practice": practice.slug, "application_id": application.public_id}),
        {"reason": reason.pk, "note": "Prefers nights"})

    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    with scopes_disabled():
        assert application.stage_changes.last().reason == f"{reason.label} — Prefers nights"


def test_a_stage_of_another_job_is_not_accepted(manager_client, practice, job):
    [application] = _applications(practice, job, 1)
    with scopes_disabled():
        other = job_pipeline(JobFactory(practice=practice))

    manager_client.post(_move_url(application), {"to_stage": other[2].public_id})

    application.refresh_from_db()
    assert application.stage.kind == Stage.Kind.APPLIED


@pytest.mark.parametrize("more", [10, 200])
def test_board_queries_stay_flat(manager_client, practice, job, more,
                                 django_assert_num_queries):
    _applications(practice, job, 5)
    _board(manager_client, job)
    # session, user, membership, switcher, job, stages, applications, ended
    with django_assert_num_queries(10) as few:  # +2: the blind-scoring rule
        _board(manager_client, job)
    _applications(practice, job, more)

    with django_assert_num_queries(len(few.captured_queries)):
        assert _board(manager_client, job).status_code == 200


def test_cards_show_the_rating_and_other_jobs(manager_client, manager, practice, job):
    [application] = _applications(practice, job, 1)
    with scopes_disabled():
        ApplicationFactory(practice=practice, candidate=application.candidate)
        application.ratings.create(practice=practice, reviewer=manager, stars=4)

    body = _board(manager_client, job).content.decode()

    assert "4.0 ★" in body
    assert "Applied to 1 other job" in body


def test_a_withdrawal_is_recorded(manager_client, practice, job):
    [application] = _applications(practice, job, 1)

    manager_client.post(reverse("candidates-staff:application-withdraw", kwargs={
        "practice": practice.slug, "application_id": application.public_id}))

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    with scopes_disabled():
        assert application.stage_changes.last().to_status == "withdrawn"
