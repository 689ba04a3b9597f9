"""Where files live. Two storages, both reached only through Django's storage API, so that
web processes and workers on different hosts see the same files:

- "default" holds public files (practice logos, job-board feeds); `/media/<name>` serves
  them through the app (hiring/views/media.py), whatever the backend.
- "private" holds everything about people (résumés, cover letters, documents to sign and
  their signed copies, exports); no URL serves it: permission-checked views stream it.

Local folders (`MEDIA_ROOT`, `PRIVATE_MEDIA_ROOT`) by default; with `STORAGE=s3`, one
S3-compatible bucket with a `public/` and a `private/` prefix (settings.py).
"""

from __future__ import annotations

import errno
import logging
import os
import posixpath
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# Everything a storage may raise (local folders: OSError; buckets: botocore's errors). The
# one list of it: views, services and tasks catch these, and `storage_is_down` tells an
# outage from a single missing file.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError)
# A local disk that is full, read-only, over quota, failing or not ours to write.
_DISK_DOWN = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO, errno.EACCES, errno.EPERM}


class StorageUnavailable(Exception):
    """A file could not be written or read because its storage is failing; nothing was
    kept of the change that needed it."""


def storage_is_down(exc: BaseException) -> bool:
    """Whether `exc` means the storage itself fails (unreachable, refusing our key, no such
    bucket, a full disk), as opposed to one file that is not there."""
    if isinstance(exc, StorageUnavailable | BotoCoreError):
        return True
    if isinstance(exc, ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return status != 404 or exc.response.get("Error", {}).get("Code") == "NoSuchBucket"
    return isinstance(exc, OSError) and exc.errno in _DISK_DOWN


class PrivateFileSystemStorage(FileSystemStorage):
    """Reads its folder from settings on every use, so a changed setting (tests, a
    deployment that moves the folder) takes effect without reloading models."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None


class UniqueNamesMixin:
    """A random part in every name made for a file field. A bucket has no atomic "create
    if absent": the check that a name is free and the upload are two requests, so two
    practices saving `exports/<same-slug>.csv` at one moment could otherwise share one object.
    Names given to `save()` directly (a restore, a feed) stay exactly as given."""

    def generate_filename(self, filename: str) -> str:
        stem, extension = posixpath.splitext(super().generate_filename(filename))  # type: ignore[misc]
        return f"{stem}-{secrets.token_hex(6)}{extension}"


class PublicS3Storage(UniqueNamesMixin, S3Storage):
    """Logos and feeds under `public/`. Their URL is the app's `/media/` view rather than
    the bucket's, so the bucket needs no public policy and pages never name it."""

    location = "public"
    querystring_auth = False
    file_overwrite = False

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"


class PrivateS3Storage(UniqueNamesMixin, S3Storage):
    """People's files under `private/`, never public: objects get no ACL (the bucket's
    owner only), and a URL, if ever asked for, is signed and short-lived."""

    location = "private"
    querystring_auth = True
    file_overwrite = False
    default_acl = None


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up on first use and again after STORAGES changes."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> Storage:
    """The storage of every private FileField (a callable, so migrations do not record a
    backend and the setting decides)."""
    return _private  # type: ignore[return-value]


def _reset_private(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty  # set up again on next use


setting_changed.connect(_reset_private)


@contextmanager
def files_guard() -> Iterator[list[FieldFile]]:
    """For a change that stores files: the caller appends each file it saved. If anything
    fails inside the block, those files are removed again (the database change rolls back
    with its transaction, so no row will name them); a storage failure becomes
    StorageUnavailable, for the view to explain."""
    saved: list[FieldFile] = []
    try:
        yield saved
    except BaseException as exc:
        for field_file in saved:
            try:
                field_file.storage.delete(field_file.name)
            except STORAGE_ERRORS:
                logger.warning("Could not remove %s after a failed change", field_file.name)
        if isinstance(exc, STORAGE_ERRORS):
            logger.warning("File storage failed; the change was not kept", exc_info=True)
            raise StorageUnavailable from exc
        raise


def delete_on_commit(field_file: FieldFile) -> None:
    """Remove a stored file once the transaction that stops naming it commits; a rollback
    keeps the row and its file together."""
    storage, name = field_file.storage, field_file.name

    def delete() -> None:
        try:
            storage.delete(name)
        except STORAGE_ERRORS:  # an orphan in storage, not a failed change
            logger.warning("Could not remove %s", name, exc_info=True)

    transaction.on_commit(delete)
