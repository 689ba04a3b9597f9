"""Staff pages for scoring: an interviewer's kit and scorecard for one interview, and the
side-by-side comparison of a job's candidates."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candidates.selectors import application_visible
from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews import scorecards
from interviews.kits import competencies_for
from interviews.models import Interview, Scorecard
from interviews.scorecard_forms import ScorecardForm
from jobs.selectors import job_visible


@requires(Perm.SCORE_INTERVIEWS)
@require_http_methods(["GET", "POST"])
def scorecard_view(request: PracticeRequest, practice: str, interview_id: UUID
                   ) -> HttpResponse:
    """Only the interview's own interviewers reach it; anyone else gets a 404, as for an
    interview they cannot see."""
    interview = get_object_or_404(
        Interview.objects.filter(application__in=application_visible(
            membership=request.membership), interviewers=request.membership)
        .select_related("application__candidate", "application__job", "application__stage",
                        "kit"),
        public_id=interview_id)
    try:
        scorecard = scorecards.scorecard_for(interview=interview, membership=request.membership)
    except ValidationError as exc:
        raise Http404 from exc
    competencies = competencies_for(interview.application.job)
    form = ScorecardForm(request.POST or None, competencies=competencies, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        was_submitted = scorecard.is_submitted
        try:
            saved = scorecards.scorecard_save(scorecard=scorecard, data=form.to_input(),
                                              submit="submit" in request.POST)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if saved.is_submitted and not was_submitted:
                messages.success(request, _("Scorecard submitted. You can now see the "
                                            "team's scores of this candidate."))
            else:
                messages.success(request, _("Saved.") if saved.is_submitted
                                 else _("Draft saved. Submit it after the interview."))
            return redirect("interviews:scorecard", practice=practice,
                            interview_id=interview.public_id)
    scorecard.refresh_from_db()
    kit = interview.kit
    return render(request, "interviews/scorecard.html", {
        "interview": interview, "scorecard": scorecard, "form": form,
        "questions": list(kit.questions.all()) if kit else [], "kit": kit,
        "editable": scorecards.can_edit(scorecard)}, status=400 if form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def job_comparison_view(request: PracticeRequest, practice: str, job_id: UUID
                        ) -> HttpResponse:
    job = get_object_or_404(job_visible(membership=request.membership), public_id=job_id)
    competencies, rows = scorecards.job_comparison(job=job, membership=request.membership)
    return render(request, "interviews/job_comparison.html", {
        "job": job, "competencies": competencies, "rows": rows,
        "recommendation_choices": Scorecard.Recommendation.choices})
