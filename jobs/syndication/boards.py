"""Which boards a practice posts to and which of its jobs each board gets.

The rules, in one place for the feeds, the pushes, the job page and the status card:
- a job is live while it is published and its closing date (a day of the practice's
  calendar) has not passed, and its practice is active;
- a practice posts to a board when it turned it on (Google is on unless turned off);
- a job may be kept off a board, except Indeed, which refuses partial feeds: a practice in
  the Indeed feed has all its live jobs there.
"""

from __future__ import annotations

import secrets
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hiring.models import Practice, User
from hiring.services import audit_log
from jobs.models import Board, BoardAccount, Delivery, Feed, Job, JobBoardOptOut
from jobs.services import practice_today


@dataclass(frozen=True)
class BoardInfo:
    board: Board
    default_on: bool
    feed_kind: str | None  # the Feed.Kind boards pull, None for boards that read our pages
    per_job: bool  # whether a job may be kept off it
    source: str  # ?source= on our links, so applications are credited to the board
    about: str


BOARDS: dict[str, BoardInfo] = {
    Board.INDEED: BoardInfo(Board.INDEED, False, Feed.Kind.INDEED, False, "indeed", gettext_lazy(
        "Indeed reads your jobs from an XML feed about four times a day. It takes every "
        "public job of a practice or none.")),
    Board.ZIPRECRUITER: BoardInfo(
        Board.ZIPRECRUITER, False, Feed.Kind.ZIPRECRUITER, True, "ziprecruiter", gettext_lazy(
            "ZipRecruiter reads your jobs from an XML feed at least once a day.")),
    Board.GOOGLE: BoardInfo(Board.GOOGLE, True, None, True, "google", gettext_lazy(
        "Google for Jobs reads the job details on each job's page and your sitemap; where "
        "this server is set up for it, Google is also told at once when a job opens or "
        "closes.")),
    Board.GENERIC: BoardInfo(Board.GENERIC, False, Feed.Kind.GENERIC, True, "jobfeed",
                             gettext_lazy(
        "A generic XML feed for other job sites and aggregators; it can also call an "
        "address you give whenever a job changes.")),
}
FEED_BOARDS = {info.feed_kind: board for board, info in BOARDS.items() if info.feed_kind}


def source_for(board: str) -> str:
    return BOARDS[board].source


# --- Reading the rules ----------------------------------------------------------------------

def _not_expired(practice: Practice | None) -> Q:
    """Closing date not passed, each practice on its own calendar (one query whatever the
    number of practices: one condition per time zone in use)."""
    if practice is not None:
        return Q(closes_on__isnull=True) | Q(closes_on__gte=practice_today(practice))
    now = timezone.now()
    zones = (Practice.objects.filter(is_active=True).order_by().values_list("timezone",
                                                                              flat=True)
             .distinct())
    condition = Q(closes_on__isnull=True)
    for zone in zones:
        today = timezone.localdate(now, timezone=zoneinfo.ZoneInfo(zone))
        condition |= Q(practice__timezone=zone, closes_on__gte=today)
    return condition


def live_jobs(practice: Practice | None = None) -> QuerySet[Job]:
    """Published, unexpired jobs of active practices: what the careers pages show."""
    # through the related manager, each job already knows its practice (no query per row)
    jobs = Job.objects.all() if practice is None else practice.jobs.all()
    return jobs.filter(_not_expired(practice), status=Job.Status.PUBLISHED,
                       practice__is_active=True)


def _practice_posts_to(board: str) -> Q:
    accounts = BoardAccount.objects.filter(practice=OuterRef("practice"), board=board)
    if BOARDS[board].default_on:
        return ~Exists(accounts.filter(enabled=False))
    return Exists(accounts.filter(enabled=True))


def syndicated_jobs(board: str, practice: Practice | None = None) -> QuerySet[Job]:
    """The live jobs `board` gets: of `practice`, or of every practice when None."""
    jobs = live_jobs(practice).filter(_practice_posts_to(board))
    if BOARDS[board].per_job:
        jobs = jobs.filter(~Exists(JobBoardOptOut.objects.filter(job=OuterRef("pk"),
                                                                 board=board)))
    return jobs


def board_enabled(practice: Practice, board: str) -> bool:
    account = BoardAccount.objects.filter(practice=practice, board=board).first()
    return account.enabled if account else BOARDS[board].default_on


def boards_of(practice: Practice) -> dict[str, BoardAccount]:
    """Every board with the practice's choice (unsaved defaults for boards never touched)."""
    saved = {a.board: a for a in BoardAccount.objects.filter(practice=practice)}
    return {board: saved.get(board) or BoardAccount(practice=practice, board=board,
                                                    enabled=info.default_on)
            for board, info in BOARDS.items()}


def job_boards(job: Job) -> dict[str, bool]:
    """Board → whether this job goes there when live (the practice posts there and the job
    is not kept off it)."""
    off = set(JobBoardOptOut.objects.filter(job=job).values_list("board", flat=True))
    return {board: account.enabled and (board not in off or not BOARDS[board].per_job)
            for board, account in boards_of(job.practice).items()}


def job_is_syndicated(job: Job, board: str) -> bool:
    return syndicated_jobs(board, job.practice).filter(pk=job.pk).exists()


# --- Changing them --------------------------------------------------------------------------

@transaction.atomic
def board_set(*, practice: Practice, board: str, enabled: bool, actor: User,
              webhook_url: str | None = None) -> BoardAccount:
    """Turn a board on or off for the practice (and set the generic board's webhook)."""
    from jobs.syndication import changes

    if board not in BOARDS:
        raise ValidationError(_("Unknown job board."))
    account, _created = BoardAccount.objects.select_for_update().get_or_create(
        practice=practice, board=board, defaults={"enabled": BOARDS[board].default_on})
    was = (account.enabled, account.webhook_url)
    account.enabled = enabled
    if webhook_url is not None:
        if webhook_url and board != Board.GENERIC:
            raise ValidationError({"webhook_url": _("Only the generic feed calls a webhook.")})
        account.webhook_url = webhook_url.strip()
    if account.webhook_url and not account.webhook_secret:
        account.webhook_secret = secrets.token_hex(32)
    account.updated_by = actor
    account.full_clean()
    account.save()
    if was != (account.enabled, account.webhook_url):
        audit_log(action="jobs.board.changed", actor=actor, obj=account, practice=practice,
                  data={"board": board, "enabled": enabled,
                        "webhook": bool(account.webhook_url)})
        changes.board_changed(practice=practice, board=board)
    return account


@transaction.atomic
def job_board_set(*, job: Job, board: str, enabled: bool, actor: User) -> None:
    """Keep a job off a board, or let it go there again."""
    from jobs.syndication import changes

    if not BOARDS[board].per_job:
        raise ValidationError(_("%(board)s takes every public job of a practice; turn it off "
                                "for the whole practice in Job boards.")
                              % {"board": Board(board).label})
    if enabled:
        removed, _rows = JobBoardOptOut.objects.filter(job=job, board=board).delete()
        changed = removed > 0
    else:
        _row, changed = JobBoardOptOut.objects.get_or_create(practice=job.practice, job=job,
                                                             board=board)
    if changed:
        audit_log(action="jobs.job.board_changed", actor=actor, obj=job,
                  data={"board": board, "enabled": enabled})
        changes.job_changed(job)


def job_board_refresh(*, job: Job, board: str, actor: User) -> Delivery | None:
    """Bring `board` up to date with the job now, for the job page's "Resend": a board this
    server notifies gets the notification again (the delivery is returned); a board that
    reads a feed (or Google without credentials, reading the sitemap) gets the practice's
    and the deployment's feeds built at once, so its next visit finds the job as it is."""
    from jobs.syndication import adapters, deliveries, feeds

    if board not in BOARDS:
        raise ValidationError(_("Unknown job board."))
    adapter = adapters.adapter_for(board)
    if adapter.pushes and adapter.configured(job.practice):
        return deliveries.resend(job=job, board=board, actor=actor)
    feeds.build_now(practice=job.practice)
    return None
