"""Staff URLs of the candidates app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from candidates import profile_views, views

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
]
