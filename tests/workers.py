"""A real Celery worker on Redis, for the tests marked `worker` (fixtures `queue_mode` and
`worker` in tests/conftest.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager

from celery.contrib.testing.worker import start_worker

from hiring.celery import app


def celery_worker(*, shutdown_timeout: float = 15) -> AbstractContextManager[object]:
    """A worker in a thread of this process, for the length of a `with` block."""
    return start_worker(app, pool="solo", perform_ping_check=False,
                        shutdown_timeout=shutdown_timeout)


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Poll until `condition()` holds; False if it still does not after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
