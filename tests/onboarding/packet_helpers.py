"""Shared arrangements of the packet tests: a packet sent from the default template, a step
signed through the e-sign core, a direct deposit with an encrypted account number."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from onboarding import esign, field_crypto, packets
from onboarding.models import FormKind, ItemKind, Packet, PacketItem, SensitiveValue
from tests.factories import ApplicationFactory, CandidateFactory

NAME, EMAIL = "Morgan Ellis", "morgan.ellis@example.test"
SEEN = esign.Seen(ip="203.0.113.9", user_agent="Mozilla/5.0 (test)")
ACCOUNT_NUMBER = "000123456789"


def new_application(practice, *, email: str = EMAIL, **changes):
    with scopes_disabled():
        first, last = NAME.split()
        candidate = CandidateFactory(practice=practice, first_name=first, last_name=last,
                                     email=email)
        return ApplicationFactory(practice=practice, candidate=candidate, **changes)


def send_packet(practice, actor, *, start: date | None = None, application=None,
                **extra) -> Packet:
    """A packet from the default template (or `template=`), sent by `actor`."""
    application = application or new_application(practice)
    with scope(practice=practice):
        return packets.packet_create(
            application=application, actor=actor,
            start_date=start or timezone.localdate() + timedelta(days=21), **extra)


def item(packet: Packet, title: str) -> PacketItem:
    with scopes_disabled():
        return packet.items.select_related("document", "signature").get(title=title)


def sign(packet: Packet, title: str) -> PacketItem:
    """The new hire signs one step's document (consent, typed name, intent)."""
    step = item(packet, title)
    subject = f"packet:{packet.public_id}"
    with scopes_disabled():
        consent = (esign.active_consent(practice=packet.practice, email=EMAIL)
                   or esign.consent_give(practice=packet.practice, name=NAME, email=EMAIL,
                                         subject=subject, seen=SEEN))
        step.signature = esign.sign(
            document=step.document, consent=consent, typed_name=NAME, expected_name=NAME,
            signer_email=EMAIL, agreed=True, viewed_at=timezone.now() - timedelta(minutes=2),
            subject=subject, seen=SEEN)
        step.status, step.completed_at = PacketItem.Status.DONE, timezone.now()
        step.save()
    return step


def fill_direct_deposit(packet: Packet) -> PacketItem:
    """The bank details as the portal keeps them: the account number only encrypted."""
    with scopes_disabled():
        step = packet.items.get(kind=ItemKind.FORM, form=FormKind.DIRECT_DEPOSIT)
        SensitiveValue.objects.create(practice=packet.practice, item=step,
                                      field="account_number", last4=ACCOUNT_NUMBER[-4:],
                                      ciphertext=field_crypto.encrypt(ACCOUNT_NUMBER))
        step.data = {"bank_name": "Prairie Savings", "account_type": "checking"}
        step.status, step.completed_at = PacketItem.Status.DONE, timezone.now()
        step.save()
    return step


def upload(packet: Packet, title: str, content: bytes = b"%PDF-1.7 licence") -> PacketItem:
    with scopes_disabled():
        step = packet.items.get(title=title)
        step.upload.save("licence.pdf", ContentFile(content), save=False)
        step.upload_name = "RN licence.pdf"
        step.status, step.completed_at = PacketItem.Status.DONE, timezone.now()
        step.save()
    return step
