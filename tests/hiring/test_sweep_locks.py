"""Two beats started by mistake: each periodic task runs one at a time across the deployment
(a Postgres advisory lock), and two sweeps at once hand each piece of work over once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from hiring.celery import app
from hiring.locks import run_alone
from hiring.models import OutboxTask
from hiring.tasks import outbox_sweep, practices_fan_out
from jobs.tasks import deliveries_sweep, feeds_sweep

pytestmark = pytest.mark.django_db(transaction=True)


def _in_thread(target: Callable[[], Any]) -> Callable[[], Any]:
    """`target` with its own database connection, closed when it is done."""
    def run() -> Any:
        try:
            return target()
        finally:
            connection.close()
    return run


@contextmanager
def held_elsewhere(name: str) -> Iterator[None]:
    """Another worker (a thread, with its own connection) runs `name` for the block."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with run_alone(name) as mine:
            if mine:
                taken.set()
                release.wait(10)

    thread = threading.Thread(target=_in_thread(hold))
    thread.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join(10)


def test_a_second_run_is_refused_while_the_first_holds_the_lock():
    with held_elsewhere("tests.some-job"), run_alone("tests.some-job") as mine:
        assert mine is False

    with run_alone("tests.some-job") as mine:
        assert mine is True


@pytest.mark.parametrize(("task", "service"), [
    (outbox_sweep, "hiring.outbox.sweep"),
    (deliveries_sweep, "jobs.syndication.deliveries.sweep"),
    (feeds_sweep, "jobs.syndication.feeds.sweep"),
])
def test_a_sweep_does_nothing_while_another_runs(task, service, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(service, lambda: calls.append(1) or 7)

    with held_elsewhere(task.name):
        skipped = task()
    ran = task()

    assert (skipped, ran) == (0, 7)
    assert calls == [1]


def test_a_fan_out_does_nothing_while_another_runs(practice, monkeypatch):
    sent: list[str] = []
    monkeypatch.setattr(app, "send_task", lambda name, args: sent.append(name))

    reminders = "interviews.tasks.interview_reminders_send"
    with held_elsewhere(f"{practices_fan_out.name}:{reminders}"):
        skipped = practices_fan_out(reminders)
        other = practices_fan_out("onboarding.tasks.credential_reminders_send")
    ran = practices_fan_out(reminders)

    # only the same fan-out waits: another periodic job is not lost behind it
    assert (skipped, other, ran) == (0, 1, 1)
    assert sent == ["onboarding.tasks.credential_reminders_send", reminders]


def test_two_sweeps_at_once_hand_each_task_over_once(queue_mode):
    rows = OutboxTask.objects.bulk_create(
        OutboxTask(task_name="hiring.tasks.password_reset_send", kwargs={"user_id": n})
        for n in range(20))
    # the broker was down when they were made: older than the sweep's grace period
    OutboxTask.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    start = threading.Barrier(2)
    results: list[int] = []

    def sweep() -> None:
        start.wait(10)
        results.append(outbox_sweep())

    threads = [threading.Thread(target=_in_thread(sweep)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    with app.connection_for_write() as conn:
        published = conn.default_channel.queue_purge("celery")
    assert sum(results) == published == len(rows)
    assert set(OutboxTask.objects.values_list("status", "attempts")) == {
        (OutboxTask.Status.HANDED, 1)}
