"""Admin for support staff. PracticeMiddleware runs /admin/ unscoped (STYLE §3), so these
querysets see every practice; related columns are joined up front so that each list costs the
same few queries however many rows it shows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from hiring.admin import ReadOnlyAdmin
from hiring.models import Membership
from interviews.models import (
    Competency,
    CompetencyRating,
    Interview,
    InterviewDocument,
    InterviewKit,
    KitQuestion,
    Scorecard,
    Slot,
    SlotInvitation,
    SlotOffer,
)


class MembersLabelledMixin:
    """A member's label names the user and the practice: join both for the interviewers
    widget, or it runs two queries per member of every practice."""

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any
                                 ) -> Any:
        if db_field.related_model is Membership:
            kwargs.setdefault("queryset", Membership.objects.select_related("user", "practice"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class ChildrenInheritPracticeMixin:
    """Rows added in an inline belong to the parent's practice. The inlines hide the field:
    a child in another practice than its parent would break the tenant rule."""

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet,
                     change: bool) -> None:
        for child in formset.save(commit=False):
            child.practice_id = form.instance.practice_id
            child.save()
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()


@admin.register(Interview)
class InterviewAdmin(MembersLabelledMixin, admin.ModelAdmin):
    list_display = ["application", "starts_at", "kind", "status", "candidate_answer",
                    "sequence", "practice"]
    list_filter = ["status", "kind", "candidate_answer", ("kit", admin.EmptyFieldListFilter)]
    search_fields = ["application__candidate__email", "application__candidate__last_name",
                     "application__job__title"]
    readonly_fields = ["public_id", "sequence", "invites_sent_sequence", "created_at",
                       "updated_at"]
    raw_id_fields = ["application", "organizer", "kit"]
    filter_horizontal = ["interviewers"]
    list_select_related = ["application__candidate", "application__job", "practice"]


# --- Kits and competencies ----------------------------------------------------------------------

class KitQuestionInline(admin.TabularInline):
    model = KitQuestion
    extra = 0
    fields = ["position", "question", "listen_for", "follow_ups"]
    ordering = ["position", "id"]


@admin.register(InterviewKit)
class InterviewKitAdmin(ChildrenInheritPracticeMixin, admin.ModelAdmin):
    list_display = ["name", "job", "practice", "updated_at"]
    list_filter = ["practice"]
    search_fields = ["name", "job__title", "practice__name"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    autocomplete_fields = ["practice", "job"]
    list_select_related = ["job", "practice"]
    inlines = [KitQuestionInline]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["name", "job", "position", "archived", "practice"]
    list_filter = ["archived", "practice"]
    search_fields = ["name", "job__title", "practice__name"]
    ordering = ["practice__name", "job__title", "job_id", "position", "id"]  # grouped by job
    readonly_fields = ["public_id"]
    autocomplete_fields = ["practice", "job"]
    list_select_related = ["job", "practice"]


# --- Scorecards ---------------------------------------------------------------------------------

class SubmittedFilter(admin.SimpleListFilter):
    title = "submitted"
    parameter_name = "submitted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Submitted"), ("no", "Draft")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Scorecard]
                 ) -> QuerySet[Scorecard]:
        if self.value() in ("yes", "no"):
            return queryset.filter(submitted_at__isnull=self.value() == "no")
        return queryset


class CompetencyRatingInline(admin.TabularInline):
    """The ratings as their author submitted them: a judgement is not support's to change."""

    model = CompetencyRating
    extra = 0
    fields = ["competency", "rating", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CompetencyRating]:
        return (super().get_queryset(request).select_related("competency")
                .order_by("competency__position", "competency_id"))


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    """Read-mostly: support may correct the overall text on request; who scored what, when
    and at which stage stays as the scorecard rules wrote it."""

    list_display = ["interview", "candidate", "interviewer", "recommendation", "submitted_at",
                    "practice"]
    list_filter = ["recommendation", SubmittedFilter, "practice"]
    search_fields = ["interview__application__candidate__email",
                     "interview__application__candidate__last_name",
                     "interviewer__user__email", "interview__application__job__title"]
    fields = ["public_id", "interview", "interviewer", "recommendation", "note", "submitted_at",
              "stage_at_submit", "reminded_at", "created_at", "updated_at"]
    readonly_fields = ["public_id", "interview", "interviewer", "submitted_at",
                       "stage_at_submit", "reminded_at", "created_at", "updated_at"]
    list_select_related = ["interview__application__candidate", "interviewer__user",
                           "interviewer__practice", "practice"]
    inlines = [CompetencyRatingInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a scorecard belongs to an interviewer's own work in the app

    @admin.display(description="candidate", ordering="interview__application__candidate__last_name")
    def candidate(self, scorecard: Scorecard) -> str:
        return str(scorecard.interview.application.candidate)


# --- Self-scheduling ----------------------------------------------------------------------------

class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0
    fields = ["starts_at", "interview"]
    readonly_fields = ["interview"]  # booked by the candidate, never by hand
    ordering = ["starts_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Slot]:
        return super().get_queryset(request).select_related("interview")


class SlotInvitationInline(admin.TabularInline):
    model = SlotInvitation
    extra = 0
    fields = ["application", "interview", "sent_at", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # invitations are e-mailed by the app, which an admin row would skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[SlotInvitation]:
        return super().get_queryset(request).select_related(
            "application__candidate", "application__job", "interview")


@admin.register(SlotOffer)
class SlotOfferAdmin(MembersLabelledMixin, ChildrenInheritPracticeMixin, admin.ModelAdmin):
    list_display = ["__str__", "job", "kind", "duration_minutes", "practice", "created_by",
                    "created_at"]
    list_filter = ["kind", "practice"]
    search_fields = ["job__title", "practice__name", "location"]
    readonly_fields = ["public_id", "created_at"]
    autocomplete_fields = ["practice", "job"]
    raw_id_fields = ["kit", "created_by"]
    filter_horizontal = ["interviewers"]
    list_select_related = ["job", "practice", "created_by"]
    inlines = [SlotInline, SlotInvitationInline]


# --- Documents ----------------------------------------------------------------------------------

@admin.register(InterviewDocument)
class InterviewDocumentAdmin(ReadOnlyAdmin):
    list_display = ["kind", "status", "kit", "application", "practice", "requested_by",
                    "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    search_fields = ["kit__name", "application__candidate__last_name", "content_hash"]
    list_select_related = ["kit", "application__candidate", "application__job", "practice",
                           "requested_by"]
