"""Django admin for support staff. PracticeMiddleware runs /admin/ unscoped."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.http import HttpRequest

from hiring.models import AuditEvent, Invitation, Membership, OutboxTask, Practice, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["public_id", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password", "public_id"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                               "user_permissions"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"],
                             "fields": ["email", "full_name", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "created_at", "last_seen_at"]
    readonly_fields = ["created_at", "last_seen_at"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "slug", "city", "state", "timezone", "is_active", "created_at"]
    list_filter = ["is_active", "country", "state"]
    search_fields = ["name", "slug", "city"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "practice", "role", "created_at", "last_seen_at"]
    list_filter = ["role", "practice"]
    search_fields = ["user__email", "user__full_name", "practice__name", "practice__slug"]
    autocomplete_fields = ["user", "practice"]
    list_select_related = ["user", "practice"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "practice", "role", "created_at", "expires_at", "sent_at",
                    "accepted_at", "revoked_at"]
    list_filter = ["role", "practice", ("accepted_at", admin.EmptyFieldListFilter),
                   ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "practice__name"]
    readonly_fields = ["public_id", "created_at", "sent_at", "accepted_at", "accepted_by",
                       "invited_by"]
    list_select_related = ["practice"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that nobody, not even support, may write or delete by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor", "practice", "object_type", "object_id",
                    "ip_address"]
    list_filter = ["action", "practice"]
    search_fields = ["action", "object_id", "actor__email", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "practice"]


@admin.register(OutboxTask)
class OutboxTaskAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "task_name", "status", "attempts", "practice", "handed_at",
                    "finished_at"]
    list_filter = ["status", "task_name"]
    search_fields = ["id", "task_name"]
    list_select_related = ["practice"]
