"""Find every staff URL pattern, so permission and isolation tests cover new views by
themselves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

STAFF_PREFIX = "app/<slug:practice>/"
KWARG = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class StaffUrl:
    name: str  # "namespace:name"
    route: str
    kwargs: tuple[str, ...]  # besides `practice`

    def __str__(self) -> str:
        return self.name


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route


def staff_urls() -> list[StaffUrl]:
    found = []
    for name, route in _walk(get_resolver().url_patterns):
        if route.startswith(STAFF_PREFIX):
            names = tuple(m["name"] for m in KWARG.finditer(route) if m["name"] != "practice")
            found.append(StaffUrl(name=name, route=route, kwargs=names))
    return sorted(found, key=lambda u: u.name)


# URL kwargs that name their model by a shorter word
KWARG_MODELS = {"template_id": "jobs.JobTemplate", "document_id": "jobs.JobDocument"}


def model_for_kwarg(kwarg: str) -> type[models.Model]:
    """`membership_id` → Membership: URL object ids are named after their model."""
    if kwarg in KWARG_MODELS:
        return apps.get_model(KWARG_MODELS[kwarg])
    entity = kwarg.removesuffix("_id").replace("_", "")
    for model in apps.get_models():
        if model._meta.model_name == entity and hasattr(model, "public_id"):
            return model
    raise LookupError(f"No model with a public_id is named like the URL kwarg {kwarg!r}")
