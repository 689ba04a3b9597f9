"""The new hire's portal, its pages: the checklist with its progress, each step completed in
place, bank numbers that never come back out, and links that do not open."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from onboarding import esign, portal
from onboarding.models import (
    Employee,
    FormKind,
    ItemKind,
    ItemOwner,
    Packet,
    PacketItem,
    SensitiveValue,
    SigningEvent,
)
from tests.onboarding.test_portal import EMAIL, NAME, PDF_BYTES, make_packet, step, token_of

pytestmark = pytest.mark.django_db
ACCOUNT, ROUTING = "000123456789", "021000021"
BANK = {"bank_name": "Prairie State Bank", "account_type": "checking",
        "routing_number": ROUTING, "account_number": ACCOUNT,
        "account_number_confirm": ACCOUNT}


@pytest.fixture
def packet(practice) -> Packet:
    return make_packet(practice)


def home(packet) -> str:
    return reverse("onboarding-public:portal", kwargs={"practice": packet.practice.slug,
                                                       "token": token_of(packet)})


def item_url(packet, item, name: str = "portal-item") -> str:
    return reverse(f"onboarding-public:{name}", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet), "item_id": item.public_id})


def assert_private(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


# --- The checklist ----------------------------------------------------------------------------

def test_the_checklist_shows_every_step_and_the_progress(client, packet):
    response = client.get(home(packet))

    page = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Welcome, Morgan" in page
    assert "0 of 6 steps done" in page
    assert 'role="progressbar"' in page
    for title in ("Employee handbook", "Direct deposit", "Nursing licence", "Form I-9"):
        assert title in page
    assert "The practice will do this." in page
    assert page.count("<details") == 7


def test_a_step_past_due_in_the_practices_calendar_says_overdue_in_words(client, packet):
    # 03:00 UTC on March 10 is still March 9 in Chicago: due March 9 is due today there
    with scopes_disabled():
        PacketItem.objects.filter(packet=packet, form=FormKind.PERSONAL).update(
            due_date=date(2026, 3, 9))
        PacketItem.objects.filter(packet=packet, form=FormKind.EMERGENCY_CONTACT).update(
            due_date=date(2026, 3, 8))
    with time_machine.travel(datetime(2026, 3, 10, 3, 0, tzinfo=UTC), tick=False):
        page = client.get(home(packet)).content.decode()

    assert page.count(">Overdue</span>") == 1
    assert "was due March 8, 2026" in page
    assert "due March 9, 2026" in page


def test_the_link_email_leads_to_the_checklist(client, packet,
                                               django_capture_on_commit_callbacks):
    with scope(practice=packet.practice), django_capture_on_commit_callbacks(execute=True):
        portal.packet_link_send(packet)
    link = next(word for word in mail.outbox[0].body.split() if "/onboarding/" in word)

    assert client.get(urlsplit(link).path).status_code == 200


# --- Links that do not open -------------------------------------------------------------------

def assert_closed(response, *names: str) -> None:
    page = response.content.decode()
    assert response.status_code == 404
    assert_private(response)
    assert "We can't open this link" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    for name in (NAME, EMAIL, "Employee handbook", *names):
        assert name not in page


def test_an_expired_link_shows_a_clear_page_and_nothing_else(client, packet):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(
            link_expires_at=timezone.now() + timedelta(days=1))
    url = home(packet)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        response = client.get(url)
    assert_closed(response)
    assert "expired" in response.content.decode()


def test_a_revoked_link_shows_a_clear_page(client, packet):
    url = home(packet)
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(link_nonce="9b1c3c55-6a0e-4d4f-9a53-"
                                                              "2f1f8b0b7f11")
    assert_closed(client.get(url))


def test_a_tampered_link_shows_a_clear_page(client, packet):
    url = home(packet).rstrip("/")
    assert_closed(client.get(url[:-4] + "AAAA/"))


def test_another_practices_link_under_this_practice_shows_a_clear_page(client, practice,
                                                                       other_practice):
    theirs = make_packet(other_practice)
    url = reverse("onboarding-public:portal", kwargs={"practice": practice.slug,
                                                      "token": token_of(theirs)})
    assert_closed(client.get(url), other_practice.name)


def test_a_step_of_another_packet_is_not_found(client, practice, packet):
    others = make_packet(practice, email="sam.lee@example.test")
    with scopes_disabled():
        other_step = others.items.first()
    assert_closed(client.get(item_url(packet, other_step)))


# --- Direct deposit ---------------------------------------------------------------------------

def deposit(client, packet, **changes):
    item = step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT)
    return client.post(item_url(packet, item), BANK | changes)


def test_bank_numbers_are_never_stored_logged_mailed_or_shown_in_clear(
        client, packet, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.request")
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    with scope(practice=packet.practice), django_capture_on_commit_callbacks(execute=True):
        portal.packet_link_send(packet)
    with CaptureQueriesContext(connection) as queries:  # every SQL statement, logged too
        refused = deposit(client, packet, account_number_confirm="000123456780")
        response = deposit(client, packet)
        page = client.get(response["Location"]).content.decode()

    assert refused.status_code == 400
    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM onboarding_sensitivevalue")
        secrets = cursor.fetchall()
        cursor.execute("SELECT * FROM onboarding_packetitem")
        items = cursor.fetchall()
    assert len(secrets) == 2
    for row in secrets + items:
        for value in row:
            assert ACCOUNT not in str(value)
            assert ROUTING not in str(value)
    for message in mail.outbox:
        for text in [message.subject, message.body, *(a[0] for a in message.alternatives)]:
            assert ACCOUNT not in text
    assert ACCOUNT not in caplog.text
    assert all(ACCOUNT not in repr(record.__dict__) for record in caplog.records)
    assert all(ACCOUNT not in query["sql"] for query in queries.captured_queries)
    assert ACCOUNT not in refused.content.decode()
    assert ACCOUNT not in page
    assert "••••6789" in page
    assert "••••0021" in page


def test_a_crash_report_hides_every_posted_value(packet, settings, monkeypatch):
    settings.ADMINS = [("Ops", "ops@example.test")]  # Django mails 500s to them, with POST
    for handler in logging.getLogger("django").handlers:  # and the frames' local variables
        monkeypatch.setattr(handler, "include_html", True, raising=False)

    def crash(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(portal, "packet_item_direct_deposit", crash)
    response = deposit(Client(raise_request_exception=False), packet)

    assert response.status_code == 500
    [report] = [m for m in mail.outbox if "ops@example.test" in m.to]
    assert "the disk is full" in report.body
    assert "account_number_confirm" in report.body
    assert "kwargs" in report.alternatives[0][0]
    for text in [report.body, *(a[0] for a in report.alternatives)]:
        assert ACCOUNT not in text
        assert ROUTING not in text


def test_a_routing_number_without_its_check_digit_is_refused_and_not_echoed(client, packet):
    response = deposit(client, packet, routing_number="021000022")

    page = response.content.decode()
    assert response.status_code == 400
    assert "This is not a valid routing number" in page
    assert "021000022" not in page
    assert ACCOUNT not in page
    assert "type the routing number and both account numbers again" in page
    assert 'value="Prairie State Bank"' in page  # the rest is kept
    with scopes_disabled():
        assert not SensitiveValue.objects.exists()


@pytest.mark.parametrize("routing", ["021000021", "011000015", "0210-0002-1"])
def test_valid_routing_numbers_are_accepted(client, packet, routing):
    assert deposit(client, packet, routing_number=routing).status_code == 302


def test_account_numbers_that_differ_are_refused(client, packet):
    response = deposit(client, packet, account_number_confirm="000123456780")

    assert response.status_code == 400
    assert "The two account numbers differ" in response.content.decode()
    assert step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT).status == "todo"


# --- Other forms ------------------------------------------------------------------------------

def test_personal_details_are_saved_and_a_mistake_keeps_what_was_typed(client, packet):
    item = step(packet, ItemKind.FORM, FormKind.PERSONAL)
    details = {"legal_name": "Morgan A. Ellis", "street": "4 Elm Street", "city": "Springfield",
               "state": "IL", "postal_code": "627", "phone": "217 555 0199",
               "date_of_birth": "1990-04-21"}

    refused = client.post(item_url(packet, item), details)
    saved = client.post(item_url(packet, item), details | {"postal_code": "62701"})

    assert refused.status_code == 400
    assert "Enter a 5-digit ZIP code" in refused.content.decode()
    assert 'value="4 Elm Street"' in refused.content.decode()
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.data["phone"] == "(217) 555-0199"
    assert item.data["date_of_birth"] == "1990-04-21"
    assert item.status == PacketItem.Status.DONE


def test_an_emergency_contact_is_saved(client, packet):
    item = step(packet, ItemKind.FORM, FormKind.EMERGENCY_CONTACT)
    response = client.post(item_url(packet, item), {"name": "Alex Ellis",
                                                    "relationship": "spouse",
                                                    "phone": "(217) 555-0123"})
    assert response.status_code == 302
    assert "Done: Emergency contact." in client.get(response["Location"]).content.decode()


# --- Signing ----------------------------------------------------------------------------------

def test_consent_comes_first_with_its_disclosure_to_download(client, packet):
    item = step(packet, ItemKind.SIGN)

    page = client.get(item_url(packet, item)).content.decode()
    disclosure = client.get(reverse("onboarding-public:portal-disclosure", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet)}))

    assert "First: agree to sign electronically" in page
    assert "Be kind to patients" not in page  # the document waits for the consent
    assert disclosure["Content-Disposition"].startswith("attachment")
    assert_private(disclosure)
    assert "on paper" in disclosure.content.decode()
    with scopes_disabled():
        assert not SigningEvent.objects.filter(event=SigningEvent.Event.VIEWED).exists()


def test_the_whole_signing_flow_binds_the_signature_to_the_bytes_shown(client, packet):
    item = step(packet, ItemKind.SIGN)
    consent_url = reverse("onboarding-public:portal-consent", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet)})

    refused = client.post(consent_url, {"item": str(item.public_id), "action": "give"})
    agreed = client.post(consent_url, {"item": str(item.public_id), "action": "give",
                                       "agreed": "on"})
    page = client.get(agreed["Location"]).content.decode()
    document = client.get(item_url(packet, item, "portal-document"))
    signed = client.post(item_url(packet, item), {"typed_name": "morgan ellis",
                                                  "agreed": "on"})
    again = client.post(item_url(packet, item), {"typed_name": NAME, "agreed": "on"})

    assert refused.status_code == 400
    assert agreed.status_code == 302
    assert "Be kind to patients" in page
    assert esign.INTENT_TEXT in page
    assert esign.sha256(b"".join(document.streaming_content)) == item.document.docx_sha256
    assert signed.status_code == 302
    item.refresh_from_db()
    with item.document.docx.open("rb") as handle:
        assert esign.sha256(handle.read()) == item.signature.document_sha256
    assert item.signature.signer_email == EMAIL
    assert again.status_code == 400
    assert "You have already signed this document." in again.content.decode()
    with scopes_disabled():
        events = [e.event for e in esign.trail(f"packet:{packet.public_id}")]
    assert events == ["consented", "viewed", "downloaded", "signed"]


def test_signing_needs_the_full_name_and_the_statement_of_intent(client, packet):
    item = step(packet, ItemKind.SIGN)
    with scope(practice=packet.practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=esign.Seen())
    client.get(item_url(packet, item))

    response = client.post(item_url(packet, item), {"typed_name": "M. Ellis"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Type your full name as Morgan Ellis." in page
    assert "Tick the box to confirm that you intend to sign." in page
    assert step(packet, ItemKind.SIGN).signature is None


def test_consent_can_be_withdrawn(client, packet):
    with scope(practice=packet.practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=esign.Seen())
    consent_url = reverse("onboarding-public:portal-consent", kwargs={
        "practice": packet.practice.slug, "token": token_of(packet)})

    response = client.post(consent_url, {"action": "withdraw"})

    assert response.status_code == 302
    assert "You withdrew your consent" in client.get(response["Location"]).content.decode()
    with scope(practice=packet.practice):
        assert portal.packet_consent(packet) is None


# --- Uploads and attestations -----------------------------------------------------------------

def test_a_pdf_upload_completes_the_step(client, packet):
    item = step(packet, ItemKind.UPLOAD)
    response = client.post(item_url(packet, item), {
        "file": SimpleUploadedFile("RN licence.pdf", PDF_BYTES, "application/pdf")})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.upload_name == "RN licence.pdf"
    assert "RN licence" not in item.upload.name
    with item.upload.open("rb") as handle:
        assert handle.read() == PDF_BYTES


@pytest.mark.parametrize(("content", "message"), [
    (b"<html>not a document</html>", "We can only accept a PDF, or a photo as JPEG or PNG."),
    (b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), "This file is larger than 10 MB."),
])
def test_an_upload_of_another_kind_or_too_big_is_refused_with_a_message(client, packet,
                                                                       content, message):
    item = step(packet, ItemKind.UPLOAD)
    response = client.post(item_url(packet, item), {
        "file": SimpleUploadedFile("licence.jpg", content, "image/jpeg")})

    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert not item.upload


def test_an_attestation_records_the_training_date(client, packet):
    item = step(packet, ItemKind.ATTESTATION)
    response = client.post(item_url(packet, item), {"completed_on": "2026-01-05",
                                                    "confirmed": "on"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.data["completed_on"] == "2026-01-05"
    page = client.get(response["Location"]).content.decode()
    assert item.data["statement"] == "I completed this training on Jan. 5, 2026."
    assert item.data["statement"] in page


# --- Finishing --------------------------------------------------------------------------------

def test_finishing_every_step_in_the_pages_completes_the_packet(client, packet):
    with scopes_disabled():
        packet.items.filter(owner=ItemOwner.EMPLOYER).update(status=PacketItem.Status.DONE)
    sign_step = step(packet, ItemKind.SIGN)
    with scope(practice=packet.practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=esign.Seen())
    client.get(item_url(packet, sign_step))
    posts = [
        (sign_step, {"typed_name": NAME, "agreed": "on"}),
        (step(packet, ItemKind.FORM, FormKind.PERSONAL), {
            "legal_name": NAME, "street": "4 Elm Street", "city": "Springfield", "state": "IL",
            "postal_code": "62701", "phone": "2175550199", "date_of_birth": "1990-04-21"}),
        (step(packet, ItemKind.FORM, FormKind.EMERGENCY_CONTACT), {
            "name": "Alex Ellis", "relationship": "spouse", "phone": "2175550123"}),
        (step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT), BANK),
        (step(packet, ItemKind.UPLOAD), {"file": SimpleUploadedFile("l.pdf", PDF_BYTES)}),
        (step(packet, ItemKind.ATTESTATION), {"completed_on": "2026-01-05", "confirmed": "on"}),
    ]
    for item, data in posts:
        assert client.post(item_url(packet, item), data).status_code == 302, item.title

    page = client.get(home(packet)).content.decode()
    packet.refresh_from_db()
    assert packet.status == Packet.Status.COMPLETE
    assert "6 of 6 steps done" in page
    assert "Everything is done" in page
    with scopes_disabled():
        assert Employee.objects.filter(packet=packet, full_name=NAME).exists()
