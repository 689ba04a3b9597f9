"""Interviews on the candidate timeline: scheduled, cancelled, scorecards submitted (by whom
only: blind scoring keeps ratings and recommendations off the timeline)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.timeline import candidate_timeline
from hiring.models import Membership
from interviews.models import Interview, Scorecard
from interviews.services import interview_cancel
from tests.factories import InterviewFactory

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the practice fixture's zone


@pytest.fixture
def interview(practice, manager, interviewer):
    with scopes_disabled():
        interview = InterviewFactory(practice=practice, organizer=manager,
                                     kind=Interview.Kind.VIDEO,
                                     starts_at=datetime(2031, 6, 3, 9, 30, tzinfo=CHICAGO))
        interview.interviewers.add(Membership.objects.get(user=interviewer))
    return interview


def _titles(practice, interview) -> list[str]:
    with scope(practice=practice):
        return [e.title for e in candidate_timeline(interview.application.candidate)]


def test_a_scheduled_interview_shows_its_time_in_the_practice_zone_and_kind(
        practice, interview, manager):
    with scope(practice=practice):
        [event] = [e for e in candidate_timeline(interview.application.candidate)
                   if e.kind == "interview"]

    assert event.title == "Interview scheduled for Jun 3, 2031, 9:30 AM CDT (Video)"
    assert (event.at, event.who) == (interview.created_at, manager.full_name)


def test_a_cancelled_interview_shows_when_it_was_cancelled(practice, interview, owner):
    with scope(practice=practice):
        interview_cancel(interview=interview, actor=owner)
        events = candidate_timeline(interview.application.candidate)

    [cancelled] = [e for e in events if e.title == "Interview cancelled"]
    assert timezone.now() - cancelled.at < timedelta(minutes=1)


def test_a_submitted_scorecard_names_its_author_and_nothing_of_its_verdict(
        practice, interview, interviewer):
    with scopes_disabled():
        member = Membership.objects.get(user=interviewer)
        Scorecard.objects.create(practice=practice, interview=interview, interviewer=member,
                                 recommendation=Scorecard.Recommendation.STRONG_NO,
                                 note="Late and unprepared", submitted_at=timezone.now())

    with scope(practice=practice):
        [event] = [e for e in candidate_timeline(interview.application.candidate)
                   if e.kind == "scorecard"]

    assert event.title == f"Scorecard submitted by {interviewer.full_name}"
    assert "Strong no" not in f"{event.title} {event.detail}"
    assert "unprepared" not in f"{event.title} {event.detail}"


def test_a_draft_scorecard_is_not_on_the_timeline(practice, interview, interviewer):
    with scopes_disabled():
        Scorecard.objects.create(practice=practice, interview=interview,
                                 interviewer=Membership.objects.get(user=interviewer))

    assert not any(t.startswith("Scorecard") for t in _titles(practice, interview))


def test_the_candidate_page_shows_the_interview_events(owner_client, practice, interview):
    body = owner_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": interview.application.public_id})
    ).content.decode()

    assert "Interview scheduled for Jun 3, 2031, 9:30 AM CDT (Video)" in body
