"""E-mail from templates: `emails/<name>_subject.txt`, `<name>.txt` and `<name>.html`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(*, template: str, to: list[str], context: dict[str, Any],
                         reply_to: list[str] | None = None) -> None:
    """Render and send one message, plain text with an HTML alternative."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.splitlines()),
        body=render_to_string(f"emails/{template}.txt", context),
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    message.send()
