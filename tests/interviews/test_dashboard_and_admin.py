from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Membership
from interviews.models import Interview
from tests.factories import InterviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today_at(practice, hour_offset: int) -> datetime:
    zone = zoneinfo.ZoneInfo(practice.timezone)
    now = timezone.localtime(timezone=zone)
    return now + timedelta(hours=hour_offset)


def test_home_lists_todays_interviews(owner_client, practice):
    soon = _today_at(practice, 0) + timedelta(minutes=1)
    with scopes_disabled():
        today = InterviewFactory(practice=practice, starts_at=soon)
        InterviewFactory(practice=practice, starts_at=soon + timedelta(days=2))

    body = owner_client.get(f"/app/{practice.slug}/").content.decode()

    assert today.application.candidate.full_name in body
    assert _detail(today) in body


def test_an_interviewer_sees_only_their_own_interviews_today(client_for, practice,
                                                              interviewer):
    soon = _today_at(practice, 0) + timedelta(minutes=1)
    with scopes_disabled():
        mine = InterviewFactory(practice=practice, starts_at=soon)
        member = Membership.objects.get(user=interviewer)
        mine.application.job.hiring_team.add(member)
        mine.interviewers.add(member)
        theirs = InterviewFactory(practice=practice, starts_at=soon, application=mine
                                  .application)

    body = client_for(interviewer).get(f"/app/{practice.slug}/").content.decode()

    assert _detail(mine) in body
    assert _detail(theirs) not in body


def _detail(interview) -> str:
    return reverse("interviews:interview-detail", kwargs={
        "practice": interview.practice.slug, "interview_id": interview.public_id})


def test_admin_lists_interviews(client_for, practice):
    with scopes_disabled():
        interview = InterviewFactory(practice=practice)
    admin = client_for(UserFactory(is_staff=True, is_superuser=True))

    listing = admin.get(reverse("admin:interviews_interview_changelist"), {"q": "rivera"})
    change = admin.get(reverse("admin:interviews_interview_change", args=[interview.pk]))

    assert listing.status_code == change.status_code == 200
    assert Interview.Status.SCHEDULED in change.content.decode()
