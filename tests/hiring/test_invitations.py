from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import AuditEvent, Invitation, Membership, OutboxTask, User
from hiring.roles import Role
from hiring.services import invitation_create, invitation_token, invitation_url
from tests.factories import PASSWORD, InvitationFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "maple-syrup-harbor-88"


def _invite(client, practice, email="nurse@example.test", role=Role.MANAGER, **extra):
    return client.post(reverse("hiring:invitation-create", kwargs={"practice": practice.slug}),
                       {"email": email, "role": role, **extra})


def _link_path(invitation) -> str:
    return reverse("accounts:invitation-accept", kwargs={
        "practice_slug": invitation.practice.slug, "token": invitation_token(invitation)})


def test_owner_invites_and_the_email_goes_out_once(owner_client, practice,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(owner_client, practice, email="Nurse@Example.test")

    assert response.status_code == 302
    with scopes_disabled():
        invitation = Invitation.objects.get(practice=practice)
    assert invitation.email == "nurse@example.test"
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nurse@example.test"]
    assert invitation_url(invitation) in mail.outbox[0].body
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE
    assert AuditEvent.objects.filter(action="hiring.invitation.created").count() == 1


def test_inviting_a_member_is_refused(owner_client, practice, manager):
    response = _invite(owner_client, practice, email="MANAGER@riverside.test")

    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    with scopes_disabled():
        assert not Invitation.objects.exists()


def test_inviting_twice_keeps_one_open_invitation(owner_client, practice,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, practice)
        second = _invite(owner_client, practice)

    assert second.status_code == 400
    assert "pending invitation" in second.content.decode()
    with scopes_disabled():
        assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_expired_invitation_does_not_block_a_new_one(practice, owner):
    with scopes_disabled():
        InvitationFactory(practice=practice, email="nurse@example.test",
                          expires_at=timezone.now() - timedelta(hours=1))
    with scope(practice=practice):
        invitation_create(practice=practice, email="nurse@example.test", role=Role.MANAGER,
                          invited_by=owner)
        assert practice.invitations.filter(revoked_at=None).count() == 1


def test_new_person_accepts_and_joins(client, practice, owner):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice, role=Role.MANAGER, invited_by=owner)

    response = client.post(_link_path(invitation), {"full_name": "Nia Brooks",
                                                    "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == f"/app/{practice.slug}/"
    user = User.objects.get(email=invitation.email)
    with scopes_disabled():
        assert Membership.objects.get(practice=practice, user=user).role == Role.MANAGER
        invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert client.get(response["Location"]).status_code == 200


def test_existing_user_is_asked_to_log_in_first(client, practice, other_owner):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice, email=other_owner.email)

    response = client.get(_link_path(invitation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_existing_user_logged_in_joins_a_second_practice(client_for, practice, other_owner):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice, email=other_owner.email)
    client = client_for(other_owner)

    assert client.get(_link_path(invitation)).status_code == 200
    response = client.post(_link_path(invitation))

    assert response.status_code == 302
    with scopes_disabled():
        assert Membership.objects.filter(user=other_owner).count() == 2


def test_someone_else_logged_in_cannot_use_the_link(client_for, practice, outsider):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)

    response = client_for(outsider).post(_link_path(invitation))

    assert response.status_code == 403
    with scopes_disabled():
        assert not Membership.objects.filter(user=outsider).exists()


def test_expired_link_gets_a_clear_page(client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)
    path = _link_path(invitation)

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(path, {"full_name": "Late Comer", "password": NEW_PASSWORD})

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_used_link_gets_a_clear_page(client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)
    path = _link_path(invitation)
    client.post(path, {"full_name": "Nia Brooks", "password": NEW_PASSWORD})

    response = client.post(path, {"full_name": "Nia Brooks", "password": NEW_PASSWORD})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert User.objects.filter(email=invitation.email).count() == 1


def test_tampered_link_gets_a_clear_page(client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)
    token = invitation_token(invitation)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    response = client.get(reverse("accounts:invitation-accept", kwargs={
        "practice_slug": practice.slug, "token": tampered}))

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_link_under_another_practice_gets_a_clear_page(client, practice, other_practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)

    response = client.post(reverse("accounts:invitation-accept", kwargs={
        "practice_slug": other_practice.slug, "token": invitation_token(invitation)}),
        {"full_name": "Nia Brooks", "password": NEW_PASSWORD})

    assert response.status_code == 400
    assert "another practice" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_revoked_link_stops_working(owner_client, client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)
    owner_client.post(reverse("hiring:invitation-revoke", kwargs={
        "practice": practice.slug, "invitation_id": invitation.public_id}))

    response = client.get(_link_path(invitation))

    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_weak_password_on_accept_is_refused(client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)

    response = client.post(_link_path(invitation), {"full_name": "Nia", "password": "12345678"})

    assert response.status_code == 200
    assert not User.objects.filter(email=invitation.email).exists()


def test_resend_sends_again_with_a_fresh_expiry(owner_client, practice,
                                                django_capture_on_commit_callbacks):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice,
                                       expires_at=timezone.now() + timedelta(hours=1),
                                       sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("hiring:invitation-resend", kwargs={
            "practice": practice.slug, "invitation_id": invitation.public_id}))

    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert len(mail.outbox) == 1


def test_accept_page_signs_in_with_the_new_password(client, practice):
    with scopes_disabled():
        invitation = InvitationFactory(practice=practice)
    client.post(_link_path(invitation), {"full_name": "Nia Brooks", "password": NEW_PASSWORD})
    client.logout()

    assert client.login(username=invitation.email.upper(), password=NEW_PASSWORD)
    assert not client.login(username=invitation.email, password=PASSWORD)


def test_invitation_email_names_practice_and_role(owner_client, practice,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(owner_client, practice, role=Role.INTERVIEWER)

    message = mail.outbox[0]
    assert practice.name in message.subject
    assert "interviewer" in message.body
    assert re.search(r"https?://\S+/accounts/invitations/riverside/\S+/", message.body)
