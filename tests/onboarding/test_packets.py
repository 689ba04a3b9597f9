"""Sending a packet: due dates from the start date (business days for the I-9), document
versions fixed per packet, the offer letter step, employer tasks and the new hire's link."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Application
from hiring.models import AuditEvent
from onboarding import esign, packet_templates, packets
from onboarding.models import (
    Employee,
    ItemKind,
    Offer,
    Packet,
    PacketItem,
    PacketTemplate,
    SigningEvent,
)
from tests.factories import PacketFactory, PacketItemFactory, PacketTemplateFactory
from tests.onboarding.packet_helpers import EMAIL, NAME, SEEN, item, new_application, send_packet

pytestmark = pytest.mark.django_db


def _default(practice) -> PacketTemplate:
    with scope(practice=practice):
        return packet_templates.template_default_ensure(practice)


def _steps(template) -> dict[str, object]:
    with scopes_disabled():
        return {step.title: step for step in template.items.all()}


# --- Due dates ------------------------------------------------------------------------------

@time_machine.travel(datetime(2026, 11, 2, 15, 0, tzinfo=UTC))
def test_i9_section_2_skips_thanksgiving_and_the_weekend(practice, manager):
    packet = send_packet(practice, manager, start=date(2026, 11, 25))  # a Wednesday

    assert item(packet, "Form I-9, section 2").due_date == date(2026, 12, 1)  # Tuesday
    assert item(packet, "Personal details").due_date == date(2026, 11, 22)
    assert item(packet, "HIPAA privacy and security training").due_date == date(2026, 12, 25)
    assert item(packet, "Accounts").due_date == date(2026, 11, 24)  # business day before


def test_a_step_due_before_the_packet_was_sent_is_due_today(practice, manager):
    today = packets.practice_today(practice)
    packet = send_packet(practice, manager, start=today + timedelta(days=1))

    assert item(packet, "Personal details").due_date == today


# --- Sending a packet -----------------------------------------------------------------------

def test_packet_create_copies_the_steps_in_order(practice, manager):
    template = _default(practice)
    packet = send_packet(practice, manager)

    with scopes_disabled():
        copied = [(i.title, i.kind, i.owner) for i in packet.items.all()]
        expected = [(s.title, s.kind, s.owner) for s in template.items.all()
                    if s.title != "Offer letter"]  # no offer: nothing to sign for it
        assert [i.position for i in packet.items.all()] == list(range(len(expected)))
    assert copied == expected
    assert packet.status == Packet.Status.OPEN
    assert packet.created_by == manager
    assert AuditEvent.objects.filter(action="onboarding.packet.created").count() == 1


def test_sign_and_attestation_steps_get_their_document_version(practice, manager):
    template = _default(practice)
    packet = send_packet(practice, manager)

    with scopes_disabled():
        steps = {s.title: s for s in template.items.all()}
        for copied in packet.items.filter(kind__in=[ItemKind.SIGN, ItemKind.ATTESTATION]):
            step = steps[copied.title]
            assert copied.document.key == f"packet-template-item:{step.public_id}"
            assert copied.document.body == step.document_body
            assert esign.stored_bytes_intact(copied.document)
        assert not packet.items.filter(kind=ItemKind.FORM, document__isnull=False).exists()


def test_a_changed_text_makes_a_new_version_and_sent_packets_keep_theirs(practice, manager):
    template = _default(practice)
    first = send_packet(practice, manager)
    handbook = _steps(template)["Employee handbook acknowledgment"]
    with scope(practice=practice):
        packet_templates.template_item_save(
            template=template, actor=manager, instance=handbook, kind=handbook.kind,
            title=handbook.title, document_body=handbook.document_body + "\n\nEdition 2026.")
    second = send_packet(practice, manager, application=new_application(
        practice, email="another@example.test"))

    old, new = (item(p, "Employee handbook acknowledgment").document for p in (first, second))
    assert (old.version, new.version) == (1, 2)
    assert "Edition 2026." not in old.body
    assert "Edition 2026." in new.body
    assert item(first, "HIPAA confidentiality agreement").document == \
        item(second, "HIPAA confidentiality agreement").document  # unchanged: same version


def test_the_step_page_shows_every_version_of_its_document(practice, manager, client_for):
    template = _default(practice)
    send_packet(practice, manager)
    handbook = _steps(template)["Employee handbook acknowledgment"]
    with scope(practice=practice):
        packet_templates.template_item_save(
            template=template, actor=manager, instance=handbook, kind=handbook.kind,
            title=handbook.title, document_body=handbook.document_body + "\n\nEdition 2026.")
        send_packet(practice, manager, application=new_application(
            practice, email="another@example.test"))
    page = client_for(manager).get(reverse("onboarding:packet-template-item-edit", kwargs={
        "practice": practice.slug, "packet_template_item_id": handbook.public_id})
    ).content.decode()
    assert "Version 2, made" in page
    assert "Version 1, made" in page
    assert "Edition 2026." in page


@pytest.fixture
def accepted_offer(practice):
    """An offer the candidate accepted by signing its letter."""
    application = new_application(practice)
    subject = "offer:test"
    with scopes_disabled():
        letter = esign.document_version(practice=practice, key="offer:test", title="Offer",
                                        body="We are delighted to offer you the job.")
        consent = esign.consent_give(practice=practice, name=NAME, email=EMAIL,
                                     subject=subject, seen=SEEN)
        signature = esign.sign(document=letter, consent=consent, typed_name=NAME,
                               expected_name=NAME, signer_email=EMAIL, agreed=True,
                               viewed_at=timezone.now(), subject=subject, seen=SEEN)
        return Offer.objects.create(
            practice=practice, application=application, position_title="Medical Assistant",
            pay_amount=Decimal("21.00"), start_date=timezone.localdate() + timedelta(days=30),
            expires_on=timezone.localdate() + timedelta(days=5),
            status=Offer.Status.ACCEPTED, letter=letter, signature=signature,
            responded_at=timezone.now())


def test_the_offer_letter_step_is_done_with_the_accepted_offers_signature(practice, manager,
                                                                          accepted_offer):
    packet = send_packet(practice, manager, application=accepted_offer.application,
                         offer=accepted_offer)

    letter = item(packet, "Offer letter")
    assert letter.status == PacketItem.Status.DONE
    assert letter.signature == accepted_offer.signature
    assert letter.document == accepted_offer.letter
    assert letter.completed_at == accepted_offer.signature.signed_at
    assert packet.offer == accepted_offer


@pytest.mark.parametrize(("change", "message"), [
    ({"start": date(2020, 1, 6)}, "in the past"),
    ({"status": Application.Status.REJECTED}, "in the pipeline"),
])
def test_packet_create_refuses_bad_input(practice, manager, change, message):
    application = new_application(practice, status=change.get("status",
                                                               Application.Status.ACTIVE))

    with pytest.raises(ValidationError) as refused:
        send_packet(practice, manager, application=application, start=change.get("start"))

    assert message in " ".join(refused.value.messages)
    with scopes_disabled():
        assert not Packet.objects.exists()


def test_one_packet_in_progress_per_application(practice, manager):
    packet = send_packet(practice, manager)

    with pytest.raises(ValidationError, match="already has an onboarding packet"):
        send_packet(practice, manager, application=packet.application)


def test_another_practices_template_is_refused(practice, other_practice, manager):
    with scopes_disabled():
        foreign = PacketTemplateFactory(practice=other_practice)

    with pytest.raises(ValidationError, match="your practice's templates"):
        send_packet(practice, manager, template=foreign)


def test_an_empty_template_is_refused(practice, manager):
    with scopes_disabled():
        empty = PacketTemplateFactory(practice=practice)

    with pytest.raises(ValidationError, match="no steps"):
        send_packet(practice, manager, template=empty)


def test_the_new_hire_gets_their_link_once_the_packet_is_saved(
        practice, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        packet = send_packet(practice, manager)

    packet.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    assert packet.link_sent_at is not None
    assert packet.link_expires_at > timezone.now() + timedelta(days=14)
    with scopes_disabled():
        assert SigningEvent.objects.filter(subject=f"packet:{packet.public_id}",
                                           event=SigningEvent.Event.LINK_SENT).count() == 1


# --- Employer tasks, the link, cancelling -------------------------------------------------------

def test_ticking_an_employer_task_records_who_and_when(practice, manager):
    packet = send_packet(practice, manager)
    task = item(packet, "Form I-9, section 2")

    with scope(practice=practice):
        packets.employer_task_complete(item=task, actor=manager)
        packets.employer_task_complete(item=task, actor=manager)  # a double click

    task.refresh_from_db()
    assert (task.status, task.completed_by) == (PacketItem.Status.DONE, manager)
    assert AuditEvent.objects.filter(action="onboarding.packet_item.completed").count() == 1


def test_a_new_hire_step_cannot_be_ticked_by_staff(practice, manager):
    packet = send_packet(practice, manager)

    with scope(practice=practice), pytest.raises(ValidationError, match="own tasks"):
        packets.employer_task_complete(item=item(packet, "Personal details"), actor=manager)


def test_the_last_task_completes_the_packet_and_the_hire_joins_the_roster(practice, manager):
    with scopes_disabled():
        task = PacketItemFactory(practice=practice)

    with scope(practice=practice):
        packets.employer_task_complete(item=task, actor=manager)

    task.packet.refresh_from_db()
    assert task.packet.status == Packet.Status.COMPLETE
    with scopes_disabled():
        assert Employee.objects.get().packet == task.packet


def test_revoking_the_link_rotates_its_nonce(practice, manager):
    with scopes_disabled():
        packet = PacketFactory(practice=practice)
    nonce = packet.link_nonce

    with scope(practice=practice):
        revoked = packets.packet_link_revoke(packet=packet, actor=manager)

    assert revoked.link_nonce != nonce
    assert revoked.link_revoked_at is not None


def test_reissuing_sends_a_new_link(practice, manager, django_capture_on_commit_callbacks):
    packet = send_packet(practice, manager)
    with scope(practice=practice):
        packets.packet_link_revoke(packet=packet, actor=manager)
        revoked_nonce = Packet.objects.get(pk=packet.pk).link_nonce
        with django_capture_on_commit_callbacks(execute=True):
            reissued = packets.packet_link_reissue(packet=packet, actor=manager)

    assert reissued.link_nonce != revoked_nonce
    assert reissued.link_revoked_at is None
    assert reissued.link_expires_at > timezone.now()
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_a_cancelled_packet_gets_no_new_link(practice, manager):
    with scopes_disabled():
        packet = PacketFactory(practice=practice)
    with scope(practice=practice):
        packets.packet_cancel(packet=packet, actor=manager)

        with pytest.raises(ValidationError, match="no longer in progress"):
            packets.packet_link_reissue(packet=packet, actor=manager)

    packet.refresh_from_db()
    assert packet.status == Packet.Status.CANCELLED
    assert packet.link_revoked_at is not None
