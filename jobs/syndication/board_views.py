"""Staff pages of job-board syndication: the practice's "Job boards" page (everyone with the
jobs may read it, owners change it) and the job page's board switches and "Resend"."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from jobs.models import Board, Job
from jobs.selectors import job_visible
from jobs.syndication import boards
from jobs.syndication.forms import BoardSetForm, JobBoardSetForm, ResendForm
from jobs.syndication.status import practice_board_status


def _job(request: PracticeRequest, job_id: UUID) -> Job:
    return get_object_or_404(job_visible(membership=request.membership)
                             .select_related("location", "practice"), public_id=job_id)


def _job_url(request: PracticeRequest, job: Job) -> str:
    return reverse("jobs:job-detail", kwargs={"practice": request.practice.slug,
                                              "job_id": job.public_id})


def _label(board: str) -> str:
    return str(Board(board).label)


def _settings_page(request: PracticeRequest, refused: BoardSetForm | None = None,
                   status: int = 200) -> HttpResponse:
    """The Job boards page; `refused` is a webhook form sent back with its errors."""
    rows = practice_board_status(request.practice)
    generic = next(row for row in rows if row.board == Board.GENERIC)
    webhook_form = refused if refused is not None and "webhook_url" in refused.data else (
        BoardSetForm(initial={"board": Board.GENERIC,
                              "webhook_url": generic.account.webhook_url}))
    return render(request, "jobs/board_settings.html", {
        "boards": rows,
        "can_change": request.membership.can(Perm.MANAGE_PRACTICE),
        "webhook_form": webhook_form,
    }, status=status)


@requires(Perm.VIEW_JOBS)
@require_GET
def board_settings_view(request: PracticeRequest, practice: str) -> HttpResponse:
    return _settings_page(request)


def _board_set_done(board: str, enabled: bool, webhook: str | None) -> str:
    if webhook is not None and board == Board.GENERIC:
        return _("Webhook saved.") if webhook else _("Webhook removed.")
    if enabled:
        return _("%(board)s is on: your public jobs join it within a minute.") % {
            "board": _label(board)}
    return _("%(board)s is off: your jobs leave it within a minute.") % {
        "board": _label(board)}


def _back(request: PracticeRequest) -> str:
    """Where the form came from (the job page's Indeed switch), else the Job boards page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("jobs:board-settings", kwargs={"practice": request.practice.slug})


@requires(Perm.MANAGE_PRACTICE)
@require_POST
def board_set_view(request: PracticeRequest, practice: str) -> HttpResponse:
    """Turn a board on or off for the practice, or save the generic board's webhook."""
    form = BoardSetForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            boards.board_set(practice=request.practice, board=data["board"],
                             enabled=data["enabled"], actor=request.user,
                             webhook_url=data["webhook_url"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _board_set_done(data["board"], data["enabled"],
                                                       data["webhook_url"]))
            return redirect(_back(request))
    messages.error(request, _("Nothing was changed: see the note under the webhook address.")
                   if "webhook_url" in form.errors
                   else _("Nothing was changed: choose a job board and whether it is on."))
    return _settings_page(request, form, status=400)


@requires(Perm.MANAGE_JOBS)
@require_POST
def job_board_set_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    """Keep one job off a board, or let it go there again."""
    job = _job(request, job_id)
    form = JobBoardSetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a board that can be switched for one job."))
        return redirect(_job_url(request, job))
    board, enabled = form.cleaned_data["board"], form.cleaned_data["enabled"]
    try:
        boards.job_board_set(job=job, board=board, enabled=enabled, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, (_("This job goes to %(board)s again.") if enabled
                                   else _("This job is kept off %(board)s."))
                         % {"board": _label(board)})
    return redirect(_job_url(request, job))


@requires(Perm.MANAGE_JOBS)
@require_POST
def job_board_resend_view(request: PracticeRequest, practice: str,
                          job_id: UUID) -> HttpResponse:
    """Send the job to a board again: a new notification, or the feeds built at once."""
    job = _job(request, job_id)
    form = ResendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the board to send the job to."))
        return redirect(_job_url(request, job))
    board = form.cleaned_data["board"]
    try:
        delivery = boards.job_board_refresh(job=job, board=board, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if delivery is not None:
            messages.success(request, _("%(board)s is being told about this job again; the "
                                        "result shows under Last notification.")
                             % {"board": _label(board)})
        else:
            messages.success(request, _("The feeds were rebuilt: %(board)s finds the job as "
                                        "it is now at its next visit.")
                             % {"board": _label(board)})
    return redirect(_job_url(request, job))
