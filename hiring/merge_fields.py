"""Merge fields in texts a practice writes (e-mail templates, offer letters): which ones a
text uses and which it names wrongly. Attribute access, indexes, conversions and format
specs count as wrong: they are never evaluated."""

from __future__ import annotations

import string
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_formatter = string.Formatter()


def fields_in(text: str, allowed: Collection[str], *, example: str
              ) -> tuple[list[str], list[str]]:
    """(fields used, in order; unknown fields as typed). A lone brace is refused with a
    message showing `example`, one of the allowed fields in braces."""
    try:
        parts = list(_formatter.parse(text))
    except ValueError as exc:
        raise ValidationError(_(
            "A brace is not closed. Merge fields look like %(example)s; to show a brace "
            "itself, type it twice: {{ or }}.") % {"example": example}) from exc
    used: list[str] = []
    unknown: list[str] = []
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field in allowed and not spec and not conversion:
            used.append(field)
            continue
        shown = "{" + field + (f"!{conversion}" if conversion else "") + (
            f":{spec}" if spec else "") + "}"
        if shown not in unknown:
            unknown.append(shown)
    return used, unknown
