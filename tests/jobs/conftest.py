from __future__ import annotations

import pytest
from django_scopes import scope

from jobs.models import JobTemplate


@pytest.fixture
def scoped(practice):
    """Run service code as a request of the practice would: inside its scope."""
    with scope(practice=practice):
        yield


@pytest.fixture
def office_manager(db) -> JobTemplate:
    return JobTemplate.objects.get(practice=None, key="medical-office-manager")
