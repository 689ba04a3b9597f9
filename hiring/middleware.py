"""Resolve the practice of a request once, check membership, and scope every query to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import Membership, Practice

STAFF_PREFIX = "/app/"
API_PREFIX = "/api/v1/practices/"
ADMIN_PREFIX = "/admin/"
# Writing last_seen_at on every click would make every page a write; once a while is enough.
SEEN_RESOLUTION = timedelta(minutes=5)


class PracticeMiddleware:
    """For URLs with a `practice` kwarg, set `request.practice` and enter its scope.

    Staff URLs (/app/<practice>/…) also need a logged-in member: anyone else gets 404, so a
    stranger cannot even learn that a practice exists. The API (/api/v1/practices/<practice>/…)
    follows the same rules and answers in JSON. Public URLs (careers pages) resolve
    and scope the practice without a membership check. Django admin works unscoped, for
    staff only, as the admin itself enforces."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            with scopes_disabled():
                return self.get_response(request)
        try:
            slug = resolve(path).kwargs.get("practice")
        except Resolver404:
            slug = None
        if slug is None:
            return self.get_response(request)
        if path.startswith(API_PREFIX):
            # the staff rules in JSON: no login page to send a program to
            if not request.user.is_authenticated:
                return JsonResponse({"detail": "Authentication credentials were not provided."},
                                    status=403)
            try:
                membership = _membership(request, slug)
            except Http404:
                return JsonResponse({"detail": "Not found."}, status=404)
            request.practice = membership.practice
            request.membership = membership
        elif path.startswith(STAFF_PREFIX):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = _membership(request, slug)
            request.practice = membership.practice
            request.membership = membership
        else:
            request.practice = Practice.objects.filter(slug=slug, is_active=True).first()
            if request.practice is None:
                raise Http404
        with scope(practice=request.practice):
            return self.get_response(request)


def _membership(request: HttpRequest, slug: str) -> Membership:
    membership = (Membership.objects.with_scopes_disabled().select_related("practice")
                  .filter(user=request.user, practice__slug=slug, practice__is_active=True)
                  .first())
    if membership is None:
        raise Http404
    now = timezone.now()
    # the home page reports what is new since the visit before this one
    request.previously_seen_at = membership.last_seen_at
    if membership.last_seen_at is None or now - membership.last_seen_at > SEEN_RESOLUTION:
        Membership.objects.with_scopes_disabled().filter(pk=membership.pk).update(
            last_seen_at=now)
    return membership
