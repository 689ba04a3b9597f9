"""What the staff pages say about syndication, read in a fixed, small number of queries
whatever the number of jobs, fetches or deliveries:

- `job_board_status(job)`: the job page's "Job boards" card, one row per board;
- `practice_board_status(practice)`: the practice's "Job boards" page.

Google has no XML feed of its own: it reads the job pages and the sitemap, so the sitemap
stands for its feed here (built with the others, fetched by Googlebot)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _

from hiring.models import Practice
from jobs.models import Board, BoardAccount, Delivery, Feed, FeedFetch, Job
from jobs.services import Problem
from jobs.structured_data import absolute_url
from jobs.syndication.boards import BOARDS, boards_of, job_boards, syndicated_jobs
from jobs.syndication.checks import problems_for

# the feed each board reads
BOARD_FEEDS: dict[str, str] = {board: info.feed_kind or Feed.Kind.SITEMAP
                               for board, info in BOARDS.items()}
# the practice's URL of each feed kind (jobs/syndication/feed_views.py)
FEED_URL_NAMES = {
    Feed.Kind.INDEED: "careers:feed-indeed",
    Feed.Kind.ZIPRECRUITER: "careers:feed-ziprecruiter",
    Feed.Kind.GENERIC: "careers:feed-generic",
    Feed.Kind.SITEMAP: "careers:sitemap",
}
RECENT_FETCHES = 5  # per feed on the practice's page: enough to see a board comes regularly


def feed_url(practice: Practice, kind: str) -> str:
    """The absolute address of the practice's feed, to give the board."""
    return absolute_url(reverse(FEED_URL_NAMES[kind], kwargs={"practice": practice.slug}))


def _adapter(board: str) -> Any:
    from jobs.syndication.adapters import adapter_for  # written alongside; imported late

    return adapter_for(board)


def _pushes(board: str, practice: Practice) -> bool:
    """Whether this server notifies `board` of the practice's changes (Google with
    credentials set, the generic board with a webhook)."""
    adapter = _adapter(board)
    return bool(adapter.pushes and adapter.configured(practice))


def _feeds(practice: Practice) -> dict[tuple[bool, str], Feed]:
    """(is the deployment's, kind) → feed, for the practice's feeds and the deployment's."""
    feeds = Feed.objects.filter(Q(practice=practice) | Q(practice__isnull=True),
                                kind__in=set(BOARD_FEEDS.values()))
    return {(feed.practice_id is None, feed.kind): feed for feed in feeds}


def _recent_fetches(feeds: list[Feed], per_feed: int) -> dict[int, list[FeedFetch]]:
    """Feed id → its last `per_feed` fetches, newest first, in one query."""
    if not feeds:
        return {}
    ranked = (FeedFetch.objects.filter(feed__in=feeds)
              .annotate(rank=Window(RowNumber(), partition_by=F("feed_id"),
                                    order_by=F("fetched_at").desc()))
              .filter(rank__lte=per_feed).order_by("feed_id", "-fetched_at"))
    found: dict[int, list[FeedFetch]] = {feed.pk: [] for feed in feeds}
    for fetch in ranked:
        found[fetch.feed_id].append(fetch)
    return found


# --- One job's card -------------------------------------------------------------------------

@dataclass(frozen=True)
class JobBoardStatus:
    """One board on a job's page."""

    board: str
    label: str
    per_job: bool  # a job may be kept off it (all but Indeed)
    practice_on: bool  # the practice posts there
    goes_there: bool  # the practice posts there and the job is not kept off it
    syndicated: bool  # the rules put the job there now (live and going there)
    in_feed: bool  # and the feed's last build has it
    feed_kind: str
    last_fetch: FeedFetch | None  # the board's last visit to the practice's feed or ours
    pushes: bool  # this server notifies the board of changes
    last_delivery: Delivery | None
    problems: list[Problem]

    @property
    def summary(self) -> str:
        """Where the job stands with the board, in one sentence."""
        is_sitemap = self.feed_kind == Feed.Kind.SITEMAP
        if not self.practice_on:
            return _("The practice does not post to %(board)s.") % {"board": self.label}
        if not self.goes_there:
            return _("Kept off %(board)s.") % {"board": self.label}
        if not self.syndicated:
            return _("Goes to %(board)s while the job is published and open.") % {
                "board": self.label}
        if self.in_feed:
            return _("In the sitemap Google reads.") if is_sitemap else _("In the feed.")
        if is_sitemap:
            return _("Joins the sitemap at the next build, within a minute.")
        return _("Joins the feed at the next build, within a minute.")


def _in_last_build(feed: Feed | None, job: Job) -> bool:
    """The feed was built after the job last changed, and nothing changed since."""
    return bool(feed and feed.generated_at and feed.built_changes == feed.changes
                and feed.generated_at >= job.updated_at)


def _syndicated(job: Job) -> dict[str, bool]:
    """Board → whether the rules put the job there now, for every board in one query."""
    flags = {f"on_{board}": Exists(syndicated_jobs(board, job.practice).filter(pk=OuterRef("pk")))
             for board in BOARDS}
    row = Job.objects.filter(pk=job.pk).annotate(**flags).values(*flags).first() or {}
    return {board: bool(row.get(f"on_{board}")) for board in BOARDS}


def _last_deliveries(job: Job) -> dict[str, Delivery]:
    # the newest per board; a window rather than DISTINCT ON, which SQLite lacks
    latest = (Delivery.objects.filter(job=job)
              .annotate(rank=Window(RowNumber(), partition_by=F("board"),
                                    order_by=F("created_at").desc()))
              .filter(rank=1))
    return {delivery.board: delivery for delivery in latest}


def job_board_status(job: Job) -> list[JobBoardStatus]:
    """Every board with where this job stands there, what it lacks for it, when the board
    last came for the feed and, for boards we notify, the last notification."""
    practice = job.practice
    accounts = boards_of(practice)
    going = job_boards(job)
    syndicated = _syndicated(job)
    feeds = _feeds(practice)
    fetches = _recent_fetches(list(feeds.values()), 1)
    deliveries = _last_deliveries(job)
    problems = problems_for(job, [board for board, goes in going.items() if goes])
    rows = []
    for board, info in BOARDS.items():
        kind = BOARD_FEEDS[board]
        own, shared = feeds.get((False, kind)), feeds.get((True, kind))
        visits = [f for feed in (own, shared) if feed for f in fetches.get(feed.pk, [])]
        rows.append(JobBoardStatus(
            board=board, label=str(Board(board).label), per_job=info.per_job,
            practice_on=accounts[board].enabled, goes_there=going[board],
            syndicated=syndicated[board],
            in_feed=syndicated[board] and _in_last_build(own, job), feed_kind=kind,
            last_fetch=max(visits, key=lambda f: f.fetched_at, default=None),
            pushes=_pushes(board, practice), last_delivery=deliveries.get(board),
            problems=problems.get(board, [])))
    return rows


# --- The practice's page --------------------------------------------------------------------

@dataclass(frozen=True)
class PracticeBoardStatus:
    """One board on the practice's "Job boards" page."""

    board: str
    label: str
    about: str
    account: BoardAccount  # unsaved when the practice never changed the board's default
    feed_kind: str
    feed_url: str
    feed: Feed | None  # the practice's own feed of that kind
    fetches: list[FeedFetch]  # the last visits to the practice's feed, newest first
    shared_fetches: list[FeedFetch]  # the last visits to the deployment's feed of that kind
    pushable: bool  # the board can be notified at all (Google, the generic webhook)
    pushes: bool  # and this server does it for the practice now

    @property
    def enabled(self) -> bool:
        return self.account.enabled

    @property
    def built_at(self) -> datetime | None:
        return self.feed.generated_at if self.feed else None

    @property
    def is_generic(self) -> bool:
        return self.board == Board.GENERIC

    @property
    def is_google(self) -> bool:
        return self.board == Board.GOOGLE

    @property
    def visits(self) -> list[tuple[FeedFetch, bool]]:
        """Both feeds' recent visits, newest first: (fetch, whether of the deployment's)."""
        both = [(f, False) for f in self.fetches] + [(f, True) for f in self.shared_fetches]
        return sorted(both, key=lambda visit: visit[0].fetched_at, reverse=True)


def practice_board_status(practice: Practice) -> list[PracticeBoardStatus]:
    """Every board with the practice's choice, its feed and who came for it lately."""
    accounts = boards_of(practice)
    feeds = _feeds(practice)
    fetches = _recent_fetches(list(feeds.values()), RECENT_FETCHES)
    rows = []
    for board, info in BOARDS.items():
        kind = BOARD_FEEDS[board]
        own, shared = feeds.get((False, kind)), feeds.get((True, kind))
        adapter = _adapter(board)
        rows.append(PracticeBoardStatus(
            board=board, label=str(Board(board).label), about=str(info.about),
            account=accounts[board], feed_kind=kind, feed_url=feed_url(practice, kind),
            feed=own, fetches=fetches.get(own.pk, []) if own else [],
            shared_fetches=fetches.get(shared.pk, []) if shared else [],
            pushable=bool(adapter.pushes),
            pushes=bool(adapter.pushes and adapter.configured(practice))))
    return rows
