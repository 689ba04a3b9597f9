from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from jobs.models import ApplicationQuestion, Job
from tests.factories import JobFactory


@pytest.fixture
def open_job(practice) -> Job:
    """A published job with a knock-out question and a choice question."""
    with scopes_disabled():
        job = JobFactory(practice=practice, title="Medical Assistant", slug="medical-assistant",
                         status=Job.Status.PUBLISHED)
        job.questions.create(practice=practice, position=0, label="Are you authorized to work "
                             "in the US?", kind=ApplicationQuestion.Kind.YES_NO,
                             knockout=["no"])
        job.questions.create(practice=practice, position=1, label="Which shift suits you?",
                             kind=ApplicationQuestion.Kind.SINGLE_CHOICE, required=False,
                             choices=["Mornings", "Evenings"])
    return job


@pytest.fixture
def questions(open_job) -> list[ApplicationQuestion]:
    with scopes_disabled():
        return list(open_job.questions.all())
