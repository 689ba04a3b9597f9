"""With DEBUG off and real values, Django's deployment checklist has nothing to say."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from hiring.celery import require_secret_key

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_in_production_shape():
    env = {key: value for key, value in os.environ.items()
           if key not in {"SECURE_SSL_REDIRECT", "CELERY_EAGER", "EMAIL_URL"}}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
               ALLOWED_HOSTS="hiring.example.com", SITE_URL="https://hiring.example.com")

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _without_key() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"SECRET_KEY", "SECRET_KEY_FILE"}}
    env["DEBUG"] = "false"
    return env


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT, env=_without_key(), capture_output=True, text=True, timeout=60, check=False)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_web_process_refuses_to_start_without_a_secret_key():
    result = subprocess.run([sys.executable, "-c", "import hiring.wsgi"], cwd=ROOT,
                            env=_without_key(), capture_output=True, text=True, timeout=60,
                            check=False)

    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_a_worker_or_beat_refuses_to_start_without_a_secret_key(settings):
    settings.SECRET_KEY = ""

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        require_secret_key()
