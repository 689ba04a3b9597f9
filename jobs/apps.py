from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self) -> None:
        post_migrate.connect(_sync_library, sender=self)


def _sync_library(sender: AppConfig, **kwargs: Any) -> None:
    """Every migrate brings the shipped templates up to this release's versions."""
    from jobs.services import library_sync

    library_sync()
