"""The candidate's private pages: pick one of the offered times; confirm an interview, or ask
for another time."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from candidates.models import Application
from hiring.http import parse_uuid
from interviews.models import Interview
from interviews.services import candidate_link, interview_candidate_answer, interview_from_link
from interviews.slots import free_slots, invitation_from_link, slot_pick


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


def _respond_path(interview: Interview) -> str:
    return urlsplit(candidate_link(interview)).path


@require_http_methods(["GET", "POST"])
def slot_pick_view(request: HttpRequest, practice: str, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_link(practice=request.practice, token=token)
    except ValidationError as exc:
        return render(request, "interviews/respond_invalid.html",
                      {"problem": exc.messages[0]}, status=404)
    problem = ""
    if request.method == "POST":
        slot = invitation.offer.slots.filter(
            public_id=parse_uuid(request.POST.get("slot"))).first()
        if slot is None:
            problem = _("Choose one of the times.")
        else:
            try:
                return redirect(_respond_path(slot_pick(invitation=invitation, slot=slot)))
            except ValidationError as exc:
                problem = exc.messages[0]
                invitation.refresh_from_db(fields=["interview"])  # the time they chose, if any
    chosen = invitation.interview
    return render(request, "interviews/slot_pick.html", {
        "invitation": invitation, "offer": invitation.offer,
        "job": invitation.application.job, "problem": problem, "chosen": chosen,
        "respond_path": _respond_path(chosen) if chosen else "",
        "is_open": invitation.application.status == Application.Status.ACTIVE,
        "slots": free_slots(invitation.offer)}, status=400 if problem else 200)
