"""Staff URLs of the candidates app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from candidates import messaging_views, pipeline_views, profile_views, views

app_name = "candidates-staff"

urlpatterns = [
    path("jobs/<uuid:job_id>/applicants/", views.job_applicants_view, name="job-applicants"),
    path("applications/<uuid:application_id>/", views.application_detail_view,
         name="application-detail"),
    path("applications/<uuid:application_id>/cover-letter/", views.cover_letter_download_view,
         name="cover-letter-download"),
    path("resumes/<uuid:resume_id>/download/", views.resume_download_view,
         name="resume-download"),
    path("jobs/<uuid:job_id>/board/", views.job_board_view, name="job-board"),
    path("jobs/<uuid:job_id>/stages/", pipeline_views.job_stages_view, name="job-stages"),
    path("rejection-reasons/", pipeline_views.rejection_reasons_view,
         name="rejection-reasons"),
    path("applications/<uuid:application_id>/notes/", profile_views.note_add_view,
         name="note-add"),
    path("applications/<uuid:application_id>/rating/", profile_views.rating_view,
         name="rating-set"),
    path("applications/<uuid:application_id>/tags/", profile_views.tag_add_view,
         name="tag-add"),
    path("applications/<uuid:application_id>/tags/<uuid:tag_id>/remove/",
         profile_views.tag_remove_view, name="tag-remove"),
    path("resumes/<uuid:resume_id>/view/", profile_views.resume_inline_view,
         name="resume-view"),
    path("candidates/", profile_views.application_list_view, name="application-list"),
    path("candidates/search/", views.candidate_search_view, name="candidate-search"),
    path("candidates/views/", profile_views.saved_filter_create_view,
         name="saved-filter-create"),
    path("candidates/views/<uuid:savedfilter_id>/delete/", profile_views.saved_filter_delete_view,
         name="saved-filter-delete"),
    path("applications/<uuid:application_id>/move/", views.application_move_view,
         name="application-move"),
    path("applications/<uuid:application_id>/reject/", views.application_reject_view,
         name="application-reject"),
    path("applications/<uuid:application_id>/reopen/", views.application_reopen_view,
         name="application-reopen"),
    path("applications/<uuid:application_id>/withdraw/", views.application_withdraw_view,
         name="application-withdraw"),
]

# E-mail to applicants and bulk actions (candidates/messaging_views.py)
urlpatterns += [
    path("messages/templates/", messaging_views.email_template_list_view,
         name="email-template-list"),
    path("messages/templates/new/", messaging_views.email_template_create_view,
         name="email-template-create"),
    path("messages/templates/<uuid:emailtemplate_id>/", messaging_views.email_template_edit_view,
         name="email-template-edit"),
    path("messages/templates/<uuid:emailtemplate_id>/delete/",
         messaging_views.email_template_delete_view, name="email-template-delete"),
    path("messages/preview/", messaging_views.message_preview_view, name="message-preview"),
    path("messages/<uuid:message_id>/retry/", messaging_views.message_retry_view,
         name="message-retry"),
    path("applications/<uuid:application_id>/email/", messaging_views.message_compose_view,
         name="message-compose"),
    path("jobs/<uuid:job_id>/bulk/", messaging_views.bulk_action_start_view,
         name="bulk-action-start"),
    path("bulk/<uuid:bulkaction_id>/", messaging_views.bulk_action_detail_view,
         name="bulk-action-detail"),
    path("bulk/<uuid:bulkaction_id>/download/", messaging_views.bulk_action_download_view,
         name="bulk-action-download"),
]
