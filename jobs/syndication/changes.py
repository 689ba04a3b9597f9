"""What the rest of the app tells syndication: a job, a practice or a board choice changed.
Each call marks the affected feeds stale (built again shortly, coalesced) and records the
notifications push-type boards need; both happen only if the caller's transaction commits."""

from __future__ import annotations

from hiring.models import Practice
from jobs.models import Job
from jobs.syndication import deliveries, feeds


def job_changed(job: Job) -> None:
    """A job was published, edited, paused, closed or moved on or off a board."""
    feeds.mark_stale(practice=job.practice)
    deliveries.record_change(job)


def practice_changed(practice: Practice) -> None:
    """The practice's name, address or a site changed: every feed of it says so."""
    feeds.mark_stale(practice=practice)


def board_changed(*, practice: Practice, board: str) -> None:
    """The practice turned a board on or off, or changed its webhook."""
    feeds.mark_stale(practice=practice)
    deliveries.record_board_change(practice=practice, board=board)
