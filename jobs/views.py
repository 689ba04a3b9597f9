"""Staff pages of the jobs app, under /app/<practice>/jobs/ and /app/<practice>/locations/."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log
from hiring.worker_documents import document_progress, docx_download
from jobs import services
from jobs.forms import (
    JobFilterForm,
    JobForm,
    LocationForm,
    QuestionFormSet,
    question_initial,
)
from jobs.models import Job, JobDocument, JobTemplate, Location
from jobs.selectors import job_list, job_visible, template_list
from jobs.services import PublishBlocked
from jobs.syndication.checks import all_board_problems, checklist
from jobs.syndication.status import job_board_status

FIX_FIELDS = gettext_lazy("Nothing was saved yet: some fields need your attention (see the "
                          "notes next to them).")
# the model template of the library leads the gallery
FEATURED_TEMPLATE = "medical-office-manager"


def _job(request: PracticeRequest, job_id: UUID) -> Job:
    return get_object_or_404(job_visible(membership=request.membership)
                             .select_related("location", "template"), public_id=job_id)


def _template(request: PracticeRequest, template_id: UUID) -> JobTemplate:
    return get_object_or_404(template_list(practice=request.practice), public_id=template_id)


def _job_url(request: PracticeRequest, job: Job, name: str = "jobs:job-detail") -> str:
    return reverse(name, kwargs={"practice": request.practice.slug, "job_id": job.public_id})


# --- List, gallery, create ------------------------------------------------------------------

@requires(Perm.VIEW_JOBS)
@require_GET
def job_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = JobFilterForm(request.GET or None, practice=request.practice)
    filters = form.cleaned_data if form.is_valid() else {}
    jobs = job_list(membership=request.membership, status=filters.get("status", ""),
                    location=filters.get("location", ""), search=filters.get("q", ""))
    return render(request, "jobs/job_list.html", {
        "jobs": jobs, "filter_form": form, "filtered": any(filters.values()),
        "today": services.practice_today(request.practice)})


@requires(Perm.MANAGE_JOBS)
@require_GET
def template_gallery_view(request: PracticeRequest, practice: str) -> HttpResponse:
    templates = list(template_list(practice=request.practice))
    library = sorted((t for t in templates if t.is_shipped),
                     key=lambda t: (t.key != FEATURED_TEMPLATE, t.title))
    return render(request, "jobs/template_gallery.html", {
        "library": library,
        "own": [t for t in templates if not t.is_shipped]})


@requires(Perm.MANAGE_JOBS)
@require_GET
def template_detail_view(request: PracticeRequest, practice: str,
                         template_id: UUID) -> HttpResponse:
    template = _template(request, template_id)
    preview = Job(practice=request.practice,
                  **services.template_fields_for(template, request.practice))
    return render(request, "jobs/template_detail.html", {"template": template, "job": preview})


@requires(Perm.MANAGE_JOBS)
@require_POST
def template_use_view(request: PracticeRequest, practice: str, template_id: UUID) -> HttpResponse:
    template = _template(request, template_id)
    job = services.job_create_from_template(practice=request.practice, template=template,
                                            actor=request.user)
    messages.success(request, _("Your draft is ready. Check the pay and details, then "
                                "publish."))
    return redirect(_job_url(request, job, "jobs:job-edit"))


@requires(Perm.MANAGE_JOBS)
@require_http_methods(["GET", "POST"])
def job_create_view(request: PracticeRequest, practice: str) -> HttpResponse:
    """Start from scratch."""
    form = JobForm(request.POST or None, practice=request.practice, instance=Job(
        practice=request.practice), prefix="job")
    questions = QuestionFormSet(request.POST or None, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "hiring_team"}
        try:
            job = services.job_create(practice=request.practice, actor=request.user,
                                      fields=fields, questions=questions.questions(),
                                      hiring_team=list(form.cleaned_data["hiring_team"]) or None)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Draft saved."))
            return _after_save(request, job)
    if request.method == "POST":
        messages.error(request, FIX_FIELDS)
    return render(request, "jobs/job_form.html", {"form": form, "questions": questions,
                                                  "job": None})


# --- One job --------------------------------------------------------------------------------

@requires(Perm.VIEW_JOBS)
@require_GET
def job_detail_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = _job(request, job_id)
    return render(request, "jobs/job_detail.html", {
        "job": job,
        "problems": services.job_publish_problems(job),
        "questions": job.questions.all(),
        "team": job.hiring_team.select_related("user"),
        "document": job.documents.filter(kind=JobDocument.Kind.DESCRIPTION).first(),
        "can_manage": request.membership.can(Perm.MANAGE_JOBS),
        "applicant_count": job.applications.count(),
        **_board_context(request, job),
    })


def _board_context(request: PracticeRequest, job: Job) -> dict[str, object]:
    """The job page's "Job boards" card and its part of the checklist."""
    boards = job_board_status(job)
    return {"boards": boards,
            "board_checklist": checklist({row.board: row.problems for row in boards
                                          if row.goes_there}),
            "can_change_boards": request.membership.can(Perm.MANAGE_PRACTICE)}


@requires(Perm.VIEW_JOBS)
@require_GET
def job_preview_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    """The posting exactly as applicants will read it, on the practice's careers layout."""
    return render(request, "jobs/job_preview.html", {"job": _job(request, job_id),
                                                     "is_preview": True})


@requires(Perm.MANAGE_JOBS)
@require_http_methods(["GET", "POST"])
def job_edit_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = _job(request, job_id)
    form = JobForm(request.POST or None, practice=request.practice, prefix="job",
                   instance=Job.objects.get(pk=job.pk),
                   initial={"hiring_team": list(job.hiring_team.all())})
    questions = QuestionFormSet(request.POST or None, prefix="questions",
                                initial=None if request.POST else question_initial(job))
    publish = "publish" in request.POST
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "hiring_team"}
        try:
            services.job_update(job=job, actor=request.user, fields=fields,
                                questions=questions.questions(),
                                hiring_team=list(form.cleaned_data["hiring_team"]))
            if publish:
                services.job_publish(job=job, actor=request.user)
        except PublishBlocked as blocked:
            for problem in blocked.problems:
                form.add_error(problem.field if problem.field in form.fields else None,
                               problem.message)
            messages.warning(request, _("Your changes are saved as a draft. Fix what the "
                                        "checklist shows to publish."))
            return render(request, "jobs/job_form.html", {
                "form": form, "questions": questions, "job": job,
                "problems": blocked.problems,
                "board_checklist": checklist(all_board_problems(job))}, status=400)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Published. Applicants can find it now.")
                             if publish else _("Saved."))
            return redirect(_job_url(request, job))
    if request.method == "POST":
        messages.error(request, FIX_FIELDS)
    return render(request, "jobs/job_form.html", {
        "form": form, "questions": questions, "job": job,
        "board_checklist": checklist(all_board_problems(job))})


def _after_save(request: PracticeRequest, job: Job) -> HttpResponse:
    return redirect(_job_url(request, job, "jobs:job-edit"))


STATUS_ACTIONS = {
    "publish": (services.job_publish, _("Published. Applicants can find it now.")),
    "pause": (services.job_pause, _("Paused: the job is off the careers page until you "
                                    "resume it.")),
    "close": (services.job_close, _("Closed. Its applicants stay where they are; you can "
                                    "reopen it.")),
}


@requires(Perm.MANAGE_JOBS)
@require_POST
def job_status_view(request: PracticeRequest, practice: str, job_id: UUID,
                    action: str) -> HttpResponse:
    job = _job(request, job_id)
    if action not in STATUS_ACTIONS:
        raise Http404
    service, done = STATUS_ACTIONS[action]
    try:
        service(job=job, actor=request.user)
    except PublishBlocked:
        messages.error(request, _("This job is not ready to publish yet: see the checklist."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    return redirect(_job_url(request, job))


@requires(Perm.MANAGE_JOBS)
@require_POST
def job_duplicate_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    copy = services.job_duplicate(job=_job(request, job_id), actor=request.user)
    messages.success(request, _("A copy is ready as a draft."))
    return redirect(_job_url(request, copy, "jobs:job-edit"))


@requires(Perm.MANAGE_JOBS)
@require_POST
def job_save_template_view(request: PracticeRequest, practice: str,
                           job_id: UUID) -> HttpResponse:
    job = _job(request, job_id)
    services.job_save_as_template(job=job, actor=request.user,
                                  title=request.POST.get("title", "")[:120])
    messages.success(request, _("Saved to your templates. Find it under New job."))
    return redirect(_job_url(request, job))


# --- Word documents -------------------------------------------------------------------------

def _document_url(request: PracticeRequest, document: JobDocument, name: str) -> str:
    return reverse(name, kwargs={"practice": request.practice.slug,
                                 "document_id": document.public_id})


@requires(Perm.VIEW_JOBS)
@require_POST
def job_document_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    document = services.job_document_request(job=_job(request, job_id), actor=request.user)
    return redirect(_document_url(request, document, "jobs:document-detail"))


@requires(Perm.MANAGE_JOBS)
@require_POST
def template_document_view(request: PracticeRequest, practice: str,
                           template_id: UUID) -> HttpResponse:
    document = services.template_document_request(
        template=_template(request, template_id), practice=request.practice, actor=request.user)
    return redirect(_document_url(request, document, "jobs:document-detail"))


def _document(request: PracticeRequest, document_id: UUID) -> JobDocument:
    document = get_object_or_404(JobDocument.objects.select_related("job", "template"),
                                 public_id=document_id)
    if document.job and not job_visible(membership=request.membership).filter(
            pk=document.job_id).exists():
        raise Http404
    if document.template and not request.membership.can(Perm.MANAGE_JOBS):
        raise Http404
    return document


@requires(Perm.VIEW_JOBS)
@require_GET
def document_detail_view(request: PracticeRequest, practice: str,
                         document_id: UUID) -> HttpResponse:
    document = _document(request, document_id)
    return document_progress(
        request, document, template_name="jobs/document_detail.html",
        download_url=_document_url(request, document, "jobs:document-download"))


@requires(Perm.VIEW_JOBS)
@require_POST
def document_retry_view(request: PracticeRequest, practice: str,
                        document_id: UUID) -> HttpResponse:
    document = _document(request, document_id)
    if document.job:
        document = services.job_document_request(job=document.job, actor=request.user)
    else:
        document = services.template_document_request(
            template=document.template, practice=request.practice, actor=request.user)
    return redirect(_document_url(request, document, "jobs:document-detail"))


@requires(Perm.VIEW_JOBS)
@require_GET
def document_download_view(request: PracticeRequest, practice: str,
                           document_id: UUID) -> HttpResponse:
    document = _document(request, document_id)
    if document.status != JobDocument.Status.READY:
        raise Http404
    audit_log(action="jobs.document.downloaded", actor=request.user, obj=document,
              data={"kind": document.kind})
    return docx_download(document)


# --- Sites ----------------------------------------------------------------------------------

@requires(Perm.MANAGE_JOBS)
@require_http_methods(["GET", "POST"])
def location_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = LocationForm(request.POST or None, practice=request.practice, prefix="location")
    if request.method == "POST" and form.is_valid():
        services.location_save(practice=request.practice, actor=request.user,
                               fields=form.cleaned_data)
        messages.success(request, _("Site added."))
        return redirect("jobs:location-list", practice=request.practice.slug)
    return render(request, "jobs/location_list.html", {
        "locations": request.practice.locations.all(), "form": form})


@requires(Perm.MANAGE_JOBS)
@require_http_methods(["GET", "POST"])
def location_edit_view(request: PracticeRequest, practice: str,
                       location_id: UUID) -> HttpResponse:
    location = get_object_or_404(request.practice.locations, public_id=location_id)
    form = LocationForm(request.POST or None, practice=request.practice, prefix="location",
                        instance=Location.objects.get(pk=location.pk))
    if request.method == "POST" and form.is_valid():
        services.location_save(practice=request.practice, actor=request.user,
                               fields=form.cleaned_data, location=location)
        messages.success(request, _("Site saved."))
        return redirect("jobs:location-list", practice=request.practice.slug)
    return render(request, "jobs/location_form.html", {"form": form, "location": location})


@requires(Perm.MANAGE_JOBS)
@require_POST
def location_delete_view(request: PracticeRequest, practice: str,
                         location_id: UUID) -> HttpResponse:
    location = get_object_or_404(request.practice.locations, public_id=location_id)
    try:
        services.location_delete(location=location, actor=request.user)
        messages.success(request, _("Site removed."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("jobs:location-list", practice=request.practice.slug)
