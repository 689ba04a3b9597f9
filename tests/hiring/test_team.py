from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent, Membership
from hiring.roles import Role
from tests.factories import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _membership(practice, user) -> Membership:
    with scopes_disabled():
        return Membership.objects.get(practice=practice, user=user)


def _role_url(practice, membership) -> str:
    return reverse("hiring:member-role", kwargs={"practice": practice.slug,
                                                 "membership_id": membership.public_id})


def _remove_url(practice, membership) -> str:
    return reverse("hiring:member-remove", kwargs={"practice": practice.slug,
                                                   "membership_id": membership.public_id})


def test_owner_changes_a_role(owner_client, practice, interviewer):
    membership = _membership(practice, interviewer)

    response = owner_client.post(_role_url(practice, membership), {"role": Role.MANAGER})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER
    event = AuditEvent.objects.get(action="hiring.membership.role_changed")
    assert event.data["from"] == Role.INTERVIEWER
    assert event.data["to"] == Role.MANAGER
    assert event.ip_address == "127.0.0.1"


def test_the_last_owner_cannot_be_demoted(owner_client, practice, owner):
    membership = _membership(practice, owner)

    response = owner_client.post(_role_url(practice, membership), {"role": Role.MANAGER},
                                 follow=True)

    membership.refresh_from_db()
    assert membership.role == Role.OWNER
    assert "at least one owner" in response.content.decode()


def test_the_last_owner_cannot_be_removed(owner_client, practice, owner):
    membership = _membership(practice, owner)

    response = owner_client.post(_remove_url(practice, membership), follow=True)

    assert Membership.objects.with_scopes_disabled().filter(pk=membership.pk).exists()
    assert "last owner" in response.content.decode()


def test_an_owner_can_step_down_when_another_owner_exists(owner_client, practice, owner,
                                                          manager):
    with scopes_disabled():
        Membership.objects.filter(user=manager).update(role=Role.OWNER)

    owner_client.post(_role_url(practice, _membership(practice, owner)), {"role": Role.MANAGER})

    assert _membership(practice, owner).role == Role.MANAGER


def test_owner_removes_a_member_after_confirming(owner_client, practice, interviewer):
    membership = _membership(practice, interviewer)

    confirm = owner_client.get(_remove_url(practice, membership))
    response = owner_client.post(_remove_url(practice, membership))

    assert confirm.status_code == 200
    assert interviewer.email in confirm.content.decode()
    assert response.status_code == 302
    assert not Membership.objects.with_scopes_disabled().filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(action="hiring.membership.removed").exists()


def test_unknown_role_is_refused(owner_client, practice, interviewer):
    membership = _membership(practice, interviewer)

    owner_client.post(_role_url(practice, membership), {"role": "superuser"})

    membership.refresh_from_db()
    assert membership.role == Role.INTERVIEWER


def test_team_page_queries_do_not_grow_with_the_team(owner_client, practice, manager,
                                                     django_assert_num_queries):
    with scopes_disabled():
        MembershipFactory.create_batch(6, practice=practice)
        InvitationFactory.create_batch(4, practice=practice)

    # session, user, membership, last-seen, practice switcher, members, invitations
    with django_assert_num_queries(7):
        response = owner_client.get(reverse("hiring:team", kwargs={"practice": practice.slug}))

    assert response.status_code == 200
    assert manager.email in response.content.decode()


def test_manager_sees_the_team_without_controls(manager_client, practice, owner):
    response = manager_client.get(reverse("hiring:team", kwargs={"practice": practice.slug}))

    body = response.content.decode()
    assert owner.email in body
    assert "Send invitation" not in body
