from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hiring.selectors import practices_of_user


def practice(request: HttpRequest) -> dict[str, Any]:
    """The current practice, the member's permissions and, lazily, the practice switcher."""
    membership = getattr(request, "membership", None)
    if membership is None:
        # the public careers pages know their practice, but nobody is a member there
        current = getattr(request, "practice", None)
        return {"practice": current} if current is not None else {}
    return {
        "practice": request.practice,
        "membership": membership,
        "perms_here": membership.perms,
        "my_practices": lambda: practices_of_user(request.user),
    }
