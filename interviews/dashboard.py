"""The interviews app's panel on the practice home page (its template reads `data`)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django.utils import timezone

from candidates.selectors import application_visible
from hiring.dashboard import Panel, register
from hiring.http import PracticeRequest
from hiring.roles import Perm
from interviews.models import Interview


@register
def todays_interviews(request: PracticeRequest) -> Panel | None:
    """Today's interviews in the practice's calendar: all of them for those who run the
    hiring, one's own for an interviewer."""
    if not request.membership.can(Perm.VIEW_JOBS):
        return None
    zone = zoneinfo.ZoneInfo(request.practice.timezone)
    today = timezone.localdate(timezone=zone)
    start = datetime.combine(today, time.min, tzinfo=zone)
    interviews = Interview.objects.filter(
        application__in=application_visible(membership=request.membership),
        status=Interview.Status.SCHEDULED, starts_at__gte=start,
        starts_at__lt=start + timedelta(days=1))
    if not request.membership.can(Perm.MANAGE_CANDIDATES):
        interviews = interviews.filter(interviewers=request.membership)
    rows = list(interviews.select_related("application__candidate", "application__job")
                .order_by("starts_at"))
    return Panel("interviews/_dashboard_panel.html", {"interviews": rows})
