"""Reminders of overdue packet steps: the new hire once a day for theirs (with their link
while it works), the practice once a day for its own tasks. Time is fixed by passing `now`
to the service."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django_scopes import scope, scopes_disabled

from hiring.celery import app
from onboarding.models import ItemKind, ItemOwner, Packet, PacketItem
from onboarding.reminders import packet_reminders_send
from onboarding.tasks import packet_reminders_send as packet_reminders_task
from tests.factories import PacketFactory, PacketItemFactory, UserFactory
from tests.onboarding.packet_helpers import EMAIL, new_application

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 AM in Chicago, the practice's zone
TODAY = date(2026, 3, 4)


@pytest.fixture
def packet(practice, manager) -> Packet:
    """A packet sent by the hiring manager: one late step of the new hire's, one late task
    of the practice's, and one step not due yet."""
    with scopes_disabled():
        packet = PacketFactory(practice=practice, created_by=manager,
                               application=new_application(practice),
                               start_date=TODAY + timedelta(days=2))
        PacketItemFactory(practice=practice, packet=packet, kind=ItemKind.FORM,
                          owner=ItemOwner.NEW_HIRE, title="Direct deposit",
                          due_date=TODAY - timedelta(days=1))
        PacketItemFactory(practice=practice, packet=packet, title="Accounts",
                          due_date=TODAY - timedelta(days=2))
        PacketItemFactory(practice=practice, packet=packet, kind=ItemKind.UPLOAD,
                          owner=ItemOwner.NEW_HIRE, title="CPR or BLS card",
                          due_date=TODAY)
    return packet


def _remind(practice, now=NOW) -> int:
    with scope(practice=practice):
        return packet_reminders_send(practice=practice, now=now)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_the_new_hire_is_reminded_of_their_late_steps_with_their_link(practice, packet):
    _remind(practice)

    (message,) = _to(EMAIL)
    assert "Direct deposit" in message.body
    assert "CPR or BLS card" not in message.body  # due today: not late yet
    assert "Accounts" not in message.body  # the practice's own task
    assert f"/careers/{practice.slug}/" in message.body
    packet.refresh_from_db()
    assert packet.reminded_at == NOW


def test_the_practice_is_reminded_of_its_late_tasks(practice, packet, manager, owner):
    _remind(practice)

    (message,) = _to(manager.email)  # the sender answers for it, not every owner
    assert "Accounts" in message.body
    assert f"/onboarding/packets/{packet.public_id}/" in message.body
    assert not _to(owner.email)
    with scopes_disabled():
        assert packet.items.get(title="Accounts").reminded_at == NOW


def test_without_the_sender_every_owner_and_manager_is_reminded(practice, packet, manager,
                                                                  owner, interviewer):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(created_by=UserFactory())

    _remind(practice)

    assert _to(owner.email)
    assert _to(manager.email)
    assert not _to(interviewer.email)


def test_reminders_go_out_once_a_day(practice, packet, manager):
    assert _remind(practice) == 2
    assert _remind(practice, NOW + timedelta(hours=5)) == 0
    assert _remind(practice, NOW + timedelta(days=1)) == 2
    assert len(mail.outbox) == 4


def test_nothing_goes_out_before_the_practices_morning(practice, packet):
    assert _remind(practice, datetime(2026, 3, 4, 12, 0, tzinfo=UTC)) == 0  # 6 AM there
    assert mail.outbox == []


def test_a_revoked_link_is_not_sent_again(practice, packet):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(link_revoked_at=NOW - timedelta(days=1))

    _remind(practice)

    (message,) = _to(EMAIL)
    assert "contact Riverside Family Practice for a new one" in message.body
    assert "/careers/" not in message.body


@pytest.mark.parametrize("status", [Packet.Status.COMPLETE, Packet.Status.CANCELLED])
def test_a_closed_packet_is_not_chased(practice, packet, status):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(status=status)

    assert _remind(practice) == 0


def test_done_steps_are_not_chased(practice, packet):
    with scopes_disabled():
        PacketItem.objects.filter(packet=packet).update(status=PacketItem.Status.DONE)

    assert _remind(practice) == 0


# --- The task and the schedule --------------------------------------------------------------

@time_machine.travel(NOW)
def test_the_reminder_task_runs_for_a_practice_once_a_day(practice, packet):
    assert packet_reminders_task.delay(practice.pk).get() == 2
    assert packet_reminders_task.delay(practice.pk).get() == 0


def test_beat_fans_the_reminders_out_every_hour():
    schedule = app.conf.beat_schedule["packet-reminders"]

    assert schedule["task"] == "hiring.tasks.practices_fan_out"
    assert schedule["args"][0] in app.tasks
    assert schedule["schedule"].hour == set(range(24))
