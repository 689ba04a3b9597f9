from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from jobs.models import ApplicationQuestion, Job, JobDocument, JobTemplate, Location
from tests.factories import JobDocumentFactory, JobFactory, LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, practice):
    with scopes_disabled():
        job = JobFactory(practice=practice, location=LocationFactory(practice=practice))
        job.questions.create(practice=practice, label="Shift?", kind="short_text")
        JobDocumentFactory(practice=practice, job=job)
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize("model", [JobTemplate, Job, Location, JobDocument],
                         ids=lambda m: m.__name__)
def test_admin_lists_searches_and_opens(admin_client, model):
    changelist = reverse(f"admin:jobs_{model._meta.model_name}_changelist")
    with scopes_disabled():
        obj = model.objects.first()

    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "medical"}).status_code == 200
    change = reverse(f"admin:jobs_{model._meta.model_name}_change", args=[obj.pk])
    assert admin_client.get(change).status_code == 200


def test_job_admin_shows_its_questions(admin_client):
    with scopes_disabled():
        job = Job.objects.get()

    response = admin_client.get(reverse("admin:jobs_job_change", args=[job.pk]))

    assert "Shift?" in response.content.decode()
    assert ApplicationQuestion._meta.verbose_name in response.content.decode().lower()
