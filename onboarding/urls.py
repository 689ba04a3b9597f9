"""Staff URLs of the onboarding app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path  # noqa: F401  (the sections below add their paths)

app_name = "onboarding"

urlpatterns: list = [
]
