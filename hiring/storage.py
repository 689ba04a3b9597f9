"""Where applicants' files live on local disk: PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no
URL ever serves them; staff views stream them after a permission check."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
