"""Staff URLs of the interviews app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from interviews import views

app_name = "interviews"

urlpatterns = [
    path("applications/<uuid:application_id>/interviews/new/", views.interview_schedule_view,
         name="interview-schedule"),
    path("interviews/<uuid:interview_id>/", views.interview_detail_view,
         name="interview-detail"),
    path("interviews/<uuid:interview_id>/cancel/", views.interview_cancel_view,
         name="interview-cancel"),
]
