from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates.models import (
    Application,
    Candidate,
    EmailTemplate,
    Message,
    Note,
    RejectionReason,
    Resume,
    Stage,
    StageChange,
    Tag,
)
from candidates.pipeline import application_enter_pipeline
from tests.factories import ApplicationFactory, ResumeFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Candidate, Application, Resume, Stage, StageChange, Note, RejectionReason, Tag,
          EmailTemplate, Message]


@pytest.fixture
def admin_client(client_for, practice, owner):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        ResumeFactory(practice=practice, application=application,
                      candidate=application.candidate)
        Note.objects.create(practice=practice, candidate=application.candidate,
                            application=application, author=owner, body="Call back")
    with scope(practice=practice):
        application_enter_pipeline(application=application)
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_and_searches(admin_client, model):
    url = reverse(f"admin:candidates_{model._meta.model_name}_changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "jordan"}).status_code == 200


def test_the_history_of_moves_cannot_be_edited_in_admin(admin_client):
    with scopes_disabled():
        change = StageChange.objects.get()

    response = admin_client.post(reverse("admin:candidates_stagechange_change",
                                         args=[change.pk]), {"reason": "rewritten"})

    assert response.status_code == 403
