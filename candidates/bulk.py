"""Work on many applications of a job at once: move, reject (with an optional e-mail), tag,
export. Starting one records a BulkAction with one BulkItem per application and hands ONE
task to the outbox; the worker then does the items one by one, each in its own transaction,
so a restarted worker resumes where the last one stopped and never repeats an item (nor its
e-mail: an item's Message is created in the transaction that marks the item done, and is
delivered by its own task, which claims it first)."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates import pipeline, team_work
from candidates.messaging import merge_fields_check, message_send
from candidates.models import (
    Application,
    BulkAction,
    BulkItem,
    EmailTemplate,
    RejectionReason,
    Stage,
)
from hiring import outbox
from hiring.models import User
from hiring.services import audit_log
from jobs.models import Job

logger = logging.getLogger(__name__)
Kind = BulkAction.Kind
EXPORT_COLUMNS = ["Name", "E-mail", "Phone", "Job", "Stage", "Status", "Applied on", "Source"]
# A spreadsheet runs a cell that starts like a formula; applicants type these fields.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Outcome:
    """What happened to one item: `error` set means nothing (or not all) was done."""

    error: str = ""


# --- Starting ---------------------------------------------------------------------------------

def _start(*, job: Job, actor: User, kind: str, applications: Iterable[Application],
           params: dict[str, Any]) -> BulkAction:
    from candidates.tasks import bulk_action_run as bulk_action_run_task

    chosen = list(applications)
    if not chosen:
        raise ValidationError(_("Select at least one applicant first."))
    if any(a.job_id != job.pk or a.practice_id != job.practice_id for a in chosen):
        raise ValidationError(_("Select applicants of this job only."))
    # where each application was when the action was asked for: a move or reject that finds
    # it elsewhere later is refused rather than overwriting someone else's decision
    seen = {str(a.pk): a.stage_id for a in chosen}
    action = BulkAction.objects.create(
        practice=job.practice, actor=actor, kind=kind, total=len(chosen),
        params={"job": job.pk, "seen": seen, **params})
    BulkItem.objects.bulk_create(
        BulkItem(practice=job.practice, action=action, application=a) for a in chosen)
    outbox.enqueue(bulk_action_run_task, practice=job.practice, bulkaction_id=action.pk)
    audit_log(action="candidates.bulk_action.started", actor=actor, obj=action,
              data={"kind": kind, "job": str(job.public_id), "count": len(chosen)})
    return action


@transaction.atomic
def bulk_move_start(*, job: Job, applications: Iterable[Application], to_stage: Stage,
                    actor: User) -> BulkAction:
    """Move the applications to one stage of their job, in the background."""
    if to_stage.job_id != job.pk:
        raise ValidationError(_("Choose a stage of this job's pipeline."))
    return _start(job=job, actor=actor, kind=Kind.MOVE, applications=applications,
                  params={"stage": to_stage.pk})


@transaction.atomic
def bulk_reject_start(*, job: Job, applications: Iterable[Application],
                      reason: RejectionReason, actor: User, note: str = "",
                      template: EmailTemplate | None = None) -> BulkAction:
    """Reject the applications with a reason and, if a template is given, e-mail each
    applicant with it. The template's words are copied now: editing it later does not
    change what this action sends."""
    if reason.practice_id != job.practice_id:
        raise ValidationError(_("Choose one of your practice's reasons."))
    params: dict[str, Any] = {"reason": reason.pk, "note": note.strip()[:150], "email": None}
    if template is not None:
        if template.practice_id != job.practice_id:
            raise ValidationError(_("Choose one of your practice's templates."))
        merge_fields_check(template.subject)
        merge_fields_check(template.body)
        params["email"] = {"template": template.pk, "subject": template.subject,
                           "body": template.body}
    return _start(job=job, actor=actor, kind=Kind.REJECT, applications=applications,
                  params=params)


@transaction.atomic
def bulk_tag_start(*, job: Job, applications: Iterable[Application], tag_name: str,
                   actor: User) -> BulkAction:
    """Tag the applicants (the tag is created if new, by the first item)."""
    name = " ".join(tag_name.split())[:40]
    if not name:
        raise ValidationError(_("Type a tag."))
    return _start(job=job, actor=actor, kind=Kind.TAG, applications=applications,
                  params={"tag": name})


@transaction.atomic
def bulk_export_start(*, job: Job, applications: Iterable[Application],
                      actor: User) -> BulkAction:
    """Write the applicants to a CSV file, in the background."""
    return _start(job=job, actor=actor, kind=Kind.EXPORT, applications=applications,
                  params={})


# --- The worker's part ------------------------------------------------------------------------

def bulk_action_run(*, action: BulkAction) -> BulkAction:
    """Do every item not done yet, each in its own transaction, then mark the action done.
    Idempotent and safe to run twice at once: an item is locked and re-checked before its
    work, and marked done in the same transaction as that work."""
    started = BulkAction.objects.filter(
        pk=action.pk, status__in=[BulkAction.Status.PENDING, BulkAction.Status.RUNNING],
    ).update(status=BulkAction.Status.RUNNING)
    if started != 1:
        return action  # done (or failed) already
    action.refresh_from_db()
    if action.kind == Kind.EXPORT:
        return _export(action)
    handler = _HANDLERS[action.kind]
    pending = list(action.items.filter(done_at=None).order_by("pk").values_list("pk", flat=True))
    for item_pk in pending:
        _item_run(action, item_pk, handler)
    return _finish(action)


def _item_run(action: BulkAction, item_pk: int,
              handler: Callable[[BulkAction, Application], Outcome]) -> None:
    with transaction.atomic():
        item = (BulkItem.objects.select_for_update(skip_locked=True)
                .filter(pk=item_pk, done_at=None).first())
        if item is None:  # done meanwhile, or being done by another run right now
            return
        application = (Application.objects.select_related("candidate", "job", "stage",
                                                          "practice")
                       .filter(pk=item.application_id).first())
        try:
            with transaction.atomic():  # a refused item leaves none of its work behind
                outcome = handler(action, application) if application else Outcome(
                    _("The application no longer exists."))
        except ValidationError as exc:
            outcome = Outcome(exc.messages[0])
        BulkItem.objects.filter(pk=item.pk).update(done_at=timezone.now(),
                                                   error=outcome.error[:300])
        BulkAction.objects.filter(pk=action.pk).update(
            done=F("done") + 1, failed=F("failed") + (1 if outcome.error else 0))


def _finish(action: BulkAction) -> BulkAction:
    # another run may still hold an item; whichever run finishes last marks the action done
    if not action.items.filter(done_at=None).exists():
        BulkAction.objects.filter(pk=action.pk, status=BulkAction.Status.RUNNING).update(
            status=BulkAction.Status.DONE, finished_at=timezone.now())
    action.refresh_from_db()
    return action


def bulk_action_give_up(*, action: BulkAction) -> None:
    """The task failed for good: show it, with the items that were done."""
    BulkAction.objects.filter(pk=action.pk).exclude(status=BulkAction.Status.DONE).update(
        status=BulkAction.Status.FAILED, finished_at=timezone.now())


def _seen_stage(action: BulkAction, application: Application) -> Stage | None:
    stage_id = action.params.get("seen", {}).get(str(application.pk))
    if stage_id is None:
        return application.stage
    return Stage.objects.filter(pk=stage_id).first()


def _move(action: BulkAction, application: Application) -> Outcome:
    to_stage = Stage.objects.filter(pk=action.params["stage"]).first()
    if to_stage is None:
        raise ValidationError(_("The stage was deleted meanwhile."))
    pipeline.application_move(application=application, to_stage=to_stage, actor=action.actor,
                              from_stage=_seen_stage(action, application))
    return Outcome()


def _reject(action: BulkAction, application: Application) -> Outcome:
    reason = RejectionReason.objects.filter(pk=action.params["reason"]).first()
    pipeline.application_reject(application=application, actor=action.actor, reason=reason,
                                note=action.params.get("note", ""),
                                from_stage=_seen_stage(action, application))
    email = action.params.get("email")
    if not email:
        return Outcome()
    if not application.candidate.email.strip():
        return Outcome(_("Rejected, but there is no e-mail address to write to."))
    message_send(application=application, actor=action.actor, subject=email["subject"],
                 body=email["body"],
                 template=EmailTemplate.objects.filter(pk=email["template"]).first())
    return Outcome()


def _tag(action: BulkAction, application: Application) -> Outcome:
    team_work.candidate_tag_add(candidate=application.candidate, name=action.params["tag"],
                                actor=action.actor)
    return Outcome()


_HANDLERS: dict[str, Callable[[BulkAction, Application], Outcome]] = {
    Kind.MOVE: _move, Kind.REJECT: _reject, Kind.TAG: _tag}


def _cell(value: object) -> str:
    text = str(value or "")
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _export(action: BulkAction) -> BulkAction:
    """A read, so it is done in one go (running it twice writes the same file)."""
    applications = (Application.objects.filter(pk__in=action.items.values("application_id"))
                    .select_related("candidate", "job", "stage", "practice")
                    .order_by("candidate__last_name", "candidate__first_name", "pk"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    rows, job = 0, None
    for application in applications:
        job = application.job
        candidate = application.candidate
        applied = timezone.localtime(application.created_at,
                                     ZoneInfo(application.practice.timezone)).date()
        writer.writerow([_cell(v) for v in (
            candidate.full_name, candidate.email, candidate.phone, application.job.title,
            application.stage.name if application.stage else "",
            application.get_status_display(), applied.isoformat(), application.source)])
        rows += 1
    with transaction.atomic():
        # claimed under the row's lock: of two runs at once, the second finds the file
        # written and writes none of its own (no orphan, one file named)
        action.result_file = (BulkAction.objects.select_for_update()
                              .values_list("result_file", flat=True).get(pk=action.pk))
        if job is not None and not action.result_file:
            name = f"{job.slug}-applicants-{timezone.localdate().isoformat()}.csv"
            # a BOM, so Excel reads the names' accents right
            action.result_file.save(name, ContentFile(("\ufeff" + buffer.getvalue()).encode()),
                                    save=False)
            BulkAction.objects.filter(pk=action.pk).update(result_file=action.result_file.name)
        done = action.items.filter(done_at=None).update(done_at=timezone.now())
        BulkAction.objects.filter(pk=action.pk).update(done=F("done") + done,
                                                       params={**action.params, "rows": rows})
    return _finish(action)
