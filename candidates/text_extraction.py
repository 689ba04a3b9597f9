"""The words of a résumé, for search. Runs in a worker, never in a request."""

from __future__ import annotations

import re
import zipfile
from typing import BinaryIO

import docx
from pypdf import PdfReader

_XML_TAG = re.compile(r"<[^>]+>")
_RTF_CONTROL = re.compile(r"\\[a-z]+-?\d* ?|[{}]")


def _pdf(handle: BinaryIO) -> str:
    reader = PdfReader(handle)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx(handle: BinaryIO) -> str:
    document = docx.Document(handle)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _odt(handle: BinaryIO) -> str:
    with zipfile.ZipFile(handle) as archive:
        xml = archive.read("content.xml").decode("utf-8", "replace")
    return _XML_TAG.sub(" ", xml.replace("</text:p>", "\n"))


def _rtf(handle: BinaryIO) -> str:
    return _RTF_CONTROL.sub("", handle.read().decode("latin-1"))


def _txt(handle: BinaryIO) -> str:
    raw = handle.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


READERS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "rtf": _rtf, "txt": _txt}


def extract_text(handle: BinaryIO, extension: str) -> str | None:
    """The text, whitespace tidied; None for a format we do not read (old .doc)."""
    reader = READERS.get(extension)
    if reader is None:
        return None
    text = reader(handle)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n\n", text)).strip()
