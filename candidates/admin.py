"""Admin for support staff. The EEO survey is deliberately absent: nobody reads it per
person."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from candidates.models import (
    Answer,
    Application,
    Candidate,
    EmailTemplate,
    Message,
    Note,
    RejectionReason,
    Resume,
    Stage,
    StageChange,
    Tag,
)
from candidates.search import candidate_search_refresh


class ApplicationInline(admin.TabularInline):
    model = Application
    extra = 0
    fields = ["job", "source", "is_knocked_out", "created_at"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "practice", "created_at"]
    search_fields = ["first_name", "last_name", "email", "phone", "practice__name"]
    list_filter = ["practice"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [ApplicationInline]

    def save_model(self, request: HttpRequest, obj: Candidate, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        candidate_search_refresh(obj)  # a corrected name or number must be findable


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["label", "value", "is_knockout"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "job", "practice", "source", "is_knocked_out", "created_at"]
    list_filter = ["is_knocked_out", "source", "practice"]
    search_fields = ["candidate__email", "candidate__last_name", "job__title"]
    readonly_fields = ["public_id", "submission_key", "consented_at", "confirmation_sent_at",
                       "created_at"]
    raw_id_fields = ["candidate", "job"]
    list_select_related = ["candidate", "job", "practice"]
    inlines = [AnswerInline]


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = ["original_name", "candidate", "version", "content_type", "size",
                    "text_status", "created_at"]
    list_filter = ["text_status", "content_type"]
    search_fields = ["original_name", "candidate__email"]
    readonly_fields = ["public_id", "sha256", "size", "content_type", "text", "created_at"]
    raw_id_fields = ["candidate", "application"]
    list_select_related = ["candidate"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["name", "job", "practice", "kind", "position", "expected_days"]
    list_filter = ["kind", "practice"]
    search_fields = ["name", "job__title", "practice__name"]
    list_select_related = ["job", "practice"]
    raw_id_fields = ["job"]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    """The history of moves: readable, never editable."""

    list_display = ["created_at", "application", "from_stage_name", "to_stage_name",
                    "to_status", "actor"]
    list_filter = ["to_status", "practice"]
    search_fields = ["application__candidate__email", "reason"]
    list_select_related = ["application__candidate", "application__job", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["candidate", "author", "created_at"]
    search_fields = ["body", "candidate__email", "author__email"]
    raw_id_fields = ["candidate", "application", "author"]
    filter_horizontal = ["mentions"]
    list_select_related = ["candidate", "author"]


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    list_display = ["label", "practice", "position", "is_active"]
    list_filter = ["is_active", "practice"]
    search_fields = ["label"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "practice"]
    search_fields = ["name"]


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "purpose", "practice", "is_active", "updated_at"]
    list_filter = ["purpose", "is_active"]
    search_fields = ["name", "subject", "practice__name"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_email", "status", "practice", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to_email"]
    readonly_fields = ["public_id", "created_at", "sent_at", "error"]
    raw_id_fields = ["candidate", "application", "template", "sender"]
    list_select_related = ["practice"]
