"""/media/<name>: public files (practice logos, feeds) streamed from the "default" storage,
local folder or bucket alike, so no proxy or public bucket is needed. Private files live in
another storage that this view cannot reach."""

from __future__ import annotations

import logging
import mimetypes

from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from hiring.storage import STORAGE_ERRORS

logger = logging.getLogger(__name__)

# Only these are shown inline; anything else downloads, so an uploaded file can never run as
# a page of this site.
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/xml",
                "text/xml"}
MAX_AGE_SECONDS = 60 * 60  # logo names change with every upload; an hour is plenty
# What the public storage is for: practices' logos and the job-board feeds. Anything else
# found there (a file left by an older release, a folder set up wrong) is not served.
PUBLIC_PREFIXES = ("practices/", "feeds/")


@require_safe
def media_view(request: HttpRequest, name: str) -> HttpResponse:
    try:
        if not name.startswith(PUBLIC_PREFIXES) or not default_storage.exists(name):
            raise Http404
        handle = default_storage.open(name, "rb")
    except SuspiciousOperation as exc:  # "../" and absolute names
        raise Http404 from exc
    except (IsADirectoryError, FileNotFoundError) as exc:  # a folder, or a file just removed
        raise Http404 from exc
    except STORAGE_ERRORS:
        logger.warning("Public file storage failed while serving a file", exc_info=True)
        return HttpResponse("File storage is unavailable.", status=503,
                            content_type="text/plain", headers={"Retry-After": "30"})
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(handle, content_type=content_type if inline
                            else "application/octet-stream", as_attachment=not inline)
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
