"""Offers, e-signatures with their audit trail, onboarding packets, and the team roster.

Documents someone signs are kept as exact versions (`SignableDocument`, with the SHA-256 of
the bytes shown); a `Signature` binds a person's typed name to one such version and is
never changed afterwards. Sensitive answers (bank and government id numbers) live encrypted
in `SensitiveValue`, never in the plain JSON of a packet item."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from candidates.models import Application
from hiring.models import Membership, Practice, User
from hiring.storage import private_storage
from jobs.models import PayUnit


class OfferLetterTemplate(models.Model):
    """The practice's offer-letter wording, with merge fields such as {candidate_name}.
    Written from the default on first use; each change raises the version."""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE,
                                    related_name="offer_letter_template")
    body = models.TextField(_("letter text"), max_length=20000)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    def __str__(self) -> str:
        return f"Offer letter of {self.practice} (v{self.version})"


class SignableDocument(models.Model):
    """One exact version of a document to read and sign. `docx_sha256` is the hash of the
    bytes the signer is given; a changed text makes a new version, never an edit."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120, help_text=_("What this is a version of, e.g. "
                                                       "offer:<id> or packet-item:<id>."))
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("The text as shown to the signer (plain text)."))
    docx = models.FileField(upload_to="signing/originals/%Y/%m/", storage=private_storage)
    docx_sha256 = models.CharField(max_length=64)
    pdf = models.FileField(upload_to="signing/originals/%Y/%m/", storage=private_storage,
                           blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "key", "version"],
                                               name="signable_document_version_unique")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Consent(models.Model):
    """Agreement to do business electronically (the ERSD, versioned), given before the
    first signature through a private link; withdrawable."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    signer_name = models.CharField(max_length=200)
    signer_email = models.EmailField()
    ersd_version = models.PositiveIntegerField()
    ersd_sha256 = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    consented_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    def __str__(self) -> str:
        return f"E-sign consent of {self.signer_email} (ERSD v{self.ersd_version})"


class Signature(models.Model):
    """A typed-name signature bound to one document version by its SHA-256, with the
    evidence of who, when and from where. Written once; the signed copies carry a
    certificate page with the trail."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(SignableDocument, on_delete=models.PROTECT,
                                 related_name="signatures")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="signatures")
    signer_name = models.CharField(max_length=200, help_text=_("The name as typed."))
    signer_email = models.EmailField()
    intent_text = models.TextField()
    document_sha256 = models.CharField(max_length=64)
    email_verified_via = models.CharField(max_length=200)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    viewed_at = models.DateTimeField()
    signed_at = models.DateTimeField()
    signed_docx = models.FileField(upload_to="signing/signed/%Y/%m/", storage=private_storage)
    signed_docx_sha256 = models.CharField(max_length=64)
    signed_pdf = models.FileField(upload_to="signing/signed/%Y/%m/", storage=private_storage,
                                  blank=True)
    signed_pdf_sha256 = models.CharField(max_length=64, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "signer_email"],
                                               name="signature_once_per_signer")]

    def __str__(self) -> str:
        return f"{self.signer_name} signed {self.document}"


class SigningEvent(models.Model):
    """The append-only audit trail of signing: each row carries the hash of the one before,
    so a removed or edited row breaks the chain."""

    class Event(models.TextChoices):
        LINK_SENT = "link_sent", _("Link sent")
        VIEWED = "viewed", _("Viewed")
        CONSENTED = "consented", _("Consented to e-signing")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        SIGNED = "signed", _("Signed")
        DECLINED = "declined", _("Declined")
        DOWNLOADED = "downloaded", _("Downloaded")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=20, choices=Event.choices)
    at = models.DateTimeField()
    signer_email = models.EmailField(blank=True)
    document = models.ForeignKey(SignableDocument, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="events")
    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="events")
    subject = models.CharField(max_length=120, help_text=_("offer:<id> or packet:<id>"))
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    row_hash = models.CharField(max_length=64)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["practice", "subject"], name="signing_event_subject")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} at {self.at:%Y-%m-%d %H:%M:%S} UTC"


# --- Offers ---------------------------------------------------------------------------------------

class Offer(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="offers")
    position_title = models.CharField(_("position"), max_length=200)
    pay_amount = models.DecimalField(_("pay"), max_digits=10, decimal_places=2)
    pay_unit = models.CharField(_("per"), max_length=10, choices=PayUnit.choices,
                                default=PayUnit.HOUR)
    start_date = models.DateField(_("start date"))
    manager = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("reports to"))
    expires_on = models.DateField(_("offer expires on"))
    notes = models.TextField(_("notes for the letter"), blank=True, max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    letter = models.ForeignKey(SignableDocument, on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    signature = models.OneToOneField(Signature, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="offer")
    # rotating the nonce revokes every link sent before
    link_nonce = models.UUIDField(default=uuid.uuid4)
    sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True, max_length=2000)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Offer: {self.position_title} ({self.get_status_display()})"


# --- Packets --------------------------------------------------------------------------------------

class ItemKind(models.TextChoices):
    SIGN = "sign", _("Read and sign")
    FORM = "form", _("Fill in a form")
    UPLOAD = "upload", _("Upload a file")
    ATTESTATION = "attestation", _("Training attestation")
    EMPLOYER_TASK = "employer_task", _("Employer task")


class FormKind(models.TextChoices):
    PERSONAL = "personal", _("Personal details")
    EMERGENCY_CONTACT = "emergency_contact", _("Emergency contact")
    DIRECT_DEPOSIT = "direct_deposit", _("Direct deposit")


class ItemOwner(models.TextChoices):
    NEW_HIRE = "new_hire", _("New hire")
    EMPLOYER = "employer", _("Employer")


class PacketTemplate(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="packet_templates")
    name = models.CharField(_("name"), max_length=120)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [models.UniqueConstraint(fields=["practice", "name"],
                                               name="packet_template_name_unique")]

    def __str__(self) -> str:
        return self.name


class PacketTemplateItem(models.Model):
    """One step of a packet. The due date is the start date plus `due_days` (negative:
    before), counted in business days (weekends and US federal holidays skipped) when
    `business_days` is set, as for the I-9's section 2."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    template = models.ForeignKey(PacketTemplate, on_delete=models.CASCADE,
                                 related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    form = models.CharField(_("form"), max_length=20, choices=FormKind.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what to do"), blank=True, max_length=2000)
    document_body = models.TextField(_("document text"), blank=True, max_length=50000,
                                     help_text=_("For documents to sign and attestations."))
    owner = models.CharField(_("done by"), max_length=10, choices=ItemOwner.choices,
                             default=ItemOwner.NEW_HIRE)
    due_days = models.IntegerField(_("due, days from the start date"), default=0)
    business_days = models.BooleanField(_("count business days"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Packet(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        COMPLETE = "complete", _("Complete")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="packets")
    offer = models.OneToOneField(Offer, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="packet")
    template = models.ForeignKey(PacketTemplate, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    start_date = models.DateField(_("start date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # the new hire's link: rotating the nonce revokes it, re-issuing sends a new one
    link_nonce = models.UUIDField(default=uuid.uuid4)
    link_sent_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    link_revoked_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Onboarding packet ({self.get_status_display()})"


class PacketItem(models.Model):
    """A step of one hire's packet, copied from the template when the packet is made."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DONE = "done", _("Done")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    form = models.CharField(max_length=20, choices=FormKind.choices, blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=10, choices=ItemOwner.choices)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    document = models.ForeignKey(SignableDocument, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")
    signature = models.OneToOneField(Signature, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="packet_item")
    data = models.JSONField(default=dict, blank=True,
                            help_text=_("Form answers that are not sensitive."))
    upload = models.FileField(upload_to="onboarding/uploads/%Y/%m/", storage=private_storage,
                              blank=True)
    upload_name = models.CharField(max_length=200, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", help_text=_("Empty: the new hire."))
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["practice", "status", "due_date"],
                                name="packet_item_due")]

    def __str__(self) -> str:
        return self.title


class SensitiveValue(models.Model):
    """A bank or government id number, encrypted with the deployment's field key; `last4`
    is all the pages ever show."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(PacketItem, on_delete=models.CASCADE, related_name="secrets")
    field = models.CharField(max_length=40)
    ciphertext = models.TextField()
    last4 = models.CharField(max_length=4)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "field"],
                                               name="sensitive_value_once")]

    def __str__(self) -> str:
        return f"{self.field} ••••{self.last4}"


# --- The team roster ------------------------------------------------------------------------------

class Employee(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="employees")
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    packet = models.OneToOneField(Packet, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="employee")
    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role_title = models.CharField(_("role"), max_length=200)
    start_date = models.DateField(_("start date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Credential(models.Model):
    """A licence or certification an employee holds, with its expiry for reminders."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE,
                                 related_name="credentials")
    name = models.CharField(_("licence or certification"), max_length=120,
                            help_text=_("e.g. RN licence, BLS"))
    number = models.CharField(_("number"), max_length=80, blank=True)
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="onboarding/credentials/%Y/%m/", storage=private_storage,
                            blank=True)

    objects = ScopedManager(practice="practice")

    class Meta:
        ordering = ["expires_on", "name"]

    def __str__(self) -> str:
        return self.name
