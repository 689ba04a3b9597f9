"""What the interviews app adds to the candidate page: the scorecards card, and the blind
scoring rule the candidates app applies to its own star ratings."""

from __future__ import annotations

from django.db.models import Prefetch

from candidates.models import Application
from candidates.profile_sections import Section, register
from candidates.team_work import register_blind_rule
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews.models import Interview, Scorecard
from interviews.scorecards import (
    blind_application_ids,
    scorecard_aggregate,
    submitted_scorecards,
)

register_blind_rule(blind_application_ids)


@register
def scorecards_section(request: PracticeRequest, application: Application, blind: bool
                       ) -> Section | None:
    membership = request.membership
    interviews = list(application.interviews.exclude(status=Interview.Status.CANCELLED)
                      .prefetch_related("interviewers__user",
                                        Prefetch("scorecards", queryset=Scorecard.objects
                                                 .only("interview_id", "interviewer_id",
                                                       "submitted_at")))
                      .order_by("starts_at"))
    if not interviews:
        return None
    mine = [i for i in interviews if any(m.pk == membership.pk for m in i.interviewers.all())]
    context = {"blind": blind, "mine": mine, "interviews": interviews,
               "can_manage": membership.can(Perm.MANAGE_CANDIDATES)}
    if not blind:
        context["aggregate"] = scorecard_aggregate(application)
        context["scorecards"] = list(submitted_scorecards(application))
        submitted = {(s.interview_id, s.interviewer_id) for s in context["scorecards"]}
        context["waiting"] = [(i, m) for i in interviews for m in i.interviewers.all()
                              if (i.pk, m.pk) not in submitted]
    return Section("interviews/_candidate_scorecards.html", context)
