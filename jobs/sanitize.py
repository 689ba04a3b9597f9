"""Description sections are HTML typed by practices and shown to the public: keep the
formatting job boards understand and nothing that could run or restyle a page."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BLOCK_END = re.compile(r"</(p|li|h3|h4)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def sanitize_html(value: str) -> str:
    """Safe HTML: allowed tags only, no attributes but link targets, no scripts, no
    event handlers, no javascript: or data: links."""
    if not value:
        return ""
    cleaned = nh3.clean(value, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                        strip_comments=True)
    return cleaned.strip()


def html_to_text(value: str) -> str:
    """The words of a section, for length checks and plain-text e-mails."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", value or ""))
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def bullets_html(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"
