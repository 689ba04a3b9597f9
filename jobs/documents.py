"""Job descriptions as Word documents: one for a posted job (to print, pin up, or hand to a
staffing agency) and one from a template for the practice to finish in Word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hiring.documents import add_html, add_key_value_table, new_document, to_bytes
from jobs.models import SECTIONS
from jobs.pay import pay_text
from jobs.services import template_fields_for

if TYPE_CHECKING:
    from docx.document import Document

    from hiring.models import Practice
    from jobs.models import Job, JobTemplate, Location


def _location_text(location: Location | None, practice: Practice) -> str:
    if location is None:
        return practice.address_line
    place = " ".join(p for p in (location.state, location.postal_code) if p)
    parts = [location.street, location.city, place]
    return f"{location.name}: " + ", ".join(p for p in parts if p)


def equal_opportunity_text(practice: Practice) -> str:
    """The closing statement of every description; its own function so the careers page
    can print the same words."""
    return _(
        "%(practice)s is an equal opportunity employer. We consider every applicant without "
        "regard to race, color, religion, sex, sexual orientation, gender identity, national "
        "origin, age, disability, genetic information, veteran status or any other "
        "characteristic protected by law. If you need a reasonable accommodation to apply or "
        "interview, please tell us and we will work with you."
    ) % {"practice": practice.name}


def _write_posting(document: Document, practice: Practice, *, title: str,
                   facts: list[tuple[str, str]], sections: list[tuple[str, str]]) -> None:
    document.core_properties.title = title
    document.core_properties.subject = _("Job description")
    document.add_heading(title, level=0)
    add_key_value_table(document, [(label, value) for label, value in facts if value])
    for heading, section_html in sections:
        document.add_heading(heading, level=1)
        add_html(document, section_html)
    document.add_paragraph(equal_opportunity_text(practice), style="Fine Print")


def job_description_docx(job: Job) -> bytes:
    """The job's description as a .docx: letterhead, title, the facts applicants scan for
    (where, what kind, pay), then each section the practice wrote."""
    practice = job.practice
    facts = [
        (_("Department"), job.department),
        (_("Location"), _location_text(job.location, practice)),
        (_("Workplace"), job.get_workplace_type_display()),
        (_("Employment type"), job.get_employment_type_display()),
        (_("Pay"), pay_text(job.pay_min, job.pay_max, job.pay_unit, job.currency)),
        (_("Openings"), str(job.openings)),
        (_("Applications close"), date_format(job.closes_on, "F j, Y") if job.closes_on else ""),
    ]
    sections = [(str(heading), section_html) for _field, heading, section_html in job.sections]
    document = new_document(practice)
    _write_posting(document, practice, title=job.title, facts=facts, sections=sections)
    return to_bytes(document)


def template_docx(template: JobTemplate, practice: Practice) -> bytes:
    """A template as a .docx in the practice's letterhead, to finish in Word: what only the
    practice can decide (pay, location, dates) is a [bracketed] placeholder to type over."""
    suggested = pay_text(template.pay_min, template.pay_max, template.pay_unit,
                         template.currency)
    pay = _("[Pay range, e.g. %(pay)s]") % {"pay": suggested} if suggested else _("[Pay range]")
    facts = [
        (_("Department"), template.department),
        (_("Location"), _("[Location]")),
        (_("Workplace"), template.get_workplace_type_display()),
        (_("Employment type"), template.get_employment_type_display()),
        (_("Pay"), pay),
        (_("Openings"), _("[Number of openings]")),
        (_("Applications close"), _("[Closing date]")),
    ]
    # tailored exactly as a job made from it would be: the practice's name and intro
    fields = template_fields_for(template, practice)
    sections = [(str(heading), fields[field]) for field, heading in SECTIONS
                if fields[field].strip()]
    document = new_document(practice)
    _write_posting(document, practice, title=template.title, facts=facts, sections=sections)
    return to_bytes(document)
