"""One run at a time of a periodic job, across every worker of the deployment.

Exactly one beat should run, but a second one started by mistake (two hosts, an old
container left behind) sends every periodic task twice. The sweeps already claim each row
before acting on it, so a doubled run cannot double the work; the lock also keeps two runs
from reading the same rows at the same moment and handing the same work to the broker twice.

A Postgres advisory lock held by the worker's connection for the length of the run: a
second run that finds it taken does nothing and returns at once. It is a session lock, not
`pg_try_advisory_xact_lock`, on purpose: a transaction around a whole sweep would hold back
its on-commit hand-overs and, with tasks run inline, let one failed task abort the rest. A
worker that dies drops its connection and with it the lock. On SQLite (the embedded default
has no beat) it is a no-op."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def _key(name: str) -> int:
    """A stable signed 64-bit key for the name (advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def run_alone(name: str) -> Iterator[bool]:
    """Yield True while this connection holds the lock named `name`, False while another
    connection holds it (then do nothing)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = _key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = bool(cursor.fetchone()[0])
    if not held:
        logger.info("%s is already running elsewhere; this run does nothing", name)
        yield False
        return
    try:
        yield True
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except DatabaseError:  # the connection broke: the lock went with it
            logger.warning("Lock %s not released; its connection is gone", name)


def one_at_a_time(default: R) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a periodic task so that a run while another is running returns `default`
    at once. The lock is named after the function."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with run_alone(name) as mine:
                return func(*args, **kwargs) if mine else default

        return wrapper

    return decorate
