"""The new hire's portal, its services: the private link (signed, expiring, revocable,
re-issued), the link e-mail sent once, and completing each kind of step."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from onboarding import esign, packets, portal
from onboarding.field_crypto import decrypt
from onboarding.links import LinkProblem
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
from onboarding.tasks import packet_link_email as packet_link_email_task
from tests.factories import ApplicationFactory, CandidateFactory, PacketFactory, PacketItemFactory

pytestmark = pytest.mark.django_db
NAME, EMAIL = "Morgan Ellis", "morgan.ellis@example.test"
SEEN = esign.Seen(ip="203.0.113.9", user_agent="Mozilla/5.0 (iPhone; test)")
PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def make_packet(practice, email: str = EMAIL, **changes) -> Packet:
    """A packet for Morgan Ellis with one step of every kind; the last is the practice's."""
    with scopes_disabled():
        candidate = CandidateFactory(practice=practice, first_name="Morgan", last_name="Ellis",
                                     email=email, phone="217-555-0199")
        packet = PacketFactory(practice=practice, **changes, application=ApplicationFactory(
            practice=practice, candidate=candidate))
        due = timezone.localdate() + timedelta(days=10)
        steps = [
            (ItemKind.SIGN, "", "Employee handbook"),
            (ItemKind.FORM, FormKind.PERSONAL, "Personal details"),
            (ItemKind.FORM, FormKind.EMERGENCY_CONTACT, "Emergency contact"),
            (ItemKind.FORM, FormKind.DIRECT_DEPOSIT, "Direct deposit"),
            (ItemKind.UPLOAD, "", "Nursing licence"),
            (ItemKind.ATTESTATION, "", "HIPAA privacy training"),
        ]
        for position, (kind, form, title) in enumerate(steps):
            document = None
            if kind in (ItemKind.SIGN, ItemKind.ATTESTATION):
                document = esign.document_version(
                    practice=practice, key=f"packet-item:{uuid.uuid4()}", title=title,
                    body=f"{title}.\n\nBe kind to patients and keep their data private.")
            PacketItemFactory(practice=practice, packet=packet, position=position, kind=kind,
                              form=form, title=title, owner=ItemOwner.NEW_HIRE, due_date=due,
                              document=document)
        PacketItemFactory(practice=practice, packet=packet, position=len(steps),
                          title="Form I-9, section 2", due_date=due + timedelta(days=3))
    return packet


def step(packet, kind, form="") -> PacketItem:
    with scopes_disabled():
        return packet.items.select_related("document").get(
            kind=kind, **({"form": form} if form else {}))


def token_of(packet) -> str:
    with scopes_disabled():
        return urlsplit(portal.packet_link(packet)).path.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def packet(practice) -> Packet:
    return make_packet(practice)


def open_link(practice, token) -> Packet:
    with scope(practice=practice):
        return portal.packet_from_link(practice=practice, token=token)


# --- The link ---------------------------------------------------------------------------------

def test_the_link_opens_its_packet(practice, packet):
    assert open_link(practice, token_of(packet)) == packet


def test_a_link_past_its_expiry_does_not_open(practice, packet):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(
            link_expires_at=timezone.now() + timedelta(days=3))
    token = token_of(packet)
    with time_machine.travel(timezone.now() + timedelta(days=4)), \
            pytest.raises(LinkProblem, match="expired"):
        open_link(practice, token)


def test_a_token_older_than_any_link_lives_does_not_open(practice, packet):
    token = token_of(packet)
    with time_machine.travel(timezone.now() + timedelta(days=61)), \
            pytest.raises(LinkProblem, match="expired"):
        open_link(practice, token)


@pytest.mark.parametrize("change", [
    {"link_nonce": uuid.uuid4()},  # re-issued: the old link is replaced
    {"link_revoked_at": timezone.now()},
    {"status": Packet.Status.CANCELLED},
])
def test_a_revoked_replaced_or_cancelled_link_does_not_open(practice, packet, change):
    token = token_of(packet)
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(**change)
    with pytest.raises(LinkProblem, match="not valid"):
        open_link(practice, token)


def test_a_tampered_token_does_not_open(practice, packet):
    token = token_of(packet)
    with pytest.raises(LinkProblem, match="not valid"):
        open_link(practice, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))


def test_another_practices_packet_does_not_open_here(practice, other_practice):
    theirs = make_packet(other_practice)
    with pytest.raises(LinkProblem, match="not valid"):
        open_link(practice, token_of(theirs))


# --- Sending the link -------------------------------------------------------------------------

def send(packet, django_capture_on_commit_callbacks) -> Packet:
    with scope(practice=packet.practice), django_capture_on_commit_callbacks(execute=True):
        return portal.packet_link_send(packet)


def test_sending_emails_the_link_once_and_records_it(practice, packet,
                                                     django_capture_on_commit_callbacks):
    sent = send(packet, django_capture_on_commit_callbacks)
    send(packet, django_capture_on_commit_callbacks)  # a second click sends nothing

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    assert "Riverside Family Practice" in message.subject
    with scopes_disabled():
        assert portal.packet_link(packet) in message.body
        events = list(SigningEvent.objects.filter(event=SigningEvent.Event.LINK_SENT))
    assert [e.subject for e in events] == [f"packet:{packet.public_id}"]
    assert sent.link_sent_at is not None
    assert sent.link_expires_at > timezone.now() + timedelta(days=14)


def test_the_link_task_run_again_sends_nothing(practice, packet,
                                               django_capture_on_commit_callbacks):
    with scope(practice=practice):
        portal.packet_link_send(packet)  # no commit: the task has not run
        queued = Packet.objects.get(pk=packet.pk)
        link = portal._link_id(queued.link_nonce)
    arguments = {"packet_id": packet.pk, "link": link,
                 "sent_at": queued.link_sent_at.isoformat()}

    assert packet_link_email_task.delay(practice.pk, **arguments).get() is True
    assert packet_link_email_task.delay(practice.pk, **arguments).get() is False
    assert len(mail.outbox) == 1


def test_a_reissued_link_replaces_the_old_one_and_is_sent_again(
        practice, owner, packet, django_capture_on_commit_callbacks):
    send(packet, django_capture_on_commit_callbacks)
    old_token = token_of(Packet.objects.with_scopes_disabled().get(pk=packet.pk))
    with scope(practice=practice), django_capture_on_commit_callbacks(execute=True):
        reissued = packets.packet_link_reissue(packet=packet, actor=owner)

    assert len(mail.outbox) == 2
    assert open_link(practice, token_of(reissued)) == packet
    with pytest.raises(LinkProblem):
        open_link(practice, old_token)


def test_a_cancelled_packet_is_not_sent(practice, packet):
    with scopes_disabled():
        Packet.objects.filter(pk=packet.pk).update(status=Packet.Status.CANCELLED)
    with scope(practice=practice), pytest.raises(ValidationError):
        portal.packet_link_send(packet)


# --- Bank numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("number", "valid"), [
    ("021000021", True), ("011000015", True), ("021000022", False), ("000000000", False),
    ("02100002", False), ("02100002a", False)])
def test_routing_numbers_carry_the_aba_check_digit(number, valid):
    assert portal.routing_number_is_valid(number) is valid


def test_bank_numbers_are_stored_only_encrypted(practice, packet):
    item = step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT)
    with scope(practice=practice):
        portal.packet_item_direct_deposit(packet=packet, item=item, bank_name="First Bank",
                                          account_type="checking", routing_number="021000021",
                                          account_number="000123456789")
        secrets = {s.field: s for s in SensitiveValue.objects.filter(item=item)}
    item.refresh_from_db()
    assert item.data == {"bank_name": "First Bank", "account_type": "checking"}
    assert secrets["account_number"].last4 == "6789"
    assert "000123456789" not in secrets["account_number"].ciphertext
    assert decrypt(secrets["routing_number"].ciphertext) == "021000021"


def test_the_service_refuses_a_bad_routing_number_even_without_the_form(practice, packet):
    item = step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT)
    with scope(practice=practice), pytest.raises(ValidationError) as error:
        portal.packet_item_direct_deposit(packet=packet, item=item, bank_name="First Bank",
                                          account_type="checking", routing_number="021000022",
                                          account_number="12")
    assert set(error.value.message_dict) == {"routing_number", "account_number"}


# --- Signing ----------------------------------------------------------------------------------

def sign(packet, item, **changes):
    arguments = {"packet": packet, "item": item, "typed_name": NAME, "agreed": True,
                 "seen": SEEN} | changes
    with scope(practice=packet.practice):
        return portal.packet_item_sign(**arguments)


def test_signing_needs_consent_and_an_opened_document(practice, packet):
    item = step(packet, ItemKind.SIGN)
    with pytest.raises(ValidationError, match="Open the document"):
        sign(packet, item)
    with scope(practice=practice):
        portal.packet_document_viewed(packet=packet, item=item, seen=SEEN)
    with pytest.raises(ValidationError, match="Agree to sign electronically first"):
        sign(packet, item)


def test_a_signature_binds_the_exact_bytes_and_cannot_be_repeated(practice, packet):
    item = step(packet, ItemKind.SIGN)
    with scope(practice=practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=SEEN)
        portal.packet_document_viewed(packet=packet, item=item, seen=SEEN)
    signed = sign(packet, item)

    with item.document.docx.open("rb") as handle:
        assert esign.sha256(handle.read()) == signed.signature.document_sha256
    assert signed.status == PacketItem.Status.DONE
    with scopes_disabled():
        assert [e.event for e in esign.trail(f"packet:{packet.public_id}")] == [
            "consented", "viewed", "signed"]
    with pytest.raises(ValidationError, match="already signed"):
        sign(packet, item)


def test_a_withdrawn_consent_stops_signing(practice, packet):
    item = step(packet, ItemKind.SIGN)
    with scope(practice=practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=SEEN)
        portal.packet_document_viewed(packet=packet, item=item, seen=SEEN)
        portal.packet_consent_withdraw(packet=packet, seen=SEEN)
        assert portal.packet_consent(packet) is None
    with pytest.raises(ValidationError, match="Agree to sign electronically first"):
        sign(packet, item)


# --- Uploads and attestations -----------------------------------------------------------------

def upload(packet, content: bytes, name: str = "licence.pdf") -> PacketItem:
    with scope(practice=packet.practice):
        return portal.packet_item_upload(packet=packet, item=step(packet, ItemKind.UPLOAD),
                                         upload=SimpleUploadedFile(name, content))


def test_an_upload_is_kept_privately_under_a_name_of_our_own(packet):
    item = upload(packet, PNG_BYTES, name="../../my licence.png")
    assert item.upload.name.startswith("onboarding/uploads/")
    assert item.upload.name.endswith(f"{item.public_id.hex}.png")
    assert item.upload_name == "my licence.png"
    assert item.data["content_type"] == "image/png"


@pytest.mark.parametrize(("content", "message"), [
    (b"MZ\x90\x00 this is a program", "PDF, or a photo"),
    (b"just some text, not a scan", "PDF, or a photo"),
    (b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
])
def test_an_upload_of_another_kind_or_too_big_is_refused(packet, content, message):
    with pytest.raises(ValidationError, match=message):
        upload(packet, content)
    assert step(packet, ItemKind.UPLOAD).status == PacketItem.Status.TODO


def test_an_attestation_keeps_the_date_of_the_training(practice, packet):
    item = step(packet, ItemKind.ATTESTATION)
    with scope(practice=practice):
        done = portal.packet_item_attest(packet=packet, item=item,
                                         completed_on=date(2025, 3, 4), confirmed=True)
    assert done.data["completed_on"] == "2025-03-04"
    assert "I completed this training on" in done.data["statement"]
    assert done.data["document_sha256"] == item.document.docx_sha256


def test_an_attestation_in_the_future_or_unconfirmed_is_refused(practice, packet):
    item = step(packet, ItemKind.ATTESTATION)
    with scope(practice=practice), pytest.raises(ValidationError) as error:
        portal.packet_item_attest(packet=packet, item=item, confirmed=False,
                                  completed_on=timezone.localdate() + timedelta(days=2))
    assert "confirmed" in error.value.message_dict


# --- Completing the packet --------------------------------------------------------------------

def finish_new_hire_steps(packet):
    with scope(practice=packet.practice):
        portal.packet_consent_give(packet=packet, agreed=True, seen=SEEN)
        portal.packet_document_viewed(packet=packet, item=step(packet, ItemKind.SIGN),
                                      seen=SEEN)
    sign(packet, step(packet, ItemKind.SIGN))
    with scope(practice=packet.practice):
        portal.packet_item_fill(packet=packet, item=step(packet, ItemKind.FORM,
                                                         FormKind.PERSONAL),
                                data={"legal_name": NAME, "date_of_birth": date(1990, 4, 21)})
        portal.packet_item_fill(packet=packet, item=step(packet, ItemKind.FORM,
                                                         FormKind.EMERGENCY_CONTACT),
                                data={"name": "Alex Ellis", "relationship": "spouse"})
        portal.packet_item_direct_deposit(
            packet=packet, item=step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT),
            bank_name="First Bank", account_type="savings", routing_number="011000015",
            account_number="98765432")
        portal.packet_item_attest(packet=packet, item=step(packet, ItemKind.ATTESTATION),
                                  completed_on=timezone.localdate(), confirmed=True)
    upload(packet, PDF_BYTES)


def test_the_new_hires_last_step_leaves_the_packet_open_while_the_practice_has_work(packet):
    finish_new_hire_steps(packet)
    packet.refresh_from_db()
    assert packet.status == Packet.Status.OPEN
    with scopes_disabled():
        assert not Employee.objects.exists()
        personal = step(packet, ItemKind.FORM, FormKind.PERSONAL)
    assert personal.data["date_of_birth"] == "1990-04-21"


def test_the_last_step_of_all_completes_the_packet_and_adds_the_employee(packet):
    with scopes_disabled():
        packet.items.filter(owner=ItemOwner.EMPLOYER).update(
            status=PacketItem.Status.DONE, completed_at=timezone.now())
    finish_new_hire_steps(packet)
    packet.refresh_from_db()
    assert packet.status == Packet.Status.COMPLETE
    with scopes_disabled():
        employee = Employee.objects.get(packet=packet)
    assert employee.full_name == NAME


def test_a_step_of_the_practice_cannot_be_completed_from_the_portal(practice, packet):
    with scopes_disabled():
        employer_step = packet.items.get(owner=ItemOwner.EMPLOYER)
    with scope(practice=practice), pytest.raises(ValidationError, match="not one for you"):
        portal.packet_item_fill(packet=packet, item=employer_step, data={})
