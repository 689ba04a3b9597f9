"""Public URLs of the onboarding app (private links), under /careers/<practice>/."""

from __future__ import annotations

from django.urls import path  # noqa: F401  (the sections below add their paths)

app_name = "onboarding-public"

urlpatterns: list = [
]
