from __future__ import annotations

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hiring.models import AuditEvent

pytestmark = pytest.mark.django_db


def _form(practice, **overrides):
    data = {
        "name": practice.name, "street": practice.street, "city": practice.city,
        "state": practice.state, "postal_code": practice.postal_code, "country": "US",
        "timezone": practice.timezone, "phone": "", "website": "", "careers_intro": "",
        "brand_color": practice.brand_color,
    }
    data.update(overrides)
    return data


def _png(size=(64, 64)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0f766e").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _url(practice) -> str:
    return reverse("hiring:practice-settings", kwargs={"practice": practice.slug})


def test_owner_updates_profile_and_the_audit_names_the_fields(owner_client, practice):
    response = owner_client.post(_url(practice), _form(
        practice, careers_intro="A friendly family practice.", brand_color="#123456",
        website="lakeside.example.com"))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.careers_intro == "A friendly family practice."
    assert practice.website == "https://lakeside.example.com"
    event = AuditEvent.objects.get(action="hiring.practice.updated")
    assert event.data == {"fields": ["brand_color", "careers_intro", "website"]}


def test_owner_uploads_a_logo(owner_client, practice):
    response = owner_client.post(_url(practice), {**_form(practice), "logo": _png()})

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.logo.name.startswith(f"practices/{practice.public_id}/logo-")


def test_a_file_that_is_not_an_image_is_refused(owner_client, practice):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = owner_client.post(_url(practice), {**_form(practice), "logo": fake})

    assert response.status_code == 200
    assert "valid image" in response.content.decode()
    practice.refresh_from_db()
    assert not practice.logo


def test_a_huge_logo_is_refused_with_a_clear_message(owner_client, practice):
    noise = random.Random(7).randbytes(1200 * 1200 * 3)  # noise does not compress
    noisy = Image.frombytes("RGB", (1200, 1200), noise)
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert buffer.tell() > 2 * 1024 * 1024
    upload = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")

    response = owner_client.post(_url(practice), {**_form(practice), "logo": upload})

    assert "larger than 2 MB" in response.content.decode()


def test_bad_colour_keeps_the_other_changes_in_the_form(owner_client, practice):
    response = owner_client.post(_url(practice), _form(practice, city="Peoria",
                                                       brand_color="teal"))

    assert response.status_code == 200
    assert 'value="Peoria"' in response.content.decode()
    practice.refresh_from_db()
    assert practice.city == "Springfield"


def test_manager_cannot_open_settings(manager_client, practice):
    assert manager_client.get(_url(practice)).status_code == 403


def test_owner_clears_the_logo(owner_client, practice):
    owner_client.post(_url(practice), {**_form(practice), "logo": _png()})

    owner_client.post(_url(practice), {**_form(practice), "logo-clear": "on"})

    practice.refresh_from_db()
    assert not practice.logo
