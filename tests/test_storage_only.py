"""Every file goes through Django's storage API: no code reaches a stored file by its path
on this host's disk, which would break the moment web and worker run on different hosts or
files live in a bucket (tests/test_multi_host.py shows the journey; this catches a new
shortcut anywhere)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("hiring", "jobs", "candidates", "interviews", "onboarding")
# where the folders are configured, which may name them
ALLOWED = {Path("hiring/settings.py"), Path("hiring/storage.py")}
SHORTCUTS = re.compile(
    r"\b(?:file|docx|pdf|signed_docx|signed_pdf|logo|upload|result_file|cover_letter_file)"
    r"\.path\b"             # a FieldFile's path on local disk
    r"|\bstorage\.path\("   # the same, asked of a storage
    r"|\bMEDIA_ROOT\b"      # the folders themselves
    r"|\bPRIVATE_MEDIA_ROOT\b")


def test_no_code_reaches_a_stored_file_by_its_path_on_disk():
    found = []
    for app in APPS:
        for source in sorted((ROOT / app).rglob("*.py")):
            relative = source.relative_to(ROOT)
            if relative in ALLOWED or "migrations" in relative.parts:
                continue
            for number, line in enumerate(source.read_text().splitlines(), start=1):
                if SHORTCUTS.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")

    assert found == []
