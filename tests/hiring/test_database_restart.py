"""Postgres restarts under load, as production sees it: gunicorn with two workers reaches the
database through a TCP proxy that the test stops (every connection cut, new ones refused)
and starts again. Requests during the outage answer the branded 503, never a 500; those
after it succeed without restarting anything; no application is half-written."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_scopes import scopes_disabled

from candidates.models import Application, Resume
from hiring.celery import app
from tests.candidates.files import pdf_bytes
from tests.jobs.careers_helpers import published_job

pytestmark = pytest.mark.django_db(transaction=True)
PHRASE = b"be back in a moment"
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresProxy:
    """127.0.0.1:<port> → Postgres. `stop()` is a Postgres restart's first half: the
    listener closes (new connections are refused) and every open connection is cut."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = _free_port()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._running = threading.Event()
        self._acceptor: threading.Thread | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._running.set()
        self._acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._acceptor.start()

    def stop(self) -> None:
        self._running.clear()
        if self._acceptor is not None:
            self._acceptor.join(5)  # it closes the listener itself: nothing is let in after
        with self._lock:
            cut, self._open = self._open, set()
        for sock in cut:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self._running.is_set():
                try:
                    client, _address = listener.accept()
                except TimeoutError:
                    continue
                self._connect(client)

    def _connect(self, client: socket.socket) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        client.settimeout(None)
        server.settimeout(None)
        with self._lock:
            self._open |= {client, server}
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


class Browser:
    """One visitor: plain HTTP to the web process, the CSRF cookie kept."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.csrf = ""

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.csrf:
            sent["Cookie"] = f"csrftoken={self.csrf}"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            answer = Answer(response.status, response.read(),
                            {k.lower(): v for k, v in response.getheaders()})
        finally:
            conn.close()
        cookie = answer.headers.get("set-cookie", "")
        if "csrftoken=" in cookie:
            self.csrf = cookie.split("csrftoken=")[1].split(";")[0]
        return answer

    def apply(self, path: str, key: str) -> Answer:
        boundary = uuid.uuid4().hex
        fields = {"csrfmiddlewaretoken": self.csrf, "first_name": "Jordan",
                  "last_name": "Rivera", "email": f"{key}@example.test", "phone": "555-0100",
                  "consent": "on", "submission_key": key, "website": "", "source": "",
                  "cover_letter": ""}
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                 f"{value}\r\n".encode() for name, value in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; '
                     f'filename="resume.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                     + RESUME + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Referer": f"http://127.0.0.1:{self.port}{path}"})


RESUME = pdf_bytes()


@pytest.fixture
def proxy() -> Iterator[PostgresProxy]:
    db = connection.settings_dict
    proxy = PostgresProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def web(proxy, tmp_path) -> Iterator[int]:
    """gunicorn with two workers, as in production, on the proxied test database; its
    background work goes to Redis (nothing runs it here)."""
    db = connection.settings_dict
    port = _free_port()
    env = {**os.environ,
           "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}",
           "DEBUG": "false", "SECRET_KEY": settings.SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false", "CSRF_COOKIE_SECURE": "false",
           "SESSION_COOKIE_SECURE": "false", "CELERY_EAGER": "false",
           "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
           "EMAIL_URL": "consolemail://", "APPLY_RATE_LIMIT": "100000",
           "MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
           "STATIC_ROOT": str(settings.STATIC_ROOT), "LOG_LEVEL": "WARNING"}
    with (tmp_path / "web.out").open("wb") as out, (tmp_path / "web.err").open("wb") as err:
        process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [str(ROOT / ".venv/bin/gunicorn"), "hiring.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=out, stderr=err)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if Browser(port).request("GET", "/healthz").status == 200:
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail((tmp_path / "web.err").read_text()[-3000:])
            yield port
        finally:
            process.terminate()
            process.wait(15)
            with app.connection_for_write() as conn:  # the work it queued; no worker ran
                conn.default_channel.queue_purge("celery")


@dataclass
class Seen:
    phase: str
    kind: str
    status: int
    body: bytes
    key: str = ""


def _phase(begun: str, ended: str) -> str:
    """A request's phase, when it began and ended in the same one; else "changing"."""
    return begun if begun == ended else "changing"


def test_a_postgres_restart_under_load_fails_cleanly_and_heals(practice, proxy, web,
                                                                tmp_path):
    job = published_job(practice, slug="medical-assistant")
    page = f"/careers/{practice.slug}/jobs/{job.slug}/"
    apply = f"/careers/{practice.slug}/jobs/{job.slug}/apply/"
    phase = {"now": "before"}
    seen: list[Seen] = []
    stop = threading.Event()

    def visitor() -> None:
        browser = Browser(web)
        assert browser.request("GET", apply).status == 200  # the CSRF cookie
        while not stop.is_set():
            begun = phase["now"]
            answer = browser.request("GET", page)
            seen.append(Seen(_phase(begun, phase["now"]), "page", answer.status, answer.body))
            key, begun = str(uuid.uuid4()), phase["now"]
            answer = browser.apply(apply, key)
            seen.append(Seen(_phase(begun, phase["now"]), "apply", answer.status, answer.body,
                             key))
            time.sleep(0.05)

    visitors = [threading.Thread(target=visitor) for _ in range(3)]
    for thread in visitors:
        thread.start()
    time.sleep(2)

    phase["now"] = "outage"
    proxy.stop()
    time.sleep(0.5)  # requests already past the database finish
    phase["now"] = "down"
    time.sleep(2.5)
    health_down = Browser(web).request("GET", "/healthz")
    phase["now"] = "restarted"
    proxy.start()
    restarted = time.monotonic()
    healed = None
    while time.monotonic() - restarted < 10:
        if Browser(web).request("GET", page).status == 200:
            healed = time.monotonic() - restarted
            break
        time.sleep(0.1)
    time.sleep(1.5)
    phase["now"] = "after"
    time.sleep(2)
    stop.set()
    for thread in visitors:
        thread.join(30)
    health_after = Browser(web).request("GET", "/healthz")

    assert [s for s in seen if s.status >= 500 and s.status != 503] == []
    for answer in (s for s in seen if s.status == 503):
        assert PHRASE in answer.body
        assert b"Traceback" not in answer.body
    down = [s for s in seen if s.phase == "down"]
    assert down
    assert {s.status for s in down} == {503}
    assert healed is not None
    assert healed < 5
    after = [s for s in seen if s.phase == "after"]
    assert {(s.kind, s.status) for s in after} == {("page", 200), ("apply", 302)}
    assert health_down.status == 503
    assert b'"failing": ["database"]' in health_down.body
    assert health_after.status == 200
    # every write that was answered as done is there, whole; nothing else is half there
    done = {s.key for s in seen if s.kind == "apply" and s.status == 302}
    with scopes_disabled():
        applications = list(Application.objects.select_related("candidate"))
        with_resume = set(Resume.objects.values_list("candidate_id", flat=True))
    keys = {str(a.submission_key) for a in applications}
    assert done <= keys
    assert all(a.candidate_id in with_resume for a in applications)
    assert len(applications) <= len([s for s in seen if s.kind == "apply"])
    errors = (tmp_path / "web.err").read_text()
    assert "Database unavailable" in errors
    assert "Traceback" not in errors  # one warning line per refused request, nothing else
