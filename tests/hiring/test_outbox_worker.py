"""The outbox against a real Celery worker on Redis, and with Redis down or hung."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring import outbox
from hiring.celery import app
from hiring.models import Invitation, OutboxTask
from hiring.roles import Role
from hiring.services import invitation_create
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_refusing(queue_mode) -> None:
    """A broker address where nothing listens: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    return


@pytest.fixture
def broker_hung(queue_mode) -> Iterator[None]:
    """A broker that accepts connections and then never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_ignore() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_and_ignore, daemon=True)
    thread.start()
    app.conf.broker_url = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    yield
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def _invitation() -> Invitation:
    with scopes_disabled():
        return Invitation.objects.get()


def test_worker_sends_the_invitation_once(worker, owner_client, practice):
    response = owner_client.post(
        reverse("hiring:invitation-create", kwargs={"practice": practice.slug}),
        {"email": "nurse@example.test", "role": Role.MANAGER})

    assert response.status_code == 302
    assert wait_for(lambda: OutboxTask.objects.filter(status="done").exists())
    time.sleep(1)  # room for a duplicate delivery to show up
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nurse@example.test"]
    assert _invitation().sent_at is not None


def test_rolled_back_invitation_sends_nothing(worker, practice, owner):
    def failing_request() -> None:
        with transaction.atomic(), scope(practice=practice):
            invitation_create(practice=practice, email="nurse@example.test",
                              role=Role.MANAGER, invited_by=owner)
            raise RuntimeError("something later in the request failed")

    with pytest.raises(RuntimeError):
        failing_request()

    time.sleep(2)
    assert mail.outbox == []
    assert not OutboxTask.objects.exists()
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_broker_down_the_user_is_not_kept_waiting_and_the_sweeper_delivers_later(
        broker_refusing, owner_client, practice):
    started = time.monotonic()
    response = owner_client.post(
        reverse("hiring:invitation-create", kwargs={"practice": practice.slug}),
        {"email": "nurse@example.test", "role": Role.MANAGER})
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 3, f"the request took {elapsed:.1f}s with the broker down"
    row = OutboxTask.objects.get()
    assert row.status == OutboxTask.Status.PENDING
    assert mail.outbox == []

    app.conf.broker_url = settings.CELERY_BROKER_URL  # the broker is back
    OutboxTask.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    with celery_worker():
        assert outbox.sweep() == 1
        assert wait_for(lambda: len(mail.outbox) == 1)
        assert outbox.sweep() == 0  # nothing left to hand over
        time.sleep(1)
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == OutboxTask.Status.DONE


def test_hung_broker_costs_the_request_seconds_not_minutes(broker_hung, owner_client, practice):
    started = time.monotonic()
    response = owner_client.post(
        reverse("hiring:invitation-create", kwargs={"practice": practice.slug}),
        {"email": "nurse@example.test", "role": Role.MANAGER})
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 6, f"the request took {elapsed:.1f}s with the broker hung"
    assert OutboxTask.objects.get().status == OutboxTask.Status.PENDING
