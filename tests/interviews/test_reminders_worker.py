"""The reminders' beat entry against a real Celery worker on Redis: the fan-out reaches the
practice's task, and a duplicated run sends nothing twice."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.celery import app
from hiring.models import Membership
from hiring.tasks import practices_fan_out
from tests.factories import InterviewFactory
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_beat_fan_out_reminds_each_interviewer_once(worker, practice, interviewer):
    with scopes_disabled():
        interview = InterviewFactory(practice=practice,
                                     starts_at=timezone.now() + timedelta(hours=24))
        interview.interviewers.add(Membership.objects.get(user=interviewer))
    entry = app.conf.beat_schedule["interview-reminders"]

    for _ in range(2):  # a duplicated beat tick
        practices_fan_out.apply_async(args=entry["args"])

    assert wait_for(lambda: len(mail.outbox) >= 1)
    time.sleep(1)  # room for a duplicate to show up
    assert [m.to for m in mail.outbox] == [[interviewer.email]]
    interview.refresh_from_db()
    assert interview.reminded_at is not None
