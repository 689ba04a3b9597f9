"""One small interface for every job board: what it needs of a job (`needs`), whether and
how it is notified of a change (`pushes`, `configured`, `admit`, `send`), and what came
back (`Answer`, which jobs.syndication.deliveries records).

Pull boards (Indeed, ZipRecruiter) read our XML feeds and are never called. Two boards take
pushes; their endpoints and credentials come from settings (or, for the webhook, from the
practice's own choice), never from code: the Google Indexing API
(jobs.syndication.google_indexing) and the signed webhook of the generic board
(jobs.syndication.webhook). Here too: the links to a job's page and apply form that boards
are given, and the registry of every board's adapter (`adapter_for`, `push_adapters`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode

from django.urls import reverse

from hiring.models import Practice
from jobs.models import Board, Delivery, Job
from jobs.structured_data import absolute_url
from jobs.syndication import http
from jobs.syndication.boards import source_for
from jobs.syndication.http import Outcome

if TYPE_CHECKING:
    from jobs.services import Problem

USER_AGENT = "HiringATS-Syndication/1.0"


@dataclass(frozen=True)
class Answer:
    """What a board said to one call: accepted, try again later, or refused for good."""

    outcome: Outcome
    status_code: int | None = None
    error: str = ""

    @classmethod
    def of(cls, response: http.Response) -> Answer:
        return cls(response.outcome, response.status, response.error)

    @classmethod
    def retry(cls, error: str, status_code: int | None = None) -> Answer:
        return cls(Outcome.RETRY, status_code, error)

    @classmethod
    def final(cls, error: str, status_code: int | None = None) -> Answer:
        return cls(Outcome.FINAL, status_code, error)


@dataclass(frozen=True)
class Hold:
    """Not now, and not the board's fault (a quota): wait until `until` without counting an
    attempt."""

    until: datetime
    reason: str


class Adapter:
    """A board. Pull boards keep the defaults; push boards override the notification part."""

    board: ClassVar[str]
    pushes: ClassVar[bool] = False

    def configured(self, practice: Practice) -> bool:
        """Whether a notification to this board is possible for this practice."""
        return False

    def needs(self, job: Job) -> list[Problem]:
        """What the board needs of the job that it lacks."""
        from jobs.syndication.checks import board_problems  # written alongside; read late

        return board_problems(job, self.board)

    def admit(self, delivery: Delivery) -> Hold | None:
        """Take what one call spends (a quota), or say how long to wait for it."""
        return None

    def send(self, delivery: Delivery) -> Answer:
        raise NotImplementedError(f"{self.board} reads our feeds; it is never called")


class PullBoard(Adapter):
    def __init__(self, board: str) -> None:
        self.board = board  # type: ignore[misc]


# --- Links ----------------------------------------------------------------------------------

def job_page_url(job: Job) -> str:
    """The job's public page: what Google is told about and what webhooks link to."""
    return absolute_url(reverse("careers:job", kwargs={"practice": job.practice.slug,
                                                       "job_slug": job.slug}))


def job_apply_url(job: Job, board: str) -> str:
    path = reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                               "job_slug": job.slug})
    return absolute_url(f"{path}?{urlencode({'source': source_for(board)})}")


# --- Registry -------------------------------------------------------------------------------

@functools.cache
def _registry() -> dict[str, Adapter]:
    # imported here, not at the top: both modules import this one for Adapter and Answer,
    # so importing them at load time would be a cycle
    from jobs.syndication.google_indexing import GoogleIndexing
    from jobs.syndication.webhook import GenericWebhook

    return {
        Board.INDEED: PullBoard(Board.INDEED),
        Board.ZIPRECRUITER: PullBoard(Board.ZIPRECRUITER),
        Board.GOOGLE: GoogleIndexing(),
        Board.GENERIC: GenericWebhook(),
    }


def adapter_for(board: str) -> Adapter:
    return _registry()[board]


def push_adapters() -> list[Adapter]:
    return [adapter for adapter in _registry().values() if adapter.pushes]
