"""Django admin for the onboarding app."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from hiring.admin import ReadOnlyAdmin
from interviews.admin import ChildrenInheritPracticeMixin
from onboarding.field_crypto import mask
from onboarding.models import (
    Consent,
    Credential,
    Employee,
    Offer,
    OfferLetterTemplate,
    Packet,
    PacketItem,
    PacketTemplate,
    PacketTemplateItem,
    SensitiveValue,
    SignableDocument,
    Signature,
    SigningEvent,
)

# Support staff work here unscoped (PracticeMiddleware, STYLE §3); related columns are joined
# up front so that a list costs the same few queries however many rows it shows. Signatures,
# their trail, document versions and consents are evidence: readable, never editable. Stored
# files are private (no URL), so pages name them instead of linking them.


def _file_name(field: Any) -> str:
    return field.name if field else "—"


# --- Offers ---------------------------------------------------------------------------------------

@admin.register(OfferLetterTemplate)
class OfferLetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["practice", "version", "updated_by", "updated_at"]
    search_fields = ["practice__name", "practice__slug"]
    fields = ["practice", "body", "version", "updated_by", "updated_at"]
    readonly_fields = ["version", "updated_by", "updated_at"]
    autocomplete_fields = ["practice"]
    list_select_related = ["practice", "updated_by"]

    def save_model(self, request: HttpRequest, obj: OfferLetterTemplate, form: ModelForm,
                   change: bool) -> None:
        if change and "body" in form.changed_data:
            obj.version += 1  # letters already made keep naming the version they used
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["position_title", "candidate", "status", "start_date", "expires_on",
                    "practice", "sent_at", "responded_at"]
    list_filter = ["status", "practice"]
    search_fields = ["position_title", "application__candidate__email",
                     "application__candidate__last_name", "practice__name"]
    readonly_fields = ["public_id", "status", "letter", "signature", "link_nonce", "sent_at",
                       "responded_at", "decline_reason", "created_by", "created_at",
                       "updated_at"]
    raw_id_fields = ["practice", "application", "manager"]
    list_select_related = ["application__candidate", "practice"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an offer is made, sent and signed in the app

    @admin.display(description="candidate", ordering="application__candidate__last_name")
    def candidate(self, offer: Offer) -> str:
        return offer.application.candidate.full_name


# --- Packets --------------------------------------------------------------------------------------

class PacketTemplateItemInline(admin.StackedInline):
    model = PacketTemplateItem
    extra = 0
    fields = ["position", "kind", "form", "title", "description", "document_body", "owner",
              "due_days", "business_days"]
    ordering = ["position", "id"]


@admin.register(PacketTemplate)
class PacketTemplateAdmin(ChildrenInheritPracticeMixin, admin.ModelAdmin):
    list_display = ["name", "practice", "is_default", "updated_at"]
    list_filter = ["is_default", "practice"]
    search_fields = ["name", "practice__name"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    autocomplete_fields = ["practice"]
    list_select_related = ["practice"]
    inlines = [PacketTemplateItemInline]


class PacketItemInline(admin.TabularInline):
    """The hire's steps as they did them; answers and uploads stay in the app."""

    model = PacketItem
    extra = 0
    fields = ["position", "title", "kind", "owner", "due_date", "status", "completed_at",
              "signature"]
    readonly_fields = fields
    can_delete = False
    ordering = ["position", "id"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[PacketItem]:
        return super().get_queryset(request).select_related("signature__document")


@admin.register(Packet)
class PacketAdmin(admin.ModelAdmin):
    """Read-mostly: support may extend a link's expiry; the rest follows the app's rules."""

    list_display = ["__str__", "candidate", "start_date", "status", "practice",
                    "link_sent_at", "completed_at"]
    list_filter = ["status", "practice"]
    search_fields = ["application__candidate__email", "application__candidate__last_name",
                     "practice__name"]
    fields = ["public_id", "practice", "application", "offer", "template", "start_date",
              "status", "link_sent_at", "link_expires_at", "link_revoked_at", "completed_at",
              "reminded_at", "created_by", "created_at"]
    readonly_fields = [f for f in fields if f != "link_expires_at"]
    list_select_related = ["application__candidate", "practice"]
    inlines = [PacketItemInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="candidate", ordering="application__candidate__last_name")
    def candidate(self, packet: Packet) -> str:
        return packet.application.candidate.full_name


@admin.register(SensitiveValue)
class SensitiveValueAdmin(ReadOnlyAdmin):
    """Which secret is stored, never what it is: the ciphertext is not even shown."""

    list_display = ["field", "masked", "item", "practice", "updated_at"]
    list_filter = ["field"]
    search_fields = ["field", "practice__name"]
    fields = ["practice", "item", "field", "masked", "updated_at"]
    readonly_fields = fields
    list_select_related = ["item", "practice"]

    @admin.display(description="value")
    def masked(self, value: SensitiveValue) -> str:
        return mask(value.last4)


# --- Signing (evidence) ---------------------------------------------------------------------------

@admin.register(SignableDocument)
class SignableDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "key", "practice", "created_at"]
    search_fields = ["title", "key", "docx_sha256"]
    list_filter = ["practice"]
    fields = ["public_id", "practice", "key", "version", "title", "body", "docx_file",
              "docx_sha256", "pdf_file", "pdf_sha256", "created_at"]
    readonly_fields = fields
    list_select_related = ["practice"]

    @admin.display(description="DOCX")
    def docx_file(self, document: SignableDocument) -> str:
        return _file_name(document.docx)

    @admin.display(description="PDF")
    def pdf_file(self, document: SignableDocument) -> str:
        return _file_name(document.pdf)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["signer_email", "signer_name", "ersd_version", "consented_at",
                    "withdrawn_at", "practice"]
    list_filter = ["ersd_version", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["signer_email", "signer_name"]
    list_select_related = ["practice"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["signer_name", "signer_email", "document", "signed_at", "practice"]
    search_fields = ["signer_email", "signer_name", "document__title", "document_sha256"]
    fields = ["public_id", "practice", "document", "consent", "signer_name", "signer_email",
              "intent_text", "document_sha256", "email_verified_via", "ip", "user_agent",
              "viewed_at", "signed_at", "signed_docx_file", "signed_docx_sha256",
              "signed_pdf_file", "signed_pdf_sha256"]
    readonly_fields = fields
    list_select_related = ["document", "practice"]

    @admin.display(description="signed DOCX")
    def signed_docx_file(self, signature: Signature) -> str:
        return _file_name(signature.signed_docx)

    @admin.display(description="signed PDF")
    def signed_pdf_file(self, signature: Signature) -> str:
        return _file_name(signature.signed_pdf)


@admin.register(SigningEvent)
class SigningEventAdmin(ReadOnlyAdmin):
    """The hash-chained trail: a changed or removed row would break the chain."""

    list_display = ["at", "event", "subject", "signer_email", "practice"]
    list_filter = ["event"]
    search_fields = ["subject", "signer_email", "row_hash"]
    list_select_related = ["practice"]


# --- The team roster ------------------------------------------------------------------------------

class CredentialInline(admin.TabularInline):
    model = Credential
    extra = 0
    fields = ["name", "number", "issuer", "expires_on", "reminded_at", "stored_file"]
    readonly_fields = ["reminded_at", "stored_file"]

    @admin.display(description="file")
    def stored_file(self, credential: Credential) -> str:
        return _file_name(credential.file)


@admin.register(Employee)
class EmployeeAdmin(ChildrenInheritPracticeMixin, admin.ModelAdmin):
    list_display = ["full_name", "role_title", "status", "start_date", "email", "practice"]
    list_filter = ["status", "practice"]
    search_fields = ["full_name", "email", "role_title", "practice__name"]
    readonly_fields = ["public_id", "created_at"]
    raw_id_fields = ["practice", "application", "packet"]
    list_select_related = ["practice"]
    inlines = [CredentialInline]

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet,
                     change: bool) -> None:
        for row in formset.forms:
            if row.instance.pk and "expires_on" in row.changed_data:
                row.instance.reminded_at = None  # as the app does: a renewal is reminded again
        super().save_formset(request, form, formset, change)
