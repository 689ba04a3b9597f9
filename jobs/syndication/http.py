"""One outbound POST for the push-type boards, on the standard library alone.

It never raises for network trouble: every way a call can go wrong comes back as a short
error and a verdict the delivery worker acts on (`Outcome`): try again later, or give up
because asking again will not help. Redirects are not followed (a board that moved must be
configured again, and a redirect must not lead a practice's webhook to another host) and
proxies from the environment are not used.
"""

from __future__ import annotations

import enum
import http.client
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

BODY_LIMIT = 64 * 1024  # enough for any board's answer; more is noise we don't keep
# Statuses that say "not now" rather than "no": request timeout, too early, too many requests.
RETRYABLE_STATUSES = frozenset({408, 425, 429})


class Outcome(enum.StrEnum):
    OK = "ok"
    RETRY = "retry"  # a passing problem: the same call may succeed later
    FINAL = "final"  # the board refused this call; repeating it will not help


@dataclass(frozen=True)
class Response:
    status: int | None  # None when no HTTP answer came back
    body: bytes
    error: str  # short, for the status page; empty when the board accepted
    outcome: Outcome

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


def outcome_of(status: int) -> Outcome:
    if 200 <= status < 300:
        return Outcome.OK
    if status in RETRYABLE_STATUSES or status >= 500:
        return Outcome.RETRY
    return Outcome.FINAL


def _failed(error: str) -> Response:
    return Response(None, b"", error, Outcome.RETRY)


def _connection(scheme: str, host: str, port: int | None, timeout: float,
                address: str | None) -> http.client.HTTPConnection:
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    if address:
        # Connect to the address the caller already checked, not to whatever the name
        # resolves to a moment later (DNS rebinding); TLS still checks the host name.
        def pinned(target: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
            return socket.create_connection((address, target[1]), *args, **kwargs)  # type: ignore[arg-type]

        conn._create_connection = pinned  # type: ignore[attr-defined]
    return conn


def _read_capped(answer: http.client.HTTPResponse, deadline: float) -> bytes:
    """Up to BODY_LIMIT bytes, within the deadline even when the board drips its answer."""
    chunks: list[bytes] = []
    size = 0
    while size < BODY_LIMIT:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = answer.read1(BODY_LIMIT - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def post(url: str, body: bytes, headers: Mapping[str, str], *, timeout: float | None = None,
         address: str | None = None) -> Response:
    """POST `body` to `url` and say how it went. `timeout` (default
    SYNDICATION_HTTP_TIMEOUT) bounds the whole call, not each read; `address` pins the
    connection to an IP the caller vetted."""
    timeout = float(settings.SYNDICATION_HTTP_TIMEOUT if timeout is None else timeout)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Response(None, b"", f"Not a web address: {url[:200]}", Outcome.FINAL)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + timeout
    conn = _connection(parts.scheme, parts.hostname, parts.port, timeout, address)
    try:
        conn.request("POST", path, body=body, headers=dict(headers))
        if conn.sock is not None:  # the rest of the call gets what is left of the budget
            conn.sock.settimeout(max(deadline - time.monotonic(), 0.01))
        answer = conn.getresponse()
        data = _read_capped(answer, deadline)
    except TimeoutError:
        return _failed(f"No answer within {timeout:g} seconds")
    except http.client.RemoteDisconnected:
        return _failed("Connection closed without an answer")
    except http.client.HTTPException as exc:  # garbage instead of HTTP, or cut off mid-answer
        return _failed(f"Malformed answer ({type(exc).__name__})")
    except ConnectionRefusedError:
        return _failed("Connection refused")
    except ConnectionResetError:
        return _failed("Connection reset")
    except socket.gaierror:
        return _failed(f"Could not look up {parts.hostname}")
    except ssl.SSLError as exc:
        return _failed(f"TLS failed: {exc.reason or exc}"[:300])
    except OSError as exc:
        return _failed(f"Network error: {exc.strerror or exc}"[:300])
    finally:
        conn.close()
    outcome = outcome_of(answer.status)
    error = "" if outcome is Outcome.OK else f"HTTP {answer.status} {answer.reason}".strip()
    return Response(answer.status, data, error, outcome)
