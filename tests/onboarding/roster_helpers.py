"""Shared arrangements of the roster tests: a fixed day, employees and credentials."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.urls import reverse
from django_scopes import scopes_disabled

from onboarding.models import Credential, Employee
from tests.factories import CredentialFactory, EmployeeFactory

NOW = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)  # 9:00 AM in Chicago, the practice's zone
TODAY = date(2025, 3, 4)
HIRE = {"full_name": "Avery  Brooks", "role_title": "Medical assistant",
        "start_date": date(2024, 6, 3), "email": "Avery@Example.test", "phone": "555-0199"}


def make_employee(practice, **fields) -> Employee:
    with scopes_disabled():
        return EmployeeFactory(practice=practice, **fields)


def make_credential(employee, **fields) -> Credential:
    with scopes_disabled():
        return CredentialFactory(practice=employee.practice, employee=employee, **fields)


def roster_url(name: str, practice, **kwargs) -> str:
    return reverse(f"onboarding:{name}", kwargs={"practice": practice.slug, **kwargs})


def detail_url(employee) -> str:
    return roster_url("employee-detail", employee.practice, employee_id=employee.public_id)

