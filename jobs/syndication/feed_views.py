"""The feeds boards fetch: the deployment's under /feeds/, a practice's under
/careers/<practice>/feeds/, and the practice's sitemap. Public, GET and HEAD only.

A fetch serves the stored file: a few reads whatever the number of jobs, and a 304 when
the board already has this version (ETag or Last-Modified). Every fetch is recorded, so a
practice can see that a board comes, without a database write in the request
(fetch_log.py)."""

from __future__ import annotations

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from jobs.models import Feed
from jobs.syndication import feeds, fetch_log

CONTENT_TYPE = "application/xml; charset=utf-8"
MAX_AGE = 300  # boards poll every few hours; a proxy may answer in between
FILENAMES = {Feed.Kind.INDEED: "indeed.xml", Feed.Kind.ZIPRECRUITER: "ziprecruiter.xml",
             Feed.Kind.GENERIC: "jobs.xml", Feed.Kind.SITEMAP: "sitemap.xml"}


@require_safe
def practice_feed_view(request: HttpRequest, practice: str, kind: str) -> HttpResponse:
    """A feed of the practice (the middleware resolved it): 404 for a board it does not
    post to."""
    feed = feeds.feed_get(practice=request.practice, kind=kind)
    if feed is None:
        raise Http404
    return _serve(request, feed)


@require_safe
def deployment_feed_view(request: HttpRequest, kind: str) -> HttpResponse:
    """A board's feed of every practice posting to it."""
    feed = feeds.feed_get(practice=None, kind=kind)
    if feed is None:
        raise Http404
    return _serve(request, feed)


def _serve(request: HttpRequest, feed: Feed) -> HttpResponse:
    if not feed.file:  # never built: its first reader waits for it once
        feed = feeds.build(feed, force=True)
        if not feed.file:
            return HttpResponse(status=503, headers={"Retry-After": "60"})
    packed = _open_gzip(request, feed)
    # each representation has its own ETag, so a cache never mixes them up
    etag = f'{feed.etag[:-1]}-gzip"' if packed else feed.etag
    response = get_conditional_response(request, etag=etag,
                                        last_modified=int(feed.last_modified.timestamp()))
    if response is None:
        response = _content(request, feed, packed)
    elif packed:
        packed.close()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(feed.last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, ["Accept-Encoding"])
    fetch_log.fetch_record(feed=feed, user_agent=request.headers.get("User-Agent", ""),
                           status_code=response.status_code)
    return response


def _takes_gzip(request: HttpRequest) -> bool:
    """Accept-Encoding names gzip (or *) without refusing it with q=0."""
    for part in request.headers.get("Accept-Encoding", "").lower().split(","):
        coding, _sep, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            quality = params.replace(" ", "").removeprefix("q=")
            return not (params and quality.strip("0.") == "")
    return False


def _open_gzip(request: HttpRequest, feed: Feed) -> File | None:
    """The stored gzip copy, open, when the client takes gzip and the copy exists."""
    if request.method != "GET" or not _takes_gzip(request):
        return None
    try:
        return default_storage.open(feeds.gzip_name(feed.file.name), "rb")
    except FileNotFoundError:  # an older build, or storage lost it: the XML will do
        return None


def _content(request: HttpRequest, feed: Feed, packed: File | None) -> HttpResponse:
    if packed is not None:
        response = FileResponse(packed, content_type=CONTENT_TYPE,
                                filename=FILENAMES[feed.kind])
        response["Content-Encoding"] = "gzip"
        return response
    if request.method == "HEAD":
        response = HttpResponse(content_type=CONTENT_TYPE)
        response["Content-Length"] = str(feed.size)
        return response
    try:
        stream = default_storage.open(feed.file.name, "rb")
    except FileNotFoundError:
        # a build replaced the file since the row was read, or storage lost it: build it now
        feeds.build(feed, force=True)
        feed.refresh_from_db()
        stream = default_storage.open(feed.file.name, "rb")
    return FileResponse(stream, content_type=CONTENT_TYPE, filename=FILENAMES[feed.kind])
