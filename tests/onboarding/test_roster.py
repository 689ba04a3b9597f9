"""The team roster's services: employees added and changed by hand, their licences and
certifications, and which credentials are expiring."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from hiring.models import AuditEvent
from onboarding import roster
from onboarding.models import Employee
from tests.onboarding.roster_helpers import (
    HIRE,
    NOW,
    TODAY,
    make_credential,
    make_employee,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# --- Services -----------------------------------------------------------------------------------

def test_employee_create_puts_someone_on_the_roster(practice, owner):
    with scope(practice=practice):
        employee = roster.employee_create(practice=practice, actor=owner, fields=HIRE)

    assert (employee.full_name, employee.email, employee.status) == (
        "Avery Brooks", "avery@example.test", Employee.Status.ACTIVE)
    with scopes_disabled():
        event = AuditEvent.objects.get(action="onboarding.employee.created")
    assert event.object_id == str(employee.public_id)
    assert "Avery" not in str(event.data)


def test_employee_create_needs_a_name_and_a_role(practice, owner):
    with scope(practice=practice), pytest.raises(ValidationError) as caught:
        roster.employee_create(practice=practice, actor=owner,
                               fields={**HIRE, "full_name": "  ", "role_title": ""})

    assert set(caught.value.message_dict) == {"full_name", "role_title"}


def test_an_email_already_on_the_roster_is_refused(practice, owner):
    make_employee(practice, email="avery@example.test")

    with scope(practice=practice), pytest.raises(ValidationError) as caught:
        roster.employee_create(practice=practice, actor=owner, fields=HIRE)

    assert "email" in caught.value.message_dict


def test_employee_update_records_the_changed_field_names_only(practice, owner):
    employee = make_employee(practice, phone="555-0100")

    with scope(practice=practice):
        same = {name: getattr(employee, name) for name in roster.EMPLOYEE_FIELDS}
        roster.employee_update(employee=employee, actor=owner,
                               fields={**same, "phone": "555-0111"})

    employee.refresh_from_db()
    assert employee.phone == "555-0111"
    with scopes_disabled():
        assert AuditEvent.objects.get(action="onboarding.employee.updated").data == {
            "fields": ["phone"]}


def test_a_shared_email_left_as_it_is_does_not_block_other_changes(practice, owner):
    make_employee(practice, email="jo@example.test")
    from_packet = make_employee(practice, email="Jo@Example.test")

    with scope(practice=practice):
        roster.employee_update(employee=from_packet, actor=owner, fields={
            "email": "Jo@Example.test", "role_title": "Phlebotomist"})

    from_packet.refresh_from_db()
    assert from_packet.role_title == "Phlebotomist"
    assert from_packet.email == "Jo@Example.test"


def test_a_credential_needs_a_name_but_no_expiry(practice, owner):
    employee = make_employee(practice)
    with scope(practice=practice):
        with pytest.raises(ValidationError) as caught:
            roster.credential_save(employee=employee, actor=owner, fields={"name": " "})
        kept = roster.credential_save(employee=employee, actor=owner,
                                      fields={"name": "CPR", "expires_on": None})

    assert "name" in caught.value.message_dict
    assert kept.practice_id == practice.pk
    assert kept.expires_on is None


def test_a_new_expiry_date_rearms_the_reminder(practice, owner):
    employee = make_employee(practice)
    renewed = make_credential(employee, expires_on=TODAY + timedelta(days=10), reminded_at=NOW)
    unchanged = make_credential(employee, expires_on=TODAY + timedelta(days=10), reminded_at=NOW)

    with scope(practice=practice):
        roster.credential_save(employee=employee, credential=renewed, actor=owner,
                               fields={"expires_on": TODAY + timedelta(days=740)})
        roster.credential_save(employee=employee, credential=unchanged, actor=owner,
                               fields={"number": "NEW-1"})

    renewed.refresh_from_db()
    unchanged.refresh_from_db()
    assert renewed.reminded_at is None
    assert unchanged.reminded_at == NOW


def test_a_credential_cannot_move_to_another_employee(practice, owner):
    credential = make_credential(make_employee(practice))

    with scope(practice=practice), pytest.raises(ValidationError):
        roster.credential_save(employee=make_employee(practice), credential=credential,
                               actor=owner, fields={"name": "BLS"})


def test_credentials_expiring_lists_active_employees_soonest_first(practice):
    active, left = make_employee(practice), make_employee(practice, status=Employee.Status.LEFT)
    soon = make_credential(active, expires_on=TODAY + timedelta(days=20))
    lapsed = make_credential(active, expires_on=TODAY - timedelta(days=3))
    make_credential(active, expires_on=TODAY + timedelta(days=61))
    make_credential(active, expires_on=None)
    make_credential(left, expires_on=TODAY + timedelta(days=5))

    with scope(practice=practice):
        found = list(roster.credentials_expiring(practice, within_days=60))

    assert found == [lapsed, soon]


@pytest.mark.parametrize(("days", "text", "tone"), [
    (-1, "expired", "danger"), (0, "expires today", "danger"), (1, "expires in 1 day", "warning"),
    (30, "expires in 30 days", "warning"), (31, "expires in 31 days", "secondary")])
def test_expiry_is_said_in_words(days, text, tone):
    assert roster.Expiry.of(TODAY + timedelta(days=days), TODAY) == roster.Expiry(text, tone)
