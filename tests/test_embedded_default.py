"""`make run` works out of the box: SQLite, no Redis, no mail server, background work inline.

Each command runs in a subprocess whose environment lacks everything the test settings set
(DATABASE_URL aside: it points at a SQLite file in a temporary directory, so the developer's
var/db.sqlite3 is left alone). None of these tests use the Django test database."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, OpenerDirector, Request, build_opener

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# what pytest-env sets, and what the browser tests set while Playwright runs
REMOVED_VARIABLES = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "CELERY_EAGER", "SECRET_KEY",
                     "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE",
                     "DJANGO_ALLOW_ASYNC_UNSAFE")
DEMO_OWNER = "owner@demo-clinic.test"
DEMO_PASSWORD = "harbor-lantern-62-thistle"
STARTUP_TIMEOUT = 30
COUNT_ROWS = """SELECT (SELECT COUNT(*) FROM hiring_practice), (SELECT COUNT(*) FROM hiring_user),
                       (SELECT COUNT(*) FROM hiring_membership)"""


class Embedded:
    """A scratch installation of the embedded default: its environment and SQLite file."""

    def __init__(self, directory: Path) -> None:
        self.database = directory / "db.sqlite3"
        self.log = directory / "runserver.log"
        self.env = {name: value for name, value in os.environ.items()
                    if name not in REMOVED_VARIABLES}
        self.env.update(DEBUG="true", DATABASE_URL=f"sqlite:///{self.database}",
                        MEDIA_ROOT=str(directory / "media"))

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env,
            capture_output=True, text=True, timeout=120, check=False)

    def counts(self) -> dict[str, int]:
        """How many practices, users and memberships the SQLite file holds."""
        with closing(sqlite3.connect(self.database)) as connection:
            practices, users, memberships = connection.execute(COUNT_ROWS).fetchone()
        return {"practices": practices, "users": users, "memberships": memberships}


def _check(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited with {server.returncode}:\n{log.read_text()}")
        try:
            with build_opener().open(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"runserver did not answer {url} within {STARTUP_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Embedded:
    """Migrated and seeded with the demo practice, as `make run` does the first time."""
    installation = Embedded(tmp_path_factory.mktemp("embedded"))
    _check(installation.manage("migrate", "--noinput"))
    _check(installation.manage("seed_demo", "--password", DEMO_PASSWORD))
    return installation


@pytest.fixture(scope="module")
def server(embedded: Embedded) -> Iterator[str]:
    """`manage.py runserver` on a free port; yields its base URL."""
    base_url = f"http://127.0.0.1:{_free_port()}"
    with embedded.log.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", "runserver", base_url.removeprefix("http://"),
             "--noreload"],
            cwd=BASE_DIR, env=embedded.env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(f"{base_url}/accounts/login/", process, embedded.log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _log_in(opener: OpenerDirector, login_url: str, email: str, password: str) -> tuple[str, str]:
    """Log in through the form as a browser would; return the final URL and page."""
    with opener.open(login_url, timeout=10) as response:
        form = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, form
    data = urlencode({"csrfmiddlewaretoken": token.group(1), "username": email,
                      "password": password}).encode()
    request = Request(login_url, data=data, headers={"Referer": login_url})  # noqa: S310 (http)
    with opener.open(request, timeout=10) as response:
        return response.url, response.read().decode()


def test_seed_demo_runs_again_without_duplicating(embedded):
    before = embedded.counts()

    result = _check(embedded.manage("seed_demo", "--password", DEMO_PASSWORD))

    assert "already there" in result.stdout
    assert before == {"practices": 1, "users": 3, "memberships": 3}
    assert embedded.counts() == before


def test_demo_owner_logs_in_over_http(server):
    opener = build_opener(HTTPCookieProcessor(CookieJar()))

    url, page = _log_in(opener, f"{server}/accounts/login/", DEMO_OWNER, DEMO_PASSWORD)

    assert url == f"{server}/app/demo-clinic/"
    assert "Demo Family Clinic" in page


def test_healthz_is_ok_without_redis(server):
    with build_opener().open(f"{server}/healthz", timeout=10) as response:
        status, content_type, report = (response.status, response.headers["Content-Type"],
                                        json.load(response))

    assert status == 200
    assert content_type == "application/json"
    assert report["status"] == "ok", report


CRAWL_LIMIT = 250  # pages; the demo practice's staff app has fewer distinct pages than this
SKIP_LINKS = re.compile(r"/(logout|download|export)/|\.(zip|docx|pdf|ics|csv)$")


def _staff_links(page: str, prefix: str) -> set[str]:
    return {href.split("#")[0] for href in re.findall(r'href="([^"]+)"', page)
            if href.startswith(prefix) and not SKIP_LINKS.search(href.split("?")[0])}


def test_every_staff_page_of_the_demo_opens_on_sqlite(server):
    """Postgres-only queries (DISTINCT ON, full-text search) must not reach the embedded
    default: the owner follows every link of the demo practice's staff app."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    start, page = _log_in(opener, f"{server}/accounts/login/", DEMO_OWNER, DEMO_PASSWORD)
    prefix = "/app/demo-clinic/"
    seen, queue, broken = {start.removeprefix(server)}, [page], []
    while queue and len(seen) < CRAWL_LIMIT:
        for link in sorted(_staff_links(queue.pop(), prefix) - seen):
            seen.add(link)
            try:
                with opener.open(f"{server}{link}", timeout=20) as response:
                    if response.headers.get_content_type() == "text/html":
                        queue.append(response.read().decode())
            except HTTPError as exc:
                broken.append(f"{link}: {exc.code}")

    assert len(seen) > 30, sorted(seen)
    assert broken == []


def test_the_demo_feeds_are_served_on_sqlite(server):
    for path in ("/careers/demo-clinic/feeds/indeed.xml", "/careers/demo-clinic/sitemap.xml",
                 "/feeds/indeed.xml", "/feeds/ziprecruiter.xml"):
        with build_opener().open(f"{server}{path}", timeout=20) as response:
            assert response.status == 200, path
            assert b"<?xml" in response.read(100), path
