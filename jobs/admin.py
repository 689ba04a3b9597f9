from __future__ import annotations

from django.contrib import admin
from django.db import models

from jobs.models import (
    ApplicationQuestion,
    BoardAccount,
    Delivery,
    DeliveryAttempt,
    Feed,
    FeedFetch,
    Job,
    JobBoardOptOut,
    JobDocument,
    JobTemplate,
    Location,
)


@admin.register(JobTemplate)
class JobTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "practice", "version", "employment_type", "is_active",
                    "updated_at"]
    list_filter = ["is_active", "employment_type", ("practice", admin.EmptyFieldListFilter)]
    search_fields = ["title", "key", "practice__name"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    list_select_related = ["practice"]


class ApplicationQuestionInline(admin.TabularInline):
    model = ApplicationQuestion
    extra = 0
    fields = ["position", "kind", "label", "required", "choices", "knockout"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "practice", "status", "employment_type", "closes_on",
                    "first_published_at", "created_at"]
    list_filter = ["status", "employment_type", "workplace_type", "practice"]
    search_fields = ["title", "slug", "practice__name", "public_id"]
    readonly_fields = ["public_id", "first_published_at", "published_at", "closed_at",
                       "created_at", "updated_at"]
    raw_id_fields = ["template", "location", "created_by"]
    filter_horizontal = ["hiring_team"]
    list_select_related = ["practice"]
    inlines = [ApplicationQuestionInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "practice", "city", "state"]
    search_fields = ["name", "city", "practice__name"]
    list_select_related = ["practice"]


@admin.register(JobDocument)
class JobDocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "job", "template", "practice", "status", "created_at",
                    "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["public_id", "content_hash", "created_at", "finished_at", "error"]
    raw_id_fields = ["job", "template", "requested_by"]
    list_select_related = ["job", "template", "practice"]


# --- Syndication ----------------------------------------------------------------------------

class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the feed builder and the feed views: support reads them, never edits
    (an edited counter or fetch would make the status pages lie)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BoardAccount)
class BoardAccountAdmin(admin.ModelAdmin):
    list_display = ["practice", "board", "enabled", "has_webhook", "updated_at"]
    list_filter = ["board", "enabled"]
    search_fields = ["practice__name", "practice__slug"]
    # the webhook secret signs calls to the practice's aggregator: never shown here
    exclude = ["webhook_secret"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["public_id", "updated_by", "updated_at"]
    list_select_related = ["practice"]

    @admin.display(boolean=True, description="webhook")
    def has_webhook(self, obj: BoardAccount) -> bool:
        return bool(obj.webhook_url)


@admin.register(JobBoardOptOut)
class JobBoardOptOutAdmin(admin.ModelAdmin):
    list_display = ["job", "board", "practice", "created_at"]
    list_filter = ["board"]
    search_fields = ["job__title", "practice__name"]
    raw_id_fields = ["job"]
    list_select_related = ["job", "practice"]


@admin.register(Feed)
class FeedAdmin(ReadOnlyAdmin):
    list_display = ["kind", "practice", "job_count", "generated_at", "changes", "built_changes",
                    "stale_since"]
    list_filter = ["kind", ("practice", admin.EmptyFieldListFilter)]
    search_fields = ["practice__name", "practice__slug"]
    list_select_related = ["practice"]


@admin.register(FeedFetch)
class FeedFetchAdmin(ReadOnlyAdmin):
    list_display = ["feed", "practice", "user_agent", "status_code", "fetched_at"]
    list_filter = ["feed__kind", "status_code"]
    search_fields = ["user_agent", "practice__name"]
    date_hierarchy = "fetched_at"
    list_select_related = ["feed__practice", "practice"]


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "duration_ms", "status_code", "outcome", "error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Notifications pushed to boards, with every attempt: support reads them to answer "did
    Google hear of it?"; changing one would make the job's status page lie (resend it from
    the job's page instead)."""

    list_display = ["job", "board", "action", "practice", "status", "attempts",
                    "next_attempt_at", "last_status_code", "created_at"]
    list_filter = ["status", "board", "action"]
    search_fields = ["job__title", "practice__name", "idempotency_key", "url"]
    date_hierarchy = "created_at"
    list_select_related = ["job", "practice"]
    inlines = [DeliveryAttemptInline]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
