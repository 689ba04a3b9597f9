from __future__ import annotations

import zoneinfo
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import Membership, OutboxTask, Practice
from interviews.models import (
    Competency,
    CompetencyRating,
    Interview,
    Scorecard,
    Slot,
    SlotInvitation,
    SlotOffer,
)
from interviews.scorecards import job_comparison
from interviews.services import interview_invites_send
from interviews.slots import slot_invitation_send

pytestmark = pytest.mark.django_db

MODELS = [Interview, Scorecard, CompetencyRating, SlotOffer, Slot, SlotInvitation, OutboxTask]


@pytest.fixture
def demo() -> Practice:
    call_command("seed_demo", password="demo-password-123")
    return Practice.objects.get(slug="demo-clinic")


def _counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def _office_manager_scorecards(demo: Practice):
    return Scorecard.objects.filter(practice=demo, submitted_at__isnull=False,
                                    interview__application__job__slug="medical-office-manager")


def test_seeding_again_adds_no_interviews(demo, capsys):
    before = _counts()

    call_command("seed_demo")

    assert _counts() == before
    assert before["Scorecard"] > 0
    assert before["Slot"] == 3
    assert "0 interview(s) added" in capsys.readouterr().out


def test_office_manager_candidates_have_scorecards_from_different_interviewers(demo):
    with scopes_disabled():
        by_candidate: dict[int, list[Scorecard]] = {}
        for scorecard in _office_manager_scorecards(demo).select_related("interview"):
            by_candidate.setdefault(scorecard.interview.application_id, []).append(scorecard)
        recommendations = set(_office_manager_scorecards(demo)
                              .values_list("recommendation", flat=True))

    scored = [cards for cards in by_candidate.values()
              if len({c.interviewer_id for c in cards}) >= 2]
    assert len(scored) >= 2
    assert len(recommendations) >= 3


def test_every_submitted_scorecard_rates_every_active_competency(demo):
    with scopes_disabled():
        scorecards = list(Scorecard.objects.filter(practice=demo, submitted_at__isnull=False)
                          .select_related("interview__application"))
        for scorecard in scorecards:
            active = set(Competency.objects.filter(job=scorecard.interview.application.job_id,
                                                   archived=False).values_list("pk", flat=True))
            rated = set(scorecard.ratings.filter(rating__isnull=False)
                        .values_list("competency_id", flat=True))
            assert rated == active, scorecard
            assert scorecard.recommendation
            assert scorecard.submitted_at >= scorecard.interview.ends_at

    assert scorecards


def test_upcoming_interviews_fall_on_weekdays_in_office_hours(demo):
    zone = zoneinfo.ZoneInfo(demo.timezone)
    with scopes_disabled():
        upcoming = list(Interview.objects.filter(practice=demo, starts_at__gt=timezone.now())
                        .select_related("application__job"))
        slots = list(Slot.objects.filter(practice=demo, interview=None))
        for interview in upcoming:
            team = set(interview.application.job.hiring_team.all())
            assert set(interview.interviewers.all()) <= team

    assert len(upcoming) >= 3
    assert {i.application.job.slug for i in upcoming} >= {"medical-office-manager"}
    for starts, ends in [(i.starts_at, i.ends_at) for i in upcoming] + [
            (s.starts_at, s.starts_at + timedelta(minutes=45)) for s in slots]:
        local_start, local_end = starts.astimezone(zone), ends.astimezone(zone)
        assert local_start.weekday() < 5
        assert time(8) <= local_start.time()
        assert local_end.time() <= time(17)
        assert starts > timezone.now()


def test_past_interviews_took_place_two_to_ten_days_ago(demo):
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(demo.timezone))
    with scopes_disabled():
        past = list(Interview.objects.filter(practice=demo, starts_at__lt=timezone.now()))

    assert len(past) >= 3
    for interview in past:
        local = timezone.localtime(interview.starts_at, zoneinfo.ZoneInfo(demo.timezone))
        assert 2 <= (today - local.date()).days <= 10
        assert local.weekday() < 5
        assert time(8) <= local.time() <= time(16)


def test_the_job_comparison_ranks_several_candidates_for_the_owner(demo):
    with scopes_disabled():
        owner = Membership.objects.get(practice=demo, user__email="owner@demo-clinic.test")
        job = demo.jobs.get(slug="medical-office-manager")
    with scope(practice=demo):
        _competencies, rows = job_comparison(job=job, membership=owner)

    shown = [row for row in rows if not row.hidden]
    assert len(shown) >= 2
    assert len({row.overall for row in shown}) == len(shown)  # they differ: something to compare


def test_the_demo_emails_nobody(demo):
    with scopes_disabled():
        interviews = list(Interview.objects.filter(practice=demo))
        invitations = list(SlotInvitation.objects.filter(practice=demo))
        for interview in interviews:  # what the outbox runs after the seed's commit
            interview_invites_send(interview=interview, sequence=interview.sequence)
        for invitation in invitations:
            slot_invitation_send(invitation=invitation)

    assert interviews
    assert invitations
    assert mail.outbox == []
