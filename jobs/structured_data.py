"""schema.org JobPosting for Google's job search (SPECS §1), built from one job.

Only a job that takes applications carries it; the job page leaves it out otherwise."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.utils import timezone

from jobs.models import EmploymentType, Job, PayUnit

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.PER_DIEM: "PER_DIEM",
    EmploymentType.INTERNSHIP: "INTERN",
}
PAY_UNITS = {PayUnit.HOUR: "HOUR", PayUnit.DAY: "DAY", PayUnit.WEEK: "WEEK",
             PayUnit.MONTH: "MONTH", PayUnit.YEAR: "YEAR"}


def absolute_url(path: str) -> str:
    """A link for crawlers and shares: on SITE_URL, never on the Host header a request
    claims. Storage that already gives full URLs (a CDN) is left alone."""
    if path.startswith(("https://", "http://")):
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"


def job_posting_ld(job: Job, *, url: str) -> dict[str, Any]:
    """The JobPosting of a job that takes applications, as a dict for `ld_json`."""
    practice = job.practice
    tz = zoneinfo.ZoneInfo(practice.timezone)
    posted = job.first_published_at or job.published_at or job.created_at
    organization: dict[str, Any] = {"@type": "Organization", "name": practice.name}
    if practice.website:
        organization["sameAs"] = practice.website
    if practice.logo:
        organization["logo"] = absolute_url(practice.logo.url)
    ld: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": "".join(html for _name, _heading, html in job.sections),
        "datePosted": timezone.localtime(posted, tz).date().isoformat(),
        "employmentType": EMPLOYMENT_TYPES[job.employment_type],
        "hiringOrganization": organization,
        "identifier": {"@type": "PropertyValue", "name": practice.name,
                       "value": str(job.public_id)},
        "directApply": True,
        "url": url,
    }
    if job.closes_on:
        # the last second of the closing day where the practice is
        ld["validThrough"] = datetime.combine(job.closes_on, time(23, 59, 59),
                                              tzinfo=tz).isoformat()
    ld.update(_place(job))
    if salary := _salary(job):
        ld["baseSalary"] = salary
    if job.education:
        ld["educationRequirements"] = {"@type": "EducationalOccupationalCredential",
                                       "credentialCategory": job.education}
    if job.experience_months > 0:
        ld["experienceRequirements"] = {"@type": "OccupationalExperienceRequirements",
                                        "monthsOfExperience": job.experience_months}
    return ld


def _place(job: Job) -> dict[str, Any]:
    practice = job.practice
    if job.is_remote:
        # 100% remote: where the person may live instead of an office to report to
        where = ({"@type": "State", "name": practice.state} if practice.state
                 else {"@type": "Country", "name": practice.country})
        return {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": where}
    place = job.site
    address = {"@type": "PostalAddress"}
    for key, value in (("streetAddress", place.street), ("addressLocality", place.city),
                       ("addressRegion", place.state), ("postalCode", place.postal_code)):
        if value:
            address[key] = value
    address["addressCountry"] = place.country or practice.country
    return {"jobLocation": {"@type": "Place", "address": address}}


def _salary(job: Job) -> dict[str, Any] | None:
    amounts = [float(a) for a in (job.pay_min, job.pay_max) if a is not None]
    if not amounts:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if len(amounts) == 2 and amounts[0] != amounts[1]:
        value.update(minValue=amounts[0], maxValue=amounts[1])
    else:
        value["value"] = amounts[0]
    value["unitText"] = PAY_UNITS[job.pay_unit]
    return {"@type": "MonetaryAmount", "currency": job.currency.upper(), "value": value}
