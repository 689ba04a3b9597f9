"""A part is down: the database gives a branded 503 (JSON under /api/), Redis costs nothing
that applicants or staff see, and /healthz names what is failing."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.db.backends.utils import CursorWrapper
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path, reverse
from django_scopes import scopes_disabled

from candidates.models import Application, Resume
from hiring import unavailable
from hiring.celery import app
from hiring.models import OutboxTask
from jobs.models import Job
from tests.candidates.files import pdf_upload
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db
PHRASE = "be back in a moment"


def _raise_operational(request: HttpRequest) -> HttpResponse:
    raise OperationalError("could not connect to server: Connection refused")


def _raise_interface(request: HttpRequest) -> HttpResponse:
    raise InterfaceError("connection already closed")


def _raise_other(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug, not an outage")


# used by @pytest.mark.urls below: views that meet the outage themselves
urlpatterns = [
    path("boom/", _raise_operational),
    path("closed/", _raise_interface),
    path("bug/", _raise_other),
    path("api/v1/boom/", _raise_operational),
    path("", include("hiring.urls")),
]
handler500 = "hiring.unavailable.server_error"


@pytest.fixture
def database_down(monkeypatch):
    """From here on every query fails as it does while Postgres is stopped."""
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def _assert_branded_503(response) -> None:
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    assert PHRASE in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


@pytest.mark.urls("tests.hiring.test_failures")
def test_a_view_that_meets_the_outage_answers_the_branded_503(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/boom/")

    _assert_branded_503(response)
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert record.name == "hiring.unavailable"
    assert record.exc_info is None  # one line, no traceback


@pytest.mark.urls("tests.hiring.test_failures")
def test_a_closed_connection_answers_503_too(client):
    _assert_branded_503(client.get("/closed/"))


@pytest.mark.urls("tests.hiring.test_failures")
def test_the_api_answers_json(client):
    response = client.get("/api/v1/boom/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Try again in a minute."}


@pytest.mark.urls("tests.hiring.test_failures")
def test_other_errors_stay_500():
    response = Client(raise_request_exception=False).get("/bug/")

    assert response.status_code == 500
    assert PHRASE not in response.content.decode()


def test_a_session_that_cannot_be_loaded_answers_503(manager, practice, monkeypatch, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(manager, backend="hiring.auth.EmailBackend")

    def refuse(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", refuse)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("hiring:dashboard", kwargs={"practice": practice.slug}))

    _assert_branded_503(response)
    # one warning of ours; Django's "Internal Server Error" traceback is not logged
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == [
        "hiring.unavailable"]


def test_with_debug_on_it_is_the_503_not_the_debug_page(manager, practice, monkeypatch,
                                                         settings):
    settings.DEBUG = True
    client = Client(raise_request_exception=False)
    client.force_login(manager, backend="hiring.auth.EmailBackend")
    monkeypatch.setattr(SessionStore, "load", lambda self: _raise_operational(None))

    response = client.get(reverse("hiring:dashboard", kwargs={"practice": practice.slug}))

    _assert_branded_503(response)


@pytest.mark.parametrize("path", ["/careers/riverside/", "/app/riverside/", "/",
                                  "/api/v1/practices/riverside/interviews/mine/"])
def test_every_kind_of_page_answers_503_without_querying(path, manager, practice, request):
    client = Client(raise_request_exception=False)
    client.force_login(manager, backend="hiring.auth.EmailBackend")
    request.getfixturevalue("database_down")  # the session is in the database: now unreadable

    response = client.get(path)

    if path.startswith("/api/"):
        assert response.status_code == 503
        assert response.json()["detail"].startswith("The service is temporarily unavailable")
    else:
        _assert_branded_503(response)


def test_healthz_is_fast_and_names_the_database(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert body["checks"]["database"]["error"] == "OperationalError"


def test_postgres_connections_give_up_after_a_few_seconds():
    from django.conf import settings

    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 3


# --- Redis down ---------------------------------------------------------------------------

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


@pytest.fixture
def redis_down(settings):
    """The cache and the broker both on a Redis that is not there, with publishing for real
    (as in production) rather than inline."""
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    app.conf.broker_url, app.conf.task_always_eager = CLOSED, False
    yield
    app.conf.broker_url = settings.CELERY_BROKER_URL
    app.conf.task_always_eager = True


@pytest.fixture
def open_job(practice) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, slug="medical-assistant",
                          status=Job.Status.PUBLISHED)


def _apply_url(job: Job) -> str:
    return reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                               "job_slug": job.slug})


def test_applying_works_with_redis_down(client, open_job, redis_down, caplog,
                                        django_capture_on_commit_callbacks):
    page = client.get(_apply_url(open_job))
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        response = client.post(_apply_url(open_job), {
            "first_name": "Jordan", "last_name": "Rivera", "email": "jordan@example.test",
            "phone": "555-0100", "resume": pdf_upload(), "consent": "on",
            "submission_key": str(uuid.uuid4()), "website": ""})

    assert page.status_code == 200
    assert response.status_code == 302
    with scopes_disabled():
        application = Application.objects.select_related("candidate").get()
        assert Resume.objects.filter(candidate=application.candidate).exists()
        # the work waits in the outbox for the broker; nothing is lost, nothing sent yet
        assert OutboxTask.objects.filter(status=OutboxTask.Status.PENDING).exists()
    assert mail.outbox == []
    logged = {r.name for r in caplog.records if r.levelno == logging.WARNING}
    assert {"hiring.ratelimit", "hiring.outbox"} <= logged


def test_staff_pages_work_with_redis_down(manager_client, practice, open_job, redis_down):
    dashboard = manager_client.get(reverse("hiring:dashboard",
                                           kwargs={"practice": practice.slug}))
    job_page = manager_client.get(reverse("jobs:job-detail", kwargs={
        "practice": practice.slug, "job_id": open_job.public_id}))

    assert dashboard.status_code == 200
    assert job_page.status_code == 200


def test_healthz_names_cache_and_broker_with_redis_down(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache", "broker"]
