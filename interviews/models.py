"""Interviews of applications, with the calendar invites they send."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from candidates.models import Application
from hiring.models import Membership, Practice, User


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
