from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self) -> None:
        from hiring.models import Practice

        post_migrate.connect(_sync_library, sender=self)
        # the core cannot import this later app: it hears of changes to a practice here
        post_save.connect(_practice_saved, sender=Practice, dispatch_uid="jobs.practice_saved")


def _sync_library(sender: AppConfig, **kwargs: Any) -> None:
    """Every migrate brings the shipped templates up to this release's versions."""
    from jobs.services import library_sync

    library_sync()


def _practice_saved(sender: type, instance: Any, created: bool, **kwargs: Any) -> None:
    """The feeds repeat the practice's name and address: a saved practice makes them stale."""
    if created or kwargs.get("raw"):
        return
    from jobs.syndication import changes

    changes.practice_changed(instance)
