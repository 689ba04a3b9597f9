"""The core: users, practices (tenants), memberships, invitations, the audit log, the outbox."""

from __future__ import annotations

import uuid
import zoneinfo

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from hiring.roles import Perm, Role, role_can

TIMEZONE_CHOICES = [
    (name, name.replace("_", " "))
    for name in sorted(zoneinfo.available_timezones())
    if "/" in name and not name.startswith(("Etc/", "SystemV/"))
]
hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #0f766e."))


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email=normalize_email(email))


def normalize_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively everywhere, so store them lowercased."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address; belongs to practices through memberships."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_staff = models.BooleanField(default=False, help_text=_("May log in to Django admin."))
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


def practice_logo_path(practice: Practice, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"practices/{practice.public_id}/logo-{uuid.uuid4().hex[:8]}.{suffix}"


class Practice(models.Model):
    """A medical or dental practice: the tenant. Every other row belongs to exactly one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("practice name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state or region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, default="US",
                               help_text=_("Two-letter ISO code, e.g. US."))
    timezone = models.CharField(_("time zone"), max_length=64, choices=TIMEZONE_CHOICES,
                                default="America/New_York")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail for applicants"), blank=True,
                              help_text=_("Where applicants' replies to your e-mails go."))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=practice_logo_path, blank=True)
    careers_intro = models.TextField(
        _("careers page introduction"), blank=True,
        help_text=_("A few sentences applicants read at the top of your careers page."))
    brand_color = models.CharField(_("brand colour"), max_length=7, default="#0f766e",
                                   validators=[hex_colour])
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        parts = [self.street, self.city, " ".join(p for p in (self.state, self.postal_code) if p)]
        return ", ".join(p for p in parts if p)


class Membership(models.Model):
    """A user's place in a practice, with one role."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "user"], name="membership_unique"),
        ]
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.practice}"

    def can(self, perm: Perm) -> bool:
        return role_can(self.role, perm)

    @property
    def perms(self) -> frozenset[str]:
        return frozenset(p.value for p in Perm if self.can(p))


class Invitation(models.Model):
    """An owner's invitation for someone to join the practice; accepted once, through a
    signed link, before it expires."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            # one open invitation per address and practice, so a double-click cannot make two
            models.UniqueConstraint(
                "practice", Lower("email"), name="invitation_one_open_per_email",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True)),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.practice}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class AuditEvent(models.Model):
    """Who did what to which object, from where, when. Append-only.

    Not behind the scoped manager: sign-in events belong to a person, not to a practice, and
    the owner's audit page reads through `selectors.audit_event_list(practice=...)`.
    Stores ids and field names, never the values of personal data."""

    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["practice", "-created_at"], name="audit_practice_recent"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_recent"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = self.actor_id or "anonymous"
        return f"{self.action} by {who} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def details(self) -> list[tuple[str, object]]:
        """The data as (key, value) pairs for templates, where `data.items` would read a key
        named "items" (a packet's step count) instead of calling dict.items()."""
        return list(self.data.items()) if isinstance(self.data, dict) else []


class OutboxTask(models.Model):
    """Background work recorded in the same transaction as the change that causes it.

    Its id is the Celery task id, so the worker's success or failure is written back here.
    The sweeper hands over again whatever stays pending (broker down) or is lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the broker")
        HANDED = "handed", _("Handed to a worker")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "created_at"], name="outbox_status_created",
                         condition=models.Q(status__in=["pending", "handed"])),
        ]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.task_name} ({self.status})"
