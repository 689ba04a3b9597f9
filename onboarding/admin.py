"""Django admin for the onboarding app."""

from __future__ import annotations
