"""For the push-board tests: a job board on 127.0.0.1 (a real HTTP server in a thread that
records every POST and answers each with the next scripted reply for its path, 200 `{}` when
the script runs out), and the rows a push needs."""

from __future__ import annotations

import json
import socket
import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Practice
from jobs.models import Board, BoardAccount, Delivery, Job
from tests.factories import JobFactory

SECRET = "b" * 64  # the webhook's signing secret in these tests

# what the handler may write in place of an HTTP answer
GARBAGE = b"THIS IS NOT HTTP\r\n\r\n"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b"{}"
    delay: float = 0.0  # seconds before answering (longer than the client's timeout: a hang)
    raw: bytes | None = None  # written as is instead of an HTTP answer
    hold: threading.Event | None = None  # answer only once this is set


def ok(data: dict[str, Any] | None = None) -> Reply:
    return Reply(200, json.dumps(data or {}).encode())


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class BoardServer:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.answered: list[tuple[Seen, int]] = []  # the calls that got an HTTP status back
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._defaults: dict[str, Reply] = {}
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda *args: None  # a client that hung up is expected
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def script(self, path: str, *replies: Reply) -> None:
        self._scripts[path].extend(replies)

    def default(self, path: str, reply: Reply) -> None:
        """The reply for `path` once its script has run out."""
        self._defaults[path] = reply

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def __enter__(self) -> BoardServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def _next(self, path: str) -> Reply:
        script = self._scripts[path]
        return script.popleft() if script else self._defaults.get(path, ok())

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                server.requests.append(seen)
                reply = server._next(self.path)
                if reply.hold is not None:
                    while not (reply.hold.is_set() or server._stopping.is_set()):
                        reply.hold.wait(0.05)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.raw is not None:
                    self.wfile.write(reply.raw)
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                server.answered.append((seen, reply.status))

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet test output

        return Handler


def closed_port() -> int:
    """A port where nothing listens: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Rows -----------------------------------------------------------------------------------

def fast(settings: Any) -> None:
    """Short timeouts and waits, a few attempts, and the local server allowed as a webhook."""
    settings.SYNDICATION_HTTP_TIMEOUT = 0.5
    settings.SYNDICATION_RETRY_BASE_SECONDS = 1
    settings.SYNDICATION_RETRY_MAX_SECONDS = 4
    settings.SYNDICATION_MAX_ATTEMPTS = 3
    settings.SYNDICATION_SEND_LEASE_SECONDS = 2
    settings.SYNDICATION_ALLOW_PRIVATE_WEBHOOKS = True
    settings.GOOGLE_INDEXING_CREDENTIALS = ""


def webhook(practice: Practice, url: str, *, enabled: bool = True) -> BoardAccount:
    with scopes_disabled():
        return BoardAccount.objects.create(practice=practice, board=Board.GENERIC,
                                           enabled=enabled, webhook_url=url,
                                           webhook_secret=SECRET)


def published_job(practice: Practice, **fields: Any) -> Job:
    now = timezone.now()
    with scopes_disabled():
        return JobFactory(practice=practice, status=Job.Status.PUBLISHED, published_at=now,
                          first_published_at=now, **fields)


def delivery(job: Job, board: str = Board.GENERIC, **fields: Any) -> Delivery:
    from jobs.syndication.adapters import job_page_url

    fields.setdefault("action", Delivery.Action.UPDATED)
    with scopes_disabled():
        return Delivery.objects.create(practice=job.practice, job=job, board=board,
                                       url=job_page_url(job), **fields)


def make_due(row: Delivery) -> None:
    """Skip the wait before the next attempt."""
    with scopes_disabled():
        Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())


def send_in_scope(row: Delivery) -> Delivery:
    """Send as the worker does: inside the delivery's practice."""
    from django_scopes import scope

    from jobs.syndication.deliveries import send

    with scope(practice=row.practice):
        return send(row)
