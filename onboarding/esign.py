"""Electronic signatures that would stand up (SPECS §4): consent to the electronic record
and signature disclosure (ERSD) first, a typed name with an explicit statement of intent,
the signature bound to the exact bytes of one document version by SHA-256, an audit trail
(who, verified how, IP, browser, UTC times) kept as a hash chain, and signed copies that
carry a certificate page. Nothing here ever edits a signature or a document version."""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import docx
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from hiring import outbox
from hiring.documents import add_key_value_table, new_document, to_bytes
from hiring.http import client_ip
from hiring.models import Practice
from onboarding.models import Consent, SignableDocument, Signature, SigningEvent
from onboarding.pdf import docx_to_pdf

ERSD_VERSION = 1
# The words of record, stored with every signature in US English like the documents signed
# (and the certificate page); the signer's page shows them in the signer's language as well
# (`INTENT_LABEL`), next to these.
INTENT_TEXT = gettext_noop(
    "By typing my name and selecting “Sign”, I adopt the typed name as my electronic "
    "signature on this document and intend to sign it, with the same effect as a handwritten "
    "signature.")
INTENT_LABEL = gettext_lazy(INTENT_TEXT)  # for the page; xgettext finds the noop above
RECORD_LANGUAGE = "en"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ersd_text(practice: Practice) -> str:
    """The disclosure the signer agrees to before anything is signed. Versioned: a changed
    text must raise ERSD_VERSION so that earlier consents stay tied to what they saw."""
    contact = practice.email or _("the practice")
    return "\n\n".join([
        _("Electronic records and signatures: disclosure and consent"),
        _("%(practice)s would like to give you documents about your job electronically and "
          "to have you sign them electronically.") % {"practice": practice.name},
        _("You may ask for any of these documents on paper instead, at no cost, by writing "
          "to %(contact)s. You may withdraw this consent at any time on the same page or by "
          "writing to %(contact)s; documents you have already signed stay signed, and the "
          "rest will be handled on paper.") % {"contact": contact},
        _("This consent covers the documents of your offer and your onboarding packet with "
          "%(practice)s. Tell the practice if your e-mail address changes.")
        % {"practice": practice.name},
        _("To read, sign and keep these documents you need a device with a current web "
          "browser, an e-mail account, and a program that opens PDF or Word files. You can "
          "download each document before and after you sign it."),
        _("By agreeing, you confirm that you can open and read this disclosure, which shows "
          "that you can access the documents in the form they will be given to you."),
    ])


# --- Document versions ----------------------------------------------------------------------------

def _docx_of(practice: Practice, title: str, body: str) -> bytes:
    document = new_document(practice)
    document.add_heading(title, level=1)
    for paragraph in body.split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    return to_bytes(document)


def document_version(*, practice: Practice, key: str, title: str, body: str
                     ) -> SignableDocument:
    """The current version of a document: the latest if its title and text are unchanged,
    else a new version. An earlier version that someone signed stays as it was."""
    with transaction.atomic():
        Practice.objects.select_for_update().get(pk=practice.pk)  # one writer per practice
        latest = (SignableDocument.objects.filter(practice=practice, key=key)
                  .order_by("-version").first())
        if latest and latest.title == title and latest.body == body:
            return latest
        content = _docx_of(practice, title, body)
        version = SignableDocument(practice=practice, key=key, title=title, body=body,
                                   version=(latest.version + 1) if latest else 1,
                                   docx_sha256=sha256(content))
        version.docx.save(f"{key.replace(':', '-')}-v{version.version}.docx",
                          ContentFile(content), save=False)
        version.save()
        return version


def stored_bytes_intact(document: SignableDocument) -> bool:
    with document.docx.open("rb") as handle:
        return sha256(handle.read()) == document.docx_sha256


# --- The audit trail ------------------------------------------------------------------------------

def _row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return sha256((prev_hash + json.dumps(fields, sort_keys=True, default=str)).encode())


def _hashed_fields(event: SigningEvent) -> dict[str, Any]:
    return {"event": event.event, "at": event.at.isoformat(), "subject": event.subject,
            "signer_email": event.signer_email, "document": event.document_id,
            "signature": event.signature_id, "ip": event.ip or "",
            "user_agent": event.user_agent, "data": event.data}


@dataclass(frozen=True)
class Seen:
    """Where a request came from, as the trail records it."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def of(cls, request: Any) -> Seen:
        return cls(ip=client_ip(request),  # behind our proxy: the address it saw
                   user_agent=request.META.get("HTTP_USER_AGENT", "")[:400])


def record(*, practice: Practice, event: str, subject: str, seen: Seen | None = None,
           signer_email: str = "", document: SignableDocument | None = None,
           signature: Signature | None = None, data: dict[str, Any] | None = None,
           at: datetime | None = None) -> SigningEvent:
    """Append an event to the practice's chain (row lock on the practice: one at a time)."""
    seen = seen or Seen()
    with transaction.atomic():
        Practice.objects.select_for_update().get(pk=practice.pk)
        last = (SigningEvent.objects.filter(practice=practice).order_by("-id")
                .values_list("row_hash", flat=True).first())
        row = SigningEvent(practice=practice, event=event, subject=subject,
                           at=at or timezone.now(), signer_email=signer_email,
                           document=document, signature=signature, ip=seen.ip,
                           user_agent=seen.user_agent, data=data or {}, prev_hash=last or "")
        row.row_hash = _row_hash(row.prev_hash, _hashed_fields(row))
        row.save()
        return row


def chain_problems(practice: Practice) -> list[int]:
    """Ids of trail rows whose hash or link to the row before does not hold."""
    broken, previous = [], ""
    for row in SigningEvent.objects.filter(practice=practice).order_by("id"):
        if row.prev_hash != previous or row.row_hash != _row_hash(row.prev_hash,
                                                                  _hashed_fields(row)):
            broken.append(row.pk)
        previous = row.row_hash
    return broken


def trail(subject: str) -> list[SigningEvent]:
    return list(SigningEvent.objects.filter(subject=subject).select_related("document")
                .order_by("at", "id"))


# --- Consent --------------------------------------------------------------------------------------

def consent_give(*, practice: Practice, name: str, email: str, subject: str, seen: Seen
                 ) -> Consent:
    text = ersd_text(practice)
    consent = Consent.objects.create(
        practice=practice, signer_name=name, signer_email=email, ersd_version=ERSD_VERSION,
        ersd_sha256=sha256(text.encode()), ip=seen.ip, user_agent=seen.user_agent,
        consented_at=timezone.now())
    record(practice=practice, event=SigningEvent.Event.CONSENTED, subject=subject, seen=seen,
           signer_email=email, data={"ersd_version": ERSD_VERSION,
                                     "ersd_sha256": consent.ersd_sha256})
    return consent


def consent_withdraw(*, consent: Consent, subject: str, seen: Seen) -> Consent:
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        record(practice=consent.practice, event=SigningEvent.Event.CONSENT_WITHDRAWN,
               subject=subject, seen=seen, signer_email=consent.signer_email)
    return consent


def active_consent(*, practice: Practice, email: str) -> Consent | None:
    return (Consent.objects.filter(practice=practice, signer_email__iexact=email,
                                   withdrawn_at__isnull=True, ersd_version=ERSD_VERSION)
            .order_by("-consented_at").first())


# --- Signing --------------------------------------------------------------------------------------

def _same_name(typed: str, expected: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


def _certificate_rows(signature: Signature) -> list[tuple[str, str]]:
    document, consent = signature.document, signature.consent
    return [
        (_("Document"), f"{document.title} (version {document.version})"),
        (_("Document SHA-256"), signature.document_sha256),
        (_("Signed by"), f"{signature.signer_name} <{signature.signer_email}>"),
        (_("Identity"), signature.email_verified_via),
        (_("Statement of intent"), signature.intent_text),
        (_("E-sign consent"), _("ERSD version %(v)s, SHA-256 %(h)s, given %(at)s UTC") % {
            "v": consent.ersd_version, "h": consent.ersd_sha256,
            "at": consent.consented_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")}),
        (_("Viewed"), _utc(signature.viewed_at)),
        (_("Signed"), _utc(signature.signed_at)),
        (_("IP address"), signature.ip or "—"),
        (_("Browser"), signature.user_agent or "—"),
        (_("Signature id"), str(signature.public_id)),
    ]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _verified_via(email: str) -> str:
    with translation.override(RECORD_LANGUAGE):  # a record, whatever the signer's language
        return _("Private link e-mailed to %(email)s") % {"email": email}


def _signed_docx(original: bytes, signature: Signature) -> bytes:
    """The original document as signed, with a certificate page appended (in the language of
    the record, like the statement of intent it quotes)."""
    document = docx.Document(io.BytesIO(original))
    document.add_page_break()
    with translation.override(RECORD_LANGUAGE):
        document.add_heading(_("Certificate of electronic signature"), level=1)
        add_key_value_table(document, _certificate_rows(signature))
        document.add_paragraph(_("The SHA-256 above is the fingerprint of the document "
                                 "exactly as it was shown to the signer; any change to that "
                                 "document gives a different fingerprint."))
    return to_bytes(document)


def sign(*, document: SignableDocument, consent: Consent | None, typed_name: str,
         expected_name: str, signer_email: str, agreed: bool, viewed_at: datetime,
         subject: str, seen: Seen) -> Signature:
    """Sign one document version. Refused without consent, without the statement of intent,
    with another name than the signer's, a second time, or if the stored document no
    longer matches its fingerprint."""
    errors: dict[str, list[str]] = {}
    if consent is None or consent.withdrawn_at is not None \
            or consent.signer_email.casefold() != signer_email.casefold():
        errors["__all__"] = [_("Agree to sign electronically first.")]
    if not agreed:
        errors["agreed"] = [_("Tick the box to confirm that you intend to sign.")]
    if not _same_name(typed_name, expected_name):
        errors["typed_name"] = [_("Type your full name as %(name)s.") % {"name": expected_name}]
    if errors:
        raise ValidationError(errors)
    with document.docx.open("rb") as handle:
        original = handle.read()
    if sha256(original) != document.docx_sha256:
        raise ValidationError(_("This document has changed since it was prepared and cannot "
                                "be signed. The practice has been told."))
    signature = Signature(
        practice=document.practice, document=document, consent=consent,
        signer_name=" ".join(typed_name.split()), signer_email=signer_email,
        intent_text=INTENT_TEXT, document_sha256=document.docx_sha256,
        email_verified_via=_verified_via(signer_email), ip=seen.ip,
        user_agent=seen.user_agent, viewed_at=viewed_at, signed_at=timezone.now())
    signed = _signed_docx(original, signature)
    signature.signed_docx_sha256 = sha256(signed)
    signature.signed_docx.save(f"signed-{signature.public_id}.docx", ContentFile(signed),
                               save=False)
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as exc:  # signed a moment ago (double click, second tab)
        raise ValidationError(_("You have already signed this document.")) from exc
    record(practice=document.practice, event=SigningEvent.Event.SIGNED, subject=subject,
           seen=seen, signer_email=signer_email, document=document, signature=signature,
           data={"document_sha256": document.docx_sha256,
                 "signed_docx_sha256": signature.signed_docx_sha256},
           at=signature.signed_at)
    from onboarding.tasks import signed_pdf_make as pdf_task

    outbox.enqueue(pdf_task, practice=document.practice, signature_id=signature.pk)
    return signature


def signed_pdf_make(signature: Signature) -> bool:
    """Add the PDF of the signed copy, certificate page included, where LibreOffice is
    installed. Written once: the only change a signature row ever gets."""
    if signature.signed_pdf:
        return False
    with signature.signed_docx.open("rb") as handle:
        pdf = docx_to_pdf(handle.read(), label=f"signature {signature.pk}")
    if pdf is None:
        return False
    storage = signature.signed_pdf.storage
    # a name of this run's own, so the run that loses below deletes only its own copy, never
    # the one the row names (a bucket checks a name is free and writes it in two requests,
    # so two runs could otherwise both take one name)
    name = storage.save(f"signing/signed/signed-{signature.public_id}-{unique_suffix()}.pdf",
                        ContentFile(pdf))
    written = Signature.objects.filter(pk=signature.pk, signed_pdf="").update(
        signed_pdf=name, signed_pdf_sha256=sha256(pdf))
    if not written:  # another run was first
        storage.delete(name)
    return bool(written)


def unique_suffix() -> str:
    """A short random part for the name of a file two workers may write at once."""
    return secrets.token_hex(4)


def signature_problems(signature: Signature) -> list[str]:
    """What no longer matches the fingerprints taken at signing (shown on staff pages)."""
    problems = []
    if not stored_bytes_intact(signature.document):
        problems.append(_("The original document no longer matches its SHA-256."))
    with signature.signed_docx.open("rb") as handle:
        if sha256(handle.read()) != signature.signed_docx_sha256:
            problems.append(_("The signed copy no longer matches its SHA-256."))
    if signature.signed_pdf:
        with signature.signed_pdf.open("rb") as handle:
            if sha256(handle.read()) != signature.signed_pdf_sha256:
                problems.append(_("The signed PDF no longer matches its SHA-256."))
    return problems
