"""Shaping the pipeline: a job's stages and the practice's rejection reasons."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from candidates import pipeline
from candidates.models import RejectionReason
from hiring.decorators import requires
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log
from jobs.models import Job


def _job(request: PracticeRequest, job_id: UUID) -> Job:
    return get_object_or_404(request.practice.jobs, public_id=job_id)


def _back(request: PracticeRequest, job: Job) -> HttpResponse:
    return redirect("candidates-staff:job-stages", practice=request.practice.slug,
                    job_id=job.public_id)


@requires(Perm.MANAGE_JOBS)
@require_http_methods(["GET", "POST"])
def job_stages_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    """Rename, reorder (up/down), add and remove the stages of one job."""
    job = _job(request, job_id)
    stages = pipeline.job_pipeline(job)
    if request.method == "POST":
        try:
            _apply_change(request, job, stages)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return _back(request, job)
    return render(request, "candidates/job_stages.html", {"job": job, "stages": stages})


def _apply_change(request: PracticeRequest, job: Job, stages: list) -> None:
    by_id = {str(s.public_id): s for s in stages}
    action, target = request.POST.get("action", ""), by_id.get(request.POST.get("stage", ""))
    if action == "add":
        pipeline.stage_add(job=job, name=request.POST.get("name", ""), actor=request.user)
    elif action == "rename" and target:
        pipeline.stage_rename(stage=target, name=request.POST.get("name", ""),
                              actor=request.user)
    elif action in ("up", "down") and target:
        order = list(stages)
        i = order.index(target)
        j = i - 1 if action == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
            pipeline.stage_reorder(job=job, order=order, actor=request.user)
    elif action == "delete" and target:
        pipeline.stage_delete(stage=target, actor=request.user)
    else:
        raise ValidationError(_("That change is not possible."))


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def rejection_reasons_view(request: PracticeRequest, practice: str) -> HttpResponse:
    """The practice's list of reasons: add, rename, retire (old rejections keep theirs)."""
    pipeline.practice_pipeline(request.practice)
    if request.method == "POST":
        label = " ".join(request.POST.get("label", "").split())[:120]
        reason = request.practice.rejection_reasons.filter(
            public_id=request.POST.get("reason") or None).first()
        with transaction.atomic():
            if request.POST.get("action") == "retire" and reason:
                reason.is_active = False
                reason.save(update_fields=["is_active"])
            elif label and reason:
                reason.label = label
                reason.save(update_fields=["label"])
            elif label:
                reason = RejectionReason.objects.create(
                    practice=request.practice, label=label,
                    position=request.practice.rejection_reasons.count())
            else:
                messages.error(request, _("Type the reason first."))
                return redirect("candidates-staff:rejection-reasons",
                                practice=request.practice.slug)
            audit_log(action="candidates.rejection_reason.changed", actor=request.user,
                      obj=reason)
        messages.success(request, _("Saved."))
        return redirect("candidates-staff:rejection-reasons", practice=request.practice.slug)
    return render(request, "candidates/rejection_reasons.html", {
        "reasons": request.practice.rejection_reasons.filter(is_active=True)})

