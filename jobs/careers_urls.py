"""The public careers site of a practice, under /careers/<practice>/ (no login)."""

from __future__ import annotations

from django.urls import path

from jobs import careers_views

app_name = "careers"

urlpatterns = [
    path("", careers_views.careers_home_view, name="home"),
    path("jobs/<slug:job_slug>/", careers_views.job_page_view, name="job"),
]
