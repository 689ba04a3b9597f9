"""The Celery app. Workers: `celery -A hiring worker`; the schedule: `celery -A hiring beat`."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring.settings")

app = Celery("hiring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def require_secret_key(**kwargs: object) -> None:
    """Refuse to start a process that signs links and sessions (web, worker, beat) without
    SECRET_KEY: Django raises ImproperlyConfigured when an empty key is read. Settings alone
    do not insist, so that commands that sign nothing run without it."""
    from django.conf import settings

    settings.SECRET_KEY  # noqa: B018 (read for its check)


worker_init.connect(require_secret_key)
beat_init.connect(require_secret_key)

app.conf.beat_schedule = {
    # every minute: https://crontab.guru/#*_*_*_*_*
    "outbox-sweep": {"task": "hiring.tasks.outbox_sweep", "schedule": 60.0},
    # every minute: https://crontab.guru/#*_*_*_*_*
    "deliveries-sweep": {"task": "jobs.tasks.deliveries_sweep", "schedule": 60.0},
    # every minute: https://crontab.guru/#*_*_*_*_*
    "feeds-sweep": {"task": "jobs.tasks.feeds_sweep", "schedule": 60.0},
    # every minute, so a board's visit shows within a minute: https://crontab.guru/#*_*_*_*_*
    "feed-fetches-flush": {"task": "jobs.tasks.feed_fetches_flush", "schedule": 60.0},
    # hourly, at minute 2, soon after midnight in each practice's time zone:
    # https://crontab.guru/#2_*_*_*_*
    "feeds-expire": {"task": "hiring.tasks.practices_fan_out", "schedule": crontab(minute=2),
                     "args": ["jobs.tasks.feeds_expire"]},
    # hourly, at minute 17: https://crontab.guru/#17_*_*_*_*
    "staged-uploads-purge": {"task": "hiring.tasks.practices_fan_out",
                             "schedule": crontab(minute=17),
                             "args": ["candidates.tasks.staged_uploads_purge"]},
    # hourly, at minute 5: https://crontab.guru/#5_*_*_*_*
    "interview-reminders": {"task": "hiring.tasks.practices_fan_out",
                            "schedule": crontab(minute=5),
                            "args": ["interviews.tasks.interview_reminders_send"]},
    # hourly, at minute 35: https://crontab.guru/#35_*_*_*_*
    "scorecard-reminders": {"task": "hiring.tasks.practices_fan_out",
                            "schedule": crontab(minute=35),
                            "args": ["interviews.tasks.scorecard_reminders_send"]},
    # daily at 13:20 UTC, early morning across the US: https://crontab.guru/#20_13_*_*_*
    "credential-reminders": {"task": "hiring.tasks.practices_fan_out",
                             "schedule": crontab(minute=20, hour=13),
                             "args": ["onboarding.tasks.credential_reminders_send"]},
    # hourly, at minute 50; each practice is reminded once a day, in its own morning:
    # https://crontab.guru/#50_*_*_*_*
    "packet-reminders": {"task": "hiring.tasks.practices_fan_out",
                         "schedule": crontab(minute=50),
                         "args": ["onboarding.tasks.packet_reminders_send"]},
}
