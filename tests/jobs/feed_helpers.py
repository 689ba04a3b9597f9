"""Shared by the feed tests: turning boards on, building a feed, reading it strictly."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.utils import timezone
from django_scopes import scopes_disabled
from lxml import etree

from hiring.models import Practice
from jobs.models import BoardAccount, Feed, Job
from jobs.syndication import feeds
from tests.factories import JobFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# what a board's parser does: no recovery from broken XML, no entity expansion
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


def boards_on(practice: Practice, *boards: str) -> None:
    with scopes_disabled():
        for board in boards:
            BoardAccount.objects.update_or_create(practice=practice, board=board,
                                                  defaults={"enabled": True})


def built(kind: str, practice: Practice | None = None) -> Feed:
    """The feed, built now from the database as it is."""
    feed = feeds.feed_get(practice=practice, kind=kind)
    assert feed is not None, f"no {kind} feed for {practice}"
    feed = feeds.build(feed, force=True)
    assert not feed.error, feed.error
    return feed


def raw(feed: Feed) -> bytes:
    with default_storage.open(feed.file.name, "rb") as stream:
        return stream.read()


def parse(content: bytes) -> etree._Element:
    return etree.fromstring(content, STRICT)


def feed_jobs(kind: str, practice: Practice | None = None) -> list[dict[str, str]]:
    """Each <job> of the freshly built feed as {tag: text} ("" for an empty element)."""
    root = parse(raw(built(kind, practice)))
    return [{child.tag: child.text or "" for child in job} for job in root.iterfind("job")]


def titles(kind: str, practice: Practice | None = None) -> set[str]:
    return {job["title"] for job in feed_jobs(kind, practice)}


def bulk_jobs(practices: list, count: int, *, start: int = 0) -> None:
    """`count` published jobs spread over `practices`, inserted in batches (factories would
    take minutes): the factory's posting, each with its own slug."""
    now = timezone.now()
    template = JobFactory.build()
    fields = {name: getattr(template, name) for name in (
        "title", "pay_min", "pay_max", "about", "responsibilities", "qualifications")}
    with scopes_disabled():
        Job.objects.bulk_create(
            (Job(practice=practices[n % len(practices)], slug=f"job-{n}",
                 status=Job.Status.PUBLISHED, first_published_at=now, published_at=now,
                 **fields) for n in range(start, start + count)), batch_size=2000)
