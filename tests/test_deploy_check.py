"""With DEBUG off and real values, Django's deployment checklist has nothing to say."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

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
