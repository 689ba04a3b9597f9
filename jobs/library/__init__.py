"""The job templates shipped with the product, one module per role (FORMAT.md).

`LIBRARY` maps each template's key to the fields of a JobTemplate row, with the sections
already turned into HTML. `jobs.services.library_sync()` writes them to the database after
every migrate, so a release that bumps a template's version updates it everywhere."""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal
from typing import Any

from jobs.models import Education, EmploymentType, PayUnit, WorkplaceType
from jobs.sanitize import bullets_html, paragraphs_html

PARAGRAPH_SECTIONS = ("about", "about_us", "how_to_apply")
BULLET_SECTIONS = ("responsibilities", "qualifications", "skills")
QUESTION_KINDS = {"short_text", "long_text", "yes_no", "single_choice", "multiple_choice",
                  "number"}


class LibraryError(ValueError):
    """A shipped template does not follow jobs/library/FORMAT.md."""


def _check(condition: bool, key: str, problem: str) -> None:
    if not condition:
        raise LibraryError(f"template {key!r}: {problem}")


def _check_question(key: str, question: dict[str, Any]) -> None:
    kind = question.get("kind")
    _check(kind in QUESTION_KINDS, key, f"unknown question kind {kind!r}")
    choices, knockout = question.get("choices", []), question.get("knockout", [])
    if kind in {"single_choice", "multiple_choice"}:
        _check(len(choices) >= 2, key, f"{question['label']!r} needs two choices or more")
        _check(set(knockout) <= set(choices), key, "knockout answers must be choices")
    elif kind == "yes_no":
        _check(set(knockout) <= {"yes", "no"}, key, "yes/no knockout must be yes or no")
    else:
        _check(not knockout and not choices, key, f"{kind} questions take no choices")


def _fields(module_template: dict[str, Any]) -> dict[str, Any]:
    t = module_template
    key = t["key"]
    _check(t["employment_type"] in EmploymentType.values, key, "bad employment_type")
    _check(t["workplace_type"] in WorkplaceType.values, key, "bad workplace_type")
    _check(t["pay_unit"] in PayUnit.values, key, "bad pay_unit")
    _check(t["education"] in Education.values, key, "bad education")
    _check(Decimal(t["pay_min"]) <= Decimal(t["pay_max"]), key, "pay_min above pay_max")
    sections = t["sections"]
    _check(set(sections) == set(PARAGRAPH_SECTIONS + BULLET_SECTIONS), key, "sections differ")
    for question in t["application_questions"]:
        _check_question(key, question)
    for item in t["interview_questions"]:
        _check(item["question"] and item["listen_for"], key, "interview question incomplete")
    for competency in t["competencies"]:
        _check(len(competency["anchors"]) == 4, key, f"{competency['name']}: four anchors")
    return {
        "key": key,
        "version": t["version"],
        "title": t["title"],
        "department": t["department"],
        "summary": t["summary"],
        "employment_type": t["employment_type"],
        "workplace_type": t["workplace_type"],
        "pay_min": Decimal(t["pay_min"]),
        "pay_max": Decimal(t["pay_max"]),
        "pay_unit": t["pay_unit"],
        "education": t["education"],
        "experience_months": t["experience_months"],
        **{name: paragraphs_html(sections[name]) for name in PARAGRAPH_SECTIONS},
        **{name: bullets_html(sections[name]) for name in BULLET_SECTIONS},
        "application_questions": t["application_questions"],
        "interview_questions": t["interview_questions"],
        "competencies": t["competencies"],
    }


def _load() -> dict[str, dict[str, Any]]:
    library = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        fields = _fields(module.TEMPLATE)
        if fields["key"] in library:
            raise LibraryError(f"two templates use the key {fields['key']!r}")
        library[fields["key"]] = fields
    return library


LIBRARY: dict[str, dict[str, Any]] = _load()
