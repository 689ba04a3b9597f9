"""When the database or the file storage cannot be reached, every page answers a short
branded 503 instead of a 500 with a traceback, and the next request after the part returns
works again by itself (CONN_HEALTH_CHECKS replaces a dead database connection; nothing here
keeps state).

Three ways such an error reaches the client, one answer for all of them:

- raised by a view: `UnavailableMiddleware.process_exception`;
- raised by another middleware (the session and user are loaded in middleware, and
  PracticeMiddleware looks up the practice) with DEBUG off: Django hands it to `handler500`,
  which is `server_error` here;
- the same with DEBUG on (Django's debug page comes instead of handler500): the request is
  marked when Django reports the exception, and the middleware swaps the page for the 503.

The page is rendered without the request, so no context processor, session or user lookup
touches the database that is down."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db.utils import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

from hiring.storage import storage_is_down

logger = logging.getLogger(__name__)

# What Django raises when Postgres is stopped, restarting or unreachable (psycopg's errors
# come wrapped in these), whether a view, the session or the user lookup met it.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
_MARK = "_part_unavailable"


def is_outage(exc: BaseException) -> bool:
    """The database or the file storage failing, as opposed to a bug."""
    return isinstance(exc, DATABASE_DOWN) or storage_is_down(exc)


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 for a request that met an outage: JSON under /api/, else the branded
    page. Logs one warning line (no traceback: the cause is known and it repeats)."""
    part = "Database" if isinstance(exc, DATABASE_DOWN) else "File storage"
    logger.warning("%s unavailable (%s) for %s %s; answered 503", part, type(exc).__name__,
                   request.method, request.path)
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {"detail": "The service is temporarily unavailable. Try again in a minute."},
            status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # not again as an error
    return response


class UnavailableMiddleware:
    """Answer 503 (see the module) when the database or the storage is down. Placed early,
    right after the static files, so the stylesheet is still served during an outage."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exc = getattr(request, _MARK, None)
        if exc is not None and response.status_code == 500:
            # DEBUG's error page for a middleware's database error: the 503 instead
            return unavailable_response(request, exc)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception
                          ) -> HttpResponse | None:
        if is_outage(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """handler500: the 503 for a database outage met outside a view, else Django's 500."""
    exc = sys.exc_info()[1]
    if exc is not None and is_outage(exc):
        return unavailable_response(request, exc)
    return django_server_error(request)


@receiver(got_request_exception)
def _mark_outage(sender: object, request: HttpRequest | None = None,
                        **kwargs: object) -> None:
    exc = sys.exc_info()[1]
    if request is not None and exc is not None and is_outage(exc):
        setattr(request, _MARK, exc)
