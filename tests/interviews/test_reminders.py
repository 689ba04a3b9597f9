"""Reminders by beat: interviewers the day before, late scorecards a day after (with the
hiring manager's copy). Time is fixed by passing `now` to the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Application
from hiring.celery import app
from hiring.models import Membership
from hiring.roles import Role
from interviews.models import Interview, Scorecard
from interviews.reminders import interview_reminders_send, scorecard_reminders_send
from interviews.services import interview_reschedule
from interviews.tasks import interview_reminders_send as interview_reminders_task
from interviews.tasks import scorecard_reminders_send as scorecard_reminders_task
from tests.factories import InterviewFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 AM in Chicago, the practice's zone


def _member(user) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(user=user)


@pytest.fixture
def interview_at(practice, manager, interviewer):
    """An interview organized by the hiring manager, with the interviewer on it."""
    def make(starts_at: datetime, **extra) -> Interview:
        with scopes_disabled():
            interview = InterviewFactory(practice=practice, starts_at=starts_at,
                                         organizer=manager, location="Room 2", **extra)
            interview.application.job.hiring_team.add(_member(manager), _member(interviewer))
            interview.interviewers.add(_member(interviewer))
        return interview
    return make


def _remind(practice, now=NOW) -> int:
    with scope(practice=practice):
        return interview_reminders_send(practice=practice, now=now)


def _chase(practice, now=NOW) -> int:
    with scope(practice=practice):
        return scorecard_reminders_send(practice=practice, now=now)


def _detail(interview) -> str:
    return settings.SITE_URL + reverse("interviews:interview-detail", kwargs={
        "practice": interview.practice.slug, "interview_id": interview.public_id})


# --- The day before -----------------------------------------------------------------------------

def test_each_interviewer_is_reminded_the_day_before(practice, interview_at, interviewer,
                                                     owner):
    interview = interview_at(NOW + timedelta(hours=24))
    with scopes_disabled():
        interview.interviewers.add(_member(owner))

    assert _remind(practice) == 1

    assert sorted(m.to[0] for m in mail.outbox) == sorted([interviewer.email, owner.email])
    body = mail.outbox[0].body
    assert interview.application.candidate.full_name in body
    assert "Medical Assistant" in body
    assert "Wednesday, March 5, 2025, 9:00 AM (America/Chicago)" in body
    assert "Room 2" in body
    assert _detail(interview) in body
    assert mail.outbox[0].alternatives  # an HTML part, like every staff mail
    interview.refresh_from_db()
    assert interview.reminded_at == NOW


def test_a_second_run_reminds_no_one_again(practice, interview_at):
    interview_at(NOW + timedelta(hours=24))

    _remind(practice)
    assert _remind(practice, now=NOW + timedelta(hours=1)) == 0

    assert len(mail.outbox) == 1


def test_a_cancelled_interview_sends_no_reminder(practice, interview_at):
    interview_at(NOW + timedelta(hours=24), status=Interview.Status.CANCELLED)

    assert _remind(practice) == 0
    assert mail.outbox == []


@pytest.mark.parametrize(("hours_ahead", "reminded"), [
    (timedelta(hours=19, minutes=59), False),
    (timedelta(hours=20), True),
    (timedelta(hours=27, minutes=59), True),
    (timedelta(hours=28), False),
])
def test_the_day_before_window(practice, interview_at, hours_ahead, reminded):
    interview_at(NOW + hours_ahead)

    assert _remind(practice) == int(reminded)
    assert len(mail.outbox) == int(reminded)


def test_moving_an_interview_earns_a_new_reminder(practice, interview_at, manager):
    interview = interview_at(timezone.now() + timedelta(days=1))
    with scopes_disabled():
        Interview.objects.filter(pk=interview.pk).update(reminded_at=timezone.now())

    with scope(practice=practice):
        interview_reschedule(interview=interview, actor=manager,
                             starts_at=timezone.now() + timedelta(days=3))

    interview.refresh_from_db()
    assert interview.reminded_at is None


def test_another_practices_interviews_are_left_alone(practice, other_practice, interview_at):
    interview_at(NOW + timedelta(hours=24))

    assert _remind(other_practice) == 0
    assert mail.outbox == []


# --- Late scorecards ----------------------------------------------------------------------------

def _ended(interview_at, ago: timedelta, **extra) -> Interview:
    return interview_at(NOW - ago - timedelta(minutes=45), duration_minutes=45, **extra)


def test_a_late_scorecard_is_chased_with_a_copy_to_the_hiring_manager(
        practice, interview_at, interviewer, manager):
    interview = _ended(interview_at, timedelta(hours=25))

    assert _chase(practice) == 1

    reminder, copy = mail.outbox
    assert reminder.to == [interviewer.email]
    assert interview.application.candidate.full_name in reminder.body
    assert settings.SITE_URL + reverse("interviews:scorecard", kwargs={
        "practice": practice.slug, "interview_id": interview.public_id}) in reminder.body
    assert copy.to == [manager.email]
    assert interviewer.full_name in copy.body
    assert _detail(interview) in copy.body
    with scopes_disabled():
        scorecard = Scorecard.objects.get()
    assert (scorecard.interviewer, scorecard.reminded_at) == (_member(interviewer), NOW)
    assert scorecard.submitted_at is None  # only a draft


def test_a_scorecard_is_chased_once(practice, interview_at):
    _ended(interview_at, timedelta(hours=25))

    _chase(practice)
    assert _chase(practice, now=NOW + timedelta(hours=1)) == 0

    assert len(mail.outbox) == 2


def test_a_submitted_scorecard_is_not_chased(practice, interview_at, interviewer):
    interview = _ended(interview_at, timedelta(hours=25))
    with scopes_disabled():
        Scorecard.objects.create(practice=practice, interview=interview,
                                 interviewer=_member(interviewer), recommendation="yes",
                                 submitted_at=NOW - timedelta(hours=2))

    assert _chase(practice) == 0
    assert mail.outbox == []


def test_a_draft_is_chased_like_a_missing_scorecard(practice, interview_at, interviewer):
    interview = _ended(interview_at, timedelta(hours=25))
    with scopes_disabled():
        Scorecard.objects.create(practice=practice, interview=interview,
                                 interviewer=_member(interviewer), note="half-way")

    assert _chase(practice) == 1
    with scopes_disabled():
        assert Scorecard.objects.get().reminded_at == NOW


def test_a_cancelled_interview_needs_no_scorecard(practice, interview_at):
    _ended(interview_at, timedelta(hours=25), status=Interview.Status.CANCELLED)

    assert _chase(practice) == 0
    assert mail.outbox == []


def test_a_candidate_who_left_the_pipeline_needs_no_scorecard(practice, interview_at):
    interview = _ended(interview_at, timedelta(hours=25))
    with scopes_disabled():
        Application.objects.filter(pk=interview.application_id).update(
            status=Application.Status.REJECTED)

    assert _chase(practice) == 0
    assert mail.outbox == []


@pytest.mark.parametrize(("ended_ago", "chased"), [
    (timedelta(hours=23, minutes=59), False),
    (timedelta(hours=24), True),
    (timedelta(days=13, hours=23), True),
    (timedelta(days=14), False),
])
def test_the_late_scorecard_window(practice, interview_at, ended_ago, chased):
    _ended(interview_at, ended_ago)

    assert _chase(practice) == int(chased)


def test_the_copy_goes_to_the_teams_managers_once_the_organizer_cannot_manage(
        practice, interview_at, manager, owner, interviewer):
    _ended(interview_at, timedelta(hours=25))
    with scopes_disabled():
        Membership.objects.filter(user=manager).update(role=Role.INTERVIEWER)
        other_manager = MembershipFactory(practice=practice, role=Role.MANAGER,
                                          user=UserFactory(email="lead@riverside.test"))
        Interview.objects.get().application.job.hiring_team.add(other_manager)

    _chase(practice)

    # the owner manages too but is not on the job's team; the demoted organizer is out
    assert sorted(m.to[0] for m in mail.outbox) == ["interviewer@riverside.test",
                                                    "lead@riverside.test"]


def test_an_organizer_who_sat_on_the_interview_gets_one_mail(practice, interview_at,
                                                               manager):
    interview = _ended(interview_at, timedelta(hours=25))
    with scopes_disabled():
        interview.interviewers.set([_member(manager)])

    _chase(practice)

    assert [m.to for m in mail.outbox] == [[manager.email]]


# --- The tasks and the schedule -----------------------------------------------------------------

def test_the_reminder_tasks_run_for_a_practice_once(practice, interview_at):
    interview_at(timezone.now() + timedelta(hours=24))
    interview_at(timezone.now() - timedelta(hours=26))  # its scorecard a day late

    assert interview_reminders_task.delay(practice.pk).get() == 1
    assert scorecard_reminders_task.delay(practice.pk).get() == 1
    assert interview_reminders_task.delay(practice.pk).get() == 0
    assert scorecard_reminders_task.delay(practice.pk).get() == 0
    assert len(mail.outbox) == 3  # day-before, scorecard reminder, manager's copy


@pytest.mark.parametrize("entry", ["interview-reminders", "scorecard-reminders"])
def test_beat_fans_the_reminders_out_hourly(entry):
    schedule = app.conf.beat_schedule[entry]

    assert schedule["task"] == "hiring.tasks.practices_fan_out"
    assert schedule["args"][0] in app.tasks
    assert schedule["schedule"].hour == set(range(24))
