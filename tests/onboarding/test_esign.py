"""The e-signature core: consent first, the typed name and intent, the SHA-256 binding to
one document version, the certificate page, tamper detection, the hash-chained trail."""

from __future__ import annotations

import io
from datetime import timedelta

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from onboarding import esign
from onboarding.field_crypto import decrypt, encrypt
from onboarding.models import SigningEvent
from tests.libreoffice import pdf_text

pytestmark = pytest.mark.django_db
SUBJECT = "offer:test"
SEEN = esign.Seen(ip="203.0.113.7", user_agent="Mozilla/5.0 (test)")
NAME, EMAIL = "Morgan Ellis", "morgan@example.test"


@pytest.fixture
def document(practice):
    with scopes_disabled():
        return esign.document_version(practice=practice, key="handbook", title="Handbook",
                                      body="Be kind to patients.\n\nWash your hands.")


@pytest.fixture
def consent(practice):
    with scopes_disabled():
        return esign.consent_give(practice=practice, name=NAME, email=EMAIL, subject=SUBJECT,
                                  seen=SEEN)


def _sign(document, consent, **changes):
    arguments = {"document": document, "consent": consent, "typed_name": "morgan  ellis",
                 "expected_name": NAME, "signer_email": EMAIL, "agreed": True,
                 "viewed_at": timezone.now() - timedelta(minutes=3), "subject": SUBJECT,
                 "seen": SEEN} | changes
    with scopes_disabled():
        return esign.sign(**arguments)


def _text(file_field) -> str:
    with file_field.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_version_is_kept_until_the_text_changes(practice, document):
    with scopes_disabled():
        same = esign.document_version(practice=practice, key="handbook", title="Handbook",
                                      body="Be kind to patients.\n\nWash your hands.")
        changed = esign.document_version(practice=practice, key="handbook", title="Handbook",
                                         body="Be kind to patients.")
    assert same == document
    assert changed.version == 2
    assert changed.docx_sha256 != document.docx_sha256
    assert esign.stored_bytes_intact(document)


def test_signing_binds_the_name_to_the_exact_bytes_and_adds_a_certificate(document, consent):
    signature = _sign(document, consent)
    with document.docx.open("rb") as handle:
        assert esign.sha256(handle.read()) == signature.document_sha256
    with signature.signed_docx.open("rb") as handle:
        assert esign.sha256(handle.read()) == signature.signed_docx_sha256
    assert signature.signer_name == "morgan ellis"
    certificate = _text(signature.signed_docx)
    for expected in ("Wash your hands.", "Certificate of electronic signature",
                     signature.document_sha256, EMAIL, "203.0.113.7", "Mozilla/5.0 (test)",
                     "ERSD version 1", esign.INTENT_TEXT, "UTC"):
        assert expected in certificate, expected
    assert esign.signature_problems(signature) == []


def test_no_signature_without_consent_intent_or_the_right_name(document, consent, practice):
    with pytest.raises(ValidationError) as error:
        _sign(document, None, agreed=False, typed_name="M. Ellis")
    assert set(error.value.message_dict) == {"__all__", "agreed", "typed_name"}
    with scopes_disabled():
        esign.consent_withdraw(consent=consent, subject=SUBJECT, seen=SEEN)
    with pytest.raises(ValidationError):
        _sign(document, consent)


def test_signing_twice_is_refused(document, consent):
    _sign(document, consent)
    with pytest.raises(ValidationError) as error:
        _sign(document, consent)
    assert "already signed" in error.value.messages[0]


def test_an_altered_document_cannot_be_signed_and_is_detected_after(document, consent):
    signature = _sign(document, consent)
    with open(signature.signed_docx.path, "ab") as handle:
        handle.write(b"tampered")
    assert esign.signature_problems(signature) == [
        "The signed copy no longer matches its SHA-256."]
    with open(document.docx.path, "ab") as handle:
        handle.write(b"tampered")
    with scopes_disabled():
        other = esign.consent_give(practice=document.practice, name="Sam Lee",
                                   email="sam@example.test", subject=SUBJECT, seen=SEEN)
    with pytest.raises(ValidationError) as error:
        _sign(document, other, typed_name="Sam Lee", expected_name="Sam Lee",
              signer_email="sam@example.test")
    assert "changed" in error.value.messages[0]
    assert "The original document no longer matches its SHA-256." in \
        esign.signature_problems(signature)


def test_the_trail_records_consent_and_signature_and_detects_edits(document, consent,
                                                                   practice):
    _sign(document, consent)
    with scopes_disabled():
        events = esign.trail(SUBJECT)
        assert [e.event for e in events] == ["consented", "signed"]
        assert events[1].ip == "203.0.113.7"
        assert esign.chain_problems(practice) == []
        SigningEvent.objects.filter(pk=events[0].pk).update(ip="198.51.100.1")
        assert esign.chain_problems(practice) == [events[0].pk]


def test_sensitive_values_are_stored_encrypted():
    token = encrypt("000123456789")
    assert "000123456789" not in token
    assert decrypt(token) == "000123456789"


def test_the_disclosure_names_paper_withdrawal_and_requirements(practice):
    text = esign.ersd_text(practice)
    for promise in ("on paper", "withdraw", "web browser", "PDF"):
        assert promise in text
    assert connection.vendor == "postgresql"


def test_the_signed_copy_gets_a_pdf_with_the_certificate_once(
        document, consent, tmp_path, django_capture_on_commit_callbacks):
    """The worker (eager in tests) adds the PDF after signing; LibreOffice is installed
    where the tests run (the CI script installs it), so its text is checked."""
    with django_capture_on_commit_callbacks(execute=True):
        signature = _sign(document, consent)
    signature.refresh_from_db()
    assert signature.signed_pdf
    with signature.signed_pdf.open("rb") as handle:
        pdf = handle.read()
    assert esign.sha256(pdf) == signature.signed_pdf_sha256
    text = pdf_text(pdf, tmp_path)
    assert "Certificate of electronic signature" in text
    assert "Wash your hands." in text
    with scopes_disabled():
        assert esign.signed_pdf_make(signature) is False  # once
    assert esign.signature_problems(signature) == []
