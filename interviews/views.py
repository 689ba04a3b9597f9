"""Staff pages: schedule an interview from an application, move or cancel it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews import services
from interviews.forms import RescheduleForm, ScheduleForm
from interviews.models import Interview


def _application_url(request: PracticeRequest, application: object) -> str:
    return reverse("candidates-staff:application-detail", kwargs={
        "practice": request.practice.slug, "application_id": application.public_id})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def interview_schedule_view(request: PracticeRequest, practice: str,
                            application_id: UUID) -> HttpResponse:
    application = get_object_or_404(application_visible(membership=request.membership)
                                    .select_related("candidate", "job"),
                                    public_id=application_id)
    form = ScheduleForm(request.POST or None, application=application)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warnings = services.schedule_warnings(
            practice_timezone=request.practice.timezone, starts_at=form.starts_at(),
            duration_minutes=data["duration_minutes"], interviewers=list(data["interviewers"]))
        if not warnings or data["confirmed"]:
            try:
                services.interview_schedule(
                    application=application, actor=request.user, starts_at=form.starts_at(),
                    interviewers=list(data["interviewers"]), kind=data["kind"],
                    duration_minutes=data["duration_minutes"], location=data["location"],
                    note_to_candidate=data["note_to_candidate"], kit=data["kit"])
            except ValidationError as exc:
                add_service_errors(exc, form, rename={"starts_at": "date"})
                warnings = []
            else:
                messages.success(request, _("Interview scheduled; the invites are on their "
                                            "way."))
                return redirect(_application_url(request, application))
    return render(request, "interviews/interview_schedule.html", {
        "application": application, "form": form, "warnings": warnings})


def _interview(request: PracticeRequest, interview_id: UUID) -> Interview:
    visible = application_visible(membership=request.membership)
    return get_object_or_404(Interview.objects.filter(application__in=visible)
                             .select_related("application__candidate", "application__job",
                                             "kit"),
                             public_id=interview_id)


@requires(Perm.VIEW_JOBS)
@require_http_methods(["GET", "POST"])
def interview_detail_view(request: PracticeRequest, practice: str,
                          interview_id: UUID) -> HttpResponse:
    interview = _interview(request, interview_id)
    form = RescheduleForm(request.POST or None, practice=request.practice)
    if request.method == "POST":
        if not request.membership.can(Perm.MANAGE_CANDIDATES):
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                services.interview_reschedule(interview=interview, actor=request.user,
                                              starts_at=form.starts_at())
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, _("Moved; everyone gets the new time."))
                return redirect("interviews:interview-detail", practice=practice,
                                interview_id=interview.public_id)
    panel = list(interview.interviewers.select_related("user"))
    return render(request, "interviews/interview_detail.html", {
        "interview": interview, "form": form, "panel": panel,
        "on_panel": request.membership in panel,
        "questions": list(interview.kit.questions.all()) if interview.kit else [],
        "can_manage": request.membership.can(Perm.MANAGE_CANDIDATES)})


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def interview_cancel_view(request: PracticeRequest, practice: str,
                          interview_id: UUID) -> HttpResponse:
    interview = _interview(request, interview_id)
    try:
        services.interview_cancel(interview=interview, actor=request.user)
        messages.success(request, _("Cancelled; everyone has been told."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("interviews:interview-detail", practice=practice,
                    interview_id=interview.public_id)
