"""Sending board notifications against a real HTTP server on 127.0.0.1: answers, retries with
backoff, giving up, sends taken over after their lease, and a real worker killed mid-call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.celery import app
from jobs.models import Delivery, DeliveryAttempt
from jobs.syndication import deliveries
from jobs.syndication.deliveries import INTERRUPTED, SUPERSEDED, retry_delay
from jobs.tasks import deliveries_sweep, delivery_send
from tests.jobs.push.boards import (
    GARBAGE,
    Reply,
    closed_port,
    delivery,
    make_due,
    published_job,
    send_in_scope,
    webhook,
)
from tests.workers import wait_for

pytestmark = pytest.mark.django_db
CELERY = Path(sys.executable).parent / "celery"
Status = Delivery.Status


def _attempts(row: Delivery) -> list[tuple[int, str, int | None, str]]:
    with scopes_disabled():
        return list(DeliveryAttempt.objects.filter(delivery=row).values_list(
            "number", "outcome", "status_code", "error"))


def test_an_accepted_call_succeeds_once(server, job):
    row = send_in_scope(delivery(job))

    assert row.status == Status.SUCCEEDED
    assert row.attempts == 1
    assert row.sent_at is not None
    assert row.last_status_code == 200
    assert _attempts(row) == [(1, "succeeded", 200, "")]
    assert server.paths() == ["/hook"]
    assert send_in_scope(row).attempts == 1  # a second run is a no-op
    assert len(server.requests) == 1


def test_a_server_error_is_retried_with_the_same_idempotency_key(server, job):
    server.script("/hook", Reply(500))
    row = delivery(job)

    before = timezone.now()
    first = send_in_scope(row)

    assert first.status == Status.RETRYING
    assert first.last_error == "HTTP 500 Internal Server Error"
    # base 1 s, first retry: jittered between half the base and the base
    wait = (first.next_attempt_at - before).total_seconds()
    assert 0.5 <= wait <= 1.0 + 0.5
    assert send_in_scope(first).attempts == 1  # not due yet: nothing happens
    make_due(row)
    second = send_in_scope(row)
    assert second.status == Status.SUCCEEDED
    assert second.attempts == 2
    keys = {seen.headers["idempotency-key"] for seen in server.requests}
    assert keys == {str(row.idempotency_key)}
    assert {seen.json()["id"] for seen in server.requests} == keys
    assert [a[1] for a in _attempts(row)] == ["retry", "succeeded"]


@pytest.mark.parametrize("attempts", range(1, 8))
def test_retry_waits_grow_exponentially_with_jitter_up_to_the_cap(settings, attempts):
    settings.SYNDICATION_RETRY_BASE_SECONDS = 30
    settings.SYNDICATION_RETRY_MAX_SECONDS = 3600
    ceiling = min(3600, 30 * 2 ** (attempts - 1))

    waits = [retry_delay(attempts) for _ in range(50)]

    assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
    assert len(set(waits)) > 1  # jittered, so deliveries failing together spread out


def test_it_gives_up_after_the_last_attempt_and_says_why(server, job):
    server.script("/hook", Reply(503), Reply(503), Reply(503))
    row = delivery(job)

    for _ in range(3):
        make_due(row)
        row = send_in_scope(row)

    assert row.status == Status.FAILED
    assert row.last_error == "Gave up after 3 attempts: HTTP 503 Service Unavailable"
    assert row.finished_at is not None
    assert [a[1] for a in _attempts(row)] == ["retry", "retry", "failed"]
    make_due(row)
    assert send_in_scope(row).attempts == 3  # failed stays failed


def test_a_refusal_fails_at_once(server, job):
    server.script("/hook", Reply(400, b'{"error": "bad job"}'))

    row = send_in_scope(delivery(job))

    assert row.status == Status.FAILED
    assert row.last_error == "HTTP 400 Bad Request"
    assert _attempts(row) == [(1, "failed", 400, "HTTP 400 Bad Request")]


@pytest.mark.parametrize(("reply", "error"), [
    (Reply(delay=3), "No answer within 0.5 seconds"),
    (Reply(raw=GARBAGE), "Malformed answer (BadStatusLine)"),
    (Reply(429), "HTTP 429 Too Many Requests"),
], ids=["slow", "garbage", "too-many"])
def test_passing_troubles_are_retried(server, job, reply, error):
    server.script("/hook", reply)
    row = delivery(job)

    first = send_in_scope(row)
    first_state = (first.status, first.last_error)
    make_due(row)
    second = send_in_scope(row)

    assert first_state == (Status.RETRYING, error)
    assert second.status == Status.SUCCEEDED
    assert [a[3] for a in _attempts(row)] == [error, ""]


def test_a_slow_board_is_cut_off_at_the_timeout(server, job):
    server.script("/hook", Reply(delay=3))

    row = send_in_scope(delivery(job))

    (_number, _outcome, _code, _error), = _attempts(row)
    with scopes_disabled():
        duration = DeliveryAttempt.objects.get(delivery=row).duration_ms
    assert 400 <= duration < 1500


def test_a_board_that_is_down_is_retried_then_failed(practice):
    webhook(practice, f"http://127.0.0.1:{closed_port()}/hook")
    row = delivery(published_job(practice))

    for _ in range(3):
        make_due(row)
        row = send_in_scope(row)

    assert row.status == Status.FAILED
    assert row.last_error == "Gave up after 3 attempts: Connection refused"
    assert [a[1:] for a in _attempts(row)] == [("retry", None, "Connection refused")] * 2 + [
        ("failed", None, "Connection refused")]


def test_a_send_whose_worker_died_is_taken_over_after_the_lease(server, job):
    stale = timezone.now() - timedelta(seconds=3)
    row = delivery(job, status=Status.SENDING, attempts=1, claimed_at=stale)
    with scopes_disabled():
        DeliveryAttempt.objects.create(practice=job.practice, delivery=row, number=1,
                                       started_at=stale, outcome="retry", error=INTERRUPTED)

    row = send_in_scope(row)

    assert row.status == Status.SUCCEEDED
    assert [a[1:] for a in _attempts(row)] == [("retry", None, INTERRUPTED),
                                               ("succeeded", 200, "")]


def test_a_send_within_its_lease_is_left_alone(server, job):
    row = send_in_scope(delivery(job, status=Status.SENDING, attempts=1, claimed_at=timezone.now()))

    assert row.status == Status.SENDING
    assert server.requests == []


def test_an_older_notification_replaced_by_a_newer_one_is_not_sent(server, job):
    older = delivery(job, status=Status.RETRYING, attempts=1, next_attempt_at=timezone.now())
    delivery(job, action=Delivery.Action.DELETED)

    older = send_in_scope(older)

    assert older.status == Status.FAILED
    assert older.last_error == SUPERSEDED
    assert server.requests == []


def test_the_sweeper_sends_due_retries(server, job):
    row = delivery(job, status=Status.RETRYING, attempts=1, next_attempt_at=timezone.now())
    later = delivery(published_job(job.practice), status=Status.RETRYING, attempts=1,
                     next_attempt_at=timezone.now() + timedelta(minutes=5))

    assert deliveries.sweep() == 1  # tasks run inline here

    with scopes_disabled():
        row.refresh_from_db()
        later.refresh_from_db()
    assert row.status == Status.SUCCEEDED
    assert later.status == Status.RETRYING
    assert len(server.requests) == 1


def test_the_task_sends_in_the_practice_scope_once(server, job):
    row = delivery(job)

    delivery_send.delay(job.practice_id, delivery_id=row.pk)
    delivery_send.delay(job.practice_id, delivery_id=row.pk)
    delivery_send.delay(job.practice_id, delivery_id=row.pk + 1000)  # folded away: no-op

    with scopes_disabled():
        row.refresh_from_db()
    assert row.status == Status.SUCCEEDED
    assert len(server.requests) == 1


def test_the_sweeper_runs_every_minute():
    entry = app.conf.beat_schedule["deliveries-sweep"]

    assert entry["task"] == deliveries_sweep.name
    assert entry["schedule"] == 60.0
    assert deliveries_sweep.delay().get() == 0


# --- A real worker killed mid-call ----------------------------------------------------------

@pytest.fixture
def start_worker(settings, tmp_path):
    """Start `celery worker` processes on this test's database and Redis; stop them after."""
    processes: list[subprocess.Popen[bytes]] = []
    db = settings.DATABASES["default"]
    login = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {**os.environ, "DATABASE_URL": f"postgres://{login}@{db['HOST']}:{db['PORT']}/"
                                         f"{db['NAME']}",
           "REDIS_URL": settings.CELERY_BROKER_URL, "CELERY_EAGER": "false",
           "SYNDICATION_ALLOW_PRIVATE_WEBHOOKS": "true", "SYNDICATION_HTTP_TIMEOUT": "30",
           "SYNDICATION_SEND_LEASE_SECONDS": str(settings.SYNDICATION_SEND_LEASE_SECONDS)}

    def start() -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(processes)}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 (our own celery, fixed arguments)
            [str(CELERY), "-A", "hiring", "worker", "--pool=solo", "--loglevel=WARNING",
             "--without-heartbeat", "--without-gossip", "--without-mingle",
             "-n", f"push-test-{len(processes)}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    # the killed worker's message stays unacked in Redis; don't let it surface in later runs
    with app.connection_for_write() as conn:
        conn.default_channel.client.delete("unacked", "unacked_index")


def _delivery() -> Delivery | None:
    with scopes_disabled():
        return Delivery.objects.first()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_call_is_replaced_and_the_board_accepts_once(
        queue_mode, server, practice, start_worker):
    server.script("/hook", Reply(hold=threading.Event()))  # the first call never gets an answer
    job = published_job(practice)
    webhook(practice, f"{server.url}/hook")
    first = start_worker()
    with transaction.atomic(), scope(practice=practice):
        deliveries.record_change(job)  # handed to the broker once this commits

    assert wait_for(lambda: len(server.requests) == 1, timeout=30), "no worker called"
    first.send_signal(signal.SIGKILL)
    first.wait()
    start_worker()
    # after the lease the sweeper hands the delivery to the new worker
    assert wait_for(lambda: deliveries.sweep() > 0, timeout=10)
    assert wait_for(lambda: _delivery().status == Status.SUCCEEDED, timeout=30)

    row = _delivery()
    keys = [seen.headers["idempotency-key"] for seen in server.requests]
    assert keys == [str(row.idempotency_key)] * 2
    accepted = [seen.headers["idempotency-key"] for seen, status in server.answered
                if status == 200]
    assert accepted == [str(row.idempotency_key)]
    assert row.attempts == 2
    assert [a[1:] for a in _attempts(row)] == [("retry", None, INTERRUPTED),
                                               ("succeeded", 200, "")]
