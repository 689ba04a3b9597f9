"""Word to PDF with LibreOffice, where it is installed (SPECS §6.3): a PDF is always an
extra next to the DOCX, never the only copy."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)
PDF_TIMEOUT_SECONDS = 60


def docx_to_pdf(content: bytes, *, label: str = "document") -> bytes | None:
    """The PDF LibreOffice makes of a DOCX, or None where LibreOffice is not installed or
    fails. Each run has its own profile (parallel runs sharing one fail, SPECS §6.3) and a
    time limit, after which its whole process group is killed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="hiring-pdf-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(content)
        profile = (Path(folder) / "profile").as_uri()
        process = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
             "--convert-to", "pdf", "--outdir", folder, str(source)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            process.communicate(timeout=PDF_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice.bin too, not just the wrapper
            process.communicate()
            logger.warning("LibreOffice took too long to convert %s; no PDF", label)
            return None
        pdf = Path(folder) / "document.pdf"
        if process.returncode != 0 or not pdf.exists():
            logger.warning("LibreOffice could not convert %s (exit %s); no PDF", label,
                           process.returncode)
            return None
        data = pdf.read_bytes()
    return data if data.startswith(b"%PDF") else None
