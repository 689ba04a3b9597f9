from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent, Membership, Practice, User
from hiring.roles import Role

pytestmark = pytest.mark.django_db

STRONG = "plum-orchard-47-lantern"


def _signup_data(**overrides):
    data = {
        "practice-name": "Oak Street Pediatrics",
        "practice-slug": "",
        "practice-street": "400 Oak Street",
        "practice-city": "Austin",
        "practice-state": "TX",
        "practice-postal_code": "78701",
        "practice-country": "us",
        "practice-timezone": "America/Chicago",
        "practice-phone": "512-555-0100",
        "practice-website": "https://oakstreetpeds.example.com",
        "practice-careers_intro": "",
        "practice-brand_color": "#0f766e",
        "account-full_name": "Ana Lopez",
        "account-email": "Ana@OakStreet.test",
        "account-password": STRONG,
    }
    data.update(overrides)
    return data


def test_signup_creates_practice_owner_and_logs_in(client):
    response = client.post(reverse("accounts:signup"), _signup_data())

    assert response.status_code == 302
    assert response["Location"] == "/app/oak-street-pediatrics/"
    user = User.objects.get(email="ana@oakstreet.test")
    practice = Practice.objects.get(slug="oak-street-pediatrics")
    assert practice.country == "US"
    with scopes_disabled():
        assert Membership.objects.get(user=user, practice=practice).role == Role.OWNER
    assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.filter(action="hiring.practice.created", practice=practice).exists()


def test_duplicate_slug_suggests_a_free_one(client, practice):
    response = client.post(reverse("accounts:signup"),
                           _signup_data(**{"practice-slug": "riverside"}))

    assert response.status_code == 200
    assert "riverside-2" in response.content.decode()
    assert not User.objects.filter(email="ana@oakstreet.test").exists()


def test_slug_from_a_taken_name_gets_a_number(client, practice):
    response = client.post(reverse("accounts:signup"),
                           _signup_data(**{"practice-name": "Riverside"}))

    assert response.status_code == 302
    assert Practice.objects.filter(slug="riverside-2").exists()


def test_weak_password_is_refused_and_nothing_is_saved(client):
    response = client.post(reverse("accounts:signup"),
                           _signup_data(**{"account-password": "password"}))

    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not Practice.objects.filter(slug="oak-street-pediatrics").exists()
    assert not User.objects.filter(email="ana@oakstreet.test").exists()


def test_existing_email_is_refused_with_a_hint_to_log_in(client, owner):
    response = client.post(reverse("accounts:signup"),
                           _signup_data(**{"account-email": "OWNER@riverside.test"}))

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Practice.objects.filter(slug="oak-street-pediatrics").exists()


def test_posting_the_form_twice_creates_one_practice(client):
    client.post(reverse("accounts:signup"), _signup_data())
    client.logout()
    second = client.post(reverse("accounts:signup"), _signup_data())

    assert second.status_code == 200
    assert Practice.objects.filter(name="Oak Street Pediatrics").count() == 1
    assert User.objects.filter(email="ana@oakstreet.test").count() == 1


def test_logged_in_user_adds_a_second_practice(owner_client, owner, practice):
    data = {k: v for k, v in _signup_data().items() if k.startswith("practice-")}
    response = owner_client.post(reverse("accounts:signup"), data)

    assert response.status_code == 302
    with scopes_disabled():
        slugs = set(Membership.objects.filter(user=owner).values_list("practice__slug", flat=True))
    assert slugs == {"riverside", "oak-street-pediatrics"}


def test_reserved_words_are_not_slugs(client):
    response = client.post(reverse("accounts:signup"), _signup_data(**{"practice-slug": "admin"}))

    assert response.status_code == 200
    assert not Practice.objects.filter(slug="admin").exists()
