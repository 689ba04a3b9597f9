"""What each feed says about a job: Indeed's XML (SPECS 2.3), ZipRecruiter's (3.1), a generic
aggregator feed shaped like Talent.com's (3.2), and a sitemap of the careers pages.

Everything here reads rows already loaded (a job with its practice and location); nothing
queries per job. Text is English: feeds are built under `translation.override("en")`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import BinaryIO

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _

from hiring.models import Practice
from jobs.models import SECTIONS, EmploymentType, Feed, Job
from jobs.pay import RANGE, pay_text
from jobs.structured_data import absolute_url
from jobs.syndication.boards import FEED_BOARDS, source_for
from jobs.syndication.xml import Fields, xml_document
from jobs.templatetags.jobs_tags import job_experience

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
JOB_TYPES = {
    EmploymentType.FULL_TIME: "fulltime",
    EmploymentType.PART_TIME: "parttime",
    EmploymentType.CONTRACT: "contract",
    EmploymentType.TEMPORARY: "temporary",
    EmploymentType.PER_DIEM: "perdiem",
    EmploymentType.INTERNSHIP: "internship",
}
MAIN_SITE = "main"  # the location code of a job at the practice's own address
# Indeed reads no HTML entities (SPECS 2.4). The sanitiser writes "&amp;" for a typed "&" and
# "&nbsp;" for a hard space; both read the same raw. "&lt;" and "&gt;" stay: a raw "<" typed
# as text would start a tag.
_AMP = re.compile(r"&amp;(?![#A-Za-z0-9]+;)")


@dataclass
class FeedContext:
    """What every job of one build shares: the board's ?source= and per-practice links."""

    source: str = ""
    _job_paths: dict[int, str] = field(default_factory=dict)
    _headings: dict[str, str] = field(default_factory=dict)

    def job_url(self, job: Job) -> str:
        return self.page_url(job.practice, job.slug)

    def page_url(self, practice: Practice, slug: str) -> str:
        """A job's careers page, absolute, crediting the board (one reverse() per practice,
        not per job)."""
        if practice.pk not in self._job_paths:
            self._job_paths[practice.pk] = reverse("careers:job", kwargs={
                "practice": practice.slug, "job_slug": "job-slug"})
        path = self._job_paths[practice.pk].replace("/job-slug/", f"/{slug}/")
        return absolute_url(path) + (f"?source={self.source}" if self.source else "")

    def description(self, job: Job) -> str:
        """The posting's sections as the job page shows them: a heading, then its HTML."""
        if not self._headings:
            self._headings = {name: str(heading) for name, heading in SECTIONS}
        # headings are our own strings, plain words without markup or entities
        html = "".join(f"<h2>{self._headings[name]}</h2>{text}"
                       for name, _heading, text in job.sections)
        return _AMP.sub("&", html.replace("&nbsp;", "\N{NO-BREAK SPACE}"))


# --- Values shared by the formats -------------------------------------------------------

def reference_number(job: Job) -> str:
    """Unique per job and place, never changed (SPECS 2.3): a job keeps it while it stays at
    the same site."""
    return f"{job.public_id}-{job.location.public_id if job.location else MAIN_SITE}"


def posted_at(job: Job) -> str:
    """When the job was first published, ISO 8601 in UTC."""
    when = job.first_published_at or job.published_at or job.created_at
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def salary(job: Job) -> str:
    """The pay line of the page with a plain hyphen, as Indeed's examples write a range."""
    return pay_text(job.pay_min, job.pay_max, job.pay_unit, job.currency).replace(RANGE, " - ")


def expiration(job: Job) -> str:
    """The closing date as Indeed writes it ("Mon, 08 Nov 2021"); "" when none."""
    return dateformat.format(job.closes_on, "D, d M Y") if job.closes_on else ""


def experience(job: Job) -> str:
    """What the page says: "At least 2 years"; "" when no experience is asked."""
    months = job_experience(job)
    return _("At least %(experience)s") % {"experience": months} if months else ""


def _address(job: Job) -> tuple[str, str, str, str, str]:
    """(street, city, state, postal code, country) where the person reports to work."""
    place = job.site
    return (place.street, place.city, place.state, place.postal_code,
            place.country or job.practice.country)


# --- The formats --------------------------------------------------------------------------

def indeed_fields(job: Job, context: FeedContext) -> Fields:
    practice = job.practice
    street, city, state, postal_code, country = _address(job)
    if job.is_remote:
        # Indeed's rule for a fully remote job: city "Remote", state and postal code present
        # but empty, and a remotetype
        street, city, state, postal_code = "", "Remote", "", ""
    yield from (("title", job.title), ("date", posted_at(job)),
                ("referencenumber", reference_number(job)),
                ("requisitionid", str(job.public_id)), ("url", context.job_url(job)),
                ("company", practice.name), ("sourcename", practice.name), ("city", city),
                ("state", state), ("country", country), ("postalcode", postal_code),
                ("streetaddress", street))
    if practice.email:
        yield "email", practice.email
    yield "description", context.description(job)
    yield "salary", salary(job)  # present even when empty, as Indeed asks
    optional = (("education", job.get_education_display() if job.education else ""),
                ("experience", experience(job)), ("jobtype", JOB_TYPES[job.employment_type]),
                ("category", job.department), ("expirationdate", expiration(job)),
                ("remotetype", "Fully remote" if job.is_remote else ""))
    yield from ((tag, value) for tag, value in optional if value)


def ziprecruiter_fields(job: Job, context: FeedContext) -> Fields:
    _street, city, state, postal_code, country = _address(job)
    if job.is_remote:
        # ZipRecruiter wants a city and a state together: the state where applicants live
        city, state, postal_code = "Remote", job.practice.state, ""
    yield from (("title", job.title), ("date", posted_at(job)),
                ("referencenumber", reference_number(job)), ("url", context.job_url(job)),
                ("company", job.practice.name), ("city", city), ("state", state),
                ("postalcode", postal_code), ("country", country),
                ("description", context.description(job)), ("salary", salary(job)),
                ("jobtype", JOB_TYPES[job.employment_type]))


def generic_fields(job: Job, context: FeedContext) -> Fields:
    _street, city, state, postal_code, country = _address(job)
    if job.is_remote:
        city, state, postal_code = "Remote", job.practice.state, ""
    yield from (("referencenumber", reference_number(job)), ("title", job.title),
                ("company", job.practice.name), ("city", city), ("state", state),
                ("country", country), ("postalcode", postal_code),
                ("dateposted", posted_at(job)), ("url", context.job_url(job)),
                ("description", context.description(job)), ("salary", salary(job)),
                ("jobtype", JOB_TYPES[job.employment_type]))
    if job.closes_on:
        yield "expirationdate", expiration(job)


FORMATS: dict[str, Callable[[Job, FeedContext], Fields]] = {
    Feed.Kind.INDEED: indeed_fields,
    Feed.Kind.ZIPRECRUITER: ziprecruiter_fields,
    Feed.Kind.GENERIC: generic_fields,
}


def write_board_feed(out: BinaryIO, kind: str, jobs: Iterable[Job]) -> int:
    """A board's feed of `jobs` (each with practice and location loaded); the job count."""
    fields_of = FORMATS[kind]
    context = FeedContext(source=source_for(FEED_BOARDS[kind]))
    count = 0
    with xml_document(out, "source") as doc:
        doc.field("publisher", settings.SYNDICATION_PUBLISHER_NAME)
        doc.field("publisherurl", settings.SITE_URL)
        for job in jobs:
            doc.item("job", fields_of(job, context))
            count += 1
    return count


def write_sitemap(out: BinaryIO, practice: Practice, jobs: Iterable[tuple[str, datetime]],
                  home_lastmod: date | None) -> int:
    """The careers home and each (slug, updated_at) job page; the number of job pages.
    Canonical links: a sitemap credits no board."""
    context = FeedContext()
    home = absolute_url(reverse("careers:home", kwargs={"practice": practice.slug}))
    count = 0
    with xml_document(out, "urlset", namespace=SITEMAP_NS, cdata=False) as doc:
        doc.item("url", [("loc", home)] + ([("lastmod", home_lastmod.isoformat())]
                                           if home_lastmod else []))
        for slug, updated_at in jobs:
            doc.item("url", [("loc", context.page_url(practice, slug)),
                             ("lastmod", updated_at.astimezone(UTC).date().isoformat())])
            count += 1
    return count
