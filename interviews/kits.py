"""Interview kits and scorecard competencies of a job: made from its template, then the
practice's to edit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hiring.models import User
from hiring.ordering import move_one_step
from hiring.services import audit_log
from interviews.models import Competency, InterviewKit, KitQuestion
from jobs.models import Job

DEFAULT_KIT_NAME = "Structured interview"


def _lines(items: list[str]) -> str:
    return "\n".join(" ".join(item.split()) for item in items)


def kits_ensure(job: Job) -> list[InterviewKit]:
    """The job's kits, and its competencies, written from the template on first use. The
    job's row lock makes two first visits write one copy."""
    kits = list(job.interview_kits.all())
    if kits:
        return kits
    with transaction.atomic():
        Job.objects.select_for_update().get(pk=job.pk)
        kits = list(job.interview_kits.all())
        if kits:
            return kits
        template = job.template
        kit = InterviewKit.objects.create(practice=job.practice, job=job,
                                          name=_(DEFAULT_KIT_NAME))
        questions = template.interview_questions if template else []
        KitQuestion.objects.bulk_create(
            KitQuestion(practice=job.practice, kit=kit, position=i, question=q["question"],
                        listen_for=_lines(q.get("listen_for", [])),
                        follow_ups=_lines(q.get("follow_ups", [])))
            for i, q in enumerate(questions))
        if not job.competencies.exists():
            competencies = template.competencies if template else []
            Competency.objects.bulk_create(
                Competency(practice=job.practice, job=job, position=i, name=c["name"],
                           description=c.get("description", ""),
                           anchor_1=c["anchors"][0], anchor_2=c["anchors"][1],
                           anchor_3=c["anchors"][2], anchor_4=c["anchors"][3])
                for i, c in enumerate(competencies))
    return [kit]


def competencies_for(job: Job) -> list[Competency]:
    """What the job's scorecards rate now (archived ones stay on old scorecards only)."""
    kits_ensure(job)
    return list(job.competencies.filter(archived=False))


# --- Editing ------------------------------------------------------------------------------------

def _clean_text(value: str, *, field: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: _("Write the %(label)s.") % {"label": label}})
    return value


@transaction.atomic
def kit_create(*, job: Job, name: str, actor: User, copy_from: InterviewKit | None = None
               ) -> InterviewKit:
    """A new kit for the job, empty or a copy of another of its kits (e.g. a phone screen
    made from the full interview)."""
    name = " ".join(name.split())[:80]
    if not name:
        raise ValidationError({"name": _("Give the kit a name.")})
    if job.interview_kits.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This job already has a kit with that name.")})
    kit = InterviewKit.objects.create(practice=job.practice, job=job, name=name)
    if copy_from is not None:
        KitQuestion.objects.bulk_create(
            KitQuestion(practice=job.practice, kit=kit, position=q.position,
                        question=q.question, listen_for=q.listen_for, follow_ups=q.follow_ups)
            for q in copy_from.questions.all())
    audit_log(action="interviews.kit.created", actor=actor, obj=kit)
    return kit


@transaction.atomic
def kit_rename(*, kit: InterviewKit, name: str, actor: User) -> InterviewKit:
    name = " ".join(name.split())[:80]
    if not name:
        raise ValidationError({"name": _("Give the kit a name.")})
    if kit.job.interview_kits.filter(name__iexact=name).exclude(pk=kit.pk).exists():
        raise ValidationError({"name": _("This job already has a kit with that name.")})
    kit.name = name
    kit.save(update_fields=["name", "updated_at"])
    audit_log(action="interviews.kit.renamed", actor=actor, obj=kit)
    return kit


@transaction.atomic
def kit_delete(*, kit: InterviewKit, actor: User) -> None:
    if kit.job.interview_kits.count() == 1:
        raise ValidationError(_("A job keeps at least one kit. Edit this one instead."))
    audit_log(action="interviews.kit.deleted", actor=actor, obj=kit)
    kit.delete()  # interviews that used it keep their time and people; kit becomes empty


def _touch(kit: InterviewKit) -> None:
    # the printable kit is made per content version: a question change makes it stale
    InterviewKit.objects.filter(pk=kit.pk).update(updated_at=timezone.now())


@transaction.atomic
def question_save(*, kit: InterviewKit, actor: User, question: str, listen_for: str = "",
                  follow_ups: str = "", instance: KitQuestion | None = None) -> KitQuestion:
    """Add a question at the end of the kit, or change one."""
    text = _clean_text(question, field="question", label=_("question"))
    if instance is None:
        last = kit.questions.aggregate(last=Max("position"))["last"]
        instance = KitQuestion(practice=kit.practice, kit=kit,
                               position=0 if last is None else last + 1)
    instance.question = text
    instance.listen_for = listen_for.strip()
    instance.follow_ups = follow_ups.strip()
    instance.save()
    _touch(kit)
    audit_log(action="interviews.kit.question_saved", actor=actor, obj=kit)
    return instance


@transaction.atomic
def question_delete(*, question: KitQuestion, actor: User) -> None:
    kit = question.kit
    question.delete()
    _touch(kit)
    audit_log(action="interviews.kit.question_deleted", actor=actor, obj=kit)


@transaction.atomic
def question_move(*, question: KitQuestion, offset: int, actor: User) -> None:
    """Move a question up (-1) or down (+1): the no-JavaScript way to reorder."""
    if not move_one_step(question.kit.questions.all(), question, offset):
        return
    _touch(question.kit)
    audit_log(action="interviews.kit.reordered", actor=actor, obj=question.kit)


@transaction.atomic
def competency_save(*, job: Job, actor: User, name: str, description: str,
                    anchors: list[str], instance: Competency | None = None) -> Competency:
    name = _clean_text(name, field="name", label=_("competency's name"))
    if len(anchors) != 4 or not all(a.strip() for a in anchors):
        raise ValidationError({"anchor_1": _("Describe each of the four ratings, so that "
                                             "everyone scores the same way.")})
    clash = job.competencies.filter(name__iexact=name, archived=False)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError({"name": _("This job already rates that competency.")})
    if instance is None:
        last = job.competencies.aggregate(last=Max("position"))["last"]
        instance = Competency(practice=job.practice, job=job,
                              position=0 if last is None else last + 1)
    instance.name = name
    instance.description = description.strip()
    instance.anchor_1, instance.anchor_2, instance.anchor_3, instance.anchor_4 = (
        a.strip() for a in anchors)
    instance.save()
    audit_log(action="interviews.competency.saved", actor=actor, obj=job,
              data={"competency": name})
    return instance


@transaction.atomic
def competency_remove(*, competency: Competency, actor: User) -> None:
    """Delete a competency nobody rated yet; archive one that has ratings."""
    audit_log(action="interviews.competency.removed", actor=actor, obj=competency.job,
              data={"competency": competency.name})
    if competency.ratings.exists():
        competency.archived = True
        competency.save(update_fields=["archived"])
    else:
        competency.delete()


@transaction.atomic
def competency_move(*, competency: Competency, offset: int, actor: User) -> None:
    if not move_one_step(competency.job.competencies.filter(archived=False), competency,
                         offset):
        return
    audit_log(action="interviews.competency.reordered", actor=actor, obj=competency.job)
