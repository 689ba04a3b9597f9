"""The candidate's page: notes, stars, tags and the résumé shown in place."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from candidates import team_work
from candidates.listing import ApplicationFilterForm, application_list
from candidates.models import Application, Resume, SavedFilter
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
        messages.error(request, _("Give between one and five stars."))
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
    return response


# --- The list across jobs -------------------------------------------------------------------

@requires(Perm.VIEW_JOBS)
@require_GET
def application_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None, membership=request.membership)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(application_list(membership=request.membership, filters=filters),
                     25).get_page(request.GET.get("page"))
    team_work.hide_scores(membership=request.membership, applications=page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "candidates/application_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "saved": SavedFilter.objects.filter(owner=request.user)})


@requires(Perm.VIEW_JOBS)
@require_POST
def saved_filter_create_view(request: PracticeRequest, practice: str) -> HttpResponse:
    name = request.POST.get("name", "").strip()[:60]
    query = request.POST.get("query", "")[:1000]
    if not name:
        messages.error(request, _("Give the view a name, e.g. “My shortlist”."))
    else:
        SavedFilter.objects.create(practice=request.practice, owner=request.user, name=name,
                                   query=query)
        messages.success(request, _("Saved as “%(name)s”.") % {"name": name})
    return redirect(reverse("candidates-staff:application-list",
                            kwargs={"practice": request.practice.slug}) + f"?{query}")


@requires(Perm.VIEW_JOBS)
@require_POST
def saved_filter_delete_view(request: PracticeRequest, practice: str,
                             savedfilter_id: UUID) -> HttpResponse:
    get_object_or_404(SavedFilter.objects.filter(owner=request.user),
                      public_id=savedfilter_id).delete()
    return redirect("candidates-staff:application-list", practice=request.practice.slug)
