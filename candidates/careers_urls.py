"""The application form and its steps, under /careers/<practice>/ (no login)."""

from __future__ import annotations

from django.urls import path

from candidates import careers_views

app_name = "candidates"

urlpatterns = [
    path("jobs/<slug:job_slug>/apply/", careers_views.apply_view, name="apply"),
    path("apply/survey/<str:token>/", careers_views.survey_view, name="apply-survey"),
    path("apply/thanks/<str:token>/", careers_views.thanks_view, name="apply-thanks"),
    path("privacy/", careers_views.privacy_view, name="privacy"),
]
