"""The schedule pages: my interviews (coming up, to score) and the practice's week calendar."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Membership
from interviews.models import Interview, Scorecard
from tests.factories import ApplicationFactory, InterviewFactory

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the practice fixture's zone


def _member(user) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(user=user)


@pytest.fixture
def on_team(practice, interviewer):
    """Make interviews of a job whose hiring team has the interviewer (on the interview too,
    unless `mine=False`)."""
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        application.job.hiring_team.add(_member(interviewer))

    def make(starts_at: datetime, *, mine: bool = True, **extra) -> Interview:
        with scopes_disabled():
            interview = InterviewFactory(practice=practice, application=application,
                                         starts_at=starts_at, **extra)
            if mine:
                interview.interviewers.add(_member(interviewer))
        return interview
    return make


def _url(name: str, practice, **query) -> str:
    path = reverse(f"interviews:{name}", kwargs={"practice": practice.slug})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _detail(interview) -> str:
    return reverse("interviews:interview-detail", kwargs={
        "practice": interview.practice.slug, "interview_id": interview.public_id})


def _scorecard(interview) -> str:
    return reverse("interviews:scorecard", kwargs={
        "practice": interview.practice.slug, "interview_id": interview.public_id})


# --- My interviews ------------------------------------------------------------------------------

def test_my_interviews_lists_mine_coming_up_in_the_practice_zone(interviewer_client, practice,
                                                                   on_team):
    starts = datetime(2031, 6, 3, 9, 30, tzinfo=CHICAGO)
    mine = on_team(starts, candidate_answer=Interview.Answer.CONFIRMED)
    not_mine = on_team(starts + timedelta(hours=2), mine=False)

    body = interviewer_client.get(_url("my-interviews", practice)).content.decode()

    assert _detail(mine) in body
    assert "Tue, Jun 3, 9:30 AM" in body
    assert mine.application.candidate.full_name in body
    assert "Confirmed by the candidate" in body
    assert _detail(not_mine) not in body


def test_to_score_lists_my_past_interviews_without_my_scorecard_oldest_first(
        interviewer_client, practice, interviewer, on_team):
    now = timezone.now()
    older = on_team(now - timedelta(days=3))
    newer = on_team(now - timedelta(days=1))
    scored = on_team(now - timedelta(days=2))
    on_team(now - timedelta(days=4), status=Interview.Status.CANCELLED)
    with scopes_disabled():
        Scorecard.objects.create(practice=practice, interview=scored,
                                 interviewer=_member(interviewer), submitted_at=now)

    response = interviewer_client.get(_url("my-interviews", practice))

    assert [i.pk for i in response.context["to_score"]] == [older.pk, newer.pk]
    body = response.content.decode()
    assert body.index(_scorecard(older)) < body.index(_scorecard(newer))
    assert _scorecard(scored) not in body


@pytest.mark.parametrize("n", [2, 20])
def test_my_interviews_queries_stay_flat(interviewer_client, practice, on_team, n,
                                         django_assert_num_queries):
    now = timezone.now()
    for i in range(n):
        on_team(now + timedelta(days=1, hours=i))
        on_team(now - timedelta(days=1, hours=i))

    with django_assert_num_queries(7):  # the layout's 5, coming up and to score
        response = interviewer_client.get(_url("my-interviews", practice))

    assert len(response.context["upcoming"]) == n


# --- The week calendar --------------------------------------------------------------------------

def test_the_week_runs_monday_to_sunday_on_the_practice_calendar(owner_client, practice,
                                                                 on_team):
    # Sunday 11:30 PM in Chicago is already Monday in UTC: it belongs to this week's Sunday
    sunday_night = on_team(datetime(2031, 6, 8, 23, 30, tzinfo=CHICAGO))
    next_monday = on_team(datetime(2031, 6, 9, 8, 0, tzinfo=CHICAGO))

    response = owner_client.get(_url("interview-calendar", practice, week="2031-06-05"))

    week = response.context["week"]
    assert week.monday == date(2031, 6, 2)
    assert [d.date.weekday() for d in week.days] == list(range(7))
    assert week.days[6].interviews == [sunday_night]
    body = response.content.decode()
    assert _detail(next_monday) not in body
    assert "?week=2031-05-26" in body
    assert "?week=2031-06-09" in body


def test_a_cancelled_interview_is_struck_through(owner_client, practice, on_team):
    on_team(datetime(2031, 6, 4, 10, 0, tzinfo=CHICAGO), status=Interview.Status.CANCELLED)

    body = owner_client.get(_url("interview-calendar", practice, week="2031-06-04")
                            ).content.decode()

    assert "calendar-card is-cancelled" in body


def test_an_interviewer_sees_only_interviews_of_their_teams_jobs(interviewer_client, practice,
                                                                 on_team):
    day = datetime(2031, 6, 4, 10, 0, tzinfo=CHICAGO)
    team_job = on_team(day, mine=False)
    with scopes_disabled():
        other_job = InterviewFactory(practice=practice, starts_at=day)

    body = interviewer_client.get(_url("interview-calendar", practice, week="2031-06-04")
                                  ).content.decode()

    assert _detail(team_job) in body
    assert _detail(other_job) not in body


@pytest.mark.parametrize("week", ["", "not-a-date", "0001-01-01"])
def test_a_missing_or_odd_week_shows_this_week(owner_client, practice, week):
    response = owner_client.get(_url("interview-calendar", practice, week=week))

    today = timezone.localdate(timezone=CHICAGO)
    assert response.context["week"].monday == today - timedelta(days=today.weekday())


@pytest.mark.parametrize("n", [2, 20])
def test_calendar_queries_stay_flat(owner_client, practice, on_team, owner, n,
                                    django_assert_num_queries):
    for i in range(n):
        interview = on_team(datetime(2031, 6, 2, 8, tzinfo=CHICAGO) + timedelta(hours=7 * i))
        with scopes_disabled():
            interview.interviewers.add(_member(owner))

    with django_assert_num_queries(7):  # the layout's 5, the interviews and their team
        response = owner_client.get(_url("interview-calendar", practice, week="2031-06-02"))

    assert response.context["week"].count == n


def test_the_sidebar_leads_to_my_interviews(interviewer_client, practice):
    body = interviewer_client.get(reverse("hiring:dashboard", kwargs={
        "practice": practice.slug})).content.decode()

    assert _url("my-interviews", practice) in body
