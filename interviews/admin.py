from __future__ import annotations

from django.contrib import admin

from interviews.models import Interview


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["application", "starts_at", "kind", "status", "candidate_answer",
                    "sequence", "practice"]
    list_filter = ["status", "kind", "candidate_answer"]
    search_fields = ["application__candidate__email", "application__candidate__last_name",
                     "application__job__title"]
    readonly_fields = ["public_id", "sequence", "invites_sent_sequence", "created_at",
                       "updated_at"]
    raw_id_fields = ["application", "organizer"]
    filter_horizontal = ["interviewers"]
    list_select_related = ["application__candidate", "application__job", "practice"]
