"""Celery tasks of the onboarding app."""

from __future__ import annotations
