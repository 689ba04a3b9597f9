from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent, Membership, OutboxTask
from hiring.services import audit_log
from tests.factories import PASSWORD, MembershipFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_in_any_case(client, owner, practice):
    response = client.post(reverse("accounts:login"),
                           {"username": "  Owner@Riverside.TEST ", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("app-home"))["Location"] == f"/app/{practice.slug}/"
    event = AuditEvent.objects.get(action="hiring.user.logged_in")
    assert event.actor == owner
    assert event.ip_address == "127.0.0.1"


def test_failed_login_is_recorded_without_the_typed_values(client, owner):
    response = client.post(reverse("accounts:login"),
                           {"username": owner.email, "password": "wrong-password"})

    assert response.status_code == 200
    assert "do not match" in response.content.decode()
    event = AuditEvent.objects.get(action="hiring.user.login_failed")
    assert event.object_id == str(owner.public_id)
    assert event.data == {"known_account": True}
    assert "wrong-password" not in str(event.data)


def test_owner_sees_logins_of_members_in_the_audit_log(client, owner_client, practice, manager):
    client.post(reverse("accounts:login"), {"username": manager.email, "password": "nope-nope"})

    response = owner_client.get(reverse("hiring:audit-log", kwargs={"practice": practice.slug}))

    assert "hiring.user.login_failed" in response.content.decode()


def test_audit_log_hides_other_practices_events(owner_client, practice, other_owner, client):
    client.post(reverse("accounts:login"), {"username": other_owner.email, "password": PASSWORD})

    response = owner_client.get(reverse("hiring:audit-log", kwargs={"practice": practice.slug}))

    assert other_owner.full_name not in response.content.decode()


def test_app_home_goes_to_the_last_practice_used(client_for, owner, practice, other_practice):
    with scopes_disabled():
        MembershipFactory(practice=other_practice, user=owner)
    client = client_for(owner)
    client.get(f"/app/{other_practice.slug}/")

    assert client.get("/app/")["Location"] == f"/app/{other_practice.slug}/"


def test_switcher_lists_only_my_practices(owner_client, practice, other_practice):
    response = owner_client.get(f"/app/{practice.slug}/")

    body = response.content.decode()
    assert practice.name in body
    assert other_practice.name not in body


def test_user_without_practice_is_told_what_to_do(outsider_client):
    response = outsider_client.get("/app/", follow=True)

    assert "not part of a practice yet" in response.content.decode()


def test_password_reset_answers_the_same_for_unknown_addresses(client, owner,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:password-reset"), {"email": owner.email})
        unknown = client.post(reverse("accounts:password-reset"), {"email": "who@nowhere.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert OutboxTask.objects.count() == 1


def test_password_reset_link_sets_a_new_password(client, owner,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": owner.email})
    link = re.search(r"https?://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": "cedar-lake-morning-72",
                                      "new_password2": "cedar-lake-morning-72"})

    assert response.status_code == 302
    assert client.login(username=owner.email, password="cedar-lake-morning-72")


def test_reset_email_carries_no_token_in_the_outbox(client, owner):
    client.post(reverse("accounts:password-reset"), {"email": owner.email})

    assert OutboxTask.objects.get().kwargs == {"user_id": owner.pk}


def test_password_change_keeps_the_user_logged_in(owner_client, owner):
    response = owner_client.post(reverse("accounts:password-change"), {
        "old_password": PASSWORD, "new_password1": "river-stone-copper-31",
        "new_password2": "river-stone-copper-31"})

    assert response.status_code == 302
    assert owner_client.get(reverse("app-home")).status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("river-stone-copper-31")


def test_logout_needs_post(owner_client):
    assert owner_client.get(reverse("accounts:logout")).status_code == 405
    assert owner_client.post(reverse("accounts:logout")).status_code == 302
    assert owner_client.get("/app/")["Location"].startswith(reverse("accounts:login"))


def test_membership_rows_are_scoped(practice, owner, other_practice):
    from django_scopes import ScopeError, scope

    with pytest.raises(ScopeError):
        list(Membership.objects.all())
    with scope(practice=other_practice):
        assert not Membership.objects.filter(user=owner).exists()


def test_many_practices_do_not_slow_the_switcher(client_for, owner, django_assert_num_queries):
    with scopes_disabled():
        for _ in range(5):
            MembershipFactory(practice=PracticeFactory(), user=owner)
    with scopes_disabled():
        slug = Membership.objects.filter(user=owner).first().practice.slug
    client = client_for(owner)
    client.get(f"/app/{slug}/")  # first visit records last-seen

    # session, user, membership, practice switcher, member count, invitation count, and the
    # candidates panel: new applications (count, latest) and who waits too long, and the
    # interviews panel: today's interviews
    with django_assert_num_queries(10):
        assert client.get(f"/app/{slug}/").status_code == 200


def test_the_audit_log_shows_data_whose_key_is_items(owner_client, practice, owner):
    # a packet's audit data counts its "items": the template must not read that key instead
    # of the dict's items()
    audit_log(action="onboarding.packet.sent", actor=owner, obj=practice, practice=practice,
              data={"items": 17, "to": "new hire"})

    response = owner_client.get(reverse("hiring:audit-log", kwargs={"practice": practice.slug}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "items: 17" in page  # (jsonb keeps its own key order)
    assert "to: new hire" in page
