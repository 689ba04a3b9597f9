from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hiring.colors import readable_on_white
from jobs.pay import pay_text
from jobs.sanitize import html_to_text
from jobs.structured_data import absolute_url

register = template.Library()


@register.simple_tag
def job_pay(job: object) -> str:
    return pay_text(job.pay_min, job.pay_max, job.pay_unit, job.currency)


@register.filter
def brand_colour(practice: object) -> str:
    """The practice's colour, darkened when too light to carry white text."""
    return readable_on_white(getattr(practice, "brand_color", "") or "#0f766e")


@register.simple_tag
def job_place(job: object) -> str:
    """Where the job is, in one line for the posting and the lists."""
    place = job.site
    city = ", ".join(p for p in (place.city, place.state) if p)
    if job.workplace_type == "remote":
        return _("Remote (%(city)s)") % {"city": city} if city else _("Remote")
    return city or getattr(place, "name", "")


@register.filter
def ld_json(data: object) -> str:
    """`<script type="application/ld+json">` holding `data`. Django's json_script writes
    application/json, which Google ignores; and <, > and & are escaped (SPECS 1.7) so no
    text of the posting can close the script element early."""
    text = (json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def absolute(path: str) -> str:
    """A URL on SITE_URL, for canonical links and shares."""
    return absolute_url(path) if path else ""


@register.filter
def plain_summary(html: str, length: int = 200) -> str:
    """The first words of a section as one line of plain text, for share previews."""
    return text_summary(html_to_text(html), length)


@register.filter
def text_summary(text: str, length: int = 200) -> str:
    """The first words of plain text (the careers introduction) as one line."""
    return Truncator(" ".join((text or "").split())).chars(length)


@register.simple_tag
def job_experience(job: object) -> str:
    """Months of experience as people say it: "2 years", "18 months"; "" for none."""
    months = job.experience_months
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}


@register.simple_tag
def job_address(job: object) -> str:
    """The full address of an on-site or hybrid job: the site's name and street, or the
    practice's; "" for a remote job."""
    if job.workplace_type == "remote":
        return ""
    place = job.site
    region = " ".join(p for p in (place.state, place.postal_code) if p)
    parts = [getattr(place, "name", "") if job.location else "", place.street, place.city,
             region]
    return ", ".join(p for p in parts if p)
