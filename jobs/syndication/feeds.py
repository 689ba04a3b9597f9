"""The XML feeds boards pull and the sitemaps, kept as files and rebuilt only when needed.

A feed is a full snapshot (SPECS 3.6): every change that may alter it bumps `Feed.changes`
in the changer's transaction (`mark_stale`). The first change to a fresh feed schedules one
build FEED_COALESCE_SECONDS later, so ten edits in a minute make one build. A build streams
the XML to a temporary file while hashing it; unchanged content keeps the stored file and
its ETag, so boards polling with If-None-Match get a 304. A change that lands while a build
runs leaves the feed stale and schedules the next build: nothing is lost. A build that never
happened (broker down, worker killed) is picked up by `sweep`, run every minute.

Feeds exist per practice (its boards' feeds and its sitemap) and per deployment (every
practice posting to a board, in one file per board).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import shutil
import tempfile
import zoneinfo
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from functools import partial
from typing import BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from hiring.models import Practice
from jobs.models import Feed, FeedFetch, Job
from jobs.services import practice_today
from jobs.syndication import formats
from jobs.syndication.boards import (
    FEED_BOARDS,
    board_enabled,
    boards_of,
    live_jobs,
    syndicated_jobs,
)

logger = logging.getLogger(__name__)

Kind = Feed.Kind
CHUNK = 500  # jobs per round trip of the server-side cursor: the memory a build holds
SWEEP_BATCH = 200


# --- Which feeds there are --------------------------------------------------------------------

def feed_get(*, practice: Practice | None, kind: str) -> Feed | None:
    """The feed served at a URL (practice None: the deployment's), made on first use; None
    when there is no such feed: a board the practice does not post to, or a deployment
    sitemap."""
    if kind not in Kind.values or (practice is None and kind == Kind.SITEMAP):
        return None
    with scopes_disabled():
        if practice and kind != Kind.SITEMAP and not board_enabled(practice, FEED_BOARDS[kind]):
            return None
        return _row(practice, kind)


def _row(practice: Practice | None, kind: str) -> Feed:
    feed, _created = Feed.objects.select_related("practice").get_or_create(practice=practice,
                                                                           kind=kind)
    return feed


# --- Something changed ----------------------------------------------------------------------

def mark_stale(*, practice: Practice) -> None:
    """Bump the practice's feeds and the deployment's; schedule a coalesced build of each
    feed that was fresh, once the caller's transaction commits."""
    with transaction.atomic(), scopes_disabled():
        fresh = _bump(_touched_by(practice))
    if fresh:
        transaction.on_commit(partial(_schedule, fresh, settings.FEED_COALESCE_SECONDS))


def _touched_by(practice: Practice, *, create: bool = True) -> Q:
    """The feeds a change of `practice` may alter (rows made for any missing, if `create`).
    The deployment feed of a board is left alone unless the practice posts there or did (it
    has that feed): a practice that never turned a board on cannot be in its feed."""
    accounts = boards_of(practice)
    posting = {kind for kind, board in FEED_BOARDS.items() if accounts[board].enabled}
    rows = set(Feed.objects.filter(Q(practice=practice) | Q(practice=None))
               .values_list("practice_id", "kind"))
    had = {kind for practice_id, kind in rows if practice_id == practice.pk}
    own = posting | {Kind.SITEMAP}
    deployment = posting | (had - {Kind.SITEMAP})
    for owner, kinds in ((practice, own), (None, deployment)) if create else ():
        for kind in kinds:
            if (owner.pk if owner else None, kind) not in rows:
                _row(owner, kind)
    return Q(practice=practice, kind__in=own) | Q(practice=None, kind__in=deployment)


def _bump(feeds: Q) -> list[int]:
    """Count one more change on each feed; the ids of those that were fresh. Rows are locked
    in id order, so concurrent changers queue instead of deadlocking."""
    rows = list(Feed.objects.select_for_update().filter(feeds).order_by("pk")
                .values_list("pk", "stale_since"))
    Feed.objects.filter(pk__in=[pk for pk, _since in rows]).update(
        changes=F("changes") + 1, stale_since=Coalesce(F("stale_since"), Value(timezone.now())))
    return [pk for pk, since in rows if since is None]


def _schedule(feed_ids: Iterable[int], countdown: int) -> None:
    """Hand builds to the broker. Never raises: publishing a job must not fail because the
    broker is down; the feeds stay stale and the sweeper builds them."""
    from hiring.celery import app
    from jobs.tasks import feed_build as feed_build_task

    ids = list(feed_ids)
    try:
        with app.connection_for_write() as connection:
            for pk in ids:
                feed_build_task.apply_async(args=[pk], countdown=countdown,
                                            connection=connection, retry=False)
    except Exception:
        logger.warning("Feed builds %s not handed over; the sweeper will build them", ids,
                       exc_info=True)


# --- Building ---------------------------------------------------------------------------------

class _HashingFile:
    """A binary file that hashes and counts what is written to it."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.file.write(data)


def build(feed: Feed, *, force: bool = False) -> Feed:
    """Write the feed's file anew, keeping the stored one when the content is the same, and
    return the row as it is now. Idempotent: a fresh feed is left alone unless `force`.
    A failure is recorded on the row, which stays stale for the sweeper."""
    feed = Feed.objects.select_related("practice").get(pk=feed.pk)
    if feed.file and feed.stale_since is None and not force:
        return feed
    started = timezone.now()
    try:
        with tempfile.TemporaryFile() as tmp:
            out = _HashingFile(tmp)
            with translation.override("en"), _scope_of(feed):
                count = _write(feed, out)
            _swap(feed, tmp, digest=out.sha256.hexdigest(), size=out.size, count=count,
                  started=started)
    except Exception as exc:
        logger.exception("Feed %s could not be built", feed.pk)
        Feed.objects.filter(pk=feed.pk).update(
            error=f"{type(exc).__name__}: {exc}"[:2000],
            stale_since=Coalesce(F("stale_since"), Value(started)))
    feed.refresh_from_db()
    return feed


def _scope_of(feed: Feed) -> AbstractContextManager[object]:
    return scope(practice=feed.practice) if feed.practice_id else scopes_disabled()


def _write(feed: Feed, out: BinaryIO) -> int:
    """Stream the feed's XML into `out`; the number of jobs. A constant number of queries."""
    if feed.kind == Kind.SITEMAP:
        jobs = live_jobs(feed.practice)
        newest = jobs.aggregate(newest=Max("updated_at"))["newest"]
        # the home page shows the practice's introduction as well as its jobs
        home = max(filter(None, (newest, feed.practice.updated_at)))
        pages = jobs.order_by("pk").values_list("slug", "updated_at").iterator(chunk_size=CHUNK)
        return formats.write_sitemap(out, feed.practice, pages, home.date())
    return formats.write_board_feed(out, feed.kind, feed_jobs(feed).iterator(chunk_size=CHUNK))


def feed_jobs(feed: Feed) -> QuerySet[Job]:
    """The jobs of a board feed, in a stable order (same jobs, same bytes, same ETag)."""
    return (syndicated_jobs(FEED_BOARDS[feed.kind], feed.practice)
            .select_related("practice", "location").order_by("practice_id", "pk"))


def _file_name(feed: Feed, digest: str) -> str:
    owner = feed.practice.public_id if feed.practice_id else "all"
    return f"feeds/{owner}/{feed.kind}-{digest[:16]}.xml"


def _stored(feed: Feed) -> bool:
    """Whether the row's file is really there (storage can be wiped or restored apart from
    the database): same content then still needs writing."""
    return bool(feed.file) and default_storage.exists(feed.file.name)


def gzip_name(name: str) -> str:
    """The compressed copy stored next to a feed file."""
    return f"{name}.gz"


def _store(feed: Feed, tmp: BinaryIO, digest: str) -> str:
    """Save the XML and a gzip copy of it (boards that take gzip fetch about a tenth of the
    bytes); the name of the XML. A copy that could not be stored under its expected name is
    dropped: the view then serves the XML."""
    tmp.seek(0)
    name = default_storage.save(_file_name(feed, digest), File(tmp))
    with tempfile.TemporaryFile() as packed:
        tmp.seek(0)
        # mtime 0: the same XML always packs to the same bytes
        with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0) as zipped:
            shutil.copyfileobj(tmp, zipped, 1 << 20)
        packed.seek(0)
        stored = default_storage.save(gzip_name(name), File(packed))
    if stored != gzip_name(name):
        _delete_quietly(stored)
    return name


def _delete_later(name: str, *, kept: str) -> None:
    """Delete a stored file once the row no longer names it (after commit). Never the file
    the row keeps (`kept`): two builds of the same content may end with one name (a bucket
    checks that a name is free and writes it in two requests, so both can take it), and a
    concurrent build's copy would be that very file."""
    if name and name != kept:
        transaction.on_commit(partial(_delete_quietly, name))


def _delete_quietly(name: str) -> None:
    """Delete a feed file and its gzip copy."""
    for each in (name, gzip_name(name)):
        try:
            default_storage.delete(each)
        except OSError:  # already gone: a concurrent build removed it
            logger.info("Feed file %s was already gone", each)


def _swap(feed: Feed, tmp: BinaryIO, *, digest: str, size: int, count: int,
          started: datetime) -> None:
    """Point the row at the new content (if it is new) and settle whether it is fresh."""
    c0 = feed.changes
    etag = f'"{digest}"'
    # store outside the row lock: boards' changes wait on that lock, a storage write need not
    new_name = _store(feed, tmp, digest) if etag != feed.etag or not _stored(feed) else ""
    with transaction.atomic():
        row = Feed.objects.select_for_update().get(pk=feed.pk)
        if row.built_changes > c0:  # a build that started later landed first: it wins
            _delete_later(new_name, kept=row.file.name)
            return
        values: dict[str, object] = {"generated_at": started, "built_changes": c0, "error": ""}
        if etag != row.etag or not _stored(row):
            new_name = new_name or _store(feed, tmp, digest)  # another build changed it meanwhile
            values.update(file=new_name, etag=etag, last_modified=timezone.now(),
                          job_count=count, size=size)
            _delete_later(row.file.name, kept=new_name)
        else:
            _delete_later(new_name, kept=row.file.name)
        Feed.objects.filter(pk=row.pk).update(**values)
        if Feed.objects.filter(pk=row.pk, changes=c0).update(stale_since=None):
            return
        # a change came in during the build; the next build takes it
        if row.stale_since and row.stale_since >= started:
            return  # that change found the feed fresh and scheduled the build itself
        Feed.objects.filter(pk=row.pk).update(stale_since=started)
        transaction.on_commit(partial(_schedule, [row.pk], settings.FEED_COALESCE_SECONDS))


def build_now(*, practice: Practice) -> list[Feed]:
    """Rebuild the practice's feeds at once (they are small) and hand the deployment's to a
    worker without the coalescing delay: the status card's "send again". Returns the
    practice's feeds as built."""
    with transaction.atomic(), scopes_disabled():
        touched = _touched_by(practice)
        _bump(touched)
        feeds = list(Feed.objects.filter(touched).select_related("practice").order_by("pk"))
    built = [build(feed, force=True) for feed in feeds if feed.practice_id]
    deployment = [feed.pk for feed in feeds if not feed.practice_id]
    if deployment:
        transaction.on_commit(partial(_schedule, deployment, 0))
    return built


def build_by_id(feed_id: int) -> Feed | None:
    """The worker's entry point: build the feed if it still exists."""
    feed = Feed.objects.filter(pk=feed_id).first()
    return build(feed) if feed else None


# --- Periodic work ----------------------------------------------------------------------------

def sweep() -> int:
    """Hand over builds of feeds stale for longer than a build normally takes to come (lost
    messages, a killed worker, a failed build); forget deployment fetches past retention.
    Returns how many builds were handed over."""
    now = timezone.now()
    overdue = now - timedelta(seconds=settings.FEED_COALESCE_SECONDS
                              + settings.FEED_SWEEP_GRACE_SECONDS)
    ids = list(Feed.objects.filter(stale_since__lt=overdue).order_by("stale_since")
               .values_list("pk", flat=True)[:SWEEP_BATCH])
    FeedFetch.objects.filter(feed__practice=None, fetched_at__lt=_retention_cutoff(now)).delete()
    if ids:
        _schedule(ids, 0)
    return len(ids)


def expire(*, practice: Practice) -> bool:
    """Mark the feeds stale when one of the practice's jobs reached its closing date since
    they were built, so it drops out; forget the practice's fetches past retention. True
    when the feeds were marked."""
    FeedFetch.objects.filter(practice=practice,
                             fetched_at__lt=_retention_cutoff(timezone.now())).delete()
    with scopes_disabled():
        oldest = (Feed.objects.filter(_touched_by(practice, create=False), stale_since=None)
                  .aggregate(oldest=Min("generated_at"))["oldest"])
        if oldest is None:  # never built, or a build is on its way
            return False
        built_on = timezone.localdate(oldest, timezone=zoneinfo.ZoneInfo(practice.timezone))
        # a job closing on day D is live through D: built on or before D, gone after D
        expired = Job.objects.filter(practice=practice, status=Job.Status.PUBLISHED,
                                     closes_on__gte=built_on,
                                     closes_on__lt=practice_today(practice)).exists()
    if expired:
        mark_stale(practice=practice)
    return expired


def _retention_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=settings.FEED_FETCH_RETENTION_DAYS)
