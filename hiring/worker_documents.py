"""Word documents a worker makes on request: a job's description, a printable interview kit.

The rows live in the stage apps (`JobDocument`, `InterviewDocument`), one per version of the
content, with the same fields: `practice`, `kind`, `content_hash`, `status` (pending →
running → ready or failed), `error`, `file` and `requested_by`. This is what they share: the
request that finds or makes the row, the state the progress page polls, the download."""

from __future__ import annotations

from typing import Any, TypeVar

from celery import Task
from django.db import IntegrityError, models, transaction
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from hiring import outbox
from hiring.models import User

Document = TypeVar("Document", bound=models.Model)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_request(*, model: type[Document], lookup: dict[str, Any], actor: User,
                     build: Task) -> Document:
    """The row for this version of the content (`lookup` names the practice, the kind, the
    hash and the source). A missing one is made and a failed one reset, and `build` is
    enqueued for it; a pending, running or ready one is returned as it is. Call it inside
    the caller's transaction."""
    status = model.Status
    document = model.objects.filter(**lookup).first()
    if document is not None and document.status != status.FAILED:
        return document
    if document is None:
        try:
            with transaction.atomic():
                document = model.objects.create(requested_by=actor, **lookup)
        except IntegrityError:  # a simultaneous request created it; share its work
            return model.objects.get(**lookup)
    else:
        reset = model.objects.filter(pk=document.pk, status=status.FAILED).update(
            status=status.PENDING, error="", requested_by=actor)
        if reset != 1:  # another retry got there first and has enqueued the work
            document.refresh_from_db()
            return document
        document.refresh_from_db()
    outbox.enqueue(build, practice=lookup["practice"], document_id=document.pk)
    return document


def document_progress(request: HttpRequest, document: Any, *, template_name: str,
                      download_url: str) -> HttpResponse:
    """The page that follows the document while it is made, or, for its script (Accept:
    application/json), the state alone."""
    status = type(document).Status
    state = {
        "status": document.status,
        "label": document.get_status_display(),
        "error": document.error if document.status == status.FAILED else "",
        "download_url": download_url if document.status == status.READY else None,
    }
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(state)
    return render(request, template_name, {"document": document, "state": state})


def docx_download(document: Any) -> FileResponse:
    """The finished file as an attachment, under the name it was stored with."""
    filename = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename,
                        content_type=DOCX)
