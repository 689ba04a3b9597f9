"""Handing onboarding documents to staff: one signed document, one uploaded file, or a whole
packet as a zip with its audit trail. Every hand-over is written to the audit log (and,
for signed documents, to the signing trail) before the bytes leave; sensitive answers
are never decrypted, the archive shows them masked like the pages do."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hiring.models import User
from hiring.services import audit_log
from onboarding import esign
from onboarding.models import Packet, PacketItem, Signature, SigningEvent
from onboarding.packet_selectors import ItemRow, packet_rows
from onboarding.packets import practice_today
from onboarding.portal import packet_subject

ARCHIVE_IN_MEMORY_UP_TO = 10 * 1024 * 1024  # larger archives spill to a temporary file
TRAIL_COLUMNS = ["at_utc", "event", "subject", "signer_email", "document", "document_version",
                 "document_sha256", "signature", "ip", "user_agent", "data", "prev_hash",
                 "row_hash"]


@dataclass(frozen=True)
class Download:
    handle: IO[bytes]
    filename: str
    content_type: str


def integrity_problems(signature: Signature) -> list[str]:
    """What no longer matches the fingerprints taken at signing; a file storage lost
    counts too (shown, never a crash)."""
    try:
        return esign.signature_problems(signature)
    except OSError:
        return [_("The stored files of this signature cannot be read.")]


def _stem(item: PacketItem) -> str:
    return f"{item.position + 1:02d}-{slugify(item.title)[:60] or 'item'}"


def signed_copy_download(*, item: PacketItem, actor: User, seen: esign.Seen,
                         pdf: bool = False) -> Download | None:
    """The signed copy of a step (Word, or PDF when one was made), or None if unsigned."""
    signature = item.signature
    if signature is None:
        return None
    use_pdf = pdf and bool(signature.signed_pdf)
    stored = signature.signed_pdf if use_pdf else signature.signed_docx
    audit_log(action="onboarding.signature.downloaded", actor=actor, obj=item.packet,
              data={"item": str(item.public_id), "signature": str(signature.public_id),
                    "format": "pdf" if use_pdf else "docx"})
    esign.record(practice=item.practice, event=SigningEvent.Event.DOWNLOADED,
                 subject=packet_subject(item.packet), seen=seen, document=signature.document,
                 signature=signature, data={"by": str(actor.public_id),
                                            "format": "pdf" if use_pdf else "docx"})
    if use_pdf:
        return Download(stored.open("rb"), f"{_stem(item)}-signed.pdf", "application/pdf")
    return Download(stored.open("rb"), f"{_stem(item)}-signed.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def upload_download(*, item: PacketItem, actor: User) -> Download | None:
    """The file the new hire uploaded for a step, or None if there is none."""
    if not item.upload:
        return None
    audit_log(action="onboarding.upload.downloaded", actor=actor, obj=item.packet,
              data={"item": str(item.public_id)})
    name = item.upload_name or item.upload.name.rsplit("/", 1)[-1]
    return Download(item.upload.open("rb"), f"{_stem(item)}-{slugify_name(name)}",
                    (item.data or {}).get("content_type") or "application/octet-stream")


# --- The whole packet ---------------------------------------------------------------------------

def _utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "—"


def _summary(packet: Packet, rows: list[ItemRow]) -> str:
    candidate, job = packet.application.candidate, packet.application.job
    done = sum(1 for row in rows if row.item.status == PacketItem.Status.DONE)
    lines = [
        _("Onboarding packet of %(name)s") % {"name": candidate.full_name},
        _("Practice: %(practice)s") % {"practice": packet.practice.name},
        _("Job: %(job)s") % {"job": job.title},
        _("Start date: %(date)s") % {"date": packet.start_date.isoformat()},
        _("Status: %(status)s (%(done)s of %(total)s steps done)") % {
            "status": packet.get_status_display(), "done": done, "total": len(rows)},
        _("Packet id: %(id)s") % {"id": packet.public_id},
        _("Archive made: %(at)s") % {"at": _utc(timezone.now())},
        _("Sensitive numbers (bank account, government ids) are shown masked; they are kept "
          "encrypted and are not part of this archive."),
        "",
    ]
    for row in rows:
        item = row.item
        lines.append(f"{_stem(item)}  {item.title}")
        lines.append("  " + _("Kind: %(kind)s · done by: %(owner)s · due: %(due)s") % {
            "kind": item.get_kind_display(), "owner": item.get_owner_display(),
            "due": item.due_date.isoformat()})
        status = item.get_status_display()
        if item.status == PacketItem.Status.DONE:
            status += " " + _("on %(at)s by %(who)s") % {
                "at": _utc(item.completed_at),
                "who": item.completed_by.full_name if item.completed_by else _("the new hire")}
        elif row.overdue:
            status += " " + _("(overdue)")
        lines.append("  " + _("Status: %(status)s") % {"status": status})
        if item.document:
            lines.append("  " + _("Document: %(title)s, version %(v)s, SHA-256 %(sha)s") % {
                "title": item.document.title, "v": item.document.version,
                "sha": item.document.docx_sha256})
        if item.signature:
            signature = item.signature
            lines.append("  " + _("Signed by %(name)s <%(email)s> at %(at)s; signed copy "
                                  "SHA-256 %(sha)s") % {
                "name": signature.signer_name, "email": signature.signer_email,
                "at": _utc(signature.signed_at), "sha": signature.signed_docx_sha256})
            lines.extend("  " + _("Warning: %(problem)s") % {"problem": problem}
                         for problem in integrity_problems(signature))
        if item.upload:
            lines.append("  " + _("Uploaded file: %(name)s") % {
                "name": item.upload_name or item.upload.name.rsplit("/", 1)[-1]})
        lines.extend(f"  {label}: {value}" for label, value in row.answers)
        lines.append("")
    return "\n".join(lines)


def _trail_csv(packet: Packet, rows: list[ItemRow]) -> str:
    signatures = [row.item.signature_id for row in rows if row.item.signature_id]
    events = (SigningEvent.objects.filter(Q(subject=packet_subject(packet))
                                          | Q(signature_id__in=signatures))
              .select_related("document", "signature").order_by("at", "id"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TRAIL_COLUMNS)
    for event in events:
        writer.writerow([
            event.at.astimezone(UTC).isoformat(), event.event, event.subject,
            event.signer_email, event.document.title if event.document else "",
            event.document.version if event.document else "",
            event.document.docx_sha256 if event.document else "",
            str(event.signature.public_id) if event.signature else "", event.ip or "",
            event.user_agent, json.dumps(event.data, sort_keys=True), event.prev_hash,
            event.row_hash])
    return out.getvalue()


def _copy(archive: zipfile.ZipFile, stored: object, arcname: str) -> None:
    with stored.open("rb") as source, archive.open(arcname, "w") as target:
        while chunk := source.read(1024 * 1024):
            target.write(chunk)


def packet_archive(*, packet: Packet, actor: User, seen: esign.Seen) -> Download:
    """The whole packet as a zip: the signed documents, the uploaded files, `trail.csv`
    (the packet's signing trail and every event of its signatures, this download included)
    and `summary.txt` of the steps."""
    audit_log(action="onboarding.packet.downloaded", actor=actor, obj=packet)
    esign.record(practice=packet.practice, event=SigningEvent.Event.DOWNLOADED,
                 subject=packet_subject(packet), seen=seen,
                 data={"by": str(actor.public_id), "format": "zip"})
    rows = packet_rows(packet=packet, today=practice_today(packet.practice))
    handle = tempfile.SpooledTemporaryFile(max_size=ARCHIVE_IN_MEMORY_UP_TO)  # noqa: SIM115
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        missing = []
        for row in rows:
            item = row.item
            files = []
            if item.signature:
                files.append((item.signature.signed_docx, f"signed/{_stem(item)}.docx"))
                if item.signature.signed_pdf:
                    files.append((item.signature.signed_pdf, f"signed/{_stem(item)}.pdf"))
            if item.upload:
                name = item.upload_name or item.upload.name.rsplit("/", 1)[-1]
                files.append((item.upload, f"uploads/{_stem(item)}-{slugify_name(name)}"))
            for stored, arcname in files:
                try:
                    _copy(archive, stored, arcname)
                except OSError:  # lost from storage: say so rather than fail the download
                    missing.append(arcname)
        summary = _summary(packet, rows)
        if missing:
            summary += "\n" + _("Files that could not be read from storage:") + "\n" + \
                "\n".join(f"  {name}" for name in missing) + "\n"
        archive.writestr("summary.txt", summary)
        archive.writestr("trail.csv", _trail_csv(packet, rows))
    handle.seek(0)
    name = slugify(packet.application.candidate.full_name) or "packet"
    return Download(handle, f"onboarding-{name}-{packet.start_date.isoformat()}.zip",
                    "application/zip")


def slugify_name(name: str) -> str:
    """A file name safe inside a zip: its stem slugified, its extension kept."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    safe = slugify(stem)[:80] or "file"
    return f"{safe}.{slugify(extension)[:10]}" if extension else safe
