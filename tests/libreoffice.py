"""Print a Word file as a practice would: LibreOffice makes the PDF, pdftotext reads it back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def docx_as_pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of the PDF LibreOffice makes of `content`, laid out as on the page. Fails
    (does not skip) where LibreOffice or pdftotext is missing: the CI script installs them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.fail("LibreOffice or pdftotext is missing: apt-get install "
                    "libreoffice-writer-nogui fonts-liberation poppler-utils (the CI script "
                    "installs them)")
    source = tmp_path / "document.docx"
    source.write_bytes(content)

    # its own profile, so a parallel run or a desktop LibreOffice can't make it fail
    profile = (tmp_path / "lo").as_uri()
    subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [soffice, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)

    return pdf_text((tmp_path / "document.pdf").read_bytes(), tmp_path)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF as pdftotext lays it out."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    return subprocess.run([pdftotext, "-layout", str(path), "-"],  # noqa: S603
                          check=True, capture_output=True, text=True, timeout=60).stdout
