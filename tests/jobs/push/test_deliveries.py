"""Which notifications push boards get for a job's changes: one per change that matters,
folded while unsent, deletes when a job the board heard of leaves it, and resends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import AuditEvent, OutboxTask
from jobs.models import Board, Delivery, Job
from jobs.services import job_close, job_pause, job_publish, job_update
from jobs.syndication import deliveries
from jobs.syndication.adapters import adapter_for, job_page_url
from jobs.syndication.boards import board_set, job_board_set
from tests.factories import JobFactory, UserFactory
from tests.jobs.push.boards import delivery, published_job, webhook

pytestmark = pytest.mark.django_db
Action, Status = Delivery.Action, Delivery.Status
HOOK = "https://hooks.aggregator.example/jobs"


@pytest.fixture
def hooked(practice):
    return webhook(practice, HOOK)


def _deliveries(**filters) -> list[tuple[str, str, str]]:
    with scopes_disabled():
        return list(Delivery.objects.filter(**filters).order_by("created_at")
                    .values_list("board", "action", "status"))


def _told(job: Job, board: str = Board.GENERIC) -> Delivery:
    """The board has heard of the job: an accepted announcement."""
    return delivery(job, board=board, status=Status.SUCCEEDED, attempts=1)


def test_publishing_records_one_notification_for_the_webhook(hooked, practice, owner):
    with scopes_disabled():
        job = JobFactory(practice=practice)

    with scope(practice=practice):
        job_publish(job=job, actor=owner)

    assert _deliveries() == [(Board.GENERIC, Action.UPDATED, Status.PENDING)]
    with scopes_disabled():
        row = Delivery.objects.get()
    assert row.url == job_page_url(job)
    assert row.url.startswith("http://127.0.0.1:8000/careers/riverside/jobs/")
    handed = OutboxTask.objects.get(task_name="jobs.tasks.delivery_send")
    assert handed.kwargs == {"delivery_id": row.pk}
    assert handed.practice_id == practice.pk


def test_ten_edits_before_it_is_sent_make_one_notification(hooked, practice, owner):
    job = published_job(practice)

    with scope(practice=practice):
        for n in range(10):
            job_update(job=job, actor=owner, fields={"title": f"Medical Assistant {n}"})

    assert _deliveries() == [(Board.GENERIC, Action.UPDATED, Status.PENDING)]
    assert OutboxTask.objects.filter(task_name="jobs.tasks.delivery_send").count() == 1


def test_an_edit_after_an_attempt_makes_a_new_notification(hooked, practice):
    job = published_job(practice)
    sent = delivery(job, status=Status.RETRYING, attempts=1)

    with scope(practice=practice):
        deliveries.record_change(job)

    rows = _deliveries()
    assert len(rows) == 2
    assert rows[-1] == (Board.GENERIC, Action.UPDATED, Status.PENDING)
    with scopes_disabled():
        assert Delivery.objects.latest("created_at").idempotency_key != sent.idempotency_key


@pytest.mark.parametrize("change", ["close", "pause", "opt-out"])
def test_a_job_leaving_a_board_that_heard_of_it_is_withdrawn(hooked, practice, owner, change):
    job = published_job(practice)
    _told(job)

    with scope(practice=practice):
        if change == "close":
            job_close(job=job, actor=owner)
        elif change == "pause":
            job_pause(job=job, actor=owner)
        else:
            job_board_set(job=job, board=Board.GENERIC, enabled=False, actor=owner)

    assert _deliveries()[-1] == (Board.GENERIC, Action.DELETED, Status.PENDING)


def test_a_job_closed_before_its_announcement_went_out_is_never_mentioned(hooked, practice,
                                                                          owner):
    with scopes_disabled():
        job = JobFactory(practice=practice)

    with scope(practice=practice):
        job_publish(job=job, actor=owner)
        job_close(job=job, actor=owner)

    assert _deliveries() == []


def test_a_board_that_never_heard_of_a_job_gets_no_delete(hooked, practice, owner):
    with scopes_disabled():
        job = JobFactory(practice=practice, status=Job.Status.PAUSED)

    with scope(practice=practice):
        job_close(job=job, actor=owner)

    assert _deliveries() == []


def test_an_expired_job_is_withdrawn_by_the_sweeper(hooked, practice):
    job = published_job(practice, closes_on=timezone.localdate() - timedelta(days=2))
    _told(job)

    deliveries.sweep()

    assert _deliveries()[-1][:2] == (Board.GENERIC, Action.DELETED)
    deliveries.sweep()
    assert len(_deliveries(action=Action.DELETED)) == 1


def test_no_push_is_recorded_without_a_webhook_or_google_credentials(practice, owner):
    with scopes_disabled():
        job = JobFactory(practice=practice)

    with scope(practice=practice):
        job_publish(job=job, actor=owner)

    assert _deliveries() == []


def test_google_is_told_when_this_server_has_credentials(settings, practice, owner):
    settings.GOOGLE_INDEXING_CREDENTIALS = "/run/secrets/google.json"
    settings.GOOGLE_INDEXING_URL = "https://indexing.example.test/v3/urlNotifications:publish"
    settings.GOOGLE_INDEXING_SCOPE = "https://indexing.example.test/auth/indexing"
    with scopes_disabled():
        job = JobFactory(practice=practice)

    with scope(practice=practice):
        job_publish(job=job, actor=owner)

    assert _deliveries() == [(Board.GOOGLE, Action.UPDATED, Status.PENDING)]


def test_turning_the_board_on_announces_every_job_it_gets(practice, owner):
    jobs = [published_job(practice) for _ in range(3)]
    with scopes_disabled():
        JobFactory(practice=practice)  # a draft: not announced

    with scope(practice=practice):
        board_set(practice=practice, board=Board.GENERIC, enabled=True, actor=owner,
                  webhook_url=HOOK)

    with scopes_disabled():
        announced = set(Delivery.objects.values_list("job", flat=True))
    assert announced == {job.pk for job in jobs}
    assert {row[1] for row in _deliveries()} == {Action.UPDATED}


def test_turning_the_board_off_withdraws_what_it_heard(hooked, practice, owner):
    heard, unheard = published_job(practice), published_job(practice)
    _told(heard)
    delivery(unheard)  # announced but never sent

    with scope(practice=practice):
        board_set(practice=practice, board=Board.GENERIC, enabled=False, actor=owner)

    assert _deliveries(job=heard)[-1] == (Board.GENERIC, Action.DELETED, Status.PENDING)
    assert _deliveries(job=unheard) == []


def test_resend_makes_a_fresh_notification_with_a_new_key(hooked, practice, owner):
    job = published_job(practice)
    first = _told(job)

    with scope(practice=practice):
        again = deliveries.resend(job=job, board=Board.GENERIC, actor=owner)

    assert again.pk != first.pk
    assert again.idempotency_key != first.idempotency_key
    assert (again.action, again.status, again.requested_by) == (Action.UPDATED, Status.PENDING,
                                                                owner)
    assert AuditEvent.objects.filter(action="jobs.delivery.resent").exists()


def test_a_double_clicked_resend_makes_one_notification(hooked, practice, owner):
    job = published_job(practice)
    _told(job)

    with scope(practice=practice):
        first = deliveries.resend(job=job, board=Board.GENERIC, actor=owner)
        second = deliveries.resend(job=job, board=Board.GENERIC, actor=owner)

    assert second.pk == first.pk
    with scopes_disabled():
        assert Delivery.objects.filter(job=job, status=Status.PENDING).count() == 1


@pytest.mark.parametrize(("board", "message"), [
    (Board.INDEED, "Indeed reads your jobs from a feed"),
    (Board.GENERIC, "Give the address of your webhook"),
    (Board.GOOGLE, "not set up to notify Google"),
])
def test_resend_says_why_a_board_cannot_be_notified(practice, owner, board, message):
    job = published_job(practice)

    with scope(practice=practice), pytest.raises(ValidationError, match=message):
        deliveries.resend(job=job, board=board, actor=owner)


def test_pull_boards_do_not_push_and_every_board_reports_its_needs(practice):
    job = published_job(practice)
    board_problems = pytest.importorskip("jobs.syndication.checks").board_problems

    assert [b for b in Board.values if adapter_for(b).pushes] == [Board.GOOGLE, Board.GENERIC]
    with scope(practice=practice):
        for board in Board.values:
            assert adapter_for(board).needs(job) == board_problems(job, board)


def test_the_sweeper_sends_deletes_before_updates(monkeypatch, practice):
    job = published_job(practice)
    long_ago = timezone.now() - timedelta(minutes=5)
    for action in (Action.UPDATED, Action.DELETED):
        delivery(job, action=action, status=Status.RETRYING, attempts=1,
                 next_attempt_at=long_ago)
    sent: list[str] = []

    def record(delivery_row):
        sent.append(delivery_row.action)
        return delivery_row

    monkeypatch.setattr(deliveries, "send", record)  # tasks run inline here, in order
    assert deliveries.sweep() == 2

    assert sent == [Action.DELETED, Action.UPDATED]


def test_the_sweeper_leaves_fresh_and_future_rows_alone(practice):
    job = published_job(practice)
    delivery(job)  # fresh: the outbox is handing it over
    delivery(job, status=Status.RETRYING, attempts=1,
             next_attempt_at=timezone.now() + timedelta(minutes=5))

    assert deliveries.sweep() == 0


def test_support_reads_a_delivery_and_its_attempts_in_the_admin(client_for, practice):
    row = delivery(published_job(practice), status=Status.RETRYING, attempts=1)
    with scopes_disabled():
        row.attempts_made.create(practice=practice, number=1, started_at=timezone.now(),
                                 outcome="retry", status_code=503, error="HTTP 503 Busy")
    admin = client_for(UserFactory(is_staff=True, is_superuser=True))

    listing = admin.get(reverse("admin:jobs_delivery_changelist"), {"q": "medical"})
    page = admin.get(reverse("admin:jobs_delivery_change", args=[row.pk]))

    assert listing.status_code == 200
    assert page.status_code == 200
    assert "HTTP 503 Busy" in page.content.decode()
    assert admin.get(reverse("admin:jobs_delivery_add")).status_code == 403
