"""PLACEHOLDER: written by the deliveries helper."""

from __future__ import annotations

from hiring.models import Practice
from jobs.models import Job


def record_change(job: Job) -> None:
    """Record (or fold into a waiting one) the notification each push board needs."""


def record_board_change(*, practice: Practice, board: str) -> None:
    """A push board turned on (announce every live job) or off (withdraw announced ones)."""
