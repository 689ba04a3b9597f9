"""The onboarding admin: every list and change page opens with data present, lists cost the
same queries however many rows they show, and the evidence stays read-only: signatures
cannot be changed, and a sensitive value shows its last four characters only."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from onboarding import esign
from onboarding.field_crypto import encrypt
from onboarding.models import (
    Consent,
    Credential,
    Employee,
    ItemKind,
    ItemOwner,
    Offer,
    OfferLetterTemplate,
    Packet,
    PacketItem,
    PacketTemplate,
    PacketTemplateItem,
    SensitiveValue,
    SignableDocument,
    Signature,
    SigningEvent,
)
from tests.factories import ApplicationFactory, CredentialFactory, EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [OfferLetterTemplate, Offer, PacketTemplate, Packet, SensitiveValue, SignableDocument,
          Consent, Signature, SigningEvent, Employee]
ACCOUNT_NUMBER = "000123456789"


@pytest.fixture
def superuser_client(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def _hire_with_everything(practice, n: int = 0) -> dict[type, object]:
    """One of each admin's rows, linked as the app links them."""
    with scopes_disabled():
        OfferLetterTemplate.objects.get_or_create(practice=practice,
                                                  defaults={"body": "Dear {candidate_name}"})
        application = ApplicationFactory(practice=practice)
        email, name = application.candidate.email, application.candidate.full_name
        seen = esign.Seen(ip="203.0.113.7", user_agent="test")
        letter = esign.document_version(practice=practice, key=f"offer:{n}",
                                        title="Offer letter", body="We are pleased.")
        consent = esign.consent_give(practice=practice, name=name, email=email,
                                     subject=f"offer:{n}", seen=seen)
        signature = esign.sign(document=letter, consent=consent, typed_name=name,
                               expected_name=name, signer_email=email, agreed=True,
                               viewed_at=timezone.now(), subject=f"offer:{n}", seen=seen)
        offer = Offer.objects.create(
            practice=practice, application=application, position_title="Medical assistant",
            pay_amount=Decimal("21.50"), start_date=timezone.localdate() + timedelta(days=14),
            expires_on=timezone.localdate() + timedelta(days=5),
            status=Offer.Status.ACCEPTED, letter=letter, signature=signature)
        template = PacketTemplate.objects.create(practice=practice, name=f"New hire {n}")
        PacketTemplateItem.objects.create(practice=practice, template=template,
                                          kind=ItemKind.SIGN, title="Handbook",
                                          document_body="Wash your hands.")
        packet = Packet.objects.create(practice=practice, application=application, offer=offer,
                                       template=template, start_date=offer.start_date)
        signed_item = PacketItem.objects.create(
            practice=practice, packet=packet, kind=ItemKind.SIGN, title="Handbook",
            owner=ItemOwner.NEW_HIRE, due_date=offer.start_date, document=letter,
            status=PacketItem.Status.DONE)
        deposit = PacketItem.objects.create(
            practice=practice, packet=packet, kind=ItemKind.FORM, title="Direct deposit",
            owner=ItemOwner.NEW_HIRE, due_date=offer.start_date)
        secret = SensitiveValue.objects.create(
            practice=practice, item=deposit, field="account_number",
            ciphertext=encrypt(ACCOUNT_NUMBER), last4=ACCOUNT_NUMBER[-4:])
        employee = EmployeeFactory(practice=practice, application=application, packet=packet,
                                   email=email)
        CredentialFactory.create_batch(2, practice=practice, employee=employee)
    return {OfferLetterTemplate: practice.offer_letter_template, Offer: offer,
            PacketTemplate: template, Packet: packet, SensitiveValue: secret,
            SignableDocument: letter, Consent: consent, Signature: signature,
            SigningEvent: SigningEvent.objects.with_scopes_disabled().filter(
                signature=signature).first(),
            Employee: employee, PacketItem: signed_item}


def _count(model: type) -> int:
    with scopes_disabled():
        return model.objects.count()


def _url(model: type, action: str, *args: object) -> str:
    return reverse(f"admin:onboarding_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_superuser_opens_each_changelist_and_change_page(superuser_client, practice, model):
    row = _hire_with_everything(practice)[model]

    listing = superuser_client.get(_url(model, "changelist"))
    change = superuser_client.get(_url(model, "change", row.pk))

    assert listing.status_code == change.status_code == 200
    assert listing.context["cl"].result_count == _count(model) > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(superuser_client, practice, other_practice,
                                                  model):
    _hire_with_everything(practice)
    with CaptureQueriesContext(connection) as one_row:
        superuser_client.get(_url(model, "changelist"))
    _hire_with_everything(other_practice, n=1)

    with CaptureQueriesContext(connection) as two_rows:
        response = superuser_client.get(_url(model, "changelist"))

    assert response.context["cl"].result_count == _count(model) > 1
    assert len(two_rows) == len(one_row)


@pytest.mark.parametrize("model", [Packet, Employee], ids=lambda m: m.__name__)
def test_change_page_queries_do_not_grow_with_inline_rows(superuser_client, practice, model):
    row = _hire_with_everything(practice)[model]
    with CaptureQueriesContext(connection) as before:
        superuser_client.get(_url(model, "change", row.pk))
    with scopes_disabled():
        if model is Packet:
            for title in ("I-9", "W-4", "BLS card"):
                PacketItem.objects.create(practice=practice, packet=row, kind=ItemKind.UPLOAD,
                                          title=title, owner=ItemOwner.NEW_HIRE,
                                          due_date=row.start_date)
        else:
            CredentialFactory.create_batch(3, practice=practice, employee=row)

    with CaptureQueriesContext(connection) as after:
        superuser_client.get(_url(model, "change", row.pk))

    assert len(after) == len(before)


def test_signatures_cannot_be_added_changed_or_deleted(superuser_client, practice):
    signature = _hire_with_everything(practice)[Signature]
    model_admin = superuser_client.get(_url(Signature, "change", signature.pk)).context[
        "adminform"].model_admin
    request = superuser_client.get(_url(Signature, "changelist")).wsgi_request

    assert model_admin.has_change_permission(request, signature) is False
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_delete_permission(request, signature) is False
    response = superuser_client.post(_url(Signature, "change", signature.pk),
                                     {"signer_name": "Someone Else"})
    assert response.status_code == 403
    signature.refresh_from_db()
    assert signature.signer_name != "Someone Else"


def test_the_signing_trail_cannot_be_added_or_deleted(superuser_client, practice):
    event = _hire_with_everything(practice)[SigningEvent]

    deleted = superuser_client.post(_url(SigningEvent, "delete", event.pk), {"post": "yes"})
    added = superuser_client.get(_url(SigningEvent, "add"))

    assert deleted.status_code == added.status_code == 403
    with scopes_disabled():
        assert esign.chain_problems(practice) == []


def test_a_sensitive_value_shows_its_last_four_only(superuser_client, practice):
    secret = _hire_with_everything(practice)[SensitiveValue]

    listing = superuser_client.get(_url(SensitiveValue, "changelist")).content.decode()
    change = superuser_client.get(_url(SensitiveValue, "change", secret.pk)).content.decode()

    for page in (listing, change):
        assert "••••6789" in page
        assert ACCOUNT_NUMBER not in page
        assert secret.ciphertext not in page


def test_a_changed_expiry_in_the_admin_rearms_the_reminder(superuser_client, practice):
    employee = _hire_with_everything(practice)[Employee]
    with scopes_disabled():
        credentials = list(employee.credentials.order_by("pk"))
        Credential.objects.filter(employee=employee).update(reminded_at=timezone.now())
    data = {"practice": practice.pk, "full_name": employee.full_name, "email": employee.email,
            "phone": employee.phone, "role_title": employee.role_title,
            "start_date": employee.start_date.isoformat(), "status": employee.status,
            "application": employee.application_id, "packet": employee.packet_id,
            "credentials-TOTAL_FORMS": 2, "credentials-INITIAL_FORMS": 2,
            "credentials-MIN_NUM_FORMS": 0, "credentials-MAX_NUM_FORMS": 1000}
    for i, credential in enumerate(credentials):
        data |= {f"credentials-{i}-id": credential.pk, f"credentials-{i}-employee": employee.pk,
                 f"credentials-{i}-name": credential.name,
                 f"credentials-{i}-number": credential.number,
                 f"credentials-{i}-issuer": credential.issuer,
                 f"credentials-{i}-expires_on": credential.expires_on.isoformat()}
    data["credentials-0-expires_on"] = "2031-01-31"

    response = superuser_client.post(_url(Employee, "change", employee.pk), data)

    assert response.status_code == 302, response.context["errors"]
    for credential in credentials:
        credential.refresh_from_db()
    assert credentials[0].reminded_at is None
    assert credentials[1].reminded_at is not None


def test_a_changed_letter_text_raises_its_version(superuser_client, practice):
    template = _hire_with_everything(practice)[OfferLetterTemplate]

    response = superuser_client.post(_url(OfferLetterTemplate, "change", template.pk), {
        "practice": practice.pk, "body": "Dear {candidate_name}, welcome aboard."})

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.version == 2
