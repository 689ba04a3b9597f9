"""Benchmarks (run with `make bench`, not part of `make test`).

Reports ratios measured in one run, so the machine's speed cancels out."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from hiring import outbox
from hiring.celery import app
from hiring.models import OutboxTask

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 300


@pytest.fixture
def broker():
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    yield
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    app.conf.task_always_eager = True


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def test_sweeper_batch_versus_one_hand_over_per_row(broker):
    from hiring.tasks import outbox_sweep

    def make_rows() -> list:
        return [OutboxTask.objects.create(task_name=outbox_sweep.name).pk for _ in range(ROWS)]

    singles = make_rows()
    one_by_one = _timed(lambda: [outbox.hand_over([pk]) for pk in singles])
    batch = make_rows()
    batched = _timed(lambda: outbox.hand_over(batch))

    print(f"\nhand-over of {ROWS} rows: one by one {one_by_one * 1000:.0f} ms, "
          f"batched {batched * 1000:.0f} ms, ratio {one_by_one / batched:.1f}x")
    assert OutboxTask.objects.filter(status="handed").count() == 2 * ROWS


def test_cost_of_recording_work_in_a_request(owner_client, practice, broker):
    """What the outbox adds to a request: an invitation (row + publish) against a page
    view of the same team (reads only)."""
    team = reverse("hiring:team", kwargs={"practice": practice.slug})
    invite = reverse("hiring:invitation-create", kwargs={"practice": practice.slug})
    n = 40
    reads = _timed(lambda: [owner_client.get(team) for _ in range(n)])
    writes = _timed(lambda: [owner_client.post(invite, {"email": f"p{i}@example.test",
                                                        "role": "interviewer"})
                             for i in range(n)])
    with transaction.atomic():
        assert OutboxTask.objects.count() == n

    print(f"\n{n} team page views {reads * 1000:.0f} ms; {n} invitations (write + outbox + "
          f"publish) {writes * 1000:.0f} ms; ratio {writes / reads:.2f}x")
