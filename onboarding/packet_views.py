"""Staff pages of onboarding packets and their templates, under /app/<practice>/onboarding/.

Everything here needs Perm.MANAGE_CANDIDATES (owners and hiring managers): they send the
packets, so they keep the templates too. Interviewers reach none of it (403), and every
page that shows or hands over a packet's documents writes an audit event."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest, client_ip
from hiring.roles import Perm
from hiring.services import audit_log
from onboarding import esign, packet_files, packet_templates, packets
from onboarding.models import Packet, PacketItem, PacketTemplate, PacketTemplateItem
from onboarding.packet_files import Download
from onboarding.packet_forms import (
    PacketCreateForm,
    TemplateCreateForm,
    TemplateItemForm,
    TemplateRenameForm,
)
from onboarding.packet_selectors import (
    LIST_FILTERS,
    document_versions,
    offer_awaiting_packet,
    packet_get,
    packet_item_get,
    packet_list,
    packet_rows,
    template_list,
)

PACKETS_PER_PAGE = 50


def _template(request: PracticeRequest, template_id: UUID) -> PacketTemplate:
    return get_object_or_404(PacketTemplate.objects.filter(practice=request.practice),
                             public_id=template_id)


def _template_item(request: PracticeRequest, item_id: UUID) -> PacketTemplateItem:
    return get_object_or_404(PacketTemplateItem.objects.filter(practice=request.practice)
                             .select_related("template"), public_id=item_id)


def _packet(request: PracticeRequest, packet_id: UUID) -> Packet:
    return get_object_or_404(packet_get(practice=request.practice), public_id=packet_id)


def _packet_url(practice: str, packet: Packet) -> str:
    return reverse("onboarding:packet-detail", kwargs={"practice": practice,
                                                       "packet_id": packet.public_id})


def _template_url(practice: str, template: PacketTemplate) -> str:
    return reverse("onboarding:packet-template-detail", kwargs={
        "practice": practice, "packet_template_id": template.public_id})


def _seen(request: PracticeRequest) -> esign.Seen:
    return esign.Seen(ip=client_ip(request),
                      user_agent=request.META.get("HTTP_USER_AGENT", "")[:400])


def _file_response(download: Download | None) -> FileResponse:
    if download is None:
        raise Http404
    return FileResponse(download.handle, as_attachment=True, filename=download.filename,
                        content_type=download.content_type)


# --- Templates -----------------------------------------------------------------------------------

@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def template_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    packet_templates.template_default_ensure(request.practice)
    form = TemplateCreateForm(request.POST or None, practice=request.practice)
    if request.method == "POST" and form.is_valid():
        try:
            template = packet_templates.template_create(
                practice=request.practice, name=form.cleaned_data["name"], actor=request.user,
                copy_from=form.cleaned_data["copy_from"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Template created. Adjust its steps below."))
            return redirect(_template_url(practice, template))
    return render(request, "onboarding/packet_template_list.html", {
        "templates": template_list(practice=request.practice), "form": form},
        status=400 if form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def template_detail_view(request: PracticeRequest, practice: str, packet_template_id: UUID
                         ) -> HttpResponse:
    template = _template(request, packet_template_id)
    rename_form = TemplateRenameForm(initial={"name": template.name})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "default":
            packet_templates.template_make_default(template=template, actor=request.user)
            messages.success(request, _("New packets start from this template."))
            return redirect(request.path)
        rename_form = TemplateRenameForm(request.POST)
        if rename_form.is_valid():
            try:
                packet_templates.template_rename(template=template, actor=request.user,
                                                 name=rename_form.cleaned_data["name"])
            except ValidationError as exc:
                add_service_errors(exc, rename_form)
            else:
                messages.success(request, _("Renamed."))
                return redirect(request.path)
    return render(request, "onboarding/packet_template_detail.html", {
        "template": template,
        "items": [(item, packet_templates.due_rule(item)) for item in template.items.all()],
        "rename_form": rename_form}, status=400 if rename_form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def template_delete_view(request: PracticeRequest, practice: str, packet_template_id: UUID
                         ) -> HttpResponse:
    template = _template(request, packet_template_id)
    try:
        packet_templates.template_delete(template=template, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(_template_url(practice, template))
    messages.success(request, _("Template deleted. Packets sent with it keep their steps."))
    return redirect("onboarding:packet-template-list", practice=practice)


def _item_page(request: PracticeRequest, template: PacketTemplate, form: TemplateItemForm,
               item: PacketTemplateItem | None) -> HttpResponse:
    return render(request, "onboarding/packet_template_item.html", {
        "template": template, "form": form, "item": item,
        "versions": document_versions(item) if item else []},
        status=400 if form.errors else 200)


def _item_save(request: PracticeRequest, template: PacketTemplate, form: TemplateItemForm,
               item: PacketTemplateItem | None) -> HttpResponse | None:
    """Save a valid form through the service; None when it was refused (errors on form)."""
    data = form.cleaned_data
    try:
        packet_templates.template_item_save(
            template=template, actor=request.user, instance=item, kind=data["kind"],
            form=data["form"], title=data["title"], description=data["description"],
            document_body=data["document_body"], due_days=data["due_days"],
            business_days=data["business_days"])
    except ValidationError as exc:
        add_service_errors(exc, form)
        return None
    messages.success(request, _("Step saved."))
    return redirect(f"{_template_url(request.practice.slug, template)}#steps")


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def template_item_create_view(request: PracticeRequest, practice: str,
                              packet_template_id: UUID) -> HttpResponse:
    template = _template(request, packet_template_id)
    form = TemplateItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _item_save(request, template, form, None)
        if saved:
            return saved
    return _item_page(request, template, form, None)


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def template_item_edit_view(request: PracticeRequest, practice: str,
                            packet_template_item_id: UUID) -> HttpResponse:
    item = _template_item(request, packet_template_item_id)
    form = TemplateItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        saved = _item_save(request, item.template, form, item)
        if saved:
            return saved
    return _item_page(request, item.template, form, item)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def template_item_move_view(request: PracticeRequest, practice: str,
                            packet_template_item_id: UUID) -> HttpResponse:
    item = _template_item(request, packet_template_item_id)
    packet_templates.template_item_move(
        item=item, offset=-1 if request.POST.get("direction") == "up" else 1,
        actor=request.user)
    return redirect(f"{_template_url(practice, item.template)}#steps")


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def template_item_remove_view(request: PracticeRequest, practice: str,
                              packet_template_item_id: UUID) -> HttpResponse:
    item = _template_item(request, packet_template_item_id)
    packet_templates.template_item_remove(item=item, actor=request.user)
    messages.success(request, _("Step removed. Packets already sent keep it."))
    return redirect(f"{_template_url(practice, item.template)}#steps")


# --- Sending a packet ----------------------------------------------------------------------------

@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def packet_create_view(request: PracticeRequest, practice: str, application_id: UUID
                       ) -> HttpResponse:
    application = get_object_or_404(request.practice.applications.select_related(
        "candidate", "job"), public_id=application_id)
    default = packet_templates.template_default_ensure(request.practice)
    offer = offer_awaiting_packet(application)
    form = PacketCreateForm(request.POST or None, practice=request.practice, initial={
        "template": default, "start_date": offer.start_date if offer else None})
    if request.method == "POST" and form.is_valid():
        try:
            packet = packets.packet_create(
                application=application, actor=request.user, offer=offer,
                start_date=form.cleaned_data["start_date"],
                template=form.cleaned_data["template"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Packet sent; the new hire gets an e-mail with their "
                                        "private link."))
            return redirect(_packet_url(practice, packet))
    return render(request, "onboarding/packet_create.html", {
        "application": application, "form": form, "offer": offer,
        "earlier": application.packets.order_by("-created_at")},
        status=400 if form.errors else 200)


# --- Packets -------------------------------------------------------------------------------------

@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def packet_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in LIST_FILTERS:
        status = "open"
    today = packets.practice_today(request.practice)
    page = Paginator(packet_list(practice=request.practice, today=today, status=status),
                     PACKETS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "onboarding/packet_list.html", {
        "page": page, "status": status, "filters": [
            ("open", _("In progress")), ("complete", _("Complete")),
            ("cancelled", _("Cancelled")), ("all", _("All"))]})


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def packet_detail_view(request: PracticeRequest, practice: str, packet_id: UUID
                       ) -> HttpResponse:
    packet = _packet(request, packet_id)
    rows = packet_rows(packet=packet, today=packets.practice_today(request.practice))
    audit_log(action="onboarding.packet.viewed", actor=request.user, obj=packet)
    for row in rows:
        if row.item.signature:
            row.problems = packet_files.integrity_problems(row.item.signature)
    return render(request, "onboarding/packet_detail.html", {
        "packet": packet, "application": packet.application, "rows": rows,
        "now": timezone.now(),
        "done": sum(1 for row in rows if row.item.status == PacketItem.Status.DONE),
        "overdue": sum(1 for row in rows if row.overdue)})


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def packet_download_view(request: PracticeRequest, practice: str, packet_id: UUID
                         ) -> HttpResponse:
    packet = _packet(request, packet_id)
    return _file_response(packet_files.packet_archive(packet=packet, actor=request.user,
                                                      seen=_seen(request)))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def packet_link_revoke_view(request: PracticeRequest, practice: str, packet_id: UUID
                            ) -> HttpResponse:
    packet = packets.packet_link_revoke(packet=_packet(request, packet_id), actor=request.user)
    messages.success(request, _("The link no longer works. Send a new one when you are "
                                "ready."))
    return redirect(_packet_url(practice, packet))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def packet_link_reissue_view(request: PracticeRequest, practice: str, packet_id: UUID
                             ) -> HttpResponse:
    packet = _packet(request, packet_id)
    try:
        packets.packet_link_reissue(packet=packet, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("A new link is on its way; earlier links no longer "
                                    "work."))
    return redirect(_packet_url(practice, packet))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def packet_cancel_view(request: PracticeRequest, practice: str, packet_id: UUID
                       ) -> HttpResponse:
    packet = _packet(request, packet_id)
    try:
        packets.packet_cancel(packet=packet, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Packet cancelled. Its link no longer works."))
    return redirect(_packet_url(practice, packet))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def packet_item_complete_view(request: PracticeRequest, practice: str, packet_item_id: UUID
                              ) -> HttpResponse:
    item = get_object_or_404(packet_item_get(practice=request.practice),
                             public_id=packet_item_id)
    try:
        packets.employer_task_complete(item=item, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Marked done: %(title)s.") % {"title": item.title})
    return redirect(f"{_packet_url(practice, item.packet)}#steps")


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def packet_item_signed_view(request: PracticeRequest, practice: str, packet_item_id: UUID
                            ) -> HttpResponse:
    item = get_object_or_404(packet_item_get(practice=request.practice),
                             public_id=packet_item_id)
    return _file_response(packet_files.signed_copy_download(
        item=item, actor=request.user, seen=_seen(request),
        pdf=request.GET.get("format") == "pdf"))


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def packet_item_upload_view(request: PracticeRequest, practice: str, packet_item_id: UUID
                            ) -> HttpResponse:
    item = get_object_or_404(packet_item_get(practice=request.practice),
                             public_id=packet_item_id)
    return _file_response(packet_files.upload_download(item=item, actor=request.user))
