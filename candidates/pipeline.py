"""The hiring pipeline: stages per practice and per job, and every move of an application
through them. Each move is a conditional update, so two people moving the same candidate at
the same moment cannot both win, and each winning move leaves one StageChange."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.models import Application, RejectionReason, Stage, StageChange
from hiring.models import Practice, User
from hiring.services import audit_log
from jobs.models import Job

# Written into each practice's own data, which the practice then edits: plain words, not
# the language of whoever happened to trigger their creation (maybe a Spanish applicant).
DEFAULT_STAGES = [
    ("Applied", Stage.Kind.APPLIED, 3),
    ("Phone screen", Stage.Kind.SCREEN, 5),
    ("Interview", Stage.Kind.INTERVIEW, 7),
    ("Offer", Stage.Kind.OFFER, 5),
    ("Hired", Stage.Kind.HIRED, 0),
]
DEFAULT_REJECTION_REASONS = [
    "Not enough relevant experience",
    "Missing a required licence or certification",
    "Not available for the schedule",
    "Pay expectations too far apart",
    "Another candidate was a better fit",
    "Did not respond",
    "Position filled or cancelled",
]
CHANGED_MEANWHILE = gettext_lazy("Someone changed this application while you were looking at "
                                 "it. The page now shows where it is; try again if needed.")


def practice_pipeline(practice: Practice) -> list[Stage]:
    """The practice's default stages, created the first time they are needed."""
    stages = list(Stage.objects.filter(practice=practice, job=None))
    if stages:
        return stages
    with transaction.atomic():
        Practice.objects.select_for_update().get(pk=practice.pk)  # one creator at a time
        stages = list(Stage.objects.filter(practice=practice, job=None))
        if not stages:
            stages = Stage.objects.bulk_create(
                Stage(practice=practice, name=name, kind=kind, position=i,
                      expected_days=days)
                for i, (name, kind, days) in enumerate(DEFAULT_STAGES))
            RejectionReason.objects.bulk_create(
                RejectionReason(practice=practice, label=label, position=i)
                for i, label in enumerate(DEFAULT_REJECTION_REASONS))
    return stages


def job_pipeline(job: Job) -> list[Stage]:
    """The job's own stages: a copy of the practice's defaults made on first use."""
    stages = list(job.stages.all())
    if stages:
        return stages
    defaults = practice_pipeline(job.practice)
    with transaction.atomic():
        Job.objects.select_for_update().get(pk=job.pk)
        stages = list(job.stages.all())
        if not stages:
            stages = Stage.objects.bulk_create(
                Stage(practice=job.practice, job=job, name=s.name, kind=s.kind,
                      position=s.position, expected_days=s.expected_days) for s in defaults)
    return stages


def _record(application: Application, *, from_stage: Stage | None, from_status: str,
            actor: User | None, reason: str = "") -> StageChange:
    return StageChange.objects.create(
        practice=application.practice, application=application, from_stage=from_stage,
        to_stage=application.stage, from_status=from_status, to_status=application.status,
        from_stage_name=from_stage.name if from_stage else "",
        to_stage_name=application.stage.name if application.stage else "", actor=actor,
        reason=reason[:200])


@transaction.atomic
def application_enter_pipeline(*, application: Application) -> Application:
    """Put a new application in the job's first stage."""
    first = job_pipeline(application.job)[0]
    Application.objects.filter(pk=application.pk, stage=None).update(
        stage=first, stage_changed_at=timezone.now())
    application.refresh_from_db()
    _record(application, from_stage=None, from_status=Application.Status.ACTIVE, actor=None)
    return application


@transaction.atomic
def application_move(*, application: Application, to_stage: Stage, actor: User,
                     from_stage: Stage | None = None) -> Application:
    """Move an active application to another stage of its job. `from_stage` is where the
    mover saw it; if it is elsewhere by now, the move is refused rather than overwriting."""
    if to_stage.job_id != application.job_id:
        raise ValidationError(_("Choose a stage of this job's pipeline."))
    seen = from_stage or application.stage
    if seen == to_stage:
        return application
    moved = Application.objects.filter(
        pk=application.pk, stage=seen, status=Application.Status.ACTIVE,
    ).update(stage=to_stage, stage_changed_at=timezone.now())
    if moved != 1:
        application.refresh_from_db()
        raise ValidationError(str(CHANGED_MEANWHILE))
    application.refresh_from_db()
    _record(application, from_stage=seen, from_status=Application.Status.ACTIVE, actor=actor)
    audit_log(action="candidates.application.moved", actor=actor, obj=application,
              data={"from": str(seen.public_id) if seen else None,
                    "to": str(to_stage.public_id)})
    return application


@transaction.atomic
def application_reject(*, application: Application, actor: User,
                       reason: RejectionReason | None, note: str = "",
                       from_stage: Stage | None = None) -> Application:
    """End an application with a reason. Refused if someone moved or ended it meanwhile."""
    if reason is not None and reason.practice_id != application.practice_id:
        raise ValidationError(_("Choose one of your practice's reasons."))
    seen = from_stage or application.stage
    ended = Application.objects.filter(
        pk=application.pk, stage=seen, status=Application.Status.ACTIVE,
    ).update(status=Application.Status.REJECTED, rejection_reason=reason,
             stage_changed_at=timezone.now())
    if ended != 1:
        application.refresh_from_db()
        raise ValidationError(str(CHANGED_MEANWHILE))
    application.refresh_from_db()
    label = reason.label if reason else ""
    _record(application, from_stage=seen, from_status=Application.Status.ACTIVE, actor=actor,
            reason=" — ".join(p for p in (label, note.strip()) if p))
    audit_log(action="candidates.application.rejected", actor=actor, obj=application,
              data={"reason": str(reason.public_id) if reason else None})
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User,
                         note: str = "") -> Application:
    """The candidate stepped back (recorded by the practice on their behalf)."""
    ended = Application.objects.filter(pk=application.pk, status=Application.Status.ACTIVE
                                       ).update(status=Application.Status.WITHDRAWN,
                                                stage_changed_at=timezone.now())
    if ended != 1:
        application.refresh_from_db()
        raise ValidationError(str(CHANGED_MEANWHILE))
    application.refresh_from_db()
    _record(application, from_stage=application.stage, from_status=Application.Status.ACTIVE,
            actor=actor, reason=note)
    audit_log(action="candidates.application.withdrawn", actor=actor, obj=application)
    return application


@transaction.atomic
def application_reopen(*, application: Application, actor: User) -> Application:
    """Bring a rejected or withdrawn application back where it was."""
    before = application.status
    reopened = Application.objects.filter(pk=application.pk, status=before).exclude(
        status=Application.Status.ACTIVE).update(status=Application.Status.ACTIVE,
                                                 rejection_reason=None,
                                                 stage_changed_at=timezone.now())
    if reopened != 1:
        application.refresh_from_db()
        raise ValidationError(str(CHANGED_MEANWHILE))
    application.refresh_from_db()
    _record(application, from_stage=application.stage, from_status=before, actor=actor)
    audit_log(action="candidates.application.reopened", actor=actor, obj=application)
    return application


# --- Shaping a job's pipeline ---------------------------------------------------------------

@transaction.atomic
def stage_add(*, job: Job, name: str, actor: User, before: Stage | None = None) -> Stage:
    """A new stage, before `before` or just before Hired (a new step rarely comes after)."""
    stages = job_pipeline(job)
    hired = next((s for s in stages if s.kind == Stage.Kind.HIRED), None)
    anchor = before or hired
    position = anchor.position if anchor else (
        (job.stages.aggregate(m=Max("position"))["m"] or 0) + 1)
    job.stages.filter(position__gte=position).update(position=F("position") + 1)
    stage = Stage.objects.create(practice=job.practice, job=job, name=name.strip()[:60],
                                 kind=Stage.Kind.CUSTOM, position=position)
    audit_log(action="candidates.stage.added", actor=actor, obj=stage,
              data={"job": str(job.public_id)})
    return stage


@transaction.atomic
def stage_rename(*, stage: Stage, name: str, actor: User) -> Stage:
    stage.name = name.strip()[:60]
    if not stage.name:
        raise ValidationError(_("Give the stage a name."))
    stage.save(update_fields=["name"])
    audit_log(action="candidates.stage.renamed", actor=actor, obj=stage)
    return stage


@transaction.atomic
def stage_reorder(*, job: Job, order: list[Stage], actor: User) -> list[Stage]:
    """Put the job's stages in the given order; it must name each of them once."""
    current = {s.pk for s in job_pipeline(job)}
    if {s.pk for s in order} != current or len(order) != len(current):
        raise ValidationError(_("The new order must list every stage of this job once."))
    for position, stage in enumerate(order):
        Stage.objects.filter(pk=stage.pk).update(position=position)
    audit_log(action="candidates.stage.reordered", actor=actor, obj=job)
    return list(job.stages.all())


@transaction.atomic
def stage_delete(*, stage: Stage, actor: User) -> None:
    if stage.kind != Stage.Kind.CUSTOM:
        raise ValidationError(_("The standard stages stay; rename them if the words do not "
                                "fit."))
    if stage.applications.exists():
        raise ValidationError(_("Candidates are in this stage. Move them first."))
    audit_log(action="candidates.stage.deleted", actor=actor, obj=stage)
    stage.delete()
