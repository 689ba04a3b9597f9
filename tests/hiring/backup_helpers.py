"""Shared arrangements of the backup and restore tests: a practice with files and a signed
document, a backup taken in this process, `manage.py` run as another process, and reads of
the restored database and folders."""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.models import StagedUpload
from hiring.models import Practice
from jobs.models import Feed
from onboarding import esign
from tests.factories import ResumeFactory
from tests.onboarding.offer_helpers import hide_libreoffice

ROOT = Path(__file__).resolve().parents[2]
RESUME = b"%PDF-1.4 Jordan Rivera, medical assistant, five years in family practice"
LOGO = b"\x89PNG\r\n\x1a\n a practice logo"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,  # noqa: S603 (ours)
                          env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=120, check=False)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def backup_to(folder: Path) -> Path:
    call_command("backup", "--output", f"{folder}/", stdout=io.StringIO())
    return next(folder.glob("hiring-*.tar"))


def hire(practice: Practice, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """A logo, an application with a résumé, and an offer letter signed by the applicant."""
    hide_libreoffice(monkeypatch)  # the signed copy as a DOCX only: no PDF, fast
    with scopes_disabled():
        practice.logo.save("logo.png", ContentFile(LOGO))
        resume = ResumeFactory(practice=practice, file__data=RESUME, size=len(RESUME))
        candidate = resume.application.candidate
        seen = esign.Seen(ip="203.0.113.7", user_agent="test")
        letter = esign.document_version(practice=practice, key="offer:1",
                                        title="Offer letter", body="We are pleased.")
        consent = esign.consent_give(practice=practice, name=candidate.full_name,
                                     email=candidate.email, subject="offer:1", seen=seen)
        signature = esign.sign(document=letter, consent=consent, typed_name=candidate.full_name,
                               expected_name=candidate.full_name, signer_email=candidate.email,
                               agreed=True, viewed_at=timezone.now(), subject="offer:1",
                               seen=seen)
    storages["default"].save("healthz/probe.txt", ContentFile(b"ok"))  # not backed up
    return {"application": resume.application, "signature": signature}


def database_url(name: str) -> str:
    """DATABASE_URL of a database on the test database's server."""
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    return (f"postgres://{quote(settings['USER'], safe='')}{password}@{settings['HOST']}:"
            f"{settings['PORT']}/{name}")


def sqlite_rows(path: Path, query: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


@contextmanager
def connected_to(name: str) -> Iterator[None]:
    """This process's database is `name` (Django's connection, and pg_dump/pg_restore, which
    read the same settings) until the block ends: an in-process restore into it."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def public_tables(params: dict[str, object]) -> list[str]:
    with psycopg2.connect(**params) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [row[0] for row in cursor.fetchall()]
    db.close()
    return tables


def feed_and_staged_upload(practice: Practice) -> tuple[Feed, StagedUpload]:
    with scopes_disabled():
        feed = Feed.objects.create(practice=practice, kind=Feed.Kind.INDEED)
        feed.file.save("indeed.xml", ContentFile(b"<source/>"))
        staged = StagedUpload(practice=practice, original_name="cv.pdf", extension="pdf",
                              content_type="application/pdf", size=len(RESUME),
                              sha256=hashlib.sha256(RESUME).hexdigest())
        staged.file.save("cv.pdf", ContentFile(RESUME))
    return feed, staged
