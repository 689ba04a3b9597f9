"""`manage.py backup`: an archive of the database and both storages (local folders or a
bucket) that goes back into a fresh database and empty storage, with the e-signature checks
still passing; the embedded default's SQLite too; a missing bucket is named, not a
traceback."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import psycopg2
import pytest
from django.core.management import CommandError, call_command

from tests.hiring.backup_helpers import (
    RESUME,
    backup_to,
    files_in,
    hire,
    manage,
    sqlite_rows,
)
from tests.s3 import Bucket

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # pg_dump and the restore see committed rows only
def test_a_backup_restores_into_a_fresh_database_and_empty_storage(
        practice, settings, tmp_path, monkeypatch, fresh_database):
    made = hire(practice, monkeypatch)
    archive = backup_to(tmp_path / "backups")
    url, params = fresh_database

    result = manage("restore", str(archive), DATABASE_URL=url,
                     MEDIA_ROOT=str(tmp_path / "media2"),
                     PRIVATE_MEDIA_ROOT=str(tmp_path / "private2"))

    assert result.returncode == 0, result.stdout + result.stderr
    public, private = files_in(settings.MEDIA_ROOT), files_in(settings.PRIVATE_MEDIA_ROOT)
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
    assert files_in(tmp_path / "media2") == public
    assert files_in(tmp_path / "private2") == private
    signed = (tmp_path / "private2" / signed_name).read_bytes()
    assert hashlib.sha256(signed).hexdigest() == signed_sha256
    assert signed_sha256 == made["signature"].signed_docx_sha256


def test_a_backup_holds_the_database_both_storages_and_a_manifest(practice, monkeypatch,
                                                                    tmp_path):
    hire(practice, monkeypatch)
    archive = backup_to(tmp_path)
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


def test_the_embedded_default_round_trips_through_sqlite(tmp_path):
    """`migrate` alone gives the source rows: it installs the shipped job templates."""
    source = {"DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "media"),
              "PRIVATE_MEDIA_ROOT": str(tmp_path / "private")}
    target = {"DATABASE_URL": f"sqlite:///{tmp_path / 'target.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "media2"),
              "PRIVATE_MEDIA_ROOT": str(tmp_path / "private2")}
    assert manage("migrate", "-v0", **source).returncode == 0
    (tmp_path / "private" / "resumes").mkdir(parents=True)
    (tmp_path / "private" / "resumes" / "a.pdf").write_bytes(RESUME)
    made = manage("backup", "--output", str(tmp_path / "backup.tar"), **source)
    assert made.returncode == 0, made.stderr

    restored = manage("restore", str(tmp_path / "backup.tar"), **target)

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Restored the sqlite database and 1 file" in restored.stdout
    assert "Problems found: 0" in restored.stdout
    templates = "SELECT public_id, key, summary FROM jobs_jobtemplate ORDER BY key"
    assert sqlite_rows(tmp_path / "target.sqlite3", templates) \
        == sqlite_rows(tmp_path / "source.sqlite3", templates) != []
    assert (tmp_path / "private2" / "resumes" / "a.pdf").read_bytes() == RESUME


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_bucket_restores_into_another_bucket(
        practice, s3_storage, s3_endpoint, tmp_path, monkeypatch, fresh_database):
    hire(practice, monkeypatch)
    archive = backup_to(tmp_path / "backups")
    url, _params = fresh_database
    target = Bucket(s3_endpoint).create()

    result = manage("restore", str(archive), DATABASE_URL=url, **target.env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "signatures verified: 1" in result.stdout
    assert "Problems found: 0" in result.stdout
    kept = [key for key in s3_storage.object_keys() if "/healthz/" not in key]
    assert target.object_keys() == kept
    assert all(target.read(key) == s3_storage.read(key) for key in kept)


def test_a_backup_names_a_missing_bucket(practice, s3_storage, settings, tmp_path):
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)  # storages are made again with the new name

    with pytest.raises(CommandError,
                       match=r"The default storage failed \(S3 error NoSuchBucket: "):
        call_command("backup", "--output", f"{tmp_path}/backups/", stdout=io.StringIO())

    assert list((tmp_path / "backups").iterdir()) == []
