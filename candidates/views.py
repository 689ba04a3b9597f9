"""Staff pages of the candidates app (the full pipeline comes with its own pages)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates import pipeline, team_work
from candidates.forms import BulkActionForm, RejectForm
from candidates.models import Application, Resume, Stage
from candidates.profile_sections import profile_sections
from candidates.search import QUERY_MAX_LENGTH, RESULTS_LIMIT, candidate_search
from candidates.selectors import (
    application_list_for_job,
    application_visible,
    board_for_job,
    ended_applications,
    message_list,
)
from candidates.timeline import candidate_timeline
from hiring.decorators import requires
from hiring.http import PracticeRequest, parse_uuid
from hiring.roles import Perm
from hiring.services import audit_log
from jobs.models import Job
from jobs.selectors import job_visible


@requires(Perm.VIEW_JOBS)
@require_GET
def job_applicants_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = get_object_or_404(job_visible(membership=request.membership), public_id=job_id)
    return render(request, "candidates/job_applicants.html", {
        "job": job, "applications": application_list_for_job(job=job),
        "bulk_form": BulkActionForm(job=job)
        if request.membership.can(Perm.MANAGE_CANDIDATES) else None})


@requires(Perm.VIEW_JOBS)
@require_GET
def application_detail_view(request: PracticeRequest, practice: str,
                            application_id: UUID) -> HttpResponse:
    application = get_object_or_404(
        application_visible(membership=request.membership).select_related("candidate", "job")
        # the stage card lists times offered to pick, each linking to its offer
        .prefetch_related("slot_invitations__offer"),
        public_id=application_id)
    audit_log(action="candidates.application.viewed", actor=request.user, obj=application)
    candidate = application.candidate
    resumes = list(candidate.resumes.all())
    blind = bool(team_work.scores_hidden(membership=request.membership,
                                         application_ids={application.pk}))
    return render(request, "candidates/application_detail.html", {
        "application": application,
        "answers": application.answers.all(),
        "resumes": resumes,
        "latest_resume": resumes[0] if resumes else None,
        "other_applications": candidate.applications.exclude(pk=application.pk)
        .select_related("job", "stage"),
        "timeline": candidate_timeline(candidate),
        "rating": None if blind else team_work.rating_summary(application),
        "scores_hidden": blind,
        "sections": profile_sections(request, application, blind=blind),
        "my_stars": application.ratings.filter(reviewer=request.user)
        .values_list("stars", flat=True).first(),
        "tags": [ct.tag for ct in candidate.candidate_tags.select_related("tag")],
        "can_manage": request.membership.can(Perm.MANAGE_CANDIDATES),
        # this application's e-mails only: a job's team does not read other jobs' mail
        "email_messages": message_list(candidate).filter(application=application),
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


# --- The pipeline -----------------------------------------------------------------------------

def _visible_job(request: PracticeRequest, job_id: UUID) -> Job:
    return get_object_or_404(job_visible(membership=request.membership), public_id=job_id)


def _application(request: PracticeRequest, application_id: UUID) -> Application:
    return get_object_or_404(
        application_visible(membership=request.membership).select_related(
            "candidate", "job", "stage"), public_id=application_id)


def _wants_json(request: PracticeRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _stage_of(application: Application, value: str | None) -> Stage | None:
    if not value:
        return None
    return application.job.stages.filter(public_id=parse_uuid(value)).first()


@requires(Perm.VIEW_JOBS)
@require_GET
def job_board_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = _visible_job(request, job_id)
    columns = board_for_job(job=job)
    team_work.hide_scores(membership=request.membership,
                          applications=[a for _stage, cards in columns for a in cards])
    return render(request, "candidates/job_board.html", {
        "job": job, "columns": columns,
        "ended": ended_applications(job=job)[:50],
        "can_move": request.membership.can(Perm.MANAGE_CANDIDATES)})


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def application_move_view(request: PracticeRequest, practice: str,
                          application_id: UUID) -> HttpResponse:
    """Drag and drop posts here with fetch; the card's "Move to" form posts here too."""
    application = _application(request, application_id)
    to_stage = _stage_of(application, request.POST.get("to_stage"))
    try:
        if to_stage is None:
            raise ValidationError(_("Choose a stage of this job."))
        application = pipeline.application_move(
            application=application, to_stage=to_stage, actor=request.user,
            from_stage=_stage_of(application, request.POST.get("from_stage")))
    except ValidationError as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": exc.messages[0],
                                 "stage": str(application.stage.public_id)
                                 if application.stage else None,
                                 "status": application.status}, status=409)
        messages.error(request, exc.messages[0])
    else:
        if _wants_json(request):
            return JsonResponse({"ok": True, "stage": str(application.stage.public_id)})
        messages.success(request, _("%(name)s moved to %(stage)s.") % {
            "name": application.candidate.full_name, "stage": application.stage.name})
    return redirect(_next(request, application))


def _next(request: PracticeRequest, application: Application) -> str:
    target = request.POST.get("next", "")
    if target.startswith(f"/app/{request.practice.slug}/"):
        return target
    return reverse("candidates-staff:job-board", kwargs={
        "practice": request.practice.slug, "job_id": application.job.public_id})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def application_reject_view(request: PracticeRequest, practice: str,
                            application_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    form = RejectForm(request.POST or None, practice=request.practice)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.application_reject(
                application=application, actor=request.user,
                reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                from_stage=_stage_of(application, request.POST.get("from_stage")))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("%(name)s was rejected.") % {
                "name": application.candidate.full_name})
        return redirect(_next(request, application))
    seen = request.GET.get("from_stage") or (
        application.stage.public_id if application.stage else "")
    return render(request, "candidates/application_reject.html",
                  {"application": application, "form": form, "from_stage": seen})


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def application_reopen_view(request: PracticeRequest, practice: str,
                            application_id: UUID) -> HttpResponse:
    application = _application(request, application_id)
    try:
        pipeline.application_reopen(application=application, actor=request.user)
        messages.success(request, _("%(name)s is back in the pipeline.") % {
            "name": application.candidate.full_name})
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect(_next(request, application))


# --- Search -----------------------------------------------------------------------------------

@requires(Perm.VIEW_JOBS)
@require_GET
def candidate_search_view(request: PracticeRequest, practice: str) -> HttpResponse:
    """The top bar's search box: candidates by name, e-mail, phone, résumé and notes."""
    query = " ".join(request.GET.get("q", "").split())[:QUERY_MAX_LENGTH]
    hits = candidate_search(practice=request.practice, query=query,
                            membership=request.membership) if query else []
    return render(request, "candidates/candidate_search.html", {
        "search_query": query, "hits": hits, "hits_capped": len(hits) >= RESULTS_LIMIT})


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def application_withdraw_view(request: PracticeRequest, practice: str,
                              application_id: UUID) -> HttpResponse:
    """The candidate stepped back; the practice records it."""
    application = _application(request, application_id)
    try:
        pipeline.application_withdraw(application=application, actor=request.user,
                                      note=request.POST.get("note", "")[:200])
        messages.success(request, _("Recorded: %(name)s withdrew.") % {
            "name": application.candidate.full_name})
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect(_next(request, application))
