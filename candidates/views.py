"""Staff pages of the candidates app (the full pipeline comes with its own pages)."""

from __future__ import annotations

from uuid import UUID

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from candidates.models import Resume
from candidates.selectors import application_list_for_job, application_visible
from hiring.decorators import requires
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log
from jobs.selectors import job_visible


@requires(Perm.VIEW_JOBS)
@require_GET
def job_applicants_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = get_object_or_404(job_visible(membership=request.membership), public_id=job_id)
    return render(request, "candidates/job_applicants.html", {
        "job": job, "applications": application_list_for_job(job=job)})


@requires(Perm.VIEW_JOBS)
@require_GET
def application_detail_view(request: PracticeRequest, practice: str,
                            application_id: UUID) -> HttpResponse:
    application = get_object_or_404(
        application_visible(membership=request.membership).select_related("candidate", "job"),
        public_id=application_id)
    audit_log(action="candidates.application.viewed", actor=request.user, obj=application)
    return render(request, "candidates/application_detail.html", {
        "application": application,
        "answers": application.answers.all(),
        "resumes": application.candidate.resumes.all(),
    })


@requires(Perm.VIEW_JOBS)
@require_GET
def resume_download_view(request: PracticeRequest, practice: str,
                         resume_id: UUID) -> HttpResponse:
    resume = get_object_or_404(Resume.objects.select_related("candidate"), public_id=resume_id)
    if not application_visible(membership=request.membership).filter(
            candidate=resume.candidate).exists():
        raise Http404
    audit_log(action="candidates.resume.downloaded", actor=request.user, obj=resume,
              data={"candidate": str(resume.candidate.public_id), "version": resume.version})
    return FileResponse(resume.file.open("rb"), as_attachment=True,
                        filename=resume.original_name, content_type=resume.content_type)


@requires(Perm.VIEW_JOBS)
@require_GET
def cover_letter_download_view(request: PracticeRequest, practice: str,
                               application_id: UUID) -> HttpResponse:
    application = get_object_or_404(application_visible(membership=request.membership),
                                     public_id=application_id)
    if not application.cover_letter_file:
        raise Http404
    audit_log(action="candidates.cover_letter.downloaded", actor=request.user, obj=application)
    name = application.cover_letter_file.name.rsplit("/", 1)[-1]
    return FileResponse(application.cover_letter_file.open("rb"), as_attachment=True,
                        filename=f"cover-letter-{name}")
