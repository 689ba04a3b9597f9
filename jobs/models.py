"""Job templates, the practice's sites, job postings, their application questions and the
Word documents made from them."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from hiring.models import Membership, Practice, User
from hiring.storage import private_storage


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    CONTRACT = "contract", _("Contract")
    TEMPORARY = "temporary", _("Temporary")
    PER_DIEM = "per_diem", _("Per diem")
    INTERNSHIP = "internship", _("Internship")


class WorkplaceType(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class Education(models.TextChoices):
    # the credential categories Google's JobPosting understands
    NONE = "", _("No requirement")
    HIGH_SCHOOL = "high school", _("High school diploma")
    ASSOCIATE = "associate degree", _("Associate degree")
    BACHELOR = "bachelor degree", _("Bachelor's degree")
    CERTIFICATE = "professional certificate", _("Professional certificate")
    POSTGRADUATE = "postgraduate degree", _("Postgraduate degree")


# The posting's sections, in the order applicants read them: (field, heading).
SECTIONS = [
    ("about", _("About the role")),
    ("responsibilities", _("What you'll do")),
    ("qualifications", _("Who you are")),
    ("skills", _("Skills that help")),
    ("about_us", _("Who we are")),
    ("how_to_apply", _("How to apply and what happens next")),
]


class PostingFields(models.Model):
    """What a job and a template share: everything a posting says."""

    title = models.CharField(_("job title"), max_length=120)
    department = models.CharField(_("department"), max_length=80, blank=True)
    employment_type = models.CharField(_("employment type"), max_length=20,
                                       choices=EmploymentType.choices,
                                       default=EmploymentType.FULL_TIME)
    workplace_type = models.CharField(_("workplace"), max_length=20, choices=WorkplaceType.choices,
                                      default=WorkplaceType.ON_SITE)
    pay_min = models.DecimalField(_("pay from"), max_digits=10, decimal_places=2, null=True,
                                  blank=True, validators=[MinValueValidator(Decimal(0))])
    pay_max = models.DecimalField(_("pay up to"), max_digits=10, decimal_places=2, null=True,
                                  blank=True, validators=[MinValueValidator(Decimal(0))])
    pay_unit = models.CharField(_("pay period"), max_length=10, choices=PayUnit.choices,
                                default=PayUnit.HOUR)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    education = models.CharField(_("education"), max_length=40, choices=Education.choices,
                                 blank=True)
    experience_months = models.PositiveIntegerField(_("months of experience"), default=0)
    # sanitised HTML (jobs.sanitize), one field per entry of SECTIONS
    about = models.TextField(_("about the role"), blank=True)
    responsibilities = models.TextField(_("what you'll do"), blank=True)
    qualifications = models.TextField(_("who you are"), blank=True)
    skills = models.TextField(_("skills that help"), blank=True)
    about_us = models.TextField(_("who we are"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)

    class Meta:
        abstract = True

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(field, heading, html) of each section that has text."""
        return [(name, heading, getattr(self, name)) for name, heading in SECTIONS
                if getattr(self, name).strip()]


class JobTemplate(PostingFields):
    """A ready-made posting. Shipped ones (practice empty) come from jobs/library/ and are
    rewritten by each release; a practice's own (saved from one of its jobs) are never
    touched by a release. Not behind the scoped manager because the gallery shows both:
    read through `selectors.template_list(practice=...)`."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="job_templates")
    key = models.SlugField(max_length=80, blank=True,
                           help_text=_("Stable id of a shipped template."))
    version = models.PositiveIntegerField(default=1)
    summary = models.CharField(max_length=240, blank=True)
    application_questions = models.JSONField(default=list, blank=True)
    interview_questions = models.JSONField(default=list, blank=True)
    competencies = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=models.Q(practice__isnull=True),
                                    name="jobtemplate_library_key_unique"),
        ]
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shipped(self) -> bool:
        return self.practice_id is None


class Location(models.Model):
    """Another site of the practice (a second office), where a job can be."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. Eastside office"))
    street = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state or region"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="US")

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["practice", "name"],
                                               name="location_name_unique")]

    def __str__(self) -> str:
        return self.name


class Job(PostingFields):
    """A job posting of one practice, from draft to closed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="jobs")
    template = models.ForeignKey(JobTemplate, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="jobs")
    slug = models.SlugField(_("web address"), max_length=80)
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="jobs",
        verbose_name=_("location"), help_text=_("Empty means the practice's own address."))
    openings = models.PositiveIntegerField(_("openings"), default=1,
                                           validators=[MinValueValidator(1)])
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    first_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    hiring_team = models.ManyToManyField(Membership, blank=True, related_name="jobs",
                                         verbose_name=_("hiring team"))
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "slug"], name="job_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(pay_max__isnull=True) | models.Q(pay_min__isnull=True)
                | models.Q(pay_max__gte=models.F("pay_min")), name="job_pay_range_ordered"),
        ]
        indexes = [models.Index(fields=["practice", "status"], name="job_practice_status")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_remote(self) -> bool:
        """100% remote: no office to report to (boards and Google treat it apart)."""
        return self.workplace_type == WorkplaceType.REMOTE

    @property
    def site(self) -> Location | Practice:
        """Where the person reports to work: the job's site, else the practice's address."""
        return self.location or self.practice

    @property
    def slug_is_locked(self) -> bool:
        """Links to a job that was ever published live on in feeds and on boards."""
        return self.first_published_at is not None


class ApplicationQuestion(models.Model):
    """A question of the job's application form."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        YES_NO = "yes_no", _("Yes / no")
        SINGLE_CHOICE = "single_choice", _("One choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
        NUMBER = "number", _("Number")

    CHOICE_KINDS = frozenset({Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE})
    KNOCKOUT_KINDS = CHOICE_KINDS | {Kind.YES_NO}

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("answer type"), max_length=20, choices=Kind.choices,
                            default=Kind.SHORT_TEXT)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(default=list, blank=True)
    knockout = models.JSONField(default=list, blank=True,
                                help_text=_("Answers that flag the application."))

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class JobDocument(models.Model):
    """A Word document made by a worker: a job's description, or a template to edit in
    Word. One row per version of the content, so a double-click finds the row already
    there instead of making the document twice."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", _("Job description")
        TEMPLATE = "template", _("Template to edit in Word")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, null=True, blank=True,
                            related_name="documents")
    template = models.ForeignKey(JobTemplate, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # drafts and pay are not public: documents are private files, streamed after a check
    file = models.FileField(upload_to="documents/%Y/%m/", storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "job", "kind", "content_hash"],
                                    condition=models.Q(job__isnull=False),
                                    name="jobdocument_once_per_job_version"),
            models.UniqueConstraint(fields=["practice", "template", "kind", "content_hash"],
                                    condition=models.Q(template__isnull=False),
                                    name="jobdocument_once_per_template_version"),
            models.CheckConstraint(condition=models.Q(job__isnull=False)
                                   | models.Q(template__isnull=False),
                                   name="jobdocument_has_a_source"),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


# --- Syndication: job boards, feeds and the notifications pushed to boards -----------------

class Board(models.TextChoices):
    """Where a practice's jobs are syndicated. Indeed, ZipRecruiter and the generic feed are
    pulled by the boards from our XML feeds; Google reads the job pages' structured data and
    the sitemap, and may be notified through its Indexing API; the generic feed may also
    push a signed webhook to an aggregator the practice names."""

    INDEED = "indeed", "Indeed"
    ZIPRECRUITER = "ziprecruiter", "ZipRecruiter"
    GOOGLE = "google", "Google for Jobs"
    GENERIC = "generic", _("Other job sites (XML feed)")


class BoardAccount(models.Model):
    """A practice's choice for one board. No row means the board's default (Google on, the
    others off)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="boards")
    board = models.CharField(max_length=20, choices=Board.choices)
    enabled = models.BooleanField(default=False)
    # the generic board only: an aggregator's URL told of every change, signed with the secret
    webhook_url = models.URLField(_("webhook address"), max_length=500, blank=True)
    webhook_secret = models.CharField(max_length=64, blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "board"],
                                               name="boardaccount_once_per_board")]

    def __str__(self) -> str:
        return f"{self.get_board_display()} ({'on' if self.enabled else 'off'})"


class JobBoardOptOut(models.Model):
    """A job kept off one board although its practice posts there (never Indeed, which
    refuses partial feeds)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="board_opt_outs")
    board = models.CharField(max_length=20, choices=Board.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "board"],
                                               name="jobboardoptout_once")]

    def __str__(self) -> str:
        return f"{self.job} off {self.get_board_display()}"


class Feed(models.Model):
    """One generated feed file: a board's XML or a sitemap, for one practice or (practice
    empty) for the whole deployment. Every change that may alter it bumps `changes`; a build
    records the `changes` it started from in `built_changes`, so a change made while a build
    runs is never lost: the feed stays stale and is built again."""

    class Kind(models.TextChoices):
        INDEED = "indeed", "Indeed"
        ZIPRECRUITER = "ziprecruiter", "ZipRecruiter"
        GENERIC = "generic", _("Generic XML")
        SITEMAP = "sitemap", _("Sitemap")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="feeds")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="feeds/", blank=True)
    etag = models.CharField(max_length=80, blank=True)
    last_modified = models.DateTimeField(null=True, blank=True,
                                         help_text="When the content last changed.")
    generated_at = models.DateTimeField(null=True, blank=True)
    job_count = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    changes = models.PositiveBigIntegerField(default=0)
    built_changes = models.PositiveBigIntegerField(default=0)
    stale_since = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "kind"], name="feed_once_per_practice"),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(practice__isnull=True),
                                    name="feed_once_per_deployment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} feed of {self.practice or 'all practices'}"


class FeedFetch(models.Model):
    """A board (or anyone) fetched a feed: shown to the practice as proof the board came."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="fetches")
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+")
    user_agent = models.CharField(max_length=300, blank=True)
    status_code = models.PositiveSmallIntegerField()
    # when the board came, not when the row was written (jobs/syndication/fetch_log.py)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["feed", "-fetched_at"], name="feedfetch_feed_recent")]
        ordering = ["-fetched_at"]

    def __str__(self) -> str:
        return f"{self.feed} fetched {self.fetched_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One notification to a push-type board about one change of one job (updated or gone),
    sent at least once with the same idempotency key until the board accepts it."""

    class Action(models.TextChoices):
        UPDATED = "updated", _("Updated")
        DELETED = "deleted", _("Removed")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        RETRYING = "retrying", _("Will try again")
        SUCCEEDED = "succeeded", _("Accepted")
        FAILED = "failed", _("Failed")

    OPEN = (Status.PENDING, Status.SENDING, Status.RETRYING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="deliveries")
    board = models.CharField(max_length=20, choices=Board.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    url = models.URLField(max_length=500)
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        indexes = [models.Index(fields=["job", "board", "-created_at"],
                                name="delivery_job_board_recent"),
                   models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_board_display()} {self.action} {self.job} ({self.status})"


class DeliveryAttempt(models.Model):
    """One HTTP call of a delivery, kept so the status page can say what happened."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", _("Accepted")
        RETRY = "retry", _("Failed, will try again")
        FAILED = "failed", _("Failed")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts_made")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error = models.TextField(blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery}: {self.outcome}"
