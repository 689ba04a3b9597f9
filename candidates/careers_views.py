"""The public application: the form, the voluntary survey, the thank-you page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from candidates.forms import ApplyForm, EEOForm, source_from
from candidates.models import Application
from candidates.services import (
    Outcome,
    Submission,
    application_submit,
    eeo_response_record,
    staged_upload_create,
    staged_upload_get,
)
from hiring import ratelimit
from hiring.http import client_ip, parse_uuid
from hiring.storage import StorageUnavailable
from jobs.models import Job
from jobs.selectors import job_accepts_applications

STEP_SALT = "candidates.apply.step"
ROBOT_TOKEN = "sent"  # noqa: S105 (not a secret: the honeypot's thank-you page)
FILES_DOWN = _("We could not save your files just now, so your application was not sent. "
               "Your answers are still here: please choose your résumé again and send it "
               "in a few minutes.")


def _step_token(outcome: Outcome) -> str:
    return signing.dumps({"a": str(outcome.application.public_id), "new": outcome.created,
                          "again": outcome.reapplied}, salt=STEP_SALT)


def _from_token(request: HttpRequest, token: str) -> tuple[Application, dict[str, Any]]:
    try:
        data = signing.loads(token, salt=STEP_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature as exc:
        raise Http404 from exc
    application = get_object_or_404(
        request.practice.applications.select_related("job", "candidate"), public_id=data["a"])
    return application, data


@require_http_methods(["GET", "POST"])
def apply_view(request: HttpRequest, practice: str, job_slug: str) -> HttpResponse:
    job = get_object_or_404(request.practice.jobs.exclude(status=Job.Status.DRAFT)
                            .select_related("location"), slug=job_slug)
    if not job_accepts_applications(job):
        return render(request, "careers/apply_closed.html", {"job": job}, status=410)
    source = source_from(request.GET)
    if request.method == "GET":
        form = ApplyForm(job=job, initial={"source": source})
        form.source_choices_with(source)
        return render(request, "careers/apply.html", {"job": job, "form": form})

    limit, window = settings.APPLY_RATE_LIMIT
    if not ratelimit.allow(scope="apply", key=client_ip(request) or "unknown", limit=limit,
                           window_seconds=window):
        return render(request, "careers/apply_slow_down.html", {"job": job}, status=429)
    staged = staged_upload_get(practice=request.practice,
                               token=parse_uuid(request.POST.get("resume_token")))
    form = ApplyForm(request.POST, request.FILES, job=job,
                     staged_name=staged.original_name if staged else "")
    form.source_choices_with(request.POST.get("source", ""))
    if form.is_robot:
        return redirect("candidates:apply-thanks", practice=practice, token=ROBOT_TOKEN)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = application_submit(
                job=job, submission_key=data["submission_key"],
                resume=data["resume"] or staged,
                submission=Submission(
                    first_name=data["first_name"], last_name=data["last_name"],
                    email=data["email"], phone=data["phone"], answers=form.answers(),
                    source=data["source"], cover_letter=data["cover_letter"],
                    cover_letter_file=data["cover_letter_file"], language=get_language()))
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        except StorageUnavailable:
            form.add_error(None, FILES_DOWN)
            return render(request, "careers/apply.html",
                          {"job": job, "form": form, "staged": staged}, status=503)
        else:
            token = _step_token(outcome)
            return redirect("candidates:apply-survey", practice=practice, token=token)
    elif form.cleaned_data.get("resume") and staged is None:
        # keep the good résumé so the applicant does not have to pick it again
        try:
            staged = staged_upload_create(practice=request.practice,
                                          upload=form.cleaned_data["resume"])
        except StorageUnavailable:
            form.add_error(None, FILES_DOWN)
    return render(request, "careers/apply.html",
                  {"job": job, "form": form, "staged": staged}, status=400)


@require_http_methods(["GET", "POST"])
def survey_view(request: HttpRequest, practice: str, token: str) -> HttpResponse:
    """The optional EEO step. Answers are stored apart from the application."""
    application, step = _from_token(request, token)
    done_key = f"eeo-done:{application.public_id}"
    if not step["new"] or request.session.get(done_key):
        return redirect("candidates:apply-thanks", practice=practice, token=token)
    form = EEOForm(request.POST or None)
    if request.method == "POST" and ("skip" in request.POST or form.is_valid()):
        if "skip" not in request.POST:
            eeo_response_record(job=application.job, answers=form.cleaned_data)
        request.session[done_key] = True
        return redirect("candidates:apply-thanks", practice=practice, token=token)
    return render(request, "careers/apply_survey.html", {"job": application.job, "form": form})


def thanks_view(request: HttpRequest, practice: str, token: str) -> HttpResponse:
    if token == ROBOT_TOKEN:
        return render(request, "careers/apply_thanks.html", {})
    application, step = _from_token(request, token)
    return render(request, "careers/apply_thanks.html", {
        "job": application.job, "again": step["again"], "email": application.candidate.email})


def privacy_view(request: HttpRequest, practice: str) -> HttpResponse:
    return render(request, "careers/privacy.html", {})
