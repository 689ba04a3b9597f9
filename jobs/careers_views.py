"""Public careers pages: the practice's open jobs and one job's page. No login: the
middleware resolves the practice from the URL and scopes every query to it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from jobs.models import Board
from jobs.selectors import (
    careers_filter_options,
    careers_job_get,
    careers_job_list,
    job_accepts_applications,
)
from jobs.structured_data import absolute_url, job_posting_ld
from jobs.syndication.boards import job_is_syndicated

# where an applicant came from (a job board's link): carried from page to page into the
# application, so the board gets the credit
ATTRIBUTION_PARAMS = ("source", "utm_source", "utm_medium", "utm_campaign")


def _attribution(request: HttpRequest) -> QueryDict:
    """The attribution part of the query string (its `urlencode()` follows a "?")."""
    kept = QueryDict(mutable=True)
    for name in ATTRIBUTION_PARAMS:
        if value := request.GET.get(name, "").strip()[:100]:
            kept[name] = value
    return kept


@require_safe  # GET and HEAD: link checkers and crawlers ask with HEAD
def careers_home_view(request: HttpRequest, practice: str) -> HttpResponse:
    options = careers_filter_options(request.practice)
    filters = options.clean(request.GET)
    return render(request, "careers/careers_home.html", {
        "practice": request.practice,
        "jobs": list(careers_job_list(request.practice, filters)),
        "options": options,
        "filters": filters,
        "attribution": _attribution(request),
        "canonical_url": absolute_url(reverse("careers:home", kwargs={"practice": practice})),
    })


@require_safe
def job_page_view(request: HttpRequest, practice: str, job_slug: str) -> HttpResponse:
    job = careers_job_get(request.practice, job_slug)
    if job is None:
        raise Http404
    is_open = job_accepts_applications(job)
    canonical_url = absolute_url(reverse("careers:job", kwargs={"practice": practice,
                                                                "job_slug": job.slug}))
    apply_url = ""
    if is_open:
        apply_url = reverse("candidates:apply", kwargs={"practice": practice,
                                                        "job_slug": job.slug})
        if attribution := _attribution(request):
            apply_url = f"{apply_url}?{attribution.urlencode()}"
    return render(request, "careers/job_page.html", {
        "practice": request.practice,
        "job": job,
        "is_open": is_open,
        "apply_url": apply_url,
        "canonical_url": canonical_url,
        # Google wants no JobPosting on a page that no longer takes applications (SPECS 1.5);
        # the practice may keep a job (or all of them) off Google
        "posting_ld": (job_posting_ld(job, url=canonical_url)
                       if is_open and job_is_syndicated(job, Board.GOOGLE) else None),
    })
