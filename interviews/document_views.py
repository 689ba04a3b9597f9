"""Staff pages for interview documents: ask for a printable kit or an interview summary,
follow it while a worker makes it, retry, download."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log
from hiring.worker_documents import document_progress, docx_download
from interviews.document_services import kit_document_request, summary_document_request
from interviews.models import InterviewDocument, InterviewKit
from interviews.scorecards import must_score_first
from jobs.selectors import job_visible

Kind, Status = InterviewDocument.Kind, InterviewDocument.Status


def _document_url(request: PracticeRequest, document: InterviewDocument, name: str) -> str:
    return reverse(name, kwargs={"practice": request.practice.slug,
                                 "interview_document_id": document.public_id})


def _application_url(request: PracticeRequest, application: Any) -> str:
    return reverse("candidates-staff:application-detail", kwargs={
        "practice": request.practice.slug, "application_id": application.public_id})


@requires(Perm.VIEW_JOBS)
@require_POST
def kit_document_view(request: PracticeRequest, practice: str,
                      interview_kit_id: UUID) -> HttpResponse:
    # interviewers print the kits of the jobs whose team they are on
    kits = InterviewKit.objects.filter(practice=request.practice,
                                       job__in=job_visible(membership=request.membership))
    kit = get_object_or_404(kits.select_related("job"), public_id=interview_kit_id)
    document = kit_document_request(kit=kit, actor=request.user)
    return redirect(_document_url(request, document, "interviews:document-detail"))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def summary_document_view(request: PracticeRequest, practice: str,
                          application_id: UUID) -> HttpResponse:
    application = get_object_or_404(application_visible(membership=request.membership)
                                    .select_related("candidate", "job"),
                                    public_id=application_id)
    try:
        document = summary_document_request(application=application, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(_application_url(request, application))
    return redirect(_document_url(request, document, "interviews:document-detail"))


def _document(request: PracticeRequest, interview_document_id: UUID) -> InterviewDocument:
    """The document, if the member may see what it is made from: a kit's job, or, for a
    summary, the application, the right to manage candidates and their own scores in."""
    document = get_object_or_404(
        InterviewDocument.objects.filter(practice=request.practice)
        .select_related("kit__job", "application__candidate", "application__job"),
        public_id=interview_document_id)
    membership = request.membership
    if document.kind == Kind.KIT:
        visible = job_visible(membership=membership).filter(pk=document.kit.job_id).exists()
    else:
        visible = (membership.can(Perm.MANAGE_CANDIDATES)
                   and application_visible(membership=membership)
                   .filter(pk=document.application_id).exists()
                   and not must_score_first(membership=membership,
                                            application=document.application))
    if not visible:
        raise Http404
    return document


@requires(Perm.VIEW_JOBS)
@require_GET
def document_detail_view(request: PracticeRequest, practice: str,
                         interview_document_id: UUID) -> HttpResponse:
    document = _document(request, interview_document_id)
    return document_progress(
        request, document, template_name="interviews/document_detail.html",
        download_url=_document_url(request, document, "interviews:document-download"))


@requires(Perm.VIEW_JOBS)
@require_POST
def document_retry_view(request: PracticeRequest, practice: str,
                        interview_document_id: UUID) -> HttpResponse:
    document = _document(request, interview_document_id)
    try:
        if document.kind == Kind.KIT:
            document = kit_document_request(kit=document.kit, actor=request.user)
        else:
            document = summary_document_request(application=document.application,
                                                actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect(_document_url(request, document, "interviews:document-detail"))


@requires(Perm.VIEW_JOBS)
@require_GET
def document_download_view(request: PracticeRequest, practice: str,
                           interview_document_id: UUID) -> HttpResponse:
    document = _document(request, interview_document_id)
    if document.status != Status.READY:
        raise Http404
    if document.kind == Kind.SUMMARY:  # the team's judgements of a person left the system
        audit_log(action="interviews.summary.downloaded", actor=request.user,
                  obj=document.application, data={"document": str(document.public_id)})
    return docx_download(document)
