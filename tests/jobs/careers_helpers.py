"""Shared by the careers tests: a published job, the head tags of a page, a tiny logo."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from jobs.models import Job
from tests.factories import JobFactory


def published_job(practice, **fields) -> Job:
    """A job as the publish service leaves it (status and dates), unless told otherwise."""
    fields.setdefault("status", Job.Status.PUBLISHED)
    if fields["status"] != Job.Status.DRAFT:
        fields.setdefault("first_published_at", timezone.now() - timedelta(days=3))
        fields.setdefault("published_at", fields["first_published_at"])
    with scopes_disabled():
        return JobFactory(practice=practice, **fields)


class Head(HTMLParser):
    """The <title>, <meta> and <link> tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (key := a.get("property") or a.get("name")):
            self.meta[key] = a.get("content", "")
        elif tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href", "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(response) -> Head:
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def png() -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "#1d4ed8").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())
