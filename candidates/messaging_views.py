"""Staff pages for e-mail to applicants (templates, writing one e-mail, retrying a failed
one) and for bulk actions on a job's applicants (start one, follow it, download its CSV)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates import bulk, messaging
from candidates.forms import BulkActionForm, EmailTemplateForm, MessageForm
from candidates.models import Application, BulkAction, EmailTemplate, Message
from candidates.selectors import application_visible, email_template_list
from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest, parse_uuid
from hiring.roles import Perm
from hiring.services import audit_log
from jobs.models import Job
from jobs.selectors import job_visible

BULK_ERRORS_SHOWN = 100


def _wants_json(request: PracticeRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _preview(subject: str, body: str, values: dict[str, str]) -> dict[str, Any]:
    """What the preview pane shows, for the page and for the live preview alike."""
    try:
        rendered = messaging.template_render(subject=subject, body=body, values=values)
    except ValidationError as exc:
        return {"ok": False, "errors": exc.message_dict}
    return {"ok": True, "subject": rendered.subject, "body": rendered.body,
            "blank": [f"{{{name}}}" for name in rendered.blank_fields],
            "token": messaging.preview_token(subject, body)}


# --- Templates --------------------------------------------------------------------------------

def _template(request: PracticeRequest, emailtemplate_id: UUID) -> EmailTemplate:
    return get_object_or_404(EmailTemplate.objects.filter(practice=request.practice),
                             public_id=emailtemplate_id)


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def email_template_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    return render(request, "candidates/email_template_list.html", {
        "templates": email_template_list(practice=request.practice)})


def _template_page(request: PracticeRequest, template: EmailTemplate | None) -> HttpResponse:
    initial = {} if template is None else {
        "name": template.name, "purpose": template.purpose, "subject": template.subject,
        "body": template.body, "is_active": template.is_active}
    form = EmailTemplateForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") != "preview":
            try:
                if template is None:
                    template = messaging.email_template_create(
                        practice=request.practice, actor=request.user, **data)
                else:
                    messaging.email_template_update(template=template, actor=request.user,
                                                    **data)
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The template “%(name)s” was saved.") % {
                    "name": template.name})
                return redirect("candidates-staff:email-template-list",
                                practice=request.practice.slug)
    if form.is_bound and form.is_valid():
        preview = _preview(form.cleaned_data["subject"], form.cleaned_data["body"],
                           messaging.sample_values(practice=request.practice))
    elif not form.is_bound:
        preview = _preview(initial.get("subject", ""), initial.get("body", ""),
                           messaging.sample_values(practice=request.practice))
    return render(request, "candidates/email_template_form.html", {
        "form": form, "template": template, "preview": preview,
        "merge_fields": messaging.MERGE_FIELDS})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def email_template_create_view(request: PracticeRequest, practice: str) -> HttpResponse:
    return _template_page(request, None)


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def email_template_edit_view(request: PracticeRequest, practice: str,
                             emailtemplate_id: UUID) -> HttpResponse:
    return _template_page(request, _template(request, emailtemplate_id))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def email_template_delete_view(request: PracticeRequest, practice: str,
                               emailtemplate_id: UUID) -> HttpResponse:
    template = _template(request, emailtemplate_id)
    messaging.email_template_delete(template=template, actor=request.user)
    messages.success(request, _("The template “%(name)s” was deleted.") % {"name": template.name})
    return redirect("candidates-staff:email-template-list", practice=request.practice.slug)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def message_preview_view(request: PracticeRequest, practice: str) -> HttpResponse:
    """The live preview: the posted subject and body merged for the application named
    (or a made-up sample candidate)."""
    application_id = parse_uuid(request.POST.get("application", ""))
    if application_id:
        application = _application(request, application_id)
        values = messaging.merge_values(application=application)
    else:
        values = messaging.sample_values(practice=request.practice)
    # text with a wrong merge field is a state of the page, not a failed request: ok=false
    return JsonResponse(_preview(request.POST.get("subject", ""), request.POST.get("body", ""),
                                 values))


# --- Writing to one applicant -----------------------------------------------------------------


def _application(request: PracticeRequest, application_id: UUID) -> Application:
    return get_object_or_404(
        application_visible(membership=request.membership).select_related(
            "candidate", "job", "practice"), public_id=application_id)


def _detail_url(request: PracticeRequest, application: Application) -> str:
    return reverse("candidates-staff:application-detail", kwargs={
        "practice": request.practice.slug, "application_id": application.public_id})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def message_compose_view(request: PracticeRequest, practice: str,
                         application_id: UUID) -> HttpResponse:
    """Choose a template, edit it, preview it merged for this applicant, then send."""
    application = _application(request, application_id)
    templates = email_template_list(practice=request.practice).filter(is_active=True)
    chosen = templates.filter(public_id=parse_uuid(request.GET.get("template", ""))).first()
    initial = {"template": chosen, "subject": chosen.subject, "body": chosen.body} if chosen \
        else {}
    form = MessageForm(request.POST or None, initial=initial, practice=request.practice)
    values = messaging.merge_values(application=application)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        preview = _preview(data["subject"], data["body"], values)
        if request.POST.get("action") == "send":
            if data["checked"] != preview.get("token"):
                form.add_error(None, _("The text changed since the preview. Check the "
                                       "preview below, then send."))
            else:
                try:
                    messaging.message_send(application=application, actor=request.user,
                                           subject=data["subject"], body=data["body"],
                                           template=data["template"])
                except ValidationError as exc:
                    add_service_errors(exc, form)
                else:
                    messages.success(request, _("Your e-mail to %(name)s is on its way.") % {
                        "name": application.candidate.full_name})
                    return redirect(_detail_url(request, application))
    elif chosen:
        preview = _preview(chosen.subject, chosen.body, values)
    if preview and preview["ok"]:
        # the Send button now stands for the text just shown merged
        if form.is_bound:
            form.data = form.data.copy()
            form.data["checked"] = preview["token"]
        else:
            form.initial["checked"] = preview["token"]
    return render(request, "candidates/message_compose.html", {
        "application": application, "form": form, "templates": templates, "chosen": chosen,
        "preview": preview, "has_email": bool(application.candidate.email.strip())})


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def message_retry_view(request: PracticeRequest, practice: str,
                       message_id: UUID) -> HttpResponse:
    message = get_object_or_404(Message.objects.select_related("application"),
                                public_id=message_id)
    if message.application is None or not application_visible(
            membership=request.membership).filter(pk=message.application_id).exists():
        raise Http404
    try:
        messaging.message_retry(message=message, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The e-mail is queued again."))
    return redirect(_detail_url(request, message.application))


# --- Bulk actions -----------------------------------------------------------------------------

@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def bulk_action_start_view(request: PracticeRequest, practice: str,
                           job_id: UUID) -> HttpResponse:
    job = get_object_or_404(job_visible(membership=request.membership), public_id=job_id)
    form = BulkActionForm(request.POST, job=job)
    back = reverse("candidates-staff:job-applicants", kwargs={
        "practice": request.practice.slug, "job_id": job.public_id})
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect(back)
    data = form.cleaned_data
    common = {"job": job, "applications": data["applications"], "actor": request.user}
    try:
        if data["kind"] == BulkAction.Kind.MOVE:
            action = bulk.bulk_move_start(to_stage=data["stage"], **common)
        elif data["kind"] == BulkAction.Kind.REJECT:
            action = bulk.bulk_reject_start(reason=data["reason"],
                                            template=data["email_template"], **common)
        elif data["kind"] == BulkAction.Kind.TAG:
            action = bulk.bulk_tag_start(tag_name=data["tag"], **common)
        else:
            action = bulk.bulk_export_start(**common)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    return redirect("candidates-staff:bulk-action-detail", practice=request.practice.slug,
                    bulkaction_id=action.public_id)


def _bulk_action(request: PracticeRequest, bulkaction_id: UUID) -> BulkAction:
    return get_object_or_404(BulkAction.objects.filter(practice=request.practice),
                             public_id=bulkaction_id)


def _bulk_state(request: PracticeRequest, action: BulkAction) -> dict[str, Any]:
    finished = action.status in (BulkAction.Status.DONE, BulkAction.Status.FAILED)
    errors = (action.items.exclude(error="").select_related("application__candidate")
              .order_by("pk")[:BULK_ERRORS_SHOWN])
    state: dict[str, Any] = {
        "status": action.status, "label": action.get_status_display(),
        "total": action.total, "done": action.done, "failed": action.failed,
        "percent": round(100 * action.done / action.total) if action.total else 100,
        "finished": finished,
        "errors": [{"name": item.application.candidate.full_name, "error": item.error}
                   for item in errors],
        "download_url": None, "message": ""}
    if action.kind == BulkAction.Kind.EXPORT and action.status == BulkAction.Status.DONE:
        if action.result_file:
            state["download_url"] = reverse("candidates-staff:bulk-action-download", kwargs={
                "practice": request.practice.slug, "bulkaction_id": action.public_id})
        else:
            state["message"] = _("There was nothing to export: none of the selected "
                                 "applications exist any more, so no file was made.")
    if action.status == BulkAction.Status.FAILED:
        state["message"] = _("The work stopped before the end; the counts show what was "
                             "done. Start the action again for the rest.")
    return state


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def bulk_action_detail_view(request: PracticeRequest, practice: str,
                            bulkaction_id: UUID) -> HttpResponse:
    """The progress page; asked for JSON, the state it polls."""
    action = _bulk_action(request, bulkaction_id)
    state = _bulk_state(request, action)
    if _wants_json(request):
        return JsonResponse(state)
    job = Job.objects.filter(practice=request.practice, pk=action.params.get("job")).first()
    return render(request, "candidates/bulk_action_detail.html", {
        "action": action, "state": state, "job": job})


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def bulk_action_download_view(request: PracticeRequest, practice: str,
                              bulkaction_id: UUID) -> HttpResponse:
    action = _bulk_action(request, bulkaction_id)
    if action.kind != BulkAction.Kind.EXPORT or not action.result_file:
        raise Http404
    audit_log(action="candidates.applicants.exported", actor=request.user, obj=action,
              data={"rows": action.params.get("rows"), "job": action.params.get("job")})
    return FileResponse(action.result_file.open("rb"), as_attachment=True,
                        filename=action.result_file.name.rsplit("/", 1)[-1],
                        content_type="text/csv; charset=utf-8")
