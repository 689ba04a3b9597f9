"""The demo practice's team roster: a few employees with credentials, one licence ending
within 30 days, and nothing added twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from hiring.models import Practice
from jobs.services import practice_today
from onboarding.models import Credential, Employee
from onboarding.roster import REMIND_WITHIN_DAYS, credentials_expiring
from onboarding.roster_reminders import credential_reminders_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Practice:
    call_command("seed_demo", password="demo-password-123")
    return Practice.objects.get(slug="demo-clinic")


def _counts() -> tuple[int, int]:
    with scopes_disabled():
        return Employee.objects.count(), Credential.objects.count()


def test_the_demo_roster_has_employees_with_credentials(demo):
    with scopes_disabled():
        employees = list(Employee.objects.filter(practice=demo, status=Employee.Status.ACTIVE))

    assert 2 <= len(employees) <= 3
    assert all(e.email and e.role_title for e in employees)
    with scopes_disabled():
        assert Credential.objects.filter(practice=demo, expires_on__isnull=False).count() >= 3


def test_one_demo_licence_ends_within_30_days(demo):
    with scope(practice=demo):
        soon = list(credentials_expiring(demo, within_days=REMIND_WITHIN_DAYS)
                    .filter(expires_on__gte=practice_today(demo)))

    assert len(soon) == 1


def test_the_demo_reminder_reaches_the_owner_and_the_manager(demo):
    with scope(practice=demo):
        assert credential_reminders_send(practice=demo) == 1

    assert {"owner@demo-clinic.test", "manager@demo-clinic.test"} <= {
        m.to[0] for m in mail.outbox}


def test_seeding_again_adds_nobody(demo, capsys):
    before = _counts()

    call_command("seed_demo")

    assert _counts() == before
    assert "Team roster: 0 employee(s) added" in capsys.readouterr().out
