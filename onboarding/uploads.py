"""Checking new hires' files (licences, CPR cards, immunisation records, identity documents)
by what they contain: a PDF as the application form recognises one, or a JPEG or PNG photo,
with the same 10 MB limit."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from candidates import uploads
from candidates.uploads import PDF, CheckedFile, FileKind

JPEG = FileKind("jpg", "image/jpeg", "JPEG")
PNG = FileKind("png", "image/png", "PNG")
ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))


def detect_kind(upload: UploadedFile) -> FileKind | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    return PDF if uploads.detect_kind(upload) is PDF else None


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Accept a PDF, JPEG or PNG of at most 10 MB, or say plainly why not."""
    if upload.size == 0:
        raise ValidationError(_("This file is empty. Please choose it again."), code="empty")
    if upload.size > uploads.MAX_BYTES:
        raise ValidationError(_("This file is larger than 10 MB. Please upload a smaller "
                                "version, for example a photo at a lower resolution."),
                              code="too_big")
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(_("We can only accept a PDF, or a photo as JPEG or PNG. Please "
                                "save or scan the document in one of these formats."),
                              code="type")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(kind=kind, original_name=uploads.safe_display_name(upload.name, kind),
                       size=upload.size, sha256=digest.hexdigest())
