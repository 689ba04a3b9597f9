"""Printable kits and interview summaries: asked for in a request, made by a worker, one
row per version of the content (so a double-click or a reload makes no second file)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candidates.models import Application
from hiring.models import Practice, User
from hiring.worker_documents import document_request
from interviews.kits import competencies_for
from interviews.models import InterviewDocument, InterviewKit
from interviews.scorecards import must_score_first, submitted_scorecards

Kind, Status = InterviewDocument.Kind, InterviewDocument.Status
# bump when the DOCX layout changes, so documents made by the old code are made again
DOCUMENT_LAYOUT_VERSION = 1


def _content_hash(kind: str, source: dict[str, Any], practice: Practice) -> str:
    """Changes whenever anything printed in the document changes, and only then."""
    letterhead = {f: getattr(practice, f) for f in ("name", "street", "city", "state",
                                                    "postal_code", "phone", "website",
                                                    "brand_color", "timezone")}
    letterhead["logo"] = practice.logo.name or ""
    payload = json.dumps({"kind": kind, "layout": DOCUMENT_LAYOUT_VERSION, "source": source,
                          "practice": letterhead}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _kit_source(kit: InterviewKit) -> dict[str, Any]:
    return {
        "title": [kit.job.title, kit.name],
        "questions": [[q.question, q.listen_for, q.follow_ups] for q in kit.questions.all()],
        "competencies": [[c.name, c.description, *(a for _n, a in c.anchors)]
                         for c in competencies_for(kit.job)],
    }


def _summary_source(application: Application) -> dict[str, Any]:
    # an edit of a submitted scorecard (ratings included) moves its updated_at
    scorecards = (submitted_scorecards(application).prefetch_related(None).order_by("pk")
                  .values_list("pk", "updated_at"))
    return {
        "scorecards": [[pk, updated_at.isoformat()] for pk, updated_at in scorecards],
        "heading": [application.candidate.full_name, application.job.title,
                    application.stage_id, application.status],
        "competencies": list(application.job.competencies.values_list("pk", "name",
                                                                     "position")),
    }


@transaction.atomic
def kit_document_request(*, kit: InterviewKit, actor: User) -> InterviewDocument:
    """Ask for the kit as a Word file to print. Returns the existing one when nothing
    changed; a failed one is tried again."""
    content_hash = _content_hash(Kind.KIT, _kit_source(kit), kit.practice)
    return _document_request(practice=kit.practice, actor=actor, kind=Kind.KIT,
                             content_hash=content_hash, kit=kit)


@transaction.atomic
def summary_document_request(*, application: Application, actor: User) -> InterviewDocument:
    """Ask for the candidate's interview summary. Refused while the actor must score the
    candidate first (blind scoring) and while there is no submitted scorecard to show."""
    membership = application.practice.memberships.filter(user=actor).first()
    if membership is None or must_score_first(membership=membership, application=application):
        raise ValidationError(_("Submit your own scorecard for this candidate first: until "
                                "then the team's scores stay hidden from you."))
    if not submitted_scorecards(application).exists():
        raise ValidationError(_("No scorecard has been submitted for this candidate yet, so "
                                "there is nothing to summarise."))
    content_hash = _content_hash(Kind.SUMMARY, _summary_source(application),
                                 application.practice)
    return _document_request(practice=application.practice, actor=actor, kind=Kind.SUMMARY,
                             content_hash=content_hash, application=application)


def _document_request(*, practice: Practice, actor: User, kind: str, content_hash: str,
                      kit: InterviewKit | None = None,
                      application: Application | None = None) -> InterviewDocument:
    from interviews.tasks import interview_document_build as interview_document_build_task

    return document_request(model=InterviewDocument, actor=actor,
                            build=interview_document_build_task,
                            lookup={"practice": practice, "kind": kind,
                                    "content_hash": content_hash, "kit": kit,
                                    "application": application})


def interview_document_build(*, document: InterviewDocument) -> InterviewDocument:
    """Make the document's file. Claims the row first, so a second delivery of the same
    task does nothing; a failure is recorded on the row for the page to show."""
    from django.core.files.base import ContentFile

    from interviews.documents import kit_docx, summary_docx

    claimed = InterviewDocument.objects.filter(pk=document.pk, status=Status.PENDING).update(
        status=Status.RUNNING)
    if claimed != 1:
        return document
    document.refresh_from_db()
    try:
        if document.kind == Kind.KIT:
            content = kit_docx(document.kit)
            name = f"{slugify(document.kit.job.title)}-{slugify(document.kit.name)}-kit.docx"
        else:
            content = summary_docx(document.application)
            # no names in storage paths: the file's name says which application, not who
            name = f"interview-summary-{document.application.public_id}.docx"
        document.file.save(name, ContentFile(content), save=False)
    except Exception as exc:
        InterviewDocument.objects.filter(pk=document.pk).update(
            status=Status.FAILED, finished_at=timezone.now(),
            error=(_("The file could not be made (%(error)s). Try again; if it fails again, "
                     "tell us what you were printing.")
                   % {"error": f"{type(exc).__name__}: {exc}"})[:1000])
        raise
    InterviewDocument.objects.filter(pk=document.pk).update(
        status=Status.READY, file=document.file.name, finished_at=timezone.now())
    document.refresh_from_db()
    return document
