"""The reminders' beat entry against a real Celery worker on Redis: the fan-out reaches the
practice's task, and a duplicated run sends nothing twice."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.celery import app
from hiring.models import Membership
from hiring.tasks import practices_fan_out
from tests.factories import InterviewFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def worker() -> Iterator[None]:
    """Publish to the broker instead of running tasks inline, with an empty queue."""
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=15):
        yield
    app.conf.task_always_eager = True


def test_beat_fan_out_reminds_each_interviewer_once(worker, practice, interviewer):
    with scopes_disabled():
        interview = InterviewFactory(practice=practice,
                                     starts_at=timezone.now() + timedelta(hours=24))
        interview.interviewers.add(Membership.objects.get(user=interviewer))
    entry = app.conf.beat_schedule["interview-reminders"]

    for _ in range(2):  # a duplicated beat tick
        practices_fan_out.apply_async(args=entry["args"])

    assert _wait_for(lambda: len(mail.outbox) >= 1)
    time.sleep(1)  # room for a duplicate to show up
    assert [m.to for m in mail.outbox] == [[interviewer.email]]
    interview.refresh_from_db()
    assert interview.reminded_at is not None
