"""Staff pages of the schedule: my interviews (coming up, and to score) and the practice's
week calendar."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from hiring.decorators import requires
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews import agenda
from jobs.services import practice_today


@requires(Perm.VIEW_JOBS)
@require_GET
def my_interviews_view(request: PracticeRequest, practice: str) -> HttpResponse:
    now = timezone.now()
    return render(request, "interviews/my_interviews.html", {
        "upcoming": agenda.interview_list_upcoming(membership=request.membership, now=now),
        "to_score": agenda.interview_list_to_score(membership=request.membership, now=now)})


def _day(value: str | None, default: date) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:  # missing or tampered: this week
        return default
    # the week's neighbours of year 1 or 9999 would overflow
    return day if 1900 <= day.year <= 2999 else default


@requires(Perm.VIEW_JOBS)
@require_GET
def interview_calendar_view(request: PracticeRequest, practice: str) -> HttpResponse:
    today = practice_today(request.practice)
    week = agenda.interview_week(membership=request.membership,
                                 day=_day(request.GET.get("week"), today))
    return render(request, "interviews/interview_calendar.html", {
        "week": week, "today": today, "this_monday": agenda.monday_of(today)})
