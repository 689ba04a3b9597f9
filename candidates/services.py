"""Writes of the candidates app: applying (one person, one candidate), résumés and their
text, the confirmation e-mail, and the voluntary EEO survey."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.models import (
    Answer,
    Application,
    Candidate,
    EEOResponse,
    Resume,
    StagedUpload,
)
from candidates.pipeline import application_enter_pipeline
from candidates.search import candidate_search_refresh
from candidates.uploads import CheckedFile, check_document
from hiring import outbox
from hiring.emails import send_templated_email
from hiring.models import Practice, normalize_email
from hiring.services import audit_log
from hiring.storage import delete_on_commit, files_guard, storage_is_down
from jobs.models import ApplicationQuestion, Job
from jobs.selectors import job_accepts_applications

logger = logging.getLogger(__name__)
STAGED_KEEP = timedelta(days=1)


@dataclass(frozen=True)
class Submission:
    """What an applicant sent, already validated by the form."""

    first_name: str
    last_name: str
    email: str
    phone: str
    answers: dict[int, Any]  # question pk → value
    source: str = ""
    cover_letter: str = ""
    cover_letter_file: UploadedFile | None = None
    language: str = "en"


@dataclass(frozen=True)
class Outcome:
    application: Application
    created: bool  # a new application (not a resubmitted form, not a second try)
    reapplied: bool = False  # this person had applied to this job before


def _knocked_out(question: ApplicationQuestion, value: Any) -> bool:
    if not question.knockout:
        return False
    values = value if isinstance(value, list) else [value]
    return any(str(v) in question.knockout for v in values)


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def application_submit(*, job: Job, submission: Submission, submission_key: UUID,
                       resume: UploadedFile | StagedUpload) -> Outcome:
    """Apply to a job. A resubmitted form (same key) returns the application it made; the
    same person applying again to the same job keeps one application and a newer résumé."""
    practice = job.practice
    earlier = Application.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Outcome(earlier, created=False)
    if not job_accepts_applications(job):
        raise ValidationError(_("This job is no longer taking applications."))
    candidate = _candidate_for(practice, submission)
    application = Application.objects.filter(candidate=candidate, job=job).first()
    if application is not None:
        with files_guard() as saved:
            _resume_add(candidate=candidate, application=application, source=resume,
                        saved=saved)
            audit_log(action="candidates.application.reapplied", obj=application)
        return Outcome(application, created=False, reapplied=True)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                practice=practice, candidate=candidate, job=job, source=submission.source[:60],
                cover_letter=submission.cover_letter, language=submission.language,
                submission_key=submission_key, consented_at=timezone.now())
    except IntegrityError:  # the same form arrived twice at the same moment
        return Outcome(Application.objects.get(submission_key=submission_key), created=False)
    from candidates.tasks import application_confirmation_send as confirmation_task

    # whatever fails from here on rolls back, and the files saved so far go with it
    with files_guard() as saved:
        if submission.cover_letter_file is not None:
            checked = check_document(submission.cover_letter_file)
            application.cover_letter_file.save(f"cover.{checked.kind.extension}",
                                               submission.cover_letter_file, save=False)
            saved.append(application.cover_letter_file)
            application.save(update_fields=["cover_letter_file"])
        _resume_add(candidate=candidate, application=application, source=resume, saved=saved)
        _answers_save(application, submission.answers)
        application = application_enter_pipeline(application=application)
        outbox.enqueue(confirmation_task, practice=practice, application_id=application.pk)
        audit_log(action="candidates.application.submitted", obj=application,
                  data={"job": str(job.public_id), "source": application.source})
    return Outcome(application, created=True)


def _candidate_for(practice: Practice, submission: Submission) -> Candidate:
    email = normalize_email(submission.email)
    fields = {"first_name": submission.first_name.strip(), "last_name":
              submission.last_name.strip(), "phone": submission.phone.strip()}
    candidate = Candidate.objects.filter(practice=practice, email__iexact=email).first()
    if candidate is None:
        try:
            with transaction.atomic():
                return candidate_search_refresh(Candidate.objects.create(
                    practice=practice, email=email, language=submission.language, **fields))
        except IntegrityError:  # two applications of one person at the same moment
            candidate = Candidate.objects.get(practice=practice, email__iexact=email)
    # the newest application brings the newest contact details
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=timezone.now(), **fields)
    candidate.refresh_from_db()
    return candidate_search_refresh(candidate)


def _answers_save(application: Application, answers: dict[int, Any]) -> None:
    questions = {q.pk: q for q in application.job.questions.all()}
    knocked_out = False
    rows = []
    for pk, value in answers.items():
        question = questions.get(pk)
        if question is None or value in (None, "", []):
            continue
        is_knockout = _knocked_out(question, value)
        knocked_out |= is_knockout
        rows.append(Answer(practice=application.practice, application=application,
                           question=question, label=question.label, value=_json_value(value),
                           is_knockout=is_knockout))
    Answer.objects.bulk_create(rows)
    if knocked_out:
        Application.objects.filter(pk=application.pk).update(is_knocked_out=True)
        application.is_knocked_out = True


def _resume_add(*, candidate: Candidate, application: Application,
                source: UploadedFile | StagedUpload, saved: list[FieldFile]) -> Resume:
    """Keep a résumé as the candidate's next version (its file added to `saved`, for the
    caller's files_guard) and extract its text in the background."""
    from candidates.tasks import resume_extract_text as extract_task

    version = (candidate.resumes.aggregate(n=Max("version"))["n"] or 0) + 1
    if isinstance(source, StagedUpload):
        meta = {f: getattr(source, f) for f in ("original_name", "content_type", "extension",
                                                "size", "sha256")}
        upload: Any = source.file
    else:
        checked = check_document(source)
        meta = _file_meta(checked)
        upload = source
    resume = Resume(practice=candidate.practice, candidate=candidate, application=application,
                    version=version, **meta)
    resume.file.save(f"resume.{meta['extension']}", upload, save=False)
    saved.append(resume.file)
    resume.save()
    if isinstance(source, StagedUpload):
        # after commit: a rollback must find the staged row with its file for the next try
        source.file.close()  # opened to copy it
        delete_on_commit(source.file)
        source.delete()
    outbox.enqueue(extract_task, practice=candidate.practice, resume_id=resume.pk)
    return resume


def _file_meta(checked: CheckedFile) -> dict[str, Any]:
    return {"original_name": checked.original_name, "content_type": checked.kind.content_type,
            "extension": checked.kind.extension, "size": checked.size,
            "sha256": checked.sha256}


def staged_upload_create(*, practice: Practice, upload: UploadedFile) -> StagedUpload:
    """Hold on to a valid résumé while the applicant fixes other fields."""
    staged = StagedUpload(practice=practice, **_file_meta(check_document(upload)))
    with files_guard():
        staged.file.save(f"staged.{staged.extension}", upload, save=False)
    staged.save()
    return staged


def staged_upload_get(*, practice: Practice, token: UUID | None) -> StagedUpload | None:
    if token is None:
        return None
    return StagedUpload.objects.filter(practice=practice, token=token,
                                       created_at__gte=timezone.now() - STAGED_KEEP).first()


def staged_uploads_purge(*, practice: Practice) -> int:
    """Drop résumés of forms that were never completed."""
    stale = list(StagedUpload.objects.filter(practice=practice,
                                             created_at__lt=timezone.now() - STAGED_KEEP))
    for upload in stale:
        upload.file.delete(save=False)
        upload.delete()
    return len(stale)


def eeo_response_record(*, job: Job, answers: dict[str, str]) -> EEOResponse | None:
    """Keep a voluntary survey, unlinked from the person. Nothing is kept when every
    question was left blank."""
    fields = {k: answers.get(k, "") for k in ("sex", "ethnicity", "race", "veteran",
                                               "disability")}
    if fields["ethnicity"] == EEOResponse.Ethnicity.HISPANIC:
        fields["race"] = ""  # EEO-1 does not ask race of Hispanic or Latino applicants
    if not any(fields.values()):
        return None
    return EEOResponse.objects.create(practice=job.practice, job=job,
                                      submitted_on=timezone.localdate(), **fields)


# --- Work done by the workers ---------------------------------------------------------------

def application_confirmation_send(*, application: Application) -> None:
    """Thank the applicant by e-mail in the language they applied in (at-least-once)."""
    with transaction.atomic():
        locked = (Application.objects.select_for_update().select_related("candidate", "job")
                  .get(pk=application.pk))
        if locked.confirmation_sent_at is not None:
            return
        practice = locked.practice
        job_path = reverse("careers:job", kwargs={"practice": practice.slug,
                                                  "job_slug": locked.job.slug})
        with translation.override(locked.language):
            send_templated_email(
                template="application_received", to=[locked.candidate.email],
                context={"application": locked, "candidate": locked.candidate,
                         "job": locked.job, "practice": practice, "job_path": job_path},
                reply_to=None)
        locked.confirmation_sent_at = timezone.now()
        locked.save(update_fields=["confirmation_sent_at"])


def resume_text_extract(*, resume: Resume) -> Resume:
    """Read the words of a résumé for search. PDF and Word; other formats are kept as files.
    Idempotent: a résumé already read is left alone."""
    from candidates.text_extraction import extract_text

    if resume.text_status == Resume.TextStatus.DONE:
        return resume
    try:
        with resume.file.open("rb") as handle:
            text = extract_text(handle, resume.extension)
    except Exception as exc:
        if storage_is_down(exc):
            raise  # not the file's fault: the task tries again later
        logger.warning("Résumé %s could not be read: %s", resume.pk, type(exc).__name__)
        status, text = Resume.TextStatus.FAILED, ""
    else:
        status = Resume.TextStatus.UNSUPPORTED if text is None else Resume.TextStatus.DONE
    Resume.objects.filter(pk=resume.pk).update(text=(text or "")[:200_000], text_status=status)
    resume.refresh_from_db()
    candidate_search_refresh(resume.candidate)
    return resume
