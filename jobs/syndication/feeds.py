"""PLACEHOLDER: written by the feeds helper."""

from __future__ import annotations

from hiring.models import Practice


def mark_stale(*, practice: Practice) -> None:
    """Bump the practice's feeds and the deployment's; schedule a coalesced build."""
