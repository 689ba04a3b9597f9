"""The candidate's private page for an interview: confirm, or ask for another time."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from interviews.services import interview_candidate_answer, interview_from_link


@require_http_methods(["GET", "POST"])
def respond_view(request: HttpRequest, practice: str, token: str) -> HttpResponse:
    try:
        interview = interview_from_link(practice=request.practice, token=token)
    except ValidationError as exc:
        return render(request, "interviews/respond_invalid.html",
                      {"problem": exc.messages[0]}, status=404)
    problem = ""
    if request.method == "POST":
        try:
            interview_candidate_answer(interview=interview,
                                       confirm=request.POST.get("answer") == "confirm",
                                       message=request.POST.get("message", ""))
        except ValidationError as exc:
            problem = exc.messages[0]
    return render(request, "interviews/respond.html", {
        "interview": interview, "problem": problem,
        "job": interview.application.job}, status=400 if problem else 200)
