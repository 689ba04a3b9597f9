"""One deployment on several hosts that share Postgres, Redis and an S3 bucket and nothing
else: two web processes (gunicorn, production settings) and a Celery worker, each in a folder
of its own, so any hidden shared-disk or shared-memory assumption fails here. This process
plays a third web host (services called as its views call them)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates.models import Resume
from hiring.celery import app
from jobs.models import Job
from onboarding import esign, offers
from onboarding.models import Offer, Packet
from tests.candidates.files import pdf_bytes
from tests.factories import JobFactory
from tests.onboarding import packet_helpers
from tests.onboarding.offer_helpers import NAME, in_offer_stage, make_offer
from tests.s3 import Bucket, free_port
from tests.workers import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password-42"
RESUME_WORD = "phlebotomy"
APPLY_LIMIT = 4


@dataclass
class Host:
    name: str
    folder: Path
    process: subprocess.Popen
    url: str = ""

    def files(self) -> list[Path]:
        return [p for p in self.folder.rglob("*") if p.is_file() and p.suffix != ".log"]


def _env(bucket: Bucket, folder: Path, site_url: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV"}}
    database = connection.settings_dict
    return {**keep, **bucket.env(),
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
                            f"{database['PORT']}/{database['NAME']}",
            "REDIS_URL": settings.CELERY_BROKER_URL, "CELERY_EAGER": "false",
            "SECRET_KEY": settings.SECRET_KEY, "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": site_url,
            "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false", "EMAIL_URL": "consolemail://",
            "STATIC_ROOT": str(settings.STATIC_ROOT), "APPLY_RATE_LIMIT": str(APPLY_LIMIT),
            "MEDIA_ROOT": str(folder / "media"), "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "PYTHONWARNINGS": "ignore"}


def _start(name: str, command: list[str], env: dict[str, str], folder: Path) -> Host:
    folder.mkdir(parents=True)
    with (folder / f"{name}.log").open("wb") as log:  # the child keeps its own handle
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,  # noqa: S603
                                   stderr=subprocess.STDOUT, start_new_session=True)
    return Host(name, folder, process)


def _web(name: str, bucket: Bucket, base: Path) -> Host:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    host = _start(name, [str(Path(sys.executable).parent / "gunicorn"), "hiring.wsgi:application",
                         "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60"],
                  _env(bucket, base / name, url), base / name)
    host.url = url
    if not wait_for(lambda: _answers(url), timeout=30):
        raise RuntimeError((base / name / f"{name}.log").read_text())
    return host


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


@pytest.fixture(scope="module")
def hosts(s3_endpoint, tmp_path_factory) -> Iterator[dict[str, Host]]:
    """Web hosts a and b and a worker host, each with its own folders."""
    bucket = Bucket(s3_endpoint).create()
    base = tmp_path_factory.mktemp("hosts")
    with app.connection_for_write() as conn:  # nothing left over from earlier tests
        conn.default_channel.queue_purge("celery")
    started: dict[str, Host] = {}
    try:
        started["a"] = _web("a", bucket, base)
        started["b"] = _web("b", bucket, base)
        started["worker"] = _start(
            "worker", [str(Path(sys.executable).parent / "celery"), "-A", "hiring", "worker",
                       "--pool", "solo", "--loglevel", "info"],
            _env(bucket, base / "worker", started["a"].url), base / "worker")
        started["bucket"] = bucket  # type: ignore[assignment]
        yield started
    finally:
        for host in started.values():
            if isinstance(host, Host):
                host.process.terminate()
                host.process.wait(timeout=20)


@pytest.fixture
def bucket(hosts) -> Bucket:
    return hosts["bucket"]  # type: ignore[return-value]


@pytest.fixture
def this_host(settings, bucket, hosts):
    """This process as a third web host: the same bucket, work published to the worker."""
    for name, value in bucket.settings().items():
        setattr(settings, name, value)
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def job(practice, owner) -> Job:
    with scopes_disabled():
        owner.set_password(PASSWORD)
        owner.save()
        return JobFactory(practice=practice, title="Phlebotomist", slug="phlebotomist",
                          status=Job.Status.PUBLISHED)


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _log_in(session: requests.Session, host: Host, email: str) -> None:
    token = _csrf(session, f"{host.url}/accounts/login/")
    answer = session.post(f"{host.url}/accounts/login/", data={
        "csrfmiddlewaretoken": token, "username": email, "password": PASSWORD},
        allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:2000]


def _apply(session: requests.Session, host: Host, job: Job, resume: bytes,
           email: str = "jordan@example.test") -> requests.Response:
    url = f"{host.url}/careers/{job.practice.slug}/jobs/{job.slug}/apply/"
    token = _csrf(session, url)
    form = re.search(r'name="submission_key" value="([^"]+)"', session.get(url).text).group(1)
    return session.post(url, data={
        "csrfmiddlewaretoken": token, "first_name": "Jordan", "last_name": "Rivera",
        "email": email, "phone": "555-0100", "consent": "on", "submission_key": form,
        "website": "", "source": "", "cover_letter": ""},
        files={"resume": ("resume.pdf", resume, "application/pdf")},
        allow_redirects=False, timeout=30)


def test_a_session_and_a_rate_limit_made_on_one_web_host_hold_on_the_other(hosts, job, owner):
    a, b = hosts["a"], hosts["b"]
    staff = requests.Session()
    _log_in(staff, a, owner.email)

    home = staff.get(f"{b.url}/app/{job.practice.slug}/", allow_redirects=False, timeout=10)

    assert home.status_code == 200  # b knows a's session: it lives in the database
    answers = []
    visitor = requests.Session()
    url = f"/careers/{job.practice.slug}/jobs/{job.slug}/apply/"
    for host in [a, b] * APPLY_LIMIT:
        token = _csrf(visitor, f"{host.url}{url}")
        answers.append(visitor.post(f"{host.url}{url}", data={"csrfmiddlewaretoken": token},
                                    timeout=10).status_code)
    # the count is in Redis: the limit is reached across both hosts, not per process
    assert answers[:APPLY_LIMIT] == [400] * APPLY_LIMIT
    assert set(answers[APPLY_LIMIT:]) == {429}, answers


def test_every_file_crosses_hosts_through_the_bucket(
        hosts, job, practice, owner, manager, this_host, bucket):
    a, b, worker = hosts["a"], hosts["b"], hosts["worker"]
    resume = pdf_bytes(f"Jordan Rivera certified in {RESUME_WORD}")

    # an applicant applies on a; the worker host reads the résumé for its words
    assert _apply(requests.Session(), a, job, resume).status_code == 302
    with scopes_disabled():
        assert wait_for(lambda: Resume.objects.filter(
            text_status=Resume.TextStatus.DONE).exists(), timeout=60), worker.process.poll()
        stored = Resume.objects.get()
    assert RESUME_WORD in stored.text

    # b finds the candidate by a résumé word and downloads the very file a received
    staff = requests.Session()
    _log_in(staff, b, owner.email)
    found = staff.get(f"{b.url}/app/{practice.slug}/candidates/search/",
                      params={"q": RESUME_WORD}, timeout=10)
    assert "Rivera" in found.text
    path = reverse("candidates-staff:resume-download",
                   kwargs={"practice": practice.slug, "resume_id": stored.public_id})
    download = staff.get(f"{b.url}{path}", timeout=10)
    assert download.content == resume

    # an offer sent here: the worker makes the letter as Word and PDF
    offer = make_offer(in_offer_stage(practice, manager), manager)
    with scope(practice=practice):
        offers.offer_send(offer=offer, actor=manager)
    with scopes_disabled():
        assert wait_for(lambda: Offer.objects.filter(
            pk=offer.pk, letter__isnull=False, sent_at__isnull=False).exclude(
            letter__pdf="").exists(), timeout=120), (worker.folder / "worker.log").read_text()
        offer.refresh_from_db()
        link = offers.offer_link(offer).removeprefix(settings.SITE_URL)

    # the candidate accepts on b by e-signature; the worker adds the signed PDF
    candidate = requests.Session()
    token = _csrf(candidate, f"{b.url}{link}")
    candidate.post(f"{b.url}{link}", data={"csrfmiddlewaretoken": token, "action": "consent",
                                           "agreed": "on"}, timeout=10)
    accepted = candidate.post(f"{b.url}{link}", data={
        "csrfmiddlewaretoken": token, "action": "accept", "typed_name": NAME, "agreed": "on"},
        allow_redirects=False, timeout=30)
    assert accepted.status_code == 302, accepted.text[:2000]
    with scopes_disabled():
        assert wait_for(lambda: Offer.objects.filter(pk=offer.pk).exclude(
            signature__signed_pdf="").exists(), timeout=120)
        offer.refresh_from_db()
        signature = offer.signature
        # the stored SHA-256 of what was signed matches the bytes in the bucket
        assert esign.signature_problems(signature) == []

    # a packet signed here downloads on a as one zip, with the signed copy inside
    packet = packet_helpers.send_packet(practice, manager, application=offer.application)
    step = packet_helpers.sign(packet, _a_step_to_sign(packet))
    staff_a = requests.Session()
    _log_in(staff_a, a, owner.email)
    path = reverse("onboarding:packet-download",
                   kwargs={"practice": practice.slug, "packet_id": packet.public_id})
    archive = staff_a.get(f"{a.url}{path}", timeout=30)
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped, scopes_disabled():
        step.signature.refresh_from_db()
        with step.signature.signed_docx.open("rb") as handle:
            signed = handle.read()
        assert signed in [zipped.read(name) for name in zipped.namelist()]

    # and not one file was written to any host's own disk
    assert [p for host in (a, b, worker) for p in host.files()] == []
    assert not Path(settings.PRIVATE_MEDIA_ROOT).exists()
    keys = bucket.object_keys()
    assert {k.split("/")[0] for k in keys} <= {"private", "public"}
    assert any(k.startswith("private/signing/signed/") for k in keys)


def _a_step_to_sign(packet: Packet) -> str:
    with scopes_disabled():
        return packet.items.filter(document__isnull=False, signature__isnull=True).values_list(
            "title", flat=True).first()

