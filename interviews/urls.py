"""Staff URLs of the interviews app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from interviews import document_views, kit_views, schedule_views, scorecard_views, slot_views, views

app_name = "interviews"

urlpatterns = [
    path("applications/<uuid:application_id>/interviews/new/", views.interview_schedule_view,
         name="interview-schedule"),
    path("interviews/mine/", schedule_views.my_interviews_view, name="my-interviews"),
    path("interviews/calendar/", schedule_views.interview_calendar_view,
         name="interview-calendar"),
    path("interviews/<uuid:interview_id>/", views.interview_detail_view,
         name="interview-detail"),
    path("interviews/<uuid:interview_id>/cancel/", views.interview_cancel_view,
         name="interview-cancel"),
    # times offered for candidates to pick
    path("applications/<uuid:application_id>/interviews/offer-times/",
         slot_views.slot_offer_create_view, name="slot-offer-create"),
    path("slot-offers/<uuid:slot_offer_id>/", slot_views.slot_offer_detail_view,
         name="slot-offer-detail"),
    # kits and competencies of a job
    path("jobs/<uuid:job_id>/interview-kits/", kit_views.kit_list_view, name="kit-list"),
    path("interview-kits/<uuid:interview_kit_id>/", kit_views.kit_detail_view,
         name="kit-detail"),
    path("interview-kits/<uuid:interview_kit_id>/delete/", kit_views.kit_delete_view,
         name="kit-delete"),
    path("kit-questions/<uuid:kit_question_id>/", kit_views.question_view,
         name="kit-question"),
    path("jobs/<uuid:job_id>/competencies/", kit_views.competency_list_view,
         name="competency-list"),
    path("competencies/<uuid:competency_id>/", kit_views.competency_view, name="competency"),
    # scoring and deciding
    path("interviews/<uuid:interview_id>/scorecard/", scorecard_views.scorecard_view,
         name="scorecard"),
    path("jobs/<uuid:job_id>/comparison/", scorecard_views.job_comparison_view,
         name="job-comparison"),
    # Word documents: a kit to print, a candidate's interview summary
    path("interview-kits/<uuid:interview_kit_id>/document/", document_views.kit_document_view,
         name="kit-document"),
    path("applications/<uuid:application_id>/interview-summary/",
         document_views.summary_document_view, name="summary-document"),
    path("interview-documents/<uuid:interview_document_id>/",
         document_views.document_detail_view, name="document-detail"),
    path("interview-documents/<uuid:interview_document_id>/retry/",
         document_views.document_retry_view, name="document-retry"),
    path("interview-documents/<uuid:interview_document_id>/download/",
         document_views.document_download_view, name="document-download"),
]
