"""Candidates (one per person and practice), their applications, answers and résumés, and
the voluntary EEO survey kept apart from them."""

from __future__ import annotations

import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from hiring.models import Practice
from hiring.storage import private_storage  # migrations name it from this module
from jobs.models import ApplicationQuestion, Job


def _private_path(prefix: str, practice: Practice, suffix: str) -> str:
    return f"{prefix}/{practice.public_id}/{uuid.uuid4().hex}.{suffix}"


def resume_path(resume: Resume, filename: str) -> str:
    return _private_path("resumes", resume.practice, resume.extension)


def staged_path(upload: StagedUpload, filename: str) -> str:
    return _private_path("staged", upload.practice, upload.extension)


def cover_letter_path(application: Application, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return _private_path("cover-letters", application.practice, suffix)


class Candidate(models.Model):
    """A person who applied to the practice, however many jobs they applied to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="candidates")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40)
    language = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What search reads, written only by candidates.search.candidate_search_refresh: the
    # name and the contact details folded (lowercase, no accents, phone as digits) for
    # prefix and trigram matching, and the ranked words of name, contact, résumés and notes.
    # Their GIN indexes exist on PostgreSQL only (migration 0005).
    search_name = models.TextField(blank=True, default="", editable=False)
    search_contact = models.TextField(blank=True, default="", editable=False)
    search_document = SearchVectorField(null=True, editable=False)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint("practice", Lower("email"),
                                               name="candidate_one_per_email")]
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Stage(models.Model):
    """A column of a hiring pipeline. Rows without a job are the practice's default
    pipeline, copied to each job the first time its pipeline is needed; the job's copy can
    then be renamed, reordered and added to."""

    class Kind(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SCREEN = "screen", _("Phone screen")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        CUSTOM = "custom", _("Custom")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="stages")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, null=True, blank=True,
                            related_name="stages")
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CUSTOM)
    position = models.PositiveIntegerField(default=0)
    # how many days a candidate may wait here before the dashboard calls it too long
    expected_days = models.PositiveIntegerField(default=5)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["practice", "job", "position"], name="stage_order")]

    def __str__(self) -> str:
        return self.name


class RejectionReason(models.Model):
    """Why the practice said no; a list each practice edits."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="rejection_reasons")
    label = models.CharField(_("reason"), max_length=120)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Application(models.Model):
    """A candidate's application to one job."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In the pipeline")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE,
                                  related_name="applications")
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    source = models.CharField(_("heard of the job through"), max_length=60, blank=True)
    cover_letter = models.TextField(_("cover letter"), blank=True)
    cover_letter_file = models.FileField(upload_to=cover_letter_path, storage=private_storage,
                                         blank=True)
    is_knocked_out = models.BooleanField(default=False)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="applications")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.ForeignKey(RejectionReason, on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="+")
    language = models.CharField(max_length=10, default="en")
    # the hidden token of the form that made it: a resubmitted POST finds this row
    submission_key = models.UUIDField(unique=True)
    consented_at = models.DateTimeField()
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "candidate", "job"],
                                               name="application_once_per_job")]
        indexes = [models.Index(fields=["practice", "job", "-created_at"],
                                name="application_job_recent")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.job}"


class StageChange(models.Model):
    """One move of an application: never edited, never deleted."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="stage_changes")
    from_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    to_stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    from_status = models.CharField(max_length=10, choices=Application.Status.choices)
    to_status = models.CharField(max_length=10, choices=Application.Status.choices)
    # the names at the time of the move, so renaming a stage does not rewrite history
    from_stage_name = models.CharField(max_length=60, blank=True)
    to_stage_name = models.CharField(max_length=60, blank=True)
    actor = models.ForeignKey("hiring.User", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage_name or '—'} → {self.to_stage_name or self.to_status}"


class Answer(models.Model):
    """An answer to one of the job's questions, with the question's words as asked."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="answers")
    question = models.ForeignKey(ApplicationQuestion, on_delete=models.SET_NULL, null=True,
                                 related_name="answers")
    label = models.CharField(max_length=300)
    value = models.JSONField()
    is_knockout = models.BooleanField(default=False)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label

    @property
    def display(self) -> str:
        if isinstance(self.value, list):
            return ", ".join(str(v) for v in self.value)
        return {"yes": _("Yes"), "no": _("No")}.get(self.value, str(self.value))


class UploadedFileFields(models.Model):
    """What we keep about an uploaded file; the name is ours, the applicant's is kept apart."""

    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Resume(UploadedFileFields):
    """One version of a candidate's résumé; a new application may bring a newer one."""

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Extracted")
        UNSUPPORTED = "unsupported", _("Not a format we read")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="resumes")
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="resumes")
    version = models.PositiveIntegerField(default=1)
    file = models.FileField(upload_to=resume_path, storage=private_storage)
    text = models.TextField(blank=True)
    text_status = models.CharField(max_length=12, choices=TextStatus.choices,
                                   default=TextStatus.PENDING)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "version"],
                                               name="resume_version_unique")]
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"


class StagedUpload(UploadedFileFields):
    """A valid résumé from a submit that failed on other fields, so the applicant need not
    choose the file again. Claimed by the next submit with its token; swept after a day."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=staged_path, storage=private_storage)

    objects = ScopedManager(practice="practice")

    def __str__(self) -> str:
        return self.original_name


class EEOResponse(models.Model):
    """Voluntary self-identification. Deliberately unlinked from the candidate and the
    application, and dated by day only, so it can be counted per job but never read back
    for one person (SPECS §5.1)."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        DECLINED = "declined", _("I do not wish to answer")

    class Ethnicity(models.TextChoices):
        HISPANIC = "hispanic", _("Hispanic or Latino")
        NOT_HISPANIC = "not_hispanic", _("Not Hispanic or Latino")
        DECLINED = "declined", _("I do not wish to answer")

    class Race(models.TextChoices):
        WHITE = "white", _("White")
        BLACK = "black", _("Black or African American")
        PACIFIC = "pacific", _("Native Hawaiian or Other Pacific Islander")
        ASIAN = "asian", _("Asian")
        NATIVE = "native", _("American Indian or Alaska Native")
        TWO_OR_MORE = "two_or_more", _("Two or More Races")
        DECLINED = "declined", _("I do not wish to answer")

    class Veteran(models.TextChoices):
        PROTECTED = "protected", _("I identify as one or more of the classifications of "
                                   "protected veteran")
        NOT_PROTECTED = "not_protected", _("I am not a protected veteran")
        DECLINED = "declined", _("I do not wish to answer")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes, I have a disability (or previously had a disability)")
        NO = "no", _("No, I do not have a disability")
        DECLINED = "declined", _("I do not wish to answer")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    submitted_on = models.DateField()
    sex = models.CharField(max_length=12, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices, blank=True)
    race = models.CharField(max_length=12, choices=Race.choices, blank=True)
    veteran = models.CharField(max_length=14, choices=Veteran.choices, blank=True)
    disability = models.CharField(max_length=12, choices=Disability.choices, blank=True)

    objects = ScopedManager(practice="practice")

    def __str__(self) -> str:
        return f"EEO response for job {self.job_id}"


class Tag(models.Model):
    """A practice's label for candidates ("bilingual", "rehire")."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("tag"), max_length=40)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint("practice", Lower("name"),
                                               name="tag_name_unique")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CandidateTag(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE,
                                  related_name="candidate_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="candidate_tags")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "tag"],
                                               name="candidate_tag_once")]

    def __str__(self) -> str:
        return f"{self.tag} on {self.candidate_id}"


class Note(models.Model):
    """A teammate's note on a candidate; @mentions e-mail the people named."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="notes")
    author = models.ForeignKey("hiring.User", on_delete=models.SET_NULL, null=True,
                               related_name="+")
    body = models.TextField(_("note"), max_length=5000)
    mentions = models.ManyToManyField("hiring.Membership", blank=True, related_name="+")
    mentions_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class Rating(models.Model):
    """One reviewer's stars for an application; the profile shows each and the average."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="ratings")
    reviewer = models.ForeignKey("hiring.User", on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"],
                                    name="rating_once_per_reviewer"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5),
                                   name="rating_one_to_five"),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★"


class SavedFilter(models.Model):
    """A member's named view of the candidates list ("my shortlist")."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey("hiring.User", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(max_length=1000, help_text=_("The list's query string."))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EmailTemplate(models.Model):
    """A practice's message to applicants, with {merge fields}."""

    class Purpose(models.TextChoices):
        RECEIVED = "received", _("Application received")
        INVITE = "invite", _("Invitation to interview")
        REJECTION = "rejection", _("Rejection")
        OFFER = "offer", _("Offer")
        CUSTOM = "custom", _("Custom")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="email_templates")
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices,
                               default=Purpose.CUSTOM)
    name = models.CharField(_("name"), max_length=80)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["purpose", "name"]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """An e-mail to an applicant, kept on their timeline with how its delivery went."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="messages")
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="messages")
    template = models.ForeignKey(EmailTemplate, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    sender = models.ForeignKey("hiring.User", on_delete=models.SET_NULL, null=True,
                               related_name="+")
    to_email = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class BulkAction(models.Model):
    """Work on many applications at once, done by a worker and followed on a progress
    page. Each item's outcome lives in BulkItem, so a restarted worker skips what is done."""

    class Kind(models.TextChoices):
        MOVE = "move", _("Move to a stage")
        REJECT = "reject", _("Reject")
        TAG = "tag", _("Tag")
        EXPORT = "export", _("Export to CSV")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Working")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey("hiring.User", on_delete=models.SET_NULL, null=True,
                              related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    result_file = models.FileField(upload_to="exports/", storage=private_storage, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.done}/{self.total})"


class BulkItem(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(BulkAction, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "application"],
                                               name="bulkitem_once")]

    def __str__(self) -> str:
        return f"item {self.application_id} of {self.action_id}"
