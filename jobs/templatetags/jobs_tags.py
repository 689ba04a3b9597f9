from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from hiring.colors import readable_on_white
from jobs.pay import pay_text

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
    place = job.location or job.practice
    city = ", ".join(p for p in (place.city, place.state) if p)
    if job.workplace_type == "remote":
        return _("Remote (%(city)s)") % {"city": city} if city else _("Remote")
    return city or getattr(place, "name", "")
