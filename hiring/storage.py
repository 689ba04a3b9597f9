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

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db.models.fields.files import FieldFile
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

# What a storage raises when it cannot be reached or refuses us (a full disk, a missing
# bucket, a wrong key, a network failure): the caller keeps the user's input and says so.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, BotoCoreError, ClientError)


class StorageUnavailable(Exception):
    """A file could not be written or read because its storage is failing; nothing was
    kept of the change that needed it."""


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


class PublicS3Storage(S3Storage):
    """Logos and feeds under `public/`. Their URL is the app's `/media/` view rather than
    the bucket's, so the bucket needs no public policy and pages never name it."""

    location = "public"
    querystring_auth = False
    file_overwrite = False

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"


class PrivateS3Storage(S3Storage):
    """People's files under `private/`, never public: objects get no ACL (the bucket's
    owner only), and a URL, if ever asked for, is signed and short-lived."""

    location = "private"
    querystring_auth = True
    file_overwrite = False
    default_acl = None

    def get_default_settings(self) -> dict[str, Any]:
        values = super().get_default_settings()
        values["querystring_expire"] = settings.AWS_S3_SIGNED_URL_SECONDS
        return values


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
    """For a change that stores files: the caller appends each file it saved; if a storage
    fails inside the block, those files are removed again (the database change rolls back
    with its transaction) and StorageUnavailable is raised for the view to explain."""
    saved: list[FieldFile] = []
    try:
        yield saved
    except STORAGE_ERRORS as exc:
        for field_file in saved:
            try:
                field_file.storage.delete(field_file.name)
            except STORAGE_ERRORS:
                logger.warning("Could not remove %s after a failed change", field_file.name)
        logger.warning("File storage failed; the change was not kept", exc_info=True)
        raise StorageUnavailable from exc
