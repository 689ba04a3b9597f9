"""Small request helpers shared by views and middleware."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from hiring.models import Membership, Practice


class PracticeRequest(HttpRequest):
    """A request to a staff URL, after PracticeMiddleware resolved the practice."""

    practice: Practice
    membership: Membership


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's address. Behind our own proxy, the address it saw (the last hop it
    appended), never one the client could have typed in itself."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def parse_uuid(value: object) -> UUID | None:
    """A UUID from a form or query value, or None when it is missing or malformed (a
    tampered id then simply matches nothing)."""
    try:
        return UUID(str(value))
    except ValueError:
        return None
