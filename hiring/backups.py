"""Backups that restore: one tar archive with the database (a `pg_dump --format=custom`
dump, or a copy of the embedded default's SQLite file), every file of the "default"
(public) and "private" storages, and `manifest.json` with each member's size and SHA-256.

Files are read and written only through Django's storage API (`listdir`, `open`, `save`),
so the same archive comes from, and goes back to, local folders or S3 alike.

A restore goes only into an empty database and empty storages. It writes the files first
and the database last, in one transaction: a failure before the database commits deletes
the files written, so nothing is kept and the restore can simply be run again. Then it runs
the checks that the apps register here (`restore_check_register`, from their
AppConfig.ready): the core cannot import the later stages of the pipeline, yet the
e-signature checks of onboarding must run on the restored copy. Each check returns what it
counted, what it found wrong and what it found harmless; the restore command prints all.

Storage failures (a missing bucket, a refused key, a full disk) end as a BackupError that
names the storage and, for S3, the error code.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils.functional import LazyObject, empty
from django_scopes import scopes_disabled

from hiring.storage import STORAGE_ERRORS

FORMAT = "hiring-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
DATABASE_MEMBERS = {"postgresql": POSTGRES_DUMP, "sqlite": SQLITE_COPY}
STORAGE_ALIASES = ("default", "private")
STORAGE_PREFIX = "storage"  # members are storage/<alias>/<name as the storage knows it>
SKIPPED_FOLDERS = {"healthz"}  # the health check's probe files come and go
CHUNK = 1024 * 1024
# Files the app rebuilds or throws away. One deleted between the dump and the copy (a feed
# replaced by a newer build, a staged upload purged) is expected, not a damaged backup.
EXPENDABLE = {("default", "feeds/"): "feeds are rebuilt when next requested",
              ("private", "staged/"): "staged uploads are discarded after a day anyway"}

logger = logging.getLogger(__name__)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


class StorageFailed(BackupError):
    """A storage refused or could not be reached; names it, and the S3 error code."""

    def __init__(self, alias: str, exc: BaseException) -> None:
        error = getattr(exc, "response", {}).get("Error", {})  # a botocore ClientError's
        if code := error.get("Code", ""):
            super().__init__(f"The {alias} storage failed (S3 error {code}: "
                             f"{error.get('Message') or exc}). Check AWS_STORAGE_BUCKET_NAME, "
                             "the endpoint and the key's permissions.")
        else:
            super().__init__(f"The {alias} storage failed ({type(exc).__name__}: {exc}).")


@dataclass(frozen=True)
class Member:
    size: int
    sha256: str


@dataclass
class Manifest:
    created_at: str
    engine: str
    migrations: dict[str, str]  # app → latest applied migration
    members: dict[str, Member] = field(default_factory=dict)
    version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        return json.dumps({
            "format": FORMAT, "version": self.version, "created_at": self.created_at,
            "engine": self.engine, "migrations": self.migrations,
            "members": {name: {"size": m.size, "sha256": m.sha256}
                        for name, m in self.members.items()},
        }, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            if raw.get("format") != FORMAT:
                raise BackupError("This is not a backup made by `manage.py backup`.")
            if raw["version"] > FORMAT_VERSION:
                raise BackupError(f"The archive has format version {raw['version']}; this "
                                  f"code reads up to {FORMAT_VERSION}. Restore with a newer "
                                  "release.")
            return cls(created_at=raw["created_at"], engine=raw["engine"],
                       migrations=raw["migrations"], version=raw["version"],
                       members={name: Member(size=int(m["size"]), sha256=m["sha256"])
                                for name, m in raw["members"].items()})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupError(f"The archive's {MANIFEST} cannot be read ({exc}).") from exc

    def files(self, alias: str) -> dict[str, Member]:
        """The members holding the files of one storage, by their name in that storage."""
        prefix = f"{STORAGE_PREFIX}/{alias}/"
        return {name[len(prefix):]: m for name, m in self.members.items()
                if name.startswith(prefix)}


# --- Restore checks: what the apps verify on a restored copy ---------------------------------

@dataclass(frozen=True)
class CheckResult:
    counts: dict[str, int]  # what was looked at, e.g. {"signatures verified": 3}
    problems: list[str] = field(default_factory=list)  # the restored copy is wrong
    warnings: list[str] = field(default_factory=list)  # worth saying, but harmless


RestoreCheck = Callable[[], CheckResult]
_checks: list[RestoreCheck] = []


def restore_check_register(check: RestoreCheck) -> RestoreCheck:
    """Run `check` after every restore, with scopes disabled; it reads, never writes."""
    if check not in _checks:
        _checks.append(check)
    return check


def restore_checks_run() -> list[CheckResult]:
    results = []
    with scopes_disabled():
        for check in _checks:
            try:
                results.append(check())
            except Exception as exc:  # e.g. the archive predates a migration: say so, go on
                results.append(CheckResult(counts={}, problems=[
                    f"{check.__module__}.{check.__name__} could not run: {exc}".strip()]))
    return results


def _alias_of(storage: Storage) -> str | None:
    if isinstance(storage, LazyObject):  # default_storage, hiring.storage.private_storage()
        if storage._wrapped is empty:
            storage._setup()
        storage = storage._wrapped
    return next((alias for alias in STORAGE_ALIASES if storages[alias] is storage), None)


def _expendable(alias: str | None, name: str) -> str | None:
    """Why a missing file does no harm, if it does none."""
    return next((reason for (where, prefix), reason in EXPENDABLE.items()
                 if where == alias and name.startswith(prefix)), None)


@restore_check_register
def core_check() -> CheckResult:
    """Practices, and whether every file a row names exists in its storage (the reason the
    database is dumped before the files are copied). A missing file the app rebuilds or
    discards (EXPENDABLE) is a warning; any other is a problem."""
    from hiring.models import Practice

    problems, warnings, checked = [], [], 0
    # one listing per storage rather than one request per file: a bucket with 200,000
    # résumés answers 200 list calls, not 200,000 lookups
    listed: dict[str, set[str]] = {}

    def exists(storage: Storage, alias: str | None, name: str) -> bool:
        if alias is None:  # a storage of its own: ask it
            return storage.exists(name)
        if alias not in listed:
            listed[alias] = set(_walk(alias))
        return name in listed[alias]

    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for file_field in file_fields:
            alias = _alias_of(file_field.storage)
            names = (model._base_manager.exclude(**{file_field.attname: ""})
                     .exclude(**{f"{file_field.attname}__isnull": True})
                     .values_list("pk", file_field.attname))
            for pk, name in names.iterator():
                checked += 1
                if exists(file_field.storage, alias, name):
                    continue
                missing = f"{model._meta.label} {pk}: {file_field.name} {name} is missing " \
                          "from its storage"
                if reason := _expendable(alias, name):
                    warnings.append(f"{missing} ({reason}).")
                else:
                    problems.append(f"{missing}.")
    return CheckResult(counts={"practices": Practice.objects.count(),
                               "file references checked": checked},
                       problems=problems, warnings=warnings)


# --- Backup -----------------------------------------------------------------------------------

def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


# connection OPTIONS that pg_dump and pg_restore must share with Django's connection
LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
                 "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
                 "service": "PGSERVICE", "passfile": "PGPASSFILE",
                 "target_session_attrs": "PGTARGETSESSIONATTRS"}


def _pg_env() -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore, from the Django connection's settings.
    The password travels only here: a command line is visible to every user of the host."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)  # unset values fall back to libpq's own, as Django's do
    values = {"PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER"),
              "PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db.get("NAME")}
    options = db.get("OPTIONS") or {}
    for option, variable in LIBPQ_OPTIONS.items():
        values[variable] = options.get(option)
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True,  # noqa: S603
                                check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed. Install the PostgreSQL client "
                          "(the same major version as the server, or newer).") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit {result.returncode}):\n"
                          f"{result.stderr.strip()}")


def _database_copy(engine: str, target: Path) -> None:
    if engine == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-password", f"--file={target}"])
        return
    name = Path(settings.DATABASES["default"]["NAME"]).resolve()
    source = sqlite3.connect(f"{name.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # a consistent copy even while the app writes
    finally:
        copy.close()
        source.close()


def _migration_state() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def _walk(alias: str, folder: str = "") -> Iterator[str]:
    """Every file name in a storage, through `listdir` alone (local folders and S3 alike)."""
    try:
        folders, files = storages[alias].listdir(folder)
    except FileNotFoundError:  # a local storage whose folder was never made: no files
        return
    except STORAGE_ERRORS as exc:
        raise StorageFailed(alias, exc) from exc
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        if not folder and sub in SKIPPED_FOLDERS:
            continue
        yield from _walk(alias, posixpath.join(folder, sub) if folder else sub)


class _Hashing:
    """Passes reads through and keeps their SHA-256, so a file is hashed as it streams. A
    failed read of a stored file names its storage (`alias`); the archive's own writes
    happen elsewhere, so their errors are not blamed on it."""

    def __init__(self, handle: IO[bytes], alias: str | None = None) -> None:
        self.handle, self.digest, self.alias = handle, hashlib.sha256(), alias

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.handle.read(size)
        except STORAGE_ERRORS as exc:
            if self.alias is None:
                raise
            raise StorageFailed(self.alias, exc) from exc
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, manifest: Manifest, name: str, handle: IO[bytes], size: int,
         mtime: float, alias: str | None = None) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    reader = _Hashing(handle, alias)
    tar.addfile(info, reader)  # reads exactly `size` bytes, a chunk at a time
    manifest.members[name] = Member(size=size, sha256=reader.digest.hexdigest())


def _archive_path(output: str | None, now: datetime) -> Path:
    """`output` as given, or a new name in it when it is a folder (or ends with a slash)."""
    name = f"hiring-{now:%Y%m%dT%H%M%SZ}.tar"
    if not output:
        return Path(settings.VAR_DIR) / "backups" / name
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return Path(output) / name
    return Path(output)


def backup_create(*, output: str | None = None,
                  say: Callable[[str], None] = lambda line: None) -> tuple[Path, Manifest]:
    """Write one archive of the database and both storages; return its path and manifest.
    Written to `<name>.partial` and renamed at the end: a failed run leaves no archive."""
    now = datetime.now(UTC)
    engine = _engine()
    path = _archive_path(output, now)
    if path.exists():
        raise BackupError(f"{path} already exists; choose another --output.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    manifest = Manifest(created_at=now.isoformat().replace("+00:00", "Z"), engine=engine,
                        migrations=_migration_state())
    # the archive holds people's files: readable by its owner only
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, \
                tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar, \
                tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
            # The database first, then the files: every file a dumped row names was written
            # before the dump's snapshot, so the copy made after it finds it (unless it was
            # deleted in between). Files written after the snapshot are harmless extras.
            dump = Path(work) / DATABASE_MEMBERS[engine]
            say(f"Dumping the {engine} database…")
            _database_copy(engine, dump)
            with dump.open("rb") as handle:
                _add(tar, manifest, dump.name, handle, dump.stat().st_size, now.timestamp())
            for alias in STORAGE_ALIASES:
                say(f"Copying the {alias} storage…")
                _storage_copy(tar, manifest, alias, now.timestamp(), say)
            data = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), now.timestamp(), 0o600
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path, manifest


def _storage_copy(tar: tarfile.TarFile, manifest: Manifest, alias: str, mtime: float,
                  say: Callable[[str], None]) -> None:
    storage = storages[alias]
    for name in _walk(alias):
        try:
            handle = storage.open(name, "rb")
            size = handle.size
        except FileNotFoundError:  # deleted since it was listed: no row names it any more
            say(f"  skipped {alias}:{name} (deleted during the backup)")
            continue
        except STORAGE_ERRORS as exc:
            raise StorageFailed(alias, exc) from exc
        with handle:
            _add(tar, manifest, f"{STORAGE_PREFIX}/{alias}/{name}", handle, size, mtime, alias)


# --- Check ------------------------------------------------------------------------------------

def _member_name_valid(name: str) -> bool:
    if name in DATABASE_MEMBERS.values():
        return True
    parts = name.split("/")
    return (len(parts) >= 3 and parts[0] == STORAGE_PREFIX and parts[1] in STORAGE_ALIASES
            and all(part not in ("", ".", "..") for part in parts[2:]))


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:")
    except FileNotFoundError as exc:
        raise BackupError(f"{path} does not exist.") from exc
    except tarfile.TarError as exc:
        raise BackupError(f"{path} is not a backup archive (not a tar file: {exc}).") from exc


def _manifest_of(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError as exc:
        raise BackupError(f"The archive has no {MANIFEST}: it is incomplete or not a "
                          "backup.") from exc
    handle = tar.extractfile(member)
    if handle is None:
        raise BackupError(f"The archive's {MANIFEST} is not a file.")
    return Manifest.from_json(handle.read())


def backup_check(*, path: Path) -> Manifest:
    """Every member's size and SHA-256 against the manifest; raises BackupError naming what
    does not match. Reads the archive once, a chunk at a time."""
    with _open(path) as tar:
        manifest = _manifest_of(tar)
        seen, wrong = set(), []
        for member in tar:
            if member.name == MANIFEST:
                continue
            expected = manifest.members.get(member.name)
            if expected is None or not member.isfile() or not _member_name_valid(member.name):
                wrong.append(f"{member.name}: not listed in the manifest")
                continue
            seen.add(member.name)
            digest = hashlib.sha256()
            handle = tar.extractfile(member)
            while chunk := handle.read(CHUNK):  # type: ignore[union-attr]
                digest.update(chunk)
            if member.size != expected.size or digest.hexdigest() != expected.sha256:
                wrong.append(f"{member.name}: its SHA-256 does not match the manifest")
        wrong += [f"{name}: missing" for name in sorted(set(manifest.members) - seen)]
        if DATABASE_MEMBERS.get(manifest.engine) not in manifest.members:
            wrong.append(f"the {manifest.engine} database: missing")
    if wrong:
        raise BackupError(f"{path} is damaged; nothing was changed:\n  " + "\n  ".join(wrong))
    return manifest


# --- Restore ----------------------------------------------------------------------------------

@dataclass
class RestoreReport:
    engine: str
    files: dict[str, int]  # storage alias → files restored
    pending_migrations: int
    results: list[CheckResult]

    @property
    def problems(self) -> list[str]:
        return [problem for result in self.results for problem in result.problems]

    @property
    def warnings(self) -> list[str]:
        return [warning for result in self.results for warning in result.warnings]


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                           "n.oid = c.relnamespace WHERE n.nspname = 'public' AND "
                           "c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY 1")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                           "AND name NOT LIKE 'sqlite_%' ORDER BY 1")
        return [row[0] for row in cursor.fetchall()]


def _refusals() -> list[str]:
    """Why this database and these storages may not be restored into (empty if they may)."""
    reasons = []
    tables = _tables()
    if tables:
        name = settings.DATABASES["default"]["NAME"]
        reasons.append(
            f"The database {name} is not empty: it has {plural(len(tables), 'table')} (e.g. "
            f"{', '.join(tables[:3])}). Restore only into an empty database; one where only "
            "`manage.py migrate` ran is not empty either. Create a new database and point "
            "DATABASE_URL at it.")
    for alias in STORAGE_ALIASES:
        try:
            found = next(_walk(alias), None)
        except StorageFailed as exc:  # listed with the other reasons: all need fixing
            reasons.append(str(exc))
            continue
        if found is not None:
            reasons.append(f"The {alias} storage is not empty (it holds {found}, among "
                           "others). Restore only into empty storage.")
    return reasons


def _database_restore(engine: str, source: Path) -> None:
    if engine == "postgresql":
        # no owner, no grants: the restoring role owns everything, on any server
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              "--single-transaction", "--no-password",
              f"--dbname={settings.DATABASES['default']['NAME']}", str(source)])
        return
    connection.close()  # the copy replaces the file under Django's connection
    copy, target = sqlite3.connect(source), sqlite3.connect(settings.DATABASES["default"]["NAME"])
    try:
        copy.backup(target)
    finally:
        target.close()
        copy.close()


def _files_restore(tar: tarfile.TarFile, manifest: Manifest, written: list[tuple[str, str]],
                   say: Callable[[str], None]) -> dict[str, int]:
    """Write every file of the archive to its storage, appending (alias, name) to `written`
    as each is saved, so that a failure can take them back."""
    restored = {}
    for alias in STORAGE_ALIASES:
        storage, files = storages[alias], manifest.files(alias)
        say(f"Restoring {plural(len(files), 'file')} to the {alias} storage…")
        for name in files:
            handle = tar.extractfile(f"{STORAGE_PREFIX}/{alias}/{name}")
            content = File(handle, name=posixpath.basename(name))
            content.size = files[name].size  # not the size of the archive it is read from
            try:
                saved = storage.save(name, content)
            except STORAGE_ERRORS as exc:
                raise StorageFailed(alias, exc) from exc
            written.append((alias, saved))
            if saved != name:  # rows name the file by its old name: a new one is lost
                raise BackupError(f"The {alias} storage saved {name} as {saved}, so the rows "
                                  "that name it would not find it.")
        restored[alias] = len(files)
    return restored


def _files_remove(written: list[tuple[str, str]]) -> list[str]:
    """Delete the files a failed restore wrote; return those that could not be deleted."""
    left = []
    for alias, name in reversed(written):
        try:
            storages[alias].delete(name)
        except Exception:  # best effort: the cause of the failure matters more; say which
            logger.warning("Could not delete %s:%s after a failed restore", alias, name,
                           exc_info=True)
            left.append(f"{alias}:{name}")
    return left


def _nothing_kept(written: list[tuple[str, str]], left: list[str]) -> str:
    if not left:
        return (f"Nothing was kept: the database was not changed, and the files written "
                f"so far ({len(written)}) were deleted. Fix the cause and restore again.")
    shown = ", ".join(left[:5]) + (", …" if len(left) > 5 else "")
    return (f"The database was not changed, but {plural(len(left), 'file')} written so far "
            f"could not be deleted (see the log): {shown}. Empty the storage, then restore "
            "again.")


def backup_restore(*, archive: Path, say: Callable[[str], None] = lambda line: None
                   ) -> RestoreReport:
    """Put an archive back into an empty database and empty storages, then run the
    registered checks on what was restored. The files go first and the database last, in
    one transaction: if anything fails before it commits, the files written are deleted
    and nothing is kept."""
    say(f"Verifying {archive}…")
    manifest = backup_check(path=archive)
    engine = _engine()
    if manifest.engine != engine:
        raise BackupError(f"The archive holds a {manifest.engine} database; this "
                          f"installation uses {engine}. Nothing was changed.")
    reasons = _refusals()
    if reasons:
        raise BackupError("Nothing was restored.\n" + "\n".join(reasons))
    written: list[tuple[str, str]] = []
    try:
        with _open(archive) as tar, tempfile.TemporaryDirectory(prefix="restore-") as work:
            member = DATABASE_MEMBERS[engine]
            source = Path(work) / member
            with tar.extractfile(member) as handle, source.open("wb") as copy:  # type: ignore[union-attr]
                shutil.copyfileobj(handle, copy, CHUNK)
            files = _files_restore(tar, manifest, written, say)
            say(f"Restoring the {engine} database…")
            _database_restore(engine, source)
    except BaseException as exc:
        if written:
            say(f"The restore failed; deleting the {plural(len(written), 'file')} written…")
        kept = _nothing_kept(written, _files_remove(written))
        if isinstance(exc, (BackupError, *STORAGE_ERRORS)):
            raise BackupError(f"The restore failed: {exc}\n{kept}") from exc
        exc.add_note(kept)
        raise
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    say("Checking what was restored…")
    return RestoreReport(engine=engine, files=files, pending_migrations=pending,
                         results=restore_checks_run())


def backup_describe(*, manifest: Manifest) -> list[str]:
    """What an archive holds, in lines for an operator."""
    database = manifest.members[DATABASE_MEMBERS[manifest.engine]]
    lines = [f"Format {manifest.version}, made {manifest.created_at}, "
             f"{manifest.engine} database ({_size(database.size)})."]
    for alias in STORAGE_ALIASES:
        files = manifest.files(alias)
        lines.append(f"{alias} storage: {plural(len(files), 'file')}, "
                     f"{_size(sum(m.size for m in files.values()))}")
    lines.append("Migrations: " + ", ".join(f"{app} {name}"
                                            for app, name in manifest.migrations.items()))
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"  # pragma: no cover


def restore_summary(*, report: RestoreReport) -> dict[str, Any]:
    counts: dict[str, Any] = {"files restored": sum(report.files.values())}
    for result in report.results:
        counts.update(result.counts)
    return counts
