"""Interviews of applications, with the calendar invites they send."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from candidates.models import Application, Stage
from hiring.models import Membership, Practice, User
from hiring.storage import private_storage
from jobs.models import Job


class Interview(models.Model):
    """One conversation with a candidate at a set time. Each change the candidate must hear
    about raises `sequence`, as RFC 5545 wants for updates of the same event (same uid)."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        ON_SITE = "on_site", _("On-site")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class Answer(models.TextChoices):
        WAITING = "waiting", _("Waiting for the candidate")
        CONFIRMED = "confirmed", _("Confirmed by the candidate")
        NEW_TIME = "new_time", _("Candidate asked for another time")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="interviews")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="interviews")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.ON_SITE)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=45)
    location = models.CharField(_("place or video link"), max_length=300, blank=True)
    note_to_candidate = models.TextField(_("note to the candidate"), blank=True,
                                         max_length=2000)
    interviewers = models.ManyToManyField(Membership, related_name="interviews",
                                          verbose_name=_("interviewers"))
    organizer = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    invites_sent_sequence = models.IntegerField(default=-1)
    candidate_answer = models.CharField(max_length=10, choices=Answer.choices,
                                        default=Answer.WAITING)
    candidate_message = models.TextField(blank=True, max_length=1000)
    kit = models.ForeignKey("InterviewKit", on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="interviews", verbose_name=_("interview kit"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["practice", "starts_at"], name="interview_when")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} interview, {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def uid(self) -> str:
        """The calendar event's id: stable across reschedules, unique across deployments."""
        return f"interview-{self.public_id}@hiring"


# --- Interview kits and scorecards ------------------------------------------------------------

class InterviewKit(models.Model):
    """The questions interviewers ask for one job, in order. Made from the job template's
    question bank the first time the job needs one; the practice edits it from there."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="interview_kits")
    name = models.CharField(_("name"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="kit_name_unique")]

    def __str__(self) -> str:
        return self.name


class KitQuestion(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    kit = models.ForeignKey(InterviewKit, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    question = models.TextField(_("question"), max_length=1000)
    # one sign or follow-up per line: simple to edit in a textarea, simple to print
    listen_for = models.TextField(_("what to listen for"), blank=True, max_length=2000)
    follow_ups = models.TextField(_("follow-up questions"), blank=True, max_length=2000)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def listen_for_list(self) -> list[str]:
        return [line.strip() for line in self.listen_for.splitlines() if line.strip()]

    @property
    def follow_up_list(self) -> list[str]:
        return [line.strip() for line in self.follow_ups.splitlines() if line.strip()]


class Competency(models.Model):
    """What a job's interviewers rate, on 1-4 with one anchored description per point. A
    competency someone has already rated is archived rather than deleted: old scorecards
    keep their meaning."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="competencies")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    anchor_1 = models.CharField(_("1 — concern"), max_length=400)
    anchor_2 = models.CharField(_("2 — mixed"), max_length=400)
    anchor_3 = models.CharField(_("3 — solid"), max_length=400)
    anchor_4 = models.CharField(_("4 — outstanding"), max_length=400)
    archived = models.BooleanField(default=False)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.name

    @property
    def anchors(self) -> list[tuple[int, str]]:
        return [(1, self.anchor_1), (2, self.anchor_2), (3, self.anchor_3), (4, self.anchor_4)]


class Scorecard(models.Model):
    """One interviewer's judgement of one interview. A draft until submitted; after that
    its author may still correct it while the candidate is in the same stage."""

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", _("Strong no")
        NO = "no", _("No")
        YES = "yes", _("Yes")
        STRONG_YES = "strong_yes", _("Strong yes")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE,
                                  related_name="scorecards")
    interviewer = models.ForeignKey(Membership, on_delete=models.CASCADE,
                                    related_name="scorecards")
    recommendation = models.CharField(_("overall recommendation"), max_length=10,
                                      choices=Recommendation.choices, blank=True)
    note = models.TextField(_("overall note"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # the candidate's stage when submitted: a move to another stage closes the scorecard
    stage_at_submit = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["interview", "interviewer"],
                                               name="scorecard_one_per_interviewer")]

    def __str__(self) -> str:
        return f"Scorecard of {self.interviewer} for {self.interview}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class CompetencyRating(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "competency"],
                                    name="rating_one_per_competency"),
            models.CheckConstraint(condition=models.Q(rating__isnull=True)
                                   | models.Q(rating__gte=1, rating__lte=4),
                                   name="rating_between_1_and_4"),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.rating or '-'}"


# --- Self-scheduling ----------------------------------------------------------------------------

class SlotOffer(models.Model):
    """Times a manager offers for one kind of interview of a job. Several candidates may be
    invited to the same offer; each slot can be taken by one of them only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="slot_offers")
    kind = models.CharField(_("kind"), max_length=10, choices=Interview.Kind.choices,
                            default=Interview.Kind.ON_SITE)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=45)
    location = models.CharField(_("place or video link"), max_length=300, blank=True)
    kit = models.ForeignKey(InterviewKit, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    note_to_candidate = models.TextField(_("note to the candidate"), blank=True,
                                         max_length=2000)
    interviewers = models.ManyToManyField(Membership, related_name="slot_offers",
                                          verbose_name=_("interviewers"))
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} times for {self.job}"


class Slot(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(SlotOffer, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    # the booking; empty while free (a cancelled booking frees the slot again)
    interview = models.OneToOneField(Interview, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="slot")

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["offer", "starts_at"],
                                               name="slot_time_unique")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"


class SlotInvitation(models.Model):
    """One candidate's private invitation to pick a slot of an offer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(SlotOffer, on_delete=models.CASCADE, related_name="invitations")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="slot_invitations")
    interview = models.OneToOneField(Interview, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="slot_invitation")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["offer", "application"],
                                               name="slot_invitation_once")]

    def __str__(self) -> str:
        return f"Times offered to {self.application}"


class InterviewDocument(models.Model):
    """A Word document made by a worker: a printable kit, or a candidate's interview summary.
    One row per version of the content, so a double-click finds the row already there. Kept
    in private storage: summaries hold the team's judgements of a person."""

    class Kind(models.TextChoices):
        KIT = "kit", _("Printable interview kit")
        SUMMARY = "summary", _("Interview summary")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    kit = models.ForeignKey(InterviewKit, on_delete=models.CASCADE, null=True, blank=True,
                            related_name="documents")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="interview_documents")
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="interview-documents/%Y/%m/", storage=private_storage,
                            blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kit", "content_hash"],
                                    condition=models.Q(kit__isnull=False),
                                    name="interviewdocument_once_per_kit_version"),
            models.UniqueConstraint(fields=["application", "content_hash"],
                                    condition=models.Q(application__isnull=False),
                                    name="interviewdocument_once_per_summary_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
