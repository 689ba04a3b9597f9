"""Admin for support staff. The EEO survey is deliberately absent: nobody reads it per
person."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from candidates.models import Answer, Application, Candidate, Resume
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
