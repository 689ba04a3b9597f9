"""Template filters of the interviews pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any] | None, key: Any) -> Any:
    """`row.averages|get_item:competency.pk`: a dict lookup by a variable key."""
    return (mapping or {}).get(key)
