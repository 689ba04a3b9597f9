"""Celery tasks of the core: e-mails about accounts and invitations, the outbox sweeper.

Tasks load by id, enter the practice's scope and call a service; rules live in services."""

from __future__ import annotations

from smtplib import SMTPException
from typing import Any

import celery
from celery import shared_task
from django_scopes import scope

from hiring.locks import one_at_a_time, run_alone
from hiring.models import Practice
from hiring.storage import STORAGE_ERRORS

# Errors worth another try later: the mail server, the network or the file storage had a
# bad moment.
TRANSIENT_ERRORS = (SMTPException, TimeoutError, *STORAGE_ERRORS)


class PracticeTask(celery.Task):
    """First positional argument is a practice id; the task body receives the Practice, scoped."""

    def __call__(self, practice_id: int, *args: Any, **kwargs: Any) -> Any:
        practice = Practice.objects.get(pk=practice_id)  # Practice itself is not scoped
        with scope(practice=practice):
            return super().__call__(practice, *args, **kwargs)

    def signature_from_request(self, request: Any = None, args: Any = None, kwargs: Any = None,
                               queue: str | None = None, **extra_options: Any) -> Any:
        # The request records the Practice the body received; a retry (autoretry_for
        # included) must be sent with its id again, or it cannot be serialized.
        request = self.request if request is None else request
        args = request.args if args is None else args
        if args and isinstance(args[0], Practice):
            args = (args[0].pk, *args[1:])
        return super().signature_from_request(request, args, kwargs, queue, **extra_options)


@shared_task(base=PracticeTask, acks_late=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=True, retry_jitter=True, max_retries=6)
def invitation_send(practice: Practice, *, invitation_id: int) -> None:
    """E-mail an invitation. At-least-once; a run after it was sent is a no-op."""
    from hiring.services import invitation_email_send

    invitation_email_send(invitation=practice.invitations.get(pk=invitation_id))


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             retry_jitter=True, max_retries=6)
def password_reset_send(*, user_id: int) -> None:
    """E-mail a password-reset link. At-least-once (a second link does no harm)."""
    from hiring.services import password_reset_email_send

    password_reset_email_send(user_id=user_id)


@shared_task
def practices_fan_out(task_name: str) -> int:
    """Run a practice task once for each active practice (periodic jobs are per practice).
    Named by string, so the core needs no import of the later apps that own the tasks.
    One fan-out of each task at a time (others run alongside); the practice tasks claim
    each reminder, so even a second beat's fan-out after this one sends nothing twice."""
    from hiring.celery import app

    with run_alone(f"{practices_fan_out.name}:{task_name}") as mine:
        if not mine:
            return 0
        ids = list(Practice.objects.filter(is_active=True).values_list("pk", flat=True))
        for practice_id in ids:
            app.send_task(task_name, args=[practice_id])
        return len(ids)


@shared_task(acks_late=True)
@one_at_a_time(default=0)
def outbox_sweep() -> int:
    """Hand over work the broker missed. Idempotent: rows are claimed before publishing,
    and one sweep runs at a time (a second beat's copy does nothing)."""
    from hiring import outbox

    return outbox.sweep()
