"""The Celery app. Workers: `celery -A hiring worker`; the schedule: `celery -A hiring beat`."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring.settings")

app = Celery("hiring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # every minute: https://crontab.guru/#*_*_*_*_*
    "outbox-sweep": {"task": "hiring.tasks.outbox_sweep", "schedule": 60.0},
}
