from __future__ import annotations

from django.contrib import admin

from jobs.models import ApplicationQuestion, Job, JobDocument, JobTemplate, Location


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
