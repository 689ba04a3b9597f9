"""Staff pages to edit a job's interview kits and the competencies its scorecards rate.
Anyone who can see the job may read them; changing them needs Perm.MANAGE_JOBS."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews import kits
from interviews.kit_forms import CompetencyForm, KitForm, KitRenameForm, QuestionForm
from interviews.models import Competency, InterviewKit, KitQuestion
from jobs.models import Job
from jobs.selectors import job_visible


def _job(request: PracticeRequest, job_id: UUID) -> Job:
    return get_object_or_404(job_visible(membership=request.membership), public_id=job_id)


def _kit(request: PracticeRequest, kit_id: UUID) -> InterviewKit:
    return get_object_or_404(InterviewKit.objects.filter(
        job__in=job_visible(membership=request.membership)).select_related("job"),
        public_id=kit_id)


def _must_manage(request: PracticeRequest) -> None:
    if not request.membership.can(Perm.MANAGE_JOBS):
        raise PermissionDenied


@requires(Perm.VIEW_JOBS)
@require_http_methods(["GET", "POST"])
def kit_list_view(request: PracticeRequest, practice: str, job_id: UUID) -> HttpResponse:
    job = _job(request, job_id)
    job_kits = kits.kits_ensure(job)
    form = KitForm(request.POST or None, job=job)
    if request.method == "POST":
        _must_manage(request)
        if form.is_valid():
            try:
                kit = kits.kit_create(job=job, name=form.cleaned_data["name"],
                                      copy_from=form.cleaned_data["copy_from"],
                                      actor=request.user)
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("Kit created."))
                return redirect("interviews:kit-detail", practice=practice,
                                interview_kit_id=kit.public_id)
    # one query for every kit's count, not one per kit
    counts = dict(job.interview_kits.annotate(n=Count("questions")).values_list("pk", "n"))
    return render(request, "interviews/kit_list.html", {
        "job": job, "kits": [(k, counts[k.pk]) for k in job_kits], "form": form,
        "competencies": kits.competencies_for(job),
        "can_edit": request.membership.can(Perm.MANAGE_JOBS)},
        status=400 if form.errors else 200)


def _render_kit(request: PracticeRequest, kit: InterviewKit, *, add_form: QuestionForm | None
                = None, rename_form: KitRenameForm | None = None,
                failed: tuple[int, QuestionForm] | None = None, status: int = 200
                ) -> HttpResponse:
    questions = list(kit.questions.all())
    forms = {q.pk: QuestionForm(instance=q, prefix=f"q{q.pk}") for q in questions}
    if failed:
        forms[failed[0]] = failed[1]
    return render(request, "interviews/kit_detail.html", {
        "kit": kit, "job": kit.job,
        "questions": [(q, forms[q.pk]) for q in questions],
        "add_form": add_form or QuestionForm(prefix="new"),
        "rename_form": rename_form or KitRenameForm(initial={"name": kit.name}),
        "competencies": kits.competencies_for(kit.job),
        "can_edit": request.membership.can(Perm.MANAGE_JOBS),
        "open_question": failed[0] if failed else None}, status=status)


@requires(Perm.VIEW_JOBS)
@require_http_methods(["GET", "POST"])
def kit_detail_view(request: PracticeRequest, practice: str, interview_kit_id: UUID
                    ) -> HttpResponse:
    kit = _kit(request, interview_kit_id)
    if request.method == "GET":
        return _render_kit(request, kit)
    _must_manage(request)
    if request.POST.get("action") == "rename":
        rename_form = KitRenameForm(request.POST)
        if rename_form.is_valid():
            try:
                kits.kit_rename(kit=kit, name=rename_form.cleaned_data["name"],
                                actor=request.user)
            except ValidationError as exc:
                add_service_errors(exc, rename_form)
            else:
                messages.success(request, _("Renamed."))
                return redirect(request.path)
        return _render_kit(request, kit, rename_form=rename_form, status=400)
    add_form = QuestionForm(request.POST, prefix="new")
    if add_form.is_valid():
        data = add_form.cleaned_data
        kits.question_save(kit=kit, actor=request.user, question=data["question"],
                           listen_for=data["listen_for"], follow_ups=data["follow_ups"])
        messages.success(request, _("Question added at the end."))
        return redirect(f"{request.path}#questions")
    return _render_kit(request, kit, add_form=add_form, status=400)


@requires(Perm.MANAGE_JOBS)
@require_POST
def kit_delete_view(request: PracticeRequest, practice: str, interview_kit_id: UUID
                    ) -> HttpResponse:
    kit = _kit(request, interview_kit_id)
    try:
        kits.kit_delete(kit=kit, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("interviews:kit-detail", practice=practice,
                        interview_kit_id=kit.public_id)
    messages.success(request, _("Kit deleted."))
    return redirect("interviews:kit-list", practice=practice, job_id=kit.job.public_id)


@requires(Perm.MANAGE_JOBS)
@require_POST
def question_view(request: PracticeRequest, practice: str, kit_question_id: UUID
                  ) -> HttpResponse:
    """Change, delete or move one question (the buttons of its row post here)."""
    question = get_object_or_404(KitQuestion.objects.filter(
        kit__job__in=job_visible(membership=request.membership)).select_related("kit__job"),
        public_id=kit_question_id)
    kit = question.kit
    action = request.POST.get("action")
    if action in {"up", "down"}:
        kits.question_move(question=question, offset=-1 if action == "up" else 1,
                           actor=request.user)
    elif action == "delete":
        kits.question_delete(question=question, actor=request.user)
        messages.success(request, _("Question deleted."))
    else:
        form = QuestionForm(request.POST, instance=question, prefix=f"q{question.pk}")
        if not form.is_valid():
            return _render_kit(request, kit, failed=(question.pk, form), status=400)
        data = form.cleaned_data
        kits.question_save(kit=kit, actor=request.user, instance=question,
                           question=data["question"], listen_for=data["listen_for"],
                           follow_ups=data["follow_ups"])
        messages.success(request, _("Question saved."))
    return redirect(f"{kit_url(practice, kit)}#questions")


def kit_url(practice: str, kit: InterviewKit) -> str:
    return reverse("interviews:kit-detail", kwargs={"practice": practice,
                                                   "interview_kit_id": kit.public_id})


# --- Competencies ---------------------------------------------------------------------------

def _render_competencies(request: PracticeRequest, job: Job, *, add_form: CompetencyForm |
                         None = None, failed: tuple[int, CompetencyForm] | None = None,
                         status: int = 200) -> HttpResponse:
    competencies = kits.competencies_for(job)
    forms = {c.pk: CompetencyForm(instance=c, prefix=f"c{c.pk}") for c in competencies}
    if failed:
        forms[failed[0]] = failed[1]
    return render(request, "interviews/competencies.html", {
        "job": job, "competencies": [(c, forms[c.pk]) for c in competencies],
        "add_form": add_form or CompetencyForm(prefix="new"),
        "can_edit": request.membership.can(Perm.MANAGE_JOBS),
        "open_competency": failed[0] if failed else None}, status=status)


@requires(Perm.VIEW_JOBS)
@require_http_methods(["GET", "POST"])
def competency_list_view(request: PracticeRequest, practice: str, job_id: UUID
                         ) -> HttpResponse:
    job = _job(request, job_id)
    if request.method == "GET":
        return _render_competencies(request, job)
    _must_manage(request)
    form = CompetencyForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            kits.competency_save(job=job, actor=request.user, name=form.cleaned_data["name"],
                                 description=form.cleaned_data["description"],
                                 anchors=form.anchors())
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Competency added."))
            return redirect(request.path)
    return _render_competencies(request, job, add_form=form, status=400)


@requires(Perm.MANAGE_JOBS)
@require_POST
def competency_view(request: PracticeRequest, practice: str, competency_id: UUID
                    ) -> HttpResponse:
    competency = get_object_or_404(Competency.objects.filter(
        job__in=job_visible(membership=request.membership), archived=False)
        .select_related("job"), public_id=competency_id)
    job = competency.job
    action = request.POST.get("action")
    if action in {"up", "down"}:
        kits.competency_move(competency=competency, offset=-1 if action == "up" else 1,
                             actor=request.user)
    elif action == "remove":
        kits.competency_remove(competency=competency, actor=request.user)
        messages.success(request, _("Competency removed. Scorecards already submitted keep "
                                    "their ratings of it."))
    else:
        form = CompetencyForm(request.POST, instance=competency, prefix=f"c{competency.pk}")
        if form.is_valid():
            try:
                kits.competency_save(job=job, actor=request.user, instance=competency,
                                     name=form.cleaned_data["name"],
                                     description=form.cleaned_data["description"],
                                     anchors=form.anchors())
            except ValidationError as exc:
                add_service_errors(exc, form)
        if form.errors:
            competency.refresh_from_db()
            return _render_competencies(request, job, failed=(competency.pk, form),
                                        status=400)
        messages.success(request, _("Competency saved."))
    return redirect("interviews:competency-list", practice=practice, job_id=job.public_id)
