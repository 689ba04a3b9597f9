"""What offers add to the candidate page: a card listing the application's offers (the
stage card has "Make an offer"). Members who may not manage candidates (interviewers) see
no card, and cost no query."""

from __future__ import annotations

from candidates.models import Application
from candidates.profile_sections import Section, register
from hiring.http import PracticeRequest
from hiring.roles import Perm
from onboarding.models import Offer


@register
def offers_section(request: PracticeRequest, application: Application, blind: bool
                   ) -> Section | None:
    if not request.membership.can(Perm.MANAGE_CANDIDATES):
        return None
    offers = list(Offer.objects.filter(application=application)
                  .only("public_id", "position_title", "status", "created_at"))
    if not offers:
        return None
    return Section("onboarding/_offer_card.html", {"offers": offers})
