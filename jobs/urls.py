"""Staff URLs of the jobs app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from jobs import views
from jobs.syndication import board_views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list_view, name="job-list"),
    path("jobs/new/", views.template_gallery_view, name="template-gallery"),
    path("jobs/new/scratch/", views.job_create_view, name="job-create"),
    path("jobs/templates/<uuid:template_id>/", views.template_detail_view,
         name="template-detail"),
    path("jobs/templates/<uuid:template_id>/use/", views.template_use_view, name="template-use"),
    path("jobs/templates/<uuid:template_id>/document/", views.template_document_view,
         name="template-document"),
    path("jobs/<uuid:job_id>/", views.job_detail_view, name="job-detail"),
    path("jobs/<uuid:job_id>/edit/", views.job_edit_view, name="job-edit"),
    path("jobs/<uuid:job_id>/preview/", views.job_preview_view, name="job-preview"),
    path("jobs/<uuid:job_id>/publish/", views.job_status_view, {"action": "publish"},
         name="job-publish"),
    path("jobs/<uuid:job_id>/pause/", views.job_status_view, {"action": "pause"},
         name="job-pause"),
    path("jobs/<uuid:job_id>/close/", views.job_status_view, {"action": "close"},
         name="job-close"),
    path("jobs/<uuid:job_id>/duplicate/", views.job_duplicate_view, name="job-duplicate"),
    path("jobs/<uuid:job_id>/save-as-template/", views.job_save_template_view,
         name="job-save-template"),
    path("jobs/<uuid:job_id>/document/", views.job_document_view, name="job-document"),
    path("jobs/<uuid:job_id>/boards/", board_views.job_board_set_view, name="job-board-set"),
    path("jobs/<uuid:job_id>/boards/resend/", board_views.job_board_resend_view,
         name="job-board-resend"),
    path("job-boards/", board_views.board_settings_view, name="board-settings"),
    path("job-boards/change/", board_views.board_set_view, name="board-set"),
    path("documents/<uuid:document_id>/", views.document_detail_view, name="document-detail"),
    path("documents/<uuid:document_id>/retry/", views.document_retry_view,
         name="document-retry"),
    path("documents/<uuid:document_id>/download/", views.document_download_view,
         name="document-download"),
    path("locations/", views.location_list_view, name="location-list"),
    path("locations/<uuid:location_id>/", views.location_edit_view, name="location-edit"),
    path("locations/<uuid:location_id>/delete/", views.location_delete_view,
         name="location-delete"),
]
