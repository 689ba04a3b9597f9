"""`manage.py restore`: the refusals (a database or storage not empty, a damaged archive,
a missing bucket) change nothing; a restore that fails midway keeps nothing and can run
again; the checks after a restore find a tampered signed copy and only warn of files the app
rebuilds or discards."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from hiring import backups
from hiring.models import Practice
from tests.hiring.backup_helpers import (
    backup_to,
    connected_to,
    database_url,
    feed_and_staged_upload,
    files_in,
    hire,
    manage,
    public_tables,
)

pytestmark = pytest.mark.django_db


def test_restore_refuses_a_database_that_is_not_empty(practice, tmp_path):
    archive = backup_to(tmp_path)

    result = manage("restore", str(archive),
                    DATABASE_URL=database_url(connection.settings_dict["NAME"]),
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
    hire(practice, monkeypatch)
    archive = backup_to(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source:
            data = source.extractfile(member).read()
            if "resumes/" in member.name:
                data = data.replace(b"five", b"nine")  # same size, other bytes
            target.addfile(member, io.BytesIO(data))
    before = files_in(settings.PRIVATE_MEDIA_ROOT)

    with pytest.raises(CommandError, match=r"damaged(.|\n)*resumes/.*SHA-256 does not match"):
        call_command("restore", str(damaged), stdout=io.StringIO())

    with pytest.raises(CommandError, match="SHA-256 does not match"):
        call_command("backup", "--check", str(damaged), stdout=io.StringIO())
    assert files_in(settings.PRIVATE_MEDIA_ROOT) == before


def test_restore_refuses_storage_that_holds_files(practice, settings, tmp_path):
    archive = backup_to(tmp_path / "backups")
    storages["private"].save("resumes/someone-else.pdf", ContentFile(b"%PDF- keep me"))

    with pytest.raises(CommandError, match="The private storage is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert files_in(settings.PRIVATE_MEDIA_ROOT) == {"resumes/someone-else.pdf": b"%PDF- keep me"}


def test_the_restore_checks_find_a_signed_copy_that_no_longer_matches(practice, monkeypatch,
                                                                       settings):
    signature = hire(practice, monkeypatch)["signature"]
    (settings.PRIVATE_MEDIA_ROOT / signature.signed_docx.name).write_bytes(b"edited")
    (settings.MEDIA_ROOT / practice.logo.name).unlink()

    problems = [p for result in backups.restore_checks_run() for p in result.problems]

    assert problems == [
        f"hiring.Practice {practice.pk}: logo {practice.logo.name} is missing from its storage.",
        f"Signature {signature.public_id}: The signed copy no longer matches its SHA-256."]


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_storage_fails_midway_keeps_nothing_and_can_run_again(
        practice, settings, tmp_path, monkeypatch, fresh_database):
    hire(practice, monkeypatch)
    archive = backup_to(tmp_path / "backups")
    public, private = files_in(settings.MEDIA_ROOT), files_in(settings.PRIVATE_MEDIA_ROOT)
    public.pop("healthz/probe.txt")
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media2", tmp_path / "private2"
    storage, failing = storages["private"], [True]
    save = storage.save

    def save_then_fail(name, content, **kwargs):  # the disk fills after the first file
        if failing[0] and files_in(tmp_path / "private2"):
            raise OSError(28, "No space left on device")
        return save(name, content, **kwargs)

    monkeypatch.setattr(storage, "save", save_then_fail)
    _url, params = fresh_database
    with connected_to(params["dbname"]):
        with pytest.raises(CommandError, match=r"(?s)private storage failed \(OSError.*"
                                               r"No space left.*Nothing was kept"):
            call_command("restore", str(archive), stdout=io.StringIO())
        assert public_tables(params) == []
        assert files_in(tmp_path / "media2") == files_in(tmp_path / "private2") == {}

        failing[0] = False
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)

    assert "Problems found: 0" in out.getvalue()
    assert "hiring_practice" in public_tables(params)
    assert files_in(tmp_path / "media2") == public
    assert files_in(tmp_path / "private2") == private


def test_the_restore_checks_only_warn_of_a_missing_feed_or_staged_upload(practice, settings):
    feed, staged = feed_and_staged_upload(practice)
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
    feed, staged = feed_and_staged_upload(practice)
    dump = backups._database_copy

    def dump_then_purge(engine: str, target: Path) -> None:  # a feed build, the purge
        dump(engine, target)
        feed.file.delete(save=False)
        staged.file.delete(save=False)

    monkeypatch.setattr(backups, "_database_copy", dump_then_purge)
    archive = backup_to(tmp_path / "backups")
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media2", tmp_path / "private2"
    out = io.StringIO()

    with connected_to(fresh_database[1]["dbname"]):
        call_command("restore", str(archive), stdout=out)

    assert "Warnings: 2" in out.getvalue()
    assert "Problems found: 0" in out.getvalue()


def test_a_restore_names_a_missing_bucket_and_changes_nothing(practice, s3_storage, settings,
                                                               tmp_path):
    archive = backup_to(tmp_path / "backups")
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)

    with pytest.raises(CommandError) as failed:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert str(failed.value).startswith("Nothing was restored.")
    assert "The default storage failed (S3 error NoSuchBucket: " in str(failed.value)
    assert "The private storage failed (S3 error NoSuchBucket: " in str(failed.value)
    assert Practice.objects.count() == 1
