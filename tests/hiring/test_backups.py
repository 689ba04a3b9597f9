"""`manage.py backup` and `manage.py restore`: an archive of the database and both storages
that goes back into a fresh database and empty folders, with the e-signature checks still
passing; the refusals (a database or storage not empty, a damaged archive); a restore that
fails midway keeps nothing; files the app rebuilds or discards are warnings when missing; a
missing bucket is named, not a traceback."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled
from psycopg2 import sql

from candidates.models import StagedUpload
from hiring import backups
from hiring.models import Practice
from jobs.models import Feed
from onboarding import esign
from tests.factories import ResumeFactory
from tests.onboarding.offer_helpers import hide_libreoffice
from tests.s3 import Bucket

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
RESUME = b"%PDF-1.4 Jordan Rivera, medical assistant, five years in family practice"
LOGO = b"\x89PNG\r\n\x1a\n a practice logo"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,  # noqa: S603 (ours)
                          env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=120, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _backup(folder: Path) -> Path:
    call_command("backup", "--output", f"{folder}/", stdout=io.StringIO())
    return next(folder.glob("hiring-*.tar"))


def _hire(practice: Practice, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
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


@pytest.fixture
def fresh_database():
    """An empty Postgres database next to the test database; its URL."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    server = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    admin = psycopg2.connect(dbname="postgres", **server)
    admin.autocommit = True

    def run(statement: str) -> None:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))

    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    run("CREATE DATABASE {}")
    yield _url(name), {"dbname": name, **server}
    run("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin.close()


@pytest.mark.django_db(transaction=True)  # pg_dump and the restore see committed rows only
def test_a_backup_restores_into_a_fresh_database_and_empty_storage(
        practice, settings, tmp_path, monkeypatch, fresh_database):
    made = _hire(practice, monkeypatch)
    archive = _backup(tmp_path / "backups")
    url, params = fresh_database

    result = _manage("restore", str(archive), DATABASE_URL=url,
                     MEDIA_ROOT=str(tmp_path / "media2"),
                     PRIVATE_MEDIA_ROOT=str(tmp_path / "private2"))

    assert result.returncode == 0, result.stdout + result.stderr
    public, private = _files(settings.MEDIA_ROOT), _files(settings.PRIVATE_MEDIA_ROOT)
    assert public.pop("healthz/probe.txt") == b"ok"
    for line in ("practices: 1", "applications: 1", "résumés: 1",
                 f"files restored: {len(public) + len(private)}", "signatures verified: 1",
                 "signing trails verified: 1", "Problems found: 0"):
        assert line in result.stdout, result.stdout
    with psycopg2.connect(**params) as db, db.cursor() as cursor:
        cursor.execute("SELECT slug FROM hiring_practice")
        assert cursor.fetchall() == [("riverside",)]
        cursor.execute("SELECT public_id::text FROM candidates_application")
        assert cursor.fetchall() == [(str(made["application"].public_id),)]
        cursor.execute("SELECT signed_docx, signed_docx_sha256 FROM onboarding_signature")
        [(signed_name, signed_sha256)] = cursor.fetchall()
    db.close()
    assert _files(tmp_path / "media2") == public
    assert _files(tmp_path / "private2") == private
    signed = (tmp_path / "private2" / signed_name).read_bytes()
    assert hashlib.sha256(signed).hexdigest() == signed_sha256
    assert signed_sha256 == made["signature"].signed_docx_sha256


def test_a_backup_holds_the_database_both_storages_and_a_manifest(practice, monkeypatch,
                                                                    tmp_path):
    _hire(practice, monkeypatch)
    archive = _backup(tmp_path)
    out = io.StringIO()

    call_command("backup", "--check", str(archive), stdout=out)

    assert "default storage: 1 file," in out.getvalue()
    assert "private storage: 3 files," in out.getvalue()
    assert "All 5 checksums match." in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        resume = tar.extractfile(next(n for n in tar.getnames() if "resumes/" in n)).read()
    assert manifest["engine"] == "postgresql"
    assert manifest["migrations"]["onboarding"].startswith("0001")
    assert not any("healthz" in name for name in manifest["members"])
    assert resume == RESUME
    entry = next(m for n, m in manifest["members"].items() if "resumes/" in n)
    assert entry == {"size": len(RESUME), "sha256": hashlib.sha256(RESUME).hexdigest()}


def test_restore_refuses_a_database_that_is_not_empty(practice, tmp_path):
    archive = _backup(tmp_path)

    result = _manage("restore", str(archive), DATABASE_URL=_url(connection.settings_dict["NAME"]),
                     MEDIA_ROOT=str(tmp_path / "media2"),
                     PRIVATE_MEDIA_ROOT=str(tmp_path / "private2"))

    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert "one where only `manage.py migrate` ran is not empty either" in result.stderr
    assert not (tmp_path / "media2").exists()
    assert not (tmp_path / "private2").exists()
    assert Practice.objects.count() == 1


def test_restore_refuses_a_damaged_archive_and_changes_nothing(practice, monkeypatch,
                                                                settings, tmp_path):
    _hire(practice, monkeypatch)
    archive = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            if "resumes/" in member.name:
                data = data.replace(b"five", b"nine")  # same size, other bytes
            target.addfile(member, io.BytesIO(data))
    before = _files(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match=r"damaged(.|\n)*resumes/.*SHA-256 does not match"):
        call_command("restore", str(damaged), stdout=io.StringIO())

    with pytest.raises(CommandError, match="SHA-256 does not match"):
        call_command("backup", "--check", str(damaged), stdout=io.StringIO())
    assert _files(settings.PRIVATE_MEDIA_ROOT) == before


def test_restore_refuses_storage_that_holds_files(practice, settings, tmp_path):
    archive = _backup(tmp_path / "backups")
    storages["private"].save("resumes/someone-else.pdf", ContentFile(b"%PDF- keep me"))

    with pytest.raises(CommandError, match="The private storage is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert _files(settings.PRIVATE_MEDIA_ROOT) == {"resumes/someone-else.pdf": b"%PDF- keep me"}


def test_the_embedded_default_round_trips_through_sqlite(tmp_path):
    """`migrate` alone gives the source rows: it installs the shipped job templates."""
    source = {"DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "media"),
              "PRIVATE_MEDIA_ROOT": str(tmp_path / "private")}
    target = {"DATABASE_URL": f"sqlite:///{tmp_path / 'target.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "media2"),
              "PRIVATE_MEDIA_ROOT": str(tmp_path / "private2")}
    assert _manage("migrate", "-v0", **source).returncode == 0
    (tmp_path / "private" / "resumes").mkdir(parents=True)
    (tmp_path / "private" / "resumes" / "a.pdf").write_bytes(RESUME)
    made = _manage("backup", "--output", str(tmp_path / "backup.tar"), **source)
    assert made.returncode == 0, made.stderr

    restored = _manage("restore", str(tmp_path / "backup.tar"), **target)

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Restored the sqlite database and 1 file" in restored.stdout
    assert "Problems found: 0" in restored.stdout
    templates = "SELECT public_id, key, summary FROM jobs_jobtemplate ORDER BY key"
    assert _rows(tmp_path / "target.sqlite3", templates) \
        == _rows(tmp_path / "source.sqlite3", templates) != []
    assert (tmp_path / "private2" / "resumes" / "a.pdf").read_bytes() == RESUME


def _rows(path: Path, query: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


def _url(name: str) -> str:
    """DATABASE_URL of a database on the test database's server."""
    settings = connection.settings_dict
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    return (f"postgres://{quote(settings['USER'], safe='')}{password}@{settings['HOST']}:"
            f"{settings['PORT']}/{name}")


def test_the_restore_checks_find_a_signed_copy_that_no_longer_matches(practice, monkeypatch,
                                                                       settings):
    signature = _hire(practice, monkeypatch)["signature"]
    (settings.PRIVATE_MEDIA_ROOT / signature.signed_docx.name).write_bytes(b"edited")
    (settings.MEDIA_ROOT / practice.logo.name).unlink()

    problems = [p for result in backups.restore_checks_run() for p in result.problems]

    assert problems == [
        f"hiring.Practice {practice.pk}: logo {practice.logo.name} is missing from its storage.",
        f"Signature {signature.public_id}: The signed copy no longer matches its SHA-256."]


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_bucket_restores_into_another_bucket(
        practice, s3_storage, s3_endpoint, tmp_path, monkeypatch, fresh_database):
    _hire(practice, monkeypatch)
    archive = _backup(tmp_path / "backups")
    url, _params = fresh_database
    target = Bucket(s3_endpoint).create()

    result = _manage("restore", str(archive), DATABASE_URL=url, **target.env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "signatures verified: 1" in result.stdout
    assert "Problems found: 0" in result.stdout
    kept = [key for key in s3_storage.object_keys() if "/healthz/" not in key]
    assert target.object_keys() == kept
    assert all(target.read(key) == s3_storage.read(key) for key in kept)


@contextmanager
def _connected_to(name: str) -> Iterator[None]:
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


def _tables(params: dict[str, object]) -> list[str]:
    with psycopg2.connect(**params) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [row[0] for row in cursor.fetchall()]
    db.close()
    return tables


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_storage_fails_midway_keeps_nothing_and_can_run_again(
        practice, settings, tmp_path, monkeypatch, fresh_database):
    _hire(practice, monkeypatch)
    archive = _backup(tmp_path / "backups")
    public, private = _files(settings.MEDIA_ROOT), _files(settings.PRIVATE_MEDIA_ROOT)
    public.pop("healthz/probe.txt")
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media2", tmp_path / "private2"
    storage, failing = storages["private"], [True]
    save = storage.save

    def save_then_fail(name, content, **kwargs):  # the disk fills after the first file
        if failing[0] and _files(tmp_path / "private2"):
            raise OSError(28, "No space left on device")
        return save(name, content, **kwargs)

    monkeypatch.setattr(storage, "save", save_then_fail)
    _url, params = fresh_database
    with _connected_to(params["dbname"]):
        with pytest.raises(CommandError, match=r"(?s)private storage failed \(OSError.*"
                                               r"No space left.*Nothing was kept"):
            call_command("restore", str(archive), stdout=io.StringIO())
        assert _tables(params) == []
        assert _files(tmp_path / "media2") == _files(tmp_path / "private2") == {}

        failing[0] = False
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)

    assert "Problems found: 0" in out.getvalue()
    assert "hiring_practice" in _tables(params)
    assert _files(tmp_path / "media2") == public
    assert _files(tmp_path / "private2") == private


def _feed_and_staged_upload(practice: Practice) -> tuple[Feed, StagedUpload]:
    with scopes_disabled():
        feed = Feed.objects.create(practice=practice, kind=Feed.Kind.INDEED)
        feed.file.save("indeed.xml", ContentFile(b"<source/>"))
        staged = StagedUpload(practice=practice, original_name="cv.pdf", extension="pdf",
                              content_type="application/pdf", size=len(RESUME),
                              sha256=hashlib.sha256(RESUME).hexdigest())
        staged.file.save("cv.pdf", ContentFile(RESUME))
    return feed, staged


def test_the_restore_checks_only_warn_of_a_missing_feed_or_staged_upload(practice, settings):
    feed, staged = _feed_and_staged_upload(practice)
    (settings.MEDIA_ROOT / feed.file.name).unlink()
    (settings.PRIVATE_MEDIA_ROOT / staged.file.name).unlink()

    results = backups.restore_checks_run()

    assert [p for result in results for p in result.problems] == []
    assert sorted(w for result in results for w in result.warnings) == [
        f"candidates.StagedUpload {staged.pk}: file {staged.file.name} is missing from its "
        "storage (staged uploads are discarded after a day anyway).",
        f"jobs.Feed {feed.pk}: file {feed.file.name} is missing from its storage (feeds are "
        "rebuilt when next requested)."]


@pytest.mark.django_db(transaction=True)
def test_files_deleted_between_the_dump_and_the_copy_do_not_fail_the_restore(
        practice, settings, tmp_path, monkeypatch, fresh_database):
    feed, staged = _feed_and_staged_upload(practice)
    dump = backups._database_copy

    def dump_then_purge(engine: str, target: Path) -> None:  # a feed build, the purge
        dump(engine, target)
        feed.file.delete(save=False)
        staged.file.delete(save=False)

    monkeypatch.setattr(backups, "_database_copy", dump_then_purge)
    archive = _backup(tmp_path / "backups")
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media2", tmp_path / "private2"
    out = io.StringIO()

    with _connected_to(fresh_database[1]["dbname"]):
        call_command("restore", str(archive), stdout=out)

    assert "Warnings: 2" in out.getvalue()
    assert "Problems found: 0" in out.getvalue()


def test_a_backup_names_a_missing_bucket(practice, s3_storage, settings, tmp_path):
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)  # storages are made again with the new name

    with pytest.raises(CommandError,
                       match=r"The default storage failed \(S3 error NoSuchBucket: "):
        call_command("backup", "--output", f"{tmp_path}/backups/", stdout=io.StringIO())

    assert list((tmp_path / "backups").iterdir()) == []


def test_a_restore_names_a_missing_bucket_and_changes_nothing(practice, s3_storage, settings,
                                                               tmp_path):
    archive = _backup(tmp_path / "backups")
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)

    with pytest.raises(CommandError) as failed:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert str(failed.value).startswith("Nothing was restored.")
    assert "The default storage failed (S3 error NoSuchBucket: " in str(failed.value)
    assert "The private storage failed (S3 error NoSuchBucket: " in str(failed.value)
    assert Practice.objects.count() == 1
