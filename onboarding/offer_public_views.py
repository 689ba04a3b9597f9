"""The candidate's private offer page (under /careers/<practice>/offers/<token>/): read the
letter, agree to sign electronically, then accept with a typed signature or decline. A link
that does not open (tampered, expired, revoked, another practice's) shows why and nothing
else."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hiring.form_errors import add_service_errors
from hiring.worker_documents import DOCX
from onboarding import esign, offers
from onboarding.links import LinkProblem, language_activate
from onboarding.models import Offer, SigningEvent
from onboarding.offer_forms import AcceptForm, ConsentForm, DeclineForm

FILES = {"letter.docx", "letter.pdf", "signed.docx", "disclosure.txt"}


def _closed(request: HttpRequest, problem: str, status: int = 404) -> HttpResponse:
    return render(request, "onboarding/offer_invalid.html", {"problem": problem},
                  status=status)


def _open(request: HttpRequest, token: str) -> Offer | HttpResponse:
    """The offer of a link that opens, or the page that says why it does not."""
    try:
        offer = offers.offer_from_token(practice=request.practice, token=token)
    except LinkProblem as exc:
        return _closed(request, exc.message)
    language_activate(request, offer.application.candidate.language)
    if offer.status == Offer.Status.WITHDRAWN:
        return _closed(request, _("The practice has withdrawn this offer."), status=410)
    if offer.status == Offer.Status.SENT and offers.offer_is_expired(offer):
        return _closed(request, _("This offer expired on %(date)s and can no longer be "
                                  "accepted. Contact the practice if you are still "
                                  "interested.") % {"date": offers.long_date(offer.expires_on)},
                       status=410)
    return offer


def _visit_key(offer: Offer) -> str:
    return f"offer-viewed:{offer.public_id}:{offer.link_nonce}"


def _viewed_at(request: HttpRequest, offer: Offer) -> datetime:
    """When the candidate opened the letter before signing: this visit's view, else the
    latest recorded one."""
    stored = request.session.get(_visit_key(offer))
    if stored:
        return datetime.fromisoformat(stored)
    last = (SigningEvent.objects.filter(practice=offer.practice,
                                        subject=offers.subject_of(offer),
                                        event=SigningEvent.Event.VIEWED)
            .order_by("-at").values_list("at", flat=True).first())
    return last or timezone.now()


@never_cache
@require_http_methods(["GET", "POST"])
def offer_view(request: HttpRequest, practice: str, token: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    offer, seen = opened, esign.Seen.of(request)
    answerable = offers.offer_answerable(offer)
    consent_form, accept_form, decline_form = ConsentForm(), AcceptForm(), DeclineForm()
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "consent":
                consent_form = ConsentForm(request.POST)
                if consent_form.is_valid():
                    offers.offer_consent(offer=offer, seen=seen,
                                         agreed=consent_form.cleaned_data["agreed"])
                    return redirect(f"{request.path}#sign")
            elif action == "paper":
                offers.offer_consent_withdraw(offer=offer, seen=seen)
                return redirect(f"{request.path}#sign")
            elif action == "accept":
                accept_form = AcceptForm(request.POST)
                if accept_form.is_valid():
                    offers.offer_accept(offer=offer, seen=seen,
                                        viewed_at=_viewed_at(request, offer),
                                        **accept_form.cleaned_data)
                    return redirect(request.path)
            elif action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    offers.offer_decline(offer=offer, seen=seen,
                                         reason=decline_form.cleaned_data["reason"])
                    return redirect(request.path)
            else:
                problem = _("Choose one of the buttons on the page.")
        except offers.AlreadyAccepted:
            return redirect(request.path)  # a second click: show the accepted offer
        except ValidationError as exc:
            target = {"consent": consent_form, "accept": accept_form,
                      "decline": decline_form}.get(action or "")
            if target is not None and hasattr(exc, "error_dict"):
                add_service_errors(exc, target)
            else:
                problem = exc.messages[0]
    elif answerable.ok and _visit_key(offer) not in request.session:
        event = offers.offer_viewed(offer=offer, seen=seen)
        request.session[_visit_key(offer)] = event.at.isoformat()
    errors = problem or any(f.errors for f in (consent_form, accept_form, decline_form))
    return render(request, "onboarding/offer_letter.html", {
        "offer": offer, "candidate": offer.application.candidate, "token": token,
        "answerable": answerable, "problem": problem,
        "consent": esign.active_consent(practice=offer.practice,
                                        email=offer.application.candidate.email),
        "ersd": esign.ersd_text(offer.practice), "letter_text": offer.letter.body
        if offer.letter else "", "pay": offers.offer_pay(offer),
        "intent_text": esign.INTENT_TEXT,
        "consent_form": consent_form, "accept_form": accept_form,
        "decline_form": decline_form}, status=400 if errors else 200)


@never_cache
@require_GET
def offer_download_view(request: HttpRequest, practice: str, token: str,
                        file: str) -> HttpResponse:
    if file not in FILES:
        raise Http404
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    offer = opened
    if file == "disclosure.txt":
        response = HttpResponse(esign.ersd_text(offer.practice),
                                content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="e-sign-disclosure.txt"'
        offers.offer_downloaded(offer=offer, what="disclosure", seen=esign.Seen.of(request))
        return response
    if file == "signed.docx":
        field = offer.signature.signed_docx if offer.signature else None
        content_type = DOCX
    elif offer.letter is None:
        field = None
    else:
        field = offer.letter.docx if file == "letter.docx" else offer.letter.pdf
        content_type = DOCX if file == "letter.docx" else "application/pdf"
    if not field:
        raise Http404
    offers.offer_downloaded(offer=offer, what=file, seen=esign.Seen.of(request))
    name = "signed-offer-letter.docx" if file == "signed.docx" else f"offer-{file}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name,
                        content_type=content_type)
