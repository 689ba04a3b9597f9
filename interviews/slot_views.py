"""Staff pages for self-scheduling: offer times from the candidate page, follow an offer."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews import slots
from interviews.models import SlotOffer
from interviews.slot_forms import SlotInviteForm, SlotOfferForm
from jobs.selectors import job_visible


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def slot_offer_create_view(request: PracticeRequest, practice: str,
                           application_id: UUID) -> HttpResponse:
    application = get_object_or_404(application_visible(membership=request.membership)
                                    .select_related("candidate", "job"),
                                    public_id=application_id)
    form = SlotOfferForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = slots.slot_offer_create(
                application=application, actor=request.user, starts=form.starts(),
                interviewers=list(data["interviewers"]), kind=data["kind"],
                duration_minutes=data["duration_minutes"], location=data["location"],
                kit=data["kit"], note_to_candidate=data["note_to_candidate"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Times offered; the candidate gets an e-mail to pick "
                                        "one."))
            return redirect("interviews:slot-offer-detail", practice=practice,
                            slot_offer_id=invitation.offer.public_id)
    return render(request, "interviews/slot_offer_create.html", {
        "application": application, "form": form})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def slot_offer_detail_view(request: PracticeRequest, practice: str,
                           slot_offer_id: UUID) -> HttpResponse:
    offer = get_object_or_404(
        SlotOffer.objects.filter(job__in=job_visible(membership=request.membership))
        .select_related("job", "kit"), public_id=slot_offer_id)
    form = SlotInviteForm(request.POST or None, offer=offer)
    if request.method == "POST" and form.is_valid():
        try:
            slots.slot_invite(offer=offer, application=form.cleaned_data["application"],
                              actor=request.user)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Invited; the candidate gets an e-mail to pick a "
                                        "time."))
            return redirect("interviews:slot-offer-detail", practice=practice,
                            slot_offer_id=offer.public_id)
    return render(request, "interviews/slot_offer_detail.html", {
        "offer": offer, "form": form, "slots": slots.slot_offer_slots(offer),
        "invitations": slots.slot_offer_invitations(offer),
        "interviewers": offer.interviewers.select_related("user"),
        "free_count": slots.free_slots(offer).count(),
        "can_invite": form.fields["application"].queryset.exists(), "now": timezone.now()})
