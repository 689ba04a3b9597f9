"""Licence and certification reminders by beat: owners and hiring managers get one e-mail
listing what ends within 30 days, the employee gets their own; each credential once per
expiry date, however often the task runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from hiring.celery import app
from onboarding import roster_reminders
from onboarding.models import Credential, Employee
from onboarding.roster import credential_save
from onboarding.roster_reminders import credential_reminders_send
from onboarding.tasks import credential_reminders_send as credential_reminders_task
from tests.factories import CredentialFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 AM in Chicago, the practice's zone
TODAY = date(2025, 3, 4)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(owner, manager, interviewer):
    """An owner, a hiring manager and an interviewer in the practice."""
    return {"owner": owner, "manager": manager, "interviewer": interviewer}


def _due(practice, days: int = 20, **employee_fields) -> Credential:
    with scopes_disabled():
        employee = EmployeeFactory(practice=practice, **employee_fields)
        return CredentialFactory(practice=practice, employee=employee, name="RN licence",
                                 number="RN-1234", expires_on=TODAY + timedelta(days=days))


def _remind(practice) -> int:
    with scope(practice=practice):
        return credential_reminders_send(practice=practice)


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_owners_managers_and_the_employee_are_told_once(practice, team):
    credential = _due(practice, full_name="Dana Nurse", email="dana@example.test")

    assert _remind(practice) == 1
    assert _remind(practice) == 0

    assert sorted(m.to[0] for m in mail.outbox) == [
        "dana@example.test", "manager@riverside.test", "owner@riverside.test"]
    to_manager = _to("manager@riverside.test")[0]
    assert "Dana Nurse" in to_manager.body
    assert "RN licence" in to_manager.body
    assert "March 24, 2025" in to_manager.body
    assert reverse("onboarding:employee-detail", kwargs={
        "practice": practice.slug, "employee_id": credential.employee.public_id}) in to_manager.body
    credential.refresh_from_db()
    assert credential.reminded_at == NOW


def test_one_email_lists_every_credential_due(practice, team):
    _due(practice, days=3, full_name="Dana Nurse")
    _due(practice, days=29, full_name="Eli Assistant")

    assert _remind(practice) == 2

    (to_owner,) = _to("owner@riverside.test")
    assert "Dana Nurse" in to_owner.body
    assert "Eli Assistant" in to_owner.body
    assert "2 licences or certifications expire soon" in to_owner.subject


def test_nothing_is_sent_for_far_expired_or_former_employees_credentials(practice, team):
    _due(practice, days=31)
    _due(practice, days=-1)
    _due(practice, days=10, status=Employee.Status.LEFT)
    with scopes_disabled():
        CredentialFactory(practice=practice, expires_on=None)

    assert _remind(practice) == 0
    assert mail.outbox == []


def test_a_renewal_is_reminded_of_again(practice, team, owner):
    credential = _due(practice)
    _remind(practice)
    with scope(practice=practice):
        credential_save(employee=credential.employee, credential=credential, actor=owner,
                        fields={"expires_on": TODAY + timedelta(days=25)})

    assert _remind(practice) == 1
    assert len(_to("owner@riverside.test")) == 2


def test_an_employee_without_an_email_leaves_only_the_managers_told(practice, team):
    _due(practice, email="")

    _remind(practice)

    assert sorted(m.to[0] for m in mail.outbox) == ["manager@riverside.test",
                                                    "owner@riverside.test"]


def test_a_mail_failure_leaves_the_credential_for_the_next_run(practice, team, monkeypatch):
    credential = _due(practice)

    def broken(**kwargs):
        raise SMTPException("the mail server hung up")

    monkeypatch.setattr(roster_reminders, "send_templated_email", broken)
    with pytest.raises(SMTPException):
        _remind(practice)

    credential.refresh_from_db()
    assert credential.reminded_at is None


def test_the_task_runs_for_a_practice_once(practice, team):
    _due(practice)

    assert credential_reminders_task.delay(practice.pk).get() == 1
    assert credential_reminders_task.delay(practice.pk).get() == 0
    assert len(mail.outbox) == 3


def test_beat_fans_the_reminders_out_daily():
    schedule = app.conf.beat_schedule["credential-reminders"]

    assert schedule["task"] == "hiring.tasks.practices_fan_out"
    assert schedule["args"][0] in app.tasks
    assert len(schedule["schedule"].hour) == 1
