from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent, Invitation, Membership, OutboxTask, Practice, User
from hiring.services import audit_log
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [User, Practice, Membership, Invitation, AuditEvent, OutboxTask]


@pytest.fixture
def admin_client(client_for, practice, owner):
    with scopes_disabled():
        InvitationFactory(practice=practice)
    audit_log(action="hiring.test.done", actor=owner, obj=practice)
    OutboxTask.objects.create(task_name="hiring.tasks.outbox_sweep")
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_and_searches(admin_client, model):
    url = reverse(f"admin:hiring_{model._meta.model_name}_changelist")

    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "riverside"}).status_code == 200


@pytest.mark.parametrize("model", [Practice, Membership, Invitation, AuditEvent],
                         ids=lambda m: m.__name__)
def test_admin_opens_a_tenant_row(admin_client, model):
    with scopes_disabled():
        obj = model.objects.first()

    response = admin_client.get(reverse(f"admin:hiring_{model._meta.model_name}_change",
                                        args=[obj.pk]))

    assert response.status_code == 200


def test_audit_events_are_read_only_even_for_superusers(admin_client):
    event = AuditEvent.objects.get(action="hiring.test.done")

    response = admin_client.post(reverse("admin:hiring_auditevent_change", args=[event.pk]),
                                 {"action": "tampered"})

    event.refresh_from_db()
    assert response.status_code == 403
    assert event.action == "hiring.test.done"


def test_members_of_a_practice_cannot_open_admin(owner_client):
    response = owner_client.get(reverse("admin:index"))

    assert response.status_code == 302
