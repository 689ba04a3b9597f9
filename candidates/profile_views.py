"""The candidate's page: notes, stars, tags and the résumé shown in place."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from candidates import team_work
from candidates.models import Application, Resume
from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log


def _application(request: PracticeRequest, application_id: UUID) -> Application:
    return get_object_or_404(application_visible(membership=request.membership)
                             .select_related("candidate"), public_id=application_id)


def _back(request: PracticeRequest, application: Application, anchor: str = "") -> HttpResponse:
    return redirect(reverse("candidates-staff:application-detail", kwargs={
        "practice": request.practice.slug, "application_id": application.public_id}) + anchor)


@requires(Perm.VIEW_JOBS)
@require_POST
def note_add_view(request: PracticeRequest, practice: str, application_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    try:
        team_work.note_add(application=application, author=request.user,
                           body=request.POST.get("body", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _back(request, application, "#notes")


@requires(Perm.VIEW_JOBS)
@require_POST
def rating_view(request: PracticeRequest, practice: str, application_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    try:
        team_work.rating_set(application=application, reviewer=request.user,
                             stars=int(request.POST.get("stars", 0)))
    except (ValidationError, ValueError):
        messages.error(request, "Give between one and five stars.")
    return _back(request, application, "#rating")


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def tag_add_view(request: PracticeRequest, practice: str, application_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    try:
        team_work.candidate_tag_add(candidate=application.candidate, actor=request.user,
                                    name=request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _back(request, application, "#tags")


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def tag_remove_view(request: PracticeRequest, practice: str, application_id: UUID,
                    tag_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    tag = get_object_or_404(request.practice.tags, public_id=tag_id)
    team_work.candidate_tag_remove(candidate=application.candidate, tag=tag, actor=request.user)
    return _back(request, application, "#tags")


@requires(Perm.VIEW_JOBS)
@require_GET
@xframe_options_sameorigin  # shown in the candidate's page, never framed by another site
def resume_inline_view(request: PracticeRequest, practice: str, resume_id: UUID) -> HttpResponse:
    resume = get_object_or_404(Resume.objects.select_related("candidate"), public_id=resume_id)
    if resume.extension != "pdf" or not application_visible(
            membership=request.membership).filter(candidate=resume.candidate).exists():
        raise Http404
    audit_log(action="candidates.resume.viewed", actor=request.user, obj=resume,
              data={"candidate": str(resume.candidate.public_id), "version": resume.version})
    response = FileResponse(resume.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
