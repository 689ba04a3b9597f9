"""/healthz: is each part the app depends on answering?"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from hiring.celery import app as celery_app


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was written")
    cache.delete(key)


def _broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL:
        return  # the embedded default runs background work inline: nothing to reach
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


class StorageCheckFailed(Exception):
    """Which storage failed and how, in words safe to show (no keys, no paths)."""

    def __init__(self, label: str, exc: BaseException) -> None:
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", "")
        self.detail = f"{label} storage: {code or type(exc).__name__}"
        super().__init__(self.detail)


# A bucket that hangs must not hold a web worker for every probe of every load balancer: the
# check answers within this many seconds, and a write still under way finishes on its own.
STORAGE_CHECK_SECONDS = 5.0


def _storage_round_trip(label: str) -> None:
    storage = storages[label]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage did not return what was written")
    finally:
        storage.delete(name)


def _storage() -> None:
    # both: a deployment can get one bucket or folder right and the other wrong
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz-storage")
    futures = {label: pool.submit(_storage_round_trip, label)
               for label in ("default", "private")}
    deadline = time.monotonic() + STORAGE_CHECK_SECONDS
    try:
        for label, future in futures.items():
            try:
                future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout as exc:
                raise StorageCheckFailed(label, TimeoutError()) from exc
            except Exception as exc:
                raise StorageCheckFailed(label, exc) from exc
    finally:
        pool.shutdown(wait=False)  # never wait here for a storage that hangs


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    """200 with each part's state when all answer; 503 naming the failing part otherwise."""
    report: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:
            report[name] = {"ok": False, "error": type(exc).__name__}
            if isinstance(exc, StorageCheckFailed):
                report[name]["detail"] = exc.detail
        else:
            report[name] = {"ok": True}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    healthy = all(part["ok"] for part in report.values())
    failing = [name for name, part in report.items() if not part["ok"]]
    return JsonResponse({"status": "ok" if healthy else "fail", "failing": failing,
                         "checks": report}, status=200 if healthy else 503)
