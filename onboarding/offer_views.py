"""Staff pages of offers: make one from the candidate page, follow it (letter, status, signing
trail, integrity), send, resend or withdraw it, download the letter and the signed copy; and
the practice's letter template."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from hiring.services import audit_log
from hiring.worker_documents import DOCX
from jobs.pay import pay_text
from onboarding import esign, offers
from onboarding.models import Offer
from onboarding.offer_forms import LetterTemplateForm, OfferForm

DOWNLOADS = {"signed", "letter", "pdf"}


def _offer(request: PracticeRequest, offer_id: UUID) -> Offer:
    visible = application_visible(membership=request.membership)
    return get_object_or_404(
        Offer.objects.filter(application__in=visible).select_related(
            "practice", "application__candidate", "application__job", "application__stage",
            "manager__user", "letter", "signature", "created_by"),
        public_id=offer_id)


def _offer_url(offer: Offer) -> str:
    return reverse("onboarding:offer-detail", kwargs={"practice": offer.practice.slug,
                                                      "offer_id": offer.public_id})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def offer_create_view(request: PracticeRequest, practice: str,
                      application_id: UUID) -> HttpResponse:
    application = get_object_or_404(application_visible(membership=request.membership)
                                    .select_related("candidate", "job", "stage"),
                                    public_id=application_id)
    problem = offers.offer_can_be_made(application)
    if problem and request.method == "GET":
        messages.error(request, problem)
        return redirect("candidates-staff:application-detail", practice=practice,
                        application_id=application.public_id)
    form = OfferForm(request.POST or None, practice=request.practice,
                     initial=offers.offer_defaults(application=application,
                                                   membership=request.membership))
    if request.method == "POST" and form.is_valid():
        try:
            offer = offers.offer_create(application=application, actor=request.user,
                                        **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The offer is saved as a draft. Read the letter "
                                        "below, then send it to the candidate."))
            return redirect(_offer_url(offer))
    return render(request, "onboarding/offer_create.html", {
        "application": application, "form": form,
        "can_edit_template": request.membership.can(Perm.MANAGE_PRACTICE)},
        status=400 if form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def offer_detail_view(request: PracticeRequest, practice: str, offer_id: UUID) -> HttpResponse:
    offer = _offer(request, offer_id)
    audit_log(action="onboarding.offer.viewed", actor=request.user, obj=offer)
    letter_text, letter_problem = "", ""
    if offer.letter is not None:
        letter_text = offer.letter.body
    elif offer.status == Offer.Status.DRAFT:
        try:
            letter_text = offers.letter_render(offer=offer)
        except ValidationError as exc:
            letter_problem = exc.messages[0]
    integrity: list[str] = []
    if offer.signature is not None:
        integrity = esign.signature_problems(offer.signature)
    elif offer.letter is not None and not esign.stored_bytes_intact(offer.letter):
        integrity = [_("The letter no longer matches its SHA-256.")]
    job = offer.application.job
    return render(request, "onboarding/offer_detail.html", {
        "offer": offer, "application": offer.application, "job": job,
        "candidate": offer.application.candidate,
        "letter_text": letter_text, "letter_problem": letter_problem,
        "pay": pay_text(offer.pay_amount, offer.pay_amount, offer.pay_unit, job.currency),
        "trail": esign.trail(offers.subject_of(offer)), "integrity": integrity,
        "expired": offer.status == Offer.Status.SENT and offers.offer_is_expired(offer),
        "openings": offers.job_openings(job) if offer.status == Offer.Status.ACCEPTED
        else None,
        "can_close_job": request.membership.can(Perm.MANAGE_JOBS),
        "can_edit_template": request.membership.can(Perm.MANAGE_PRACTICE)})


def _action(request: PracticeRequest, offer_id: UUID, service: object, done: str
            ) -> HttpResponse:
    offer = _offer(request, offer_id)
    try:
        service(offer=offer, actor=request.user)  # type: ignore[operator]
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, done)
    return redirect(_offer_url(offer))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def offer_send_view(request: PracticeRequest, practice: str, offer_id: UUID) -> HttpResponse:
    return _action(request, offer_id, offers.offer_send,
                   _("Sent: the letter is being prepared and the candidate will get the "
                     "link by e-mail in a moment."))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def offer_resend_view(request: PracticeRequest, practice: str, offer_id: UUID) -> HttpResponse:
    return _action(request, offer_id, offers.offer_resend,
                   _("A new link is on its way; the links sent before no longer work."))


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def offer_withdraw_view(request: PracticeRequest, practice: str,
                        offer_id: UUID) -> HttpResponse:
    return _action(request, offer_id, offers.offer_withdraw,
                   _("The offer is withdrawn; its link no longer works."))


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def offer_download_view(request: PracticeRequest, practice: str,
                        offer_id: UUID) -> HttpResponse:
    """?file=signed (the signed copy, the default), letter (the DOCX sent) or pdf."""
    offer = _offer(request, offer_id)
    what = request.GET.get("file", "signed")
    if what not in DOWNLOADS:
        raise Http404
    if what == "signed":
        if offer.signature is None:
            raise Http404
        field, name, content_type = (offer.signature.signed_docx, "signed-offer-letter.docx",
                                     DOCX)
    else:
        if offer.letter is None:
            raise Http404
        field, name, content_type = ((offer.letter.docx, "offer-letter.docx", DOCX)
                                     if what == "letter" else
                                     (offer.letter.pdf, "offer-letter.pdf", "application/pdf"))
    if not field:
        raise Http404
    audit_log(action="onboarding.offer.downloaded", actor=request.user, obj=offer,
              data={"file": what})
    return FileResponse(field.open("rb"), as_attachment=True, filename=name,
                        content_type=content_type)


@requires(Perm.MANAGE_PRACTICE)
@require_http_methods(["GET", "POST"])
def letter_template_view(request: PracticeRequest, practice: str) -> HttpResponse:
    template = offers.letter_template_get(practice=request.practice)
    form = LetterTemplateForm(request.POST or None, initial={"body": template.body})
    if request.method == "POST" and form.is_valid():
        try:
            saved = offers.letter_template_update(practice=request.practice,
                                                  actor=request.user,
                                                  body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if saved.version != template.version:
                messages.success(request, _("Saved as version %(version)s. Offers sent from "
                                            "now on use it; letters already sent keep their "
                                            "words.") % {"version": saved.version})
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("onboarding:letter-template", practice=practice)
    body = form.data.get("body", template.body) if form.is_bound else template.body
    try:
        preview, preview_problem = offers.letter_sample(body=body,
                                                        practice=request.practice), ""
    except ValidationError as exc:
        preview, preview_problem = "", exc.messages[0]
    return render(request, "onboarding/offer_letter_template.html", {
        "template": template, "form": form, "preview": preview,
        "preview_problem": preview_problem, "merge_fields": offers.MERGE_FIELDS},
        status=400 if form.errors else 200)
