"""Checking applicants' files by what they contain, not by what they are called."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml."
                        "document", "Word")
DOC = FileKind("doc", "application/msword", "Word 97-2003")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
RTF = FileKind("rtf", "application/rtf", "RTF")
TXT = FileKind("txt", "text/plain", "text")

ACCEPT_ATTRIBUTE = ".pdf,.docx,.doc,.rtf,.odt,.txt"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


@dataclass(frozen=True)
class CheckedFile:
    kind: FileKind
    original_name: str
    size: int
    sha256: str


def _looks_like_zip_document(upload: UploadedFile) -> FileKind | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and archive.read("mimetype").strip() == (
                    b"application/vnd.oasis.opendocument.text"):
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still text
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def detect_kind(upload: UploadedFile) -> FileKind | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _looks_like_zip_document(upload)
    if head.startswith(OLE_MAGIC):
        return DOC
    if head.startswith(b"{\\rtf"):
        return RTF
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe")):
        return None  # programs, whatever they are named
    if _looks_like_text(head):
        return TXT
    return None


def safe_display_name(name: str, kind: FileKind) -> str:
    """The applicant's file name, for showing only: no folders, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base)
                   if unicodedata.category(ch)[0] != "C").strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:120] or 'resume'}.{kind.extension}"


def check_document(upload: UploadedFile) -> CheckedFile:
    """Accept a résumé or cover letter we can open and keep, or say plainly why not."""
    if upload.size == 0:
        raise ValidationError(_("This file is empty. Please choose your résumé again."),
                              code="empty")
    if upload.size > MAX_BYTES:
        raise ValidationError(_("This file is larger than 10 MB. Please upload a smaller "
                                "version (a PDF is usually smallest)."), code="too_big")
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(_("We can only accept PDF, Word (DOCX or DOC), RTF, OpenDocument "
                                "or plain-text files. Please save your résumé in one of these "
                                "formats."), code="type")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(kind=kind, original_name=safe_display_name(upload.name, kind),
                       size=upload.size, sha256=digest.hexdigest())
