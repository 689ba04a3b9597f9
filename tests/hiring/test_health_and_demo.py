from __future__ import annotations

import threading
import time

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from candidates.models import Application, Resume
from hiring.celery import app
from hiring.models import Membership, Practice, User
from hiring.views import health
from jobs.demo import DEMO_JOBS
from jobs.models import Job

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "storage"}
    assert all(part["ok"] for part in body["checks"].values())


def test_healthz_names_the_failing_part(client, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


def test_healthz_reports_a_broken_storage(client, monkeypatch):
    def broken() -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setitem(health.CHECKS, "storage", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == {
        "ok": False, "error": "PermissionError", "ms": response.json()["checks"]["storage"]["ms"]}


def test_healthz_answers_in_time_when_a_storage_hangs(client, monkeypatch):
    released = threading.Event()
    real = health._storage_round_trip

    def hanging(label: str) -> None:
        if label == "private":
            released.wait(10)  # a bucket that accepts the connection and never answers
        real(label)

    monkeypatch.setattr(health, "_storage_round_trip", hanging)
    monkeypatch.setattr(health, "STORAGE_CHECK_SECONDS", 0.5)
    started = time.monotonic()
    try:
        response = client.get("/healthz")
    finally:
        released.set()

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["detail"] == "private storage: TimeoutError"


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo", password="demo-password-123")
    call_command("seed_demo")

    assert Practice.objects.filter(slug="demo-clinic").count() == 1
    assert User.objects.filter(email__endswith="@demo-clinic.test").count() == 3
    with scopes_disabled():
        assert Membership.objects.filter(practice__slug="demo-clinic").count() == 3
    owner = User.objects.get(email="owner@demo-clinic.test")
    assert owner.check_password("demo-password-123")
    with scopes_disabled():
        jobs = Job.objects.filter(practice__slug="demo-clinic")
        assert jobs.count() == len(DEMO_JOBS)
        office_manager = jobs.get(slug="medical-office-manager")
        applications = Application.objects.filter(practice__slug="demo-clinic")
        stages = set(applications.values_list("stage__kind", flat=True))
        resume = Resume.objects.filter(practice__slug="demo-clinic").first()
        assert applications.count() == 24
        assert applications.filter(status="rejected").exists()
        assert {"applied", "screen", "interview"} <= stages
    assert office_manager.status == Job.Status.PUBLISHED
    assert resume.text_status == Resume.TextStatus.DONE
    assert resume.candidate.last_name in resume.text
    assert "demo-password-123" in capsys.readouterr().out


def test_seed_demo_prints_a_random_password_that_works(capsys):
    call_command("seed_demo")

    printed = capsys.readouterr().out.split("with password: ")[1].split()[0]
    assert User.objects.get(email="owner@demo-clinic.test").check_password(printed)
