"""Boards' visits to the feeds, kept without a database write in the request.

Boards and crawlers poll the feeds all day, and a feed is served from its stored file in a
few reads; an INSERT per poll would make every poll a write on the busiest public URL. So a
poll appends one small entry to a list in Redis, and `flush()` (beat, every minute, on a
worker) moves the entries into FeedFetch rows in one bulk insert. The practice still sees
each visit, a minute later at most.

The list is capped (`MAX_QUEUED`): a flood of polls while no worker runs costs Redis a
bounded amount of memory and loses the oldest visits, never a poll. Without Redis (the
embedded default, which has no separate worker either) the visit is written at once.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from functools import cache

import redis
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from jobs.models import Feed, FeedFetch

logger = logging.getLogger(__name__)

MAX_QUEUED = 100_000
FLUSH_BATCH = 5_000


@cache
def _client() -> redis.Redis | None:
    """One client (and connection pool) per process; None without Redis."""
    if not settings.REDIS_URL:
        return None
    # a hung Redis must not hang the poll that records a visit
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


def _queue() -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"{prefix}:feed-fetches" if prefix else "feed-fetches"


def fetch_record(*, feed: Feed, user_agent: str, status_code: int) -> None:
    """Note one poll of `feed`. Never raises: a visit that cannot be noted is logged and
    lost, and the board gets its feed all the same."""
    entry = {"feed": feed.pk, "practice": feed.practice_id, "agent": user_agent[:300],
             "status": status_code, "at": timezone.now().isoformat()}
    client = _client()
    if client is None:
        _save([entry])
        return
    try:
        with client.pipeline() as pipe:
            pipe.rpush(_queue(), json.dumps(entry))
            pipe.ltrim(_queue(), -MAX_QUEUED, -1)  # keep the newest when nobody flushes
            pipe.execute()
    except redis.RedisError as exc:
        logger.warning("A feed visit was not recorded: Redis is unavailable (%s)",
                       type(exc).__name__)


def flush() -> int:
    """Move the visits noted in Redis into FeedFetch rows; how many were saved. Entries are
    taken off the list as they are read (LPOP), so two flushes never save one twice."""
    client = _client()
    if client is None:
        return 0
    saved = 0
    while True:
        raw = client.lpop(_queue(), FLUSH_BATCH) or []
        if not raw:
            return saved
        try:
            saved += _save([json.loads(item) for item in raw])
        except DatabaseError:
            client.lpush(_queue(), *reversed(raw))  # back at the head, for the next flush
            raise
        if len(raw) < FLUSH_BATCH:
            return saved


def _save(entries: list[dict]) -> int:
    # a feed deleted since it was polled (a practice leaving) takes its visits with it
    known = set(Feed.objects.filter(pk__in={e["feed"] for e in entries})
                .values_list("pk", flat=True))
    rows = [FeedFetch(feed_id=e["feed"], practice_id=e["practice"], user_agent=e["agent"],
                      status_code=e["status"], fetched_at=datetime.fromisoformat(e["at"]))
            for e in entries if e["feed"] in known]
    FeedFetch.objects.bulk_create(rows)
    return len(rows)
