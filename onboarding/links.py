"""Private links for offers and packets: signed (tampering shows), expiring, and revocable
through the object's `link_nonce` (a new nonce makes every earlier link invalid); the pages
they open speak their recipient's language."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

MAX_AGE_DAYS = 60  # the object's own expiry (offer date, packet link) is checked as well


class LinkProblem(Exception):
    """Why a link cannot open; `message` is safe to show (it reveals nothing)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def make_token(*, salt: str, public_id: UUID, nonce: UUID) -> str:
    return signing.dumps({"id": str(public_id), "n": str(nonce)}, salt=salt, compress=True)


def read_token(*, salt: str, token: str) -> tuple[str, str]:
    """(public id, nonce) of a genuine, unexpired token; LinkProblem otherwise."""
    try:
        data = signing.loads(token, salt=salt, max_age=60 * 60 * 24 * MAX_AGE_DAYS)
    except signing.SignatureExpired as exc:
        raise LinkProblem(_("This link has expired. Ask the practice for a new one.")) from exc
    except signing.BadSignature as exc:
        raise LinkProblem(_("This link is not valid. Check that you copied all of it, or "
                            "ask the practice for a new one.")) from exc
    return data["id"], data["n"]


def language_activate(request: HttpRequest, language: str) -> None:
    """Show the page a private link opened in its recipient's language (the one they applied
    in, which their e-mails use too), unless they picked one with the site's language switch.
    As the locale middleware does, for the rest of this request."""
    languages = dict(settings.LANGUAGES)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen not in languages:
        chosen = language if language in languages else settings.LANGUAGE_CODE
    translation.activate(chosen)
    request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
