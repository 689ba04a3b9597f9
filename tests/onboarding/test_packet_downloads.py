"""Handing a packet's documents to staff: one signed document, one uploaded file, the whole
packet as a zip with its trail; every download audited, sensitive numbers never in plain."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent
from onboarding.models import Packet, PacketItem, SigningEvent
from tests.onboarding.packet_helpers import (
    ACCOUNT_NUMBER,
    fill_direct_deposit,
    item,
    send_packet,
    sign,
    upload,
)

pytestmark = pytest.mark.django_db


def _packet_url(name: str, packet: Packet) -> str:
    return reverse(f"onboarding:{name}", kwargs={"practice": packet.practice.slug,
                                                  "packet_id": packet.public_id})


def _item_url(name: str, step: PacketItem) -> str:
    return reverse(f"onboarding:{name}", kwargs={"practice": step.practice.slug,
                                                  "packet_item_id": step.public_id})


@pytest.fixture
def packet(practice, manager) -> Packet:
    return send_packet(practice, manager)


# --- Downloads ------------------------------------------------------------------------------

def test_a_signed_document_downloads_with_an_audit_event(manager_client, manager, packet):
    step = sign(packet, "HIPAA confidentiality agreement")

    response = manager_client.get(_item_url("packet-item-signed", step))

    with step.signature.signed_docx.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.get(action="onboarding.signature.downloaded").actor == manager
    with scopes_disabled():
        assert SigningEvent.objects.get(event=SigningEvent.Event.DOWNLOADED).signature == \
            step.signature


def test_an_unsigned_step_has_nothing_to_download(manager_client, packet):
    step = item(packet, "HIPAA confidentiality agreement")

    assert manager_client.get(_item_url("packet-item-signed", step)).status_code == 404


def test_an_uploaded_file_downloads_with_an_audit_event(owner_client, packet):
    step = upload(packet, "Licence or certification")

    response = owner_client.get(_item_url("packet-item-upload", step))

    assert b"".join(response.streaming_content) == b"%PDF-1.7 licence"
    assert AuditEvent.objects.filter(action="onboarding.upload.downloaded").count() == 1


def _archive(client, packet) -> dict[str, bytes]:
    response = client.get(_packet_url("packet-download", packet))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_whole_packet_downloads_as_a_zip_with_its_trail(manager_client, manager, packet):
    signed = sign(packet, "HIPAA confidentiality agreement")
    uploaded = upload(packet, "Licence or certification")

    files = _archive(manager_client, packet)

    with signed.signature.signed_docx.open("rb") as handle:
        assert files[f"signed/{signed.position + 1:02d}-hipaa-confidentiality-agreement.docx"] \
            == handle.read()
    assert files[f"uploads/{uploaded.position + 1:02d}-licence-or-certification-rn-licence.pdf"] \
        == b"%PDF-1.7 licence"
    summary = files["summary.txt"].decode()
    assert "Form I-9, section 2" in summary
    assert signed.signature.signed_docx_sha256 in summary
    trail = list(csv.DictReader(io.StringIO(files["trail.csv"].decode())))
    events = [row["event"] for row in trail]
    assert {"consented", "signed", "downloaded"} <= set(events)
    assert AuditEvent.objects.get(action="onboarding.packet.downloaded").actor == manager


def test_the_zip_never_holds_a_sensitive_number_in_plain(manager_client, packet):
    fill_direct_deposit(packet)

    files = _archive(manager_client, packet)

    assert "••••6789" in files["summary.txt"].decode()
    for name, content in files.items():
        assert ACCOUNT_NUMBER.encode() not in content, name


def test_a_file_lost_from_storage_is_named_not_fatal(manager_client, packet):
    uploaded = upload(packet, "Licence or certification")
    uploaded.upload.delete(save=False)

    files = _archive(manager_client, packet)

    assert "Files that could not be read from storage" in files["summary.txt"].decode()
    assert not any(name.startswith("uploads/") for name in files)
