"""The candidates app's panels on the practice home page (its template reads `data`)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet
from django.db.models.functions import Now
from django.utils import timezone

from candidates.models import Application
from candidates.selectors import application_visible
from hiring.dashboard import Panel, register
from hiring.http import PracticeRequest
from hiring.roles import Perm

FIRST_VISIT_WINDOW = timedelta(days=7)


@register
def pipeline_news(request: PracticeRequest) -> Panel | None:
    """New applications since the member's last visit, and who has waited too long."""
    if not request.membership.can(Perm.VIEW_JOBS):
        return None
    visible = application_visible(membership=request.membership)
    since = getattr(request, "previously_seen_at", None) or (
        request.membership.created_at - FIRST_VISIT_WINDOW)
    new = visible.filter(created_at__gt=since).select_related("candidate", "job")
    return Panel("candidates/_dashboard_panel.html", {
        "new_count": new.count(), "new_latest": list(new.order_by("-created_at")[:5]),
        "since": since, "waiting": _waiting_too_long(visible)})


ROW = ("stage__name", "job__title", "job__public_id")


def _waiting_too_long(visible: QuerySet[Application]) -> list[dict[str, Any]]:
    """Per job and stage, how many active candidates have waited longer than the stage's
    expected days. Postgres does the date arithmetic; SQLite (the embedded demo) cannot
    multiply a duration, so there the few rows are counted here."""
    active = visible.filter(status=Application.Status.ACTIVE, stage__expected_days__gt=0)
    if connection.vendor == "postgresql":
        limit = ExpressionWrapper(F("stage__expected_days") * timedelta(days=1),
                                  output_field=DurationField())
        rows = (active.annotate(limit=limit).filter(stage_changed_at__lt=Now() - F("limit"))
                .values(*ROW).annotate(count=Count("id")).order_by("-count")[:8])
        return list(rows)
    now = timezone.now()
    counts: Counter[tuple[Any, ...]] = Counter(
        tuple(row[k] for k in ROW)
        for row in active.values(*ROW, "stage_changed_at", "stage__expected_days")
        if row["stage_changed_at"]
        and now - row["stage_changed_at"] > timedelta(days=row["stage__expected_days"]))
    return [{**dict(zip(ROW, key, strict=True)), "count": n}
            for key, n in counts.most_common(8)]
