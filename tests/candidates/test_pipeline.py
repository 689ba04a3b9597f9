"""Stages and moves: defaults per practice, a copy per job, and moves that never collide."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope, scopes_disabled

from candidates.models import Application, RejectionReason, Stage, StageChange
from candidates.pipeline import (
    application_enter_pipeline,
    application_move,
    application_reject,
    application_reopen,
    job_pipeline,
    stage_add,
    stage_delete,
    stage_reorder,
)
from tests.factories import ApplicationFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(practice):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
    with scope(practice=practice):
        return application_enter_pipeline(application=application)


def _stage(application, kind) -> Stage:
    return next(s for s in job_pipeline(application.job) if s.kind == kind)


def test_a_new_application_starts_in_applied_with_a_history_entry(application, practice):
    with scope(practice=practice):
        assert application.stage.kind == Stage.Kind.APPLIED
        [change] = application.stage_changes.all()
    assert change.from_stage is None
    assert change.to_stage_name == "Applied"


def test_each_job_gets_its_own_copy_of_the_default_pipeline(practice):
    with scopes_disabled():
        one, two = JobFactory(practice=practice), JobFactory(practice=practice)
    with scope(practice=practice):
        first, second = job_pipeline(one), job_pipeline(two)
        assert [s.name for s in first] == ["Applied", "Phone screen", "Interview", "Offer",
                                          "Hired"]
        assert {s.pk for s in first}.isdisjoint({s.pk for s in second})
        assert RejectionReason.objects.count() == 7


def test_a_move_is_recorded_with_who_and_where(application, practice, manager):
    with scope(practice=practice):
        screen = _stage(application, Stage.Kind.SCREEN)
        application_move(application=application, to_stage=screen, actor=manager)
        change = application.stage_changes.last()
    assert (change.from_stage_name, change.to_stage_name, change.actor) == (
        "Applied", "Phone screen", manager)


def test_moving_a_candidate_someone_just_rejected_is_refused(application, practice, manager,
                                                             owner):
    with scope(practice=practice):
        seen = application.stage
        application_reject(application=Application.objects.get(pk=application.pk),
                           actor=owner, reason=RejectionReason.objects.first())
        with pytest.raises(ValidationError, match="changed this application"):
            application_move(application=application, actor=manager, from_stage=seen,
                             to_stage=_stage(application, Stage.Kind.INTERVIEW))
        application.refresh_from_db()
        assert application.status == Application.Status.REJECTED
        assert application.stage_changes.count() == 2


def test_a_stage_of_another_job_is_refused(application, practice, manager):
    with scopes_disabled():
        other = JobFactory(practice=practice)
    with scope(practice=practice), pytest.raises(ValidationError):
        application_move(application=application, actor=manager,
                         to_stage=job_pipeline(other)[1])


def test_reopening_brings_it_back_where_it_was(application, practice, manager):
    with scope(practice=practice):
        application_reject(application=application, actor=manager, reason=None, note="No")
        application_reopen(application=application, actor=manager)
        assert application.status == Application.Status.ACTIVE
        assert application.stage.kind == Stage.Kind.APPLIED
        assert application.stage_changes.count() == 3


def test_a_job_pipeline_can_be_added_to_reordered_and_trimmed(application, practice, owner):
    job = application.job
    with scope(practice=practice):
        added = stage_add(job=job, name="Working interview", actor=owner)
        names = [s.name for s in job.stages.all()]
        assert names.index("Working interview") == names.index("Hired") - 1
        stages = list(job.stages.all())
        stage_reorder(job=job, order=[stages[0], added, *stages[1:-2], stages[-1]], actor=owner)
        assert [s.name for s in job.stages.all()][1] == "Working interview"
        with pytest.raises(ValidationError):
            stage_delete(stage=_stage(application, Stage.Kind.APPLIED), actor=owner)
        stage_delete(stage=added, actor=owner)
        assert "Working interview" not in [s.name for s in job.stages.all()]


@pytest.mark.django_db(transaction=True)
def test_two_managers_moving_at_the_same_moment_leave_a_consistent_history(practice, manager,
                                                                           owner):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
    with scope(practice=practice):
        application = application_enter_pipeline(application=application)
        applied = application.stage
        targets = [_stage(application, Stage.Kind.SCREEN),
                   _stage(application, Stage.Kind.INTERVIEW)]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def move(to_stage, actor):
        try:
            with scope(practice=practice):
                barrier.wait()
                mine = Application.objects.get(pk=application.pk)
                application_move(application=mine, to_stage=to_stage, actor=actor,
                                 from_stage=applied)
                results.append("moved")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=move, args=(t, a))
               for t, a in zip(targets, [manager, owner], strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["moved", "refused"]
    with scopes_disabled():
        application.refresh_from_db()
        history = list(StageChange.objects.filter(application=application))
    assert len(history) == 2
    assert history[1].from_stage_id == applied.pk
    assert history[1].to_stage_id == application.stage_id
