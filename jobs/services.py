"""Writes of the jobs app: the template library, creating and editing jobs, publishing and
the other status changes, the practice's sites, and the Word documents."""

from __future__ import annotations

import hashlib
import html
import json
import zoneinfo
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hiring.models import Membership, Practice, User
from hiring.services import audit_log
from hiring.worker_documents import document_request
from jobs.models import (
    SECTIONS,
    ApplicationQuestion,
    Job,
    JobDocument,
    JobTemplate,
    Location,
)
from jobs.sanitize import html_to_text, paragraphs_html, sanitize_html

POSTING_FIELDS = ["title", "department", "employment_type", "workplace_type", "pay_min",
                  "pay_max", "pay_unit", "currency", "education", "experience_months",
                  *[name for name, _heading in SECTIONS]]
SECTION_FIELDS = frozenset(name for name, _heading in SECTIONS)
JOB_FIELDS = [*POSTING_FIELDS, "slug", "location", "openings", "closes_on"]
MIN_DESCRIPTION_CHARS = 250  # boards drop thin postings; Google wants a complete description
# bump when the DOCX layout changes, so documents made by the old code are made again
DOCUMENT_LAYOUT_VERSION = 1


# --- The template library -------------------------------------------------------------------

def library_sync() -> int:
    """Write the shipped templates to the database; return how many rows changed.

    Only rows without a practice are touched, so practices' own templates and jobs are
    never overwritten; a row changes only when the release bumped its version."""
    from jobs.library import LIBRARY

    changed = 0
    with transaction.atomic():
        shipped = {t.key: t for t in JobTemplate.objects.filter(practice=None)}
        for key, fields in LIBRARY.items():
            row = shipped.get(key)
            if row is None:
                JobTemplate.objects.create(**fields)
                changed += 1
            elif row.version < fields["version"] or not row.is_active:
                for name, value in fields.items():
                    setattr(row, name, value)
                row.is_active = True
                row.save()
                changed += 1
        retired = [key for key in shipped if key not in LIBRARY]
        changed += JobTemplate.objects.filter(practice=None, key__in=retired,
                                              is_active=True).update(is_active=False)
    return changed


def template_fields_for(template: JobTemplate, practice: Practice) -> dict[str, Any]:
    """The posting fields of a template, tailored to a practice: its name in the text and
    its own careers introduction leading "Who we are"."""
    name = html.escape(practice.name)
    fields = {f: getattr(template, f) for f in POSTING_FIELDS}
    for section in SECTION_FIELDS:
        fields[section] = fields[section].replace("{practice_name}", name)
    if practice.careers_intro.strip():
        intro = paragraphs_html([p for p in practice.careers_intro.splitlines() if p.strip()])
        fields["about_us"] = intro + fields["about_us"]
    return fields


# --- Creating and editing jobs --------------------------------------------------------------

def job_slug_suggest(*, practice: Practice, base: str, exclude: Job | None = None) -> str:
    root = slugify(base)[:70].strip("-") or "job"
    taken = set(practice.jobs.exclude(pk=getattr(exclude, "pk", None))
                .filter(slug__startswith=root).values_list("slug", flat=True))
    candidate, n = root, 1
    while candidate in taken:
        n += 1
        candidate = f"{root}-{n}"
    return candidate


def _check_location(practice: Practice, location: Location | None) -> None:
    if location is not None and location.practice_id != practice.pk:
        raise ValidationError({"location": _("Choose one of your practice's sites.")})


def _creator_membership(practice: Practice, actor: User) -> Membership | None:
    return Membership.objects.with_scopes_disabled().filter(practice=practice,
                                                            user=actor).first()


@transaction.atomic
def job_create(*, practice: Practice, actor: User, fields: dict[str, Any],
               questions: list[dict[str, Any]] | None = None,
               hiring_team: list[Membership] | None = None,
               template: JobTemplate | None = None) -> Job:
    """A new draft job. The creator joins its hiring team unless a team is given."""
    fields = dict(fields)
    _check_location(practice, fields.get("location"))
    for section in SECTION_FIELDS & set(fields):
        fields[section] = sanitize_html(fields[section])
    fields["slug"] = fields.get("slug") or job_slug_suggest(practice=practice,
                                                            base=fields["title"])
    job = Job(practice=practice, template=template, created_by=actor, **fields)
    job.full_clean()
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError as exc:  # the slug was taken a moment ago
        raise ValidationError({"slug": _("This web address is already used by another job. "
                                         "Try “%(s)s”.") % {"s": job_slug_suggest(
                                             practice=practice, base=fields["slug"])}}) from exc
    job_questions_replace(job=job, questions=questions or [])
    team = hiring_team if hiring_team is not None else [_creator_membership(practice, actor)]
    job.hiring_team.set([m for m in team if m is not None])
    audit_log(action="jobs.job.created", actor=actor, obj=job,
              data={"template": str(template.public_id) if template else None})
    return job


@transaction.atomic
def job_create_from_template(*, practice: Practice, template: JobTemplate,
                             actor: User) -> Job:
    """A draft job from a template, tailored to the practice, ready to edit."""
    if template.practice_id not in (None, practice.pk) or not template.is_active:
        raise ValidationError(_("This template is not available."))
    fields = template_fields_for(template, practice)
    fields["slug"] = job_slug_suggest(practice=practice, base=template.key or template.title)
    questions = [{"kind": q["kind"], "label": q["label"], "help_text": q.get("help_text", ""),
                  "required": q.get("required", True), "choices": q.get("choices", []),
                  "knockout": q.get("knockout", [])} for q in template.application_questions]
    return job_create(practice=practice, actor=actor, fields=fields, questions=questions,
                      template=template)


@transaction.atomic
def job_update(*, job: Job, actor: User, fields: dict[str, Any],
               questions: list[dict[str, Any]] | None = None,
               hiring_team: list[Membership] | None = None) -> Job:
    """Save the editor. A job that was ever published keeps its web address."""
    fields = dict(fields)
    if job.slug_is_locked and fields.get("slug", job.slug) != job.slug:
        raise ValidationError({"slug": _("The web address of a published job cannot change: "
                                         "boards and applicants already link to it.")})
    _check_location(job.practice, fields.get("location", job.location))
    changed = []
    for name, value in fields.items():
        if name in SECTION_FIELDS:
            value = sanitize_html(value)
        if getattr(job, name) != value:
            setattr(job, name, value)
            changed.append(name)
    job.full_clean()
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError as exc:
        raise ValidationError({"slug": _("This web address is already used by another job.")}
                              ) from exc
    if questions is not None:
        job_questions_replace(job=job, questions=questions)
    if hiring_team is not None:
        if any(m.practice_id != job.practice_id for m in hiring_team):
            raise ValidationError({"hiring_team": _("Choose members of this practice.")})
        job.hiring_team.set(hiring_team)
    audit_log(action="jobs.job.updated", actor=actor, obj=job, data={"fields": sorted(changed)})
    if changed and job.status == Job.Status.PUBLISHED:
        _syndication().job_changed(job)
    return job


def question_problems(question: dict[str, Any]) -> dict[str, str]:
    """Field → message for a question that cannot work as typed (the form shows them)."""
    kind = question["kind"]
    choices, knockout = question.get("choices") or [], question.get("knockout") or []
    if kind in ApplicationQuestion.CHOICE_KINDS:
        if len(choices) < 2:
            return {"choices": _("Give at least two choices, one per line.")}
        if not set(knockout) <= set(choices):
            return {"knockout": _("Knock-out answers must be among the choices.")}
    elif kind == ApplicationQuestion.Kind.YES_NO:
        if not set(knockout) <= {"yes", "no"}:
            return {"knockout": _("For a yes/no question the knock-out answer is yes or no.")}
    elif knockout:
        return {"knockout": _("Only yes/no and choice questions can knock out.")}
    return {}


@transaction.atomic
def job_questions_replace(*, job: Job, questions: list[dict[str, Any]]) -> None:
    """Make the job's questions exactly `questions`, in order. Each dict may carry the
    `public_id` of an existing question to keep it (and the answers given to it)."""
    keep: list[int] = []
    for position, data in enumerate(questions):
        if problems := question_problems(data):
            raise ValidationError(problems)
        is_choice = data["kind"] in ApplicationQuestion.CHOICE_KINDS
        values = {
            "position": position, "kind": data["kind"], "label": data["label"].strip(),
            "help_text": data.get("help_text", "").strip(), "required": data.get("required",
                                                                                 True),
            "choices": data.get("choices", []) if is_choice else [],
            "knockout": data.get("knockout", []),
        }
        existing = (job.questions.filter(public_id=data["public_id"]).first()
                    if data.get("public_id") else None)
        if existing is None:
            existing = ApplicationQuestion.objects.create(practice=job.practice, job=job,
                                                          **values)
        else:
            ApplicationQuestion.objects.filter(pk=existing.pk).update(**values)
        keep.append(existing.pk)
    job.questions.exclude(pk__in=keep).delete()


def _question_dicts(job: Job) -> list[dict[str, Any]]:
    """A job's questions in the shape templates store and job_questions_replace takes."""
    return [{"kind": q.kind, "label": q.label, "help_text": q.help_text,
             "required": q.required, "choices": q.choices, "knockout": q.knockout}
            for q in job.questions.all()]


@transaction.atomic
def job_duplicate(*, job: Job, actor: User) -> Job:
    """A new draft with the same posting, questions and team."""
    fields = {f: getattr(job, f) for f in POSTING_FIELDS}
    fields.update(location=job.location, openings=job.openings,
                  title=job.title, slug=job_slug_suggest(practice=job.practice, base=job.slug))
    copy = job_create(practice=job.practice, actor=actor, fields=fields,
                      questions=_question_dicts(job), hiring_team=list(job.hiring_team.all()),
                      template=job.template)
    audit_log(action="jobs.job.duplicated", actor=actor, obj=copy,
              data={"from": str(job.public_id)})
    return copy


@transaction.atomic
def job_save_as_template(*, job: Job, actor: User, title: str = "") -> JobTemplate:
    """Keep a job's posting as one of the practice's own templates."""
    source = job.template
    template = JobTemplate.objects.create(
        practice=job.practice, created_by=actor, title=title.strip() or job.title,
        summary=html_to_text(job.about)[:237] + ("…" if len(html_to_text(job.about)) > 237
                                                 else ""),
        **{f: getattr(job, f) for f in POSTING_FIELDS if f != "title"},
        application_questions=_question_dicts(job),
        interview_questions=source.interview_questions if source else [],
        competencies=source.competencies if source else [],
    )
    audit_log(action="jobs.template.saved", actor=actor, obj=template, practice=job.practice,
              data={"job": str(job.public_id)})
    return template


def _syndication() -> Any:
    """The job boards hear of every change to a published job (imported late: syndication
    reads this module's rules)."""
    from jobs.syndication import changes

    return changes


# --- Publishing and the other status changes ------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """Something a job board or Google needs that the job lacks, tied to the field to fix."""

    field: str
    message: str


def practice_today(practice: Practice) -> date:
    """Closing dates are the practice's calendar days, not UTC's."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone))


def job_publish_problems(job: Job) -> list[Problem]:
    """What stands between this job and a posting boards and Google will take."""
    problems = []
    if not job.title.strip():
        problems.append(Problem("title", _("Give the job a title.")))
    length = sum(len(html_to_text(getattr(job, name))) for name in SECTION_FIELDS)
    if length < MIN_DESCRIPTION_CHARS:
        problems.append(Problem("about", _(
            "Describe the job in at least %(min)d characters across its sections (now "
            "%(n)d): boards skip thin postings.") % {"min": MIN_DESCRIPTION_CHARS, "n": length}))
    if not html_to_text(job.responsibilities):
        problems.append(Problem("responsibilities", _("List what the person will do.")))
    place = job.site
    if not job.is_remote and not all(
            (place.street, place.city, place.state, place.postal_code, place.country)):
        problems.append(Problem("location", _(
            "The job needs a full street address: complete the practice address in Settings, "
            "or choose one of your sites.")))
    if not job.practice.country:
        problems.append(Problem("location", _("Set the practice's country in Settings.")))
    if job.pay_min is None:
        problems.append(Problem("pay_min", _("Show the pay: Google and several states "
                                             "require a pay range in the posting.")))
    elif job.pay_max is not None and job.pay_max < job.pay_min:
        problems.append(Problem("pay_max", _("The top of the range is below its bottom.")))
    if not job.employment_type:
        problems.append(Problem("employment_type", _("Choose the employment type.")))
    if job.closes_on and job.closes_on < practice_today(job.practice):
        problems.append(Problem("closes_on", _("The closing date has passed: choose a later "
                                               "date or leave it empty.")))
    return problems


class PublishBlocked(ValidationError):
    """Publishing refused; `problems` says what to fix, field by field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([p.message for p in problems])
        self.problems = problems


def _set_status(job: Job, to: str, allowed_from: set[str], actor: User, action: str,
                **extra: Any) -> Job:
    moved = Job.objects.filter(pk=job.pk, status__in=allowed_from).update(
        status=to, updated_at=timezone.now(), **extra)
    if moved != 1:  # someone changed it meanwhile, or the move is not allowed from here
        job.refresh_from_db()
        raise ValidationError(_("This job is %(status)s; that change is not possible now.")
                              % {"status": job.get_status_display().lower()})
    job.refresh_from_db()
    audit_log(action=action, actor=actor, obj=job, data={"status": to})
    _syndication().job_changed(job)
    return job


@transaction.atomic
def job_publish(*, job: Job, actor: User) -> Job:
    """Put a draft, paused or closed job on the careers page and in the feeds."""
    if problems := job_publish_problems(job):
        raise PublishBlocked(problems)
    now = timezone.now()
    extra = {"published_at": now, "closed_at": None}
    if job.first_published_at is None:
        extra["first_published_at"] = now
    return _set_status(job, Job.Status.PUBLISHED,
                       {Job.Status.DRAFT, Job.Status.PAUSED, Job.Status.CLOSED}, actor,
                       "jobs.job.published", **extra)


@transaction.atomic
def job_pause(*, job: Job, actor: User) -> Job:
    """Take a job off the careers page for a while; it keeps its place and applicants."""
    return _set_status(job, Job.Status.PAUSED, {Job.Status.PUBLISHED}, actor, "jobs.job.paused")


@transaction.atomic
def job_close(*, job: Job, actor: User) -> Job:
    """Stop taking applications. The applicants stay; the job can be reopened."""
    return _set_status(job, Job.Status.CLOSED, {Job.Status.PUBLISHED, Job.Status.PAUSED},
                       actor, "jobs.job.closed", closed_at=timezone.now())


# --- Sites of the practice ------------------------------------------------------------------

@transaction.atomic
def location_save(*, practice: Practice, actor: User, fields: dict[str, Any],
                  location: Location | None = None) -> Location:
    location = location or Location(practice=practice)
    for name, value in fields.items():
        setattr(location, name, value)
    location.full_clean()
    location.save()
    audit_log(action="jobs.location.saved", actor=actor, obj=location)
    _syndication().practice_changed(practice)
    return location


@transaction.atomic
def location_delete(*, location: Location, actor: User) -> None:
    if location.jobs.exists():
        raise ValidationError(_("Jobs are posted at this site. Move them to another site "
                                "first."))
    audit_log(action="jobs.location.deleted", actor=actor, obj=location)
    location.delete()


# --- Word documents -------------------------------------------------------------------------

def _document_hash(kind: str, source: dict[str, Any], practice: Practice) -> str:
    """Changes whenever anything printed in the document changes, and only then."""
    letterhead = {f: getattr(practice, f) for f in ("name", "street", "city", "state",
                                                    "postal_code", "phone", "website",
                                                    "brand_color")}
    letterhead["logo"] = practice.logo.name or ""
    payload = json.dumps({"kind": kind, "layout": DOCUMENT_LAYOUT_VERSION, "source": source,
                          "practice": letterhead}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _job_source(job: Job) -> dict[str, Any]:
    source = {f: getattr(job, f) for f in POSTING_FIELDS}
    source.update(openings=job.openings, closes_on=job.closes_on, slug=job.slug,
                  location=str(job.location.public_id) if job.location else None)
    if job.location:
        source["location_address"] = [job.location.name, job.location.street, job.location.city,
                                      job.location.state, job.location.postal_code]
    return source


@transaction.atomic
def job_document_request(*, job: Job, actor: User,
                         kind: str = JobDocument.Kind.DESCRIPTION) -> JobDocument:
    """Ask for the job's Word document. Returns the existing one when nothing changed (a
    double-click or a reload makes no second document); a failed one is tried again."""
    content_hash = _document_hash(kind, _job_source(job), job.practice)
    return _document_request(practice=job.practice, actor=actor, kind=kind,
                             content_hash=content_hash, job=job)


@transaction.atomic
def template_document_request(*, template: JobTemplate, practice: Practice,
                              actor: User) -> JobDocument:
    """Ask for a template as a Word file the practice can edit."""
    if template.practice_id not in (None, practice.pk):
        raise ValidationError(_("This template is not available."))
    source = template_fields_for(template, practice)
    content_hash = _document_hash(JobDocument.Kind.TEMPLATE, source, practice)
    return _document_request(practice=practice, actor=actor, kind=JobDocument.Kind.TEMPLATE,
                             content_hash=content_hash, template=template)


def _document_request(*, practice: Practice, actor: User, kind: str, content_hash: str,
                      job: Job | None = None,
                      template: JobTemplate | None = None) -> JobDocument:
    from jobs.tasks import job_document_build as job_document_build_task

    return document_request(model=JobDocument, actor=actor, build=job_document_build_task,
                            lookup={"practice": practice, "kind": kind,
                                    "content_hash": content_hash, "job": job,
                                    "template": template})


def job_document_build(*, document: JobDocument) -> JobDocument:
    """Make the document's file. Claims the row first, so a second delivery of the same
    task does nothing; a failure is recorded on the row for the page to show."""
    from django.core.files.base import ContentFile

    from jobs.documents import job_description_docx, template_docx

    claimed = JobDocument.objects.filter(pk=document.pk, status=JobDocument.Status.PENDING
                                         ).update(status=JobDocument.Status.RUNNING)
    if claimed != 1:
        return document
    document.refresh_from_db()
    try:
        if document.job_id:
            content = job_description_docx(document.job)
            name = f"{document.job.slug}.docx"
        else:
            content = template_docx(document.template, document.practice)
            name = f"{slugify(document.template.title)}-template.docx"
        document.file.save(name, ContentFile(content), save=False)
    except Exception as exc:
        JobDocument.objects.filter(pk=document.pk).update(
            status=JobDocument.Status.FAILED, finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:1000])
        raise
    JobDocument.objects.filter(pk=document.pk).update(
        status=JobDocument.Status.READY, file=document.file.name, finished_at=timezone.now())
    document.refresh_from_db()
    return document

