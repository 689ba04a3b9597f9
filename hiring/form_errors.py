"""Showing a service's ValidationError on the form the person filled in."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(exc: ValidationError, *forms_: forms.BaseForm,
                       rename: dict[str, str] | None = None) -> None:
    """Put each field error next to the field, on whichever form has it (`rename` maps a
    service's field name to the form's); anything else goes at the top of the first form."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages in errors.items():
        name = (rename or {}).get(field, field)
        target = next((f for f in forms_ if name in f.fields), forms_[0])
        for message in messages:
            target.add_error(name if name in target.fields else None, message)
