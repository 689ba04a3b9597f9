"""The new hire's private pages: the checklist behind their link, each step completed in
place, and the downloads of what they consent to and sign. Every response is marked
no-store and noindex, and no POST value ever reaches an error report."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hiring.form_errors import add_service_errors
from hiring.http import client_ip, parse_uuid
from onboarding import esign, portal
from onboarding.links import LinkProblem, language_activate
from onboarding.models import FormKind, ItemKind, Packet, PacketItem
from onboarding.portal_forms import (
    FORMS,
    AttestationForm,
    ConsentForm,
    PortalForm,
    SignForm,
    UploadForm,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
View = Callable[..., HttpResponse]


def _seen(request: HttpRequest) -> esign.Seen:
    # the address our proxy saw, not the proxy's: the trail is evidence of who signed
    return esign.Seen(ip=client_ip(request),
                      user_agent=request.META.get("HTTP_USER_AGENT", "")[:400])


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)  # no-store: a shared computer keeps no copy
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # the link is the key; the site's "same-origin" referrer policy keeps it off other
    # sites ("no-referrer" would make browsers send Origin: null and fail the CSRF check)
    return response


def _invalid(request: HttpRequest, problem: str) -> HttpResponse:
    return render(request, "onboarding/portal_invalid.html", {"problem": problem}, status=404)


def portal_page(view: View) -> View:
    """Open the packet (and the step) behind the link, or answer with the invalid-link page;
    either way the response is private."""

    @wraps(view)
    @sensitive_post_parameters()
    @sensitive_variables()  # and every frame below: a crash report shows no answer typed
    def wrapped(request: HttpRequest, practice: str, token: str, **kwargs: Any) -> HttpResponse:
        try:
            packet = portal.packet_from_link(practice=request.practice, token=token)
        except LinkProblem as problem:
            return _private(_invalid(request, problem.message))
        language_activate(request, packet.application.candidate.language)
        if "item_id" in kwargs:
            item = (packet.items.select_related("document", "signature")
                    .filter(public_id=kwargs.pop("item_id")).first())
            if item is None:
                return _private(_invalid(request, _("This step is not part of your "
                                                    "checklist.")))
            kwargs["item"] = item
        return _private(view(request, packet, token, **kwargs))

    return wrapped


def _checklist_path(packet: Packet, token: str, item: PacketItem | None = None) -> str:
    path = reverse("onboarding-public:portal", kwargs={"practice": packet.practice.slug,
                                                       "token": token})
    return f"{path}#item-{item.public_id}" if item else path


def _form_for(packet: Packet, item: PacketItem, data: Any = None, files: Any = None
              ) -> PortalForm | None:
    """The step's form, with element ids of its own so several forms share one page."""
    options: dict[str, Any] = {"auto_id": f"item-{item.public_id.hex[:8]}-%s"}
    candidate = packet.application.candidate
    if item.kind == ItemKind.FORM and item.form in FORMS:
        form_class = FORMS[item.form]
        if item.form == FormKind.PERSONAL:
            options["initial"] = {"legal_name": candidate.full_name, "phone": candidate.phone}
    elif item.kind == ItemKind.UPLOAD:
        form_class = UploadForm
    elif item.kind == ItemKind.ATTESTATION:
        form_class = AttestationForm
        options["initial"] = {"completed_on": portal.practice_today(packet.practice)}
    elif item.kind == ItemKind.SIGN:
        form = SignForm(data, files, **options)
        form.fields["typed_name"].help_text = _("Type it as: %(name)s") % {
            "name": candidate.full_name}
        return form
    else:
        return None
    return form_class(data, files, **options)


def _summary(packet: Packet, row: portal.ChecklistRow) -> list[tuple[str, str]]:
    """What a finished form says, for its owner: bank numbers masked, birth date withheld."""
    item = row.item
    form = _form_for(packet, item)
    if item.kind != ItemKind.FORM or form is None:
        return []
    lines = []
    for name, value in item.data.items():
        if name not in form.fields or value in ("", None):
            continue
        if name == "date_of_birth":
            value = _("on file")
        elif name == "account_type":
            value = dict(form.fields[name].choices).get(value, value)
        lines.append((str(form.fields[name].label), str(value)))
    for name in (portal.ROUTING_NUMBER, portal.ACCOUNT_NUMBER):
        if name in row.masked:
            lines.append((str(form.fields[name].label), row.masked[name]))
    return lines


def _checklist_context(packet: Packet, token: str, *, bound: PortalForm | None = None,
                       bound_item: PacketItem | None = None) -> dict[str, Any]:
    rows, progress = portal.packet_checklist(packet)
    first_open = next((r.item.pk for r in rows if r.is_mine and not r.is_done), None)
    open_pk = bound_item.pk if bound_item else first_open
    for row in rows:
        row.is_open = row.item.pk == open_pk
        row.summary = _summary(packet, row) if row.is_done else []
        if row.is_mine and not row.is_done and row.item.kind != ItemKind.SIGN:
            row.form = bound if bound_item and row.item.pk == bound_item.pk \
                else _form_for(packet, row.item)
    candidate = packet.application.candidate
    return {"packet": packet, "token": token, "rows": rows, "progress": progress,
            "candidate": candidate, "consent": portal.packet_consent(packet),
            "role": packet.offer.position_title if packet.offer else packet.application.job.title}


def _item_context(packet: Packet, token: str, item: PacketItem, **extra: Any) -> dict[str, Any]:
    context = _checklist_context(packet, token)
    context["row"] = next(r for r in context["rows"] if r.item.pk == item.pk)
    context["item"] = item
    context["ersd_paragraphs"] = esign.ersd_text(packet.practice).split("\n\n")
    context["intent_text"] = esign.INTENT_TEXT
    context.setdefault("consent_form", ConsentForm(auto_id="consent-%s"))
    if item.kind == ItemKind.SIGN:
        context["sign_form"] = _form_for(packet, item)
    return context | extra


def _complete(request: HttpRequest, packet: Packet, item: PacketItem,
              data: dict[str, Any]) -> None:
    if item.kind == ItemKind.SIGN:
        portal.packet_item_sign(packet=packet, item=item, typed_name=data["typed_name"],
                                agreed=data["agreed"], seen=_seen(request))
    elif item.kind == ItemKind.FORM and item.form == FormKind.DIRECT_DEPOSIT:
        portal.packet_item_direct_deposit(
            packet=packet, item=item, bank_name=data["bank_name"],
            account_type=data["account_type"], routing_number=data["routing_number"],
            account_number=data["account_number"])
    elif item.kind == ItemKind.FORM:
        portal.packet_item_fill(packet=packet, item=item, data=data)
    elif item.kind == ItemKind.UPLOAD:
        portal.packet_item_upload(packet=packet, item=item, upload=data["file"])
    elif item.kind == ItemKind.ATTESTATION:
        portal.packet_item_attest(packet=packet, item=item,
                                  completed_on=data["completed_on"],
                                  confirmed=data["confirmed"])


# --- Pages ------------------------------------------------------------------------------------

@require_GET
@portal_page
def portal_view(request: HttpRequest, packet: Packet, token: str) -> HttpResponse:
    return render(request, "onboarding/portal.html", _checklist_context(packet, token))


@require_http_methods(["GET", "POST"])
@portal_page
def portal_item_view(request: HttpRequest, packet: Packet, token: str, item: PacketItem
                     ) -> HttpResponse:
    if request.method == "GET":
        if item.kind == ItemKind.SIGN and item.status == PacketItem.Status.TODO \
                and portal.packet_consent(packet) is not None:
            portal.packet_document_viewed(packet=packet, item=item, seen=_seen(request))
        return render(request, "onboarding/portal_item.html",
                      _item_context(packet, token, item))
    form = _form_for(packet, item, request.POST, request.FILES)
    if form is None or (item.status == PacketItem.Status.DONE and item.kind != ItemKind.SIGN):
        messages.info(request, _("This step is already done."))
        return redirect(_checklist_path(packet, token, item))
    if form.is_valid():
        try:
            _complete(request, packet, item, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": item.title})
            return redirect(_checklist_path(packet, token, item))
    if item.kind == ItemKind.SIGN:
        return render(request, "onboarding/portal_item.html",
                      _item_context(packet, token, item, sign_form=form), status=400)
    return render(request, "onboarding/portal.html",
                  _checklist_context(packet, token, bound=form, bound_item=item), status=400)


@require_POST
@portal_page
def portal_consent_view(request: HttpRequest, packet: Packet, token: str) -> HttpResponse:
    item = packet.items.filter(public_id=parse_uuid(request.POST.get("item"))).first()
    if request.POST.get("action") == "withdraw":
        if portal.packet_consent_withdraw(packet=packet, seen=_seen(request)) is not None:
            messages.info(request, _("You withdrew your consent to sign electronically. What "
                                     "you signed stays signed; the practice will give you the "
                                     "other documents on paper."))
        return redirect(_checklist_path(packet, token))
    form = ConsentForm(request.POST, auto_id="consent-%s")
    form.is_valid()
    try:
        portal.packet_consent_give(packet=packet, agreed=form.cleaned_data.get("agreed", False),
                                   seen=_seen(request))
    except ValidationError as exc:
        add_service_errors(exc, form)
        if item is not None:
            return render(request, "onboarding/portal_item.html",
                          _item_context(packet, token, item, consent_form=form), status=400)
        messages.error(request, form.errors["agreed"][0])
        return redirect(_checklist_path(packet, token))
    if item is not None:
        return redirect("onboarding-public:portal-item", practice=packet.practice.slug,
                        token=token, item_id=item.public_id)
    return redirect(_checklist_path(packet, token))


@require_GET
@portal_page
def portal_disclosure_view(request: HttpRequest, packet: Packet, token: str) -> HttpResponse:
    response = HttpResponse(esign.ersd_text(packet.practice),
                            content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = ("attachment; filename=\"electronic-records-disclosure"
                                       f"-v{esign.ERSD_VERSION}.txt\"")
    return response


@require_GET
@portal_page
def portal_document_view(request: HttpRequest, packet: Packet, token: str, item: PacketItem,
                         signed: bool = False) -> HttpResponse:
    if item.document is None or (signed and item.signature is None):
        return _invalid(request, _("This document is not available."))
    portal.packet_document_downloaded(packet=packet, item=item, seen=_seen(request),
                                      signed=signed)
    stored = item.signature.signed_docx if signed else item.document.docx
    name = slugify(item.document.title) or "document"
    return FileResponse(stored.open("rb"), as_attachment=True, content_type=DOCX_TYPE,
                        filename=f"{name}-signed.docx" if signed else f"{name}.docx")
