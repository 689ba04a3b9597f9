from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from candidates.models import RejectionReason, Stage
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice):
    with scopes_disabled():
        return JobFactory(practice=practice)


def _post(client, job, **data):
    return client.post(reverse("candidates-staff:job-stages", kwargs={
        "practice": job.practice.slug, "job_id": job.public_id}), data, follow=True)


def _names(job):
    with scopes_disabled():
        return list(Stage.objects.filter(job=job).values_list("name", flat=True))


def test_a_manager_adds_renames_moves_and_removes_stages(manager_client, job):
    manager_client.get(reverse("candidates-staff:job-stages", kwargs={
        "practice": job.practice.slug, "job_id": job.public_id}))
    _post(manager_client, job, action="add", name="Working interview")
    with scopes_disabled():
        added = Stage.objects.get(job=job, name="Working interview")
        screen = Stage.objects.get(job=job, kind="screen")
    _post(manager_client, job, action="rename", stage=str(screen.public_id), name="Call")
    _post(manager_client, job, action="up", stage=str(added.public_id))

    assert _names(job) == ["Applied", "Call", "Interview", "Working interview", "Offer",
                           "Hired"]
    response = _post(manager_client, job, action="delete", stage=str(screen.public_id))
    assert "standard stages stay" in response.content.decode()
    _post(manager_client, job, action="delete", stage=str(added.public_id))
    assert "Working interview" not in _names(job)


def test_rejection_reasons_are_the_practices_to_edit(manager_client, practice):
    url = reverse("candidates-staff:rejection-reasons", kwargs={"practice": practice.slug})
    manager_client.get(url)
    manager_client.post(url, {"label": "No-show at interview"})
    with scopes_disabled():
        first = RejectionReason.objects.filter(practice=practice).first()

    manager_client.post(url, {"reason": str(first.public_id), "action": "retire"})

    with scopes_disabled():
        active = list(RejectionReason.objects.filter(practice=practice, is_active=True)
                      .values_list("label", flat=True))
    assert "No-show at interview" in active
    assert first.label not in active
