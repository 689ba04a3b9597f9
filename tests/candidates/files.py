"""Real files for upload tests, made on the spot."""

from __future__ import annotations

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.demo import resume_pdf


def pdf_bytes(text: str = "Jordan Rivera Certified Medical Assistant") -> bytes:
    """A one-page PDF whose text a PDF reader can extract (the demo seed's own writer)."""
    return resume_pdf([text])


def docx_bytes(text: str = "Jordan Rivera, front desk lead") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"
           ) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "resume.pdf", text: str = "Jordan Rivera Certified Medical "
               "Assistant") -> SimpleUploadedFile:
    return upload(name, pdf_bytes(text), "application/pdf")
