"""The interviews app's events on the candidate timeline (registered from AppConfig.ready).
Scorecards appear by who submitted them only: their ratings stay behind blind scoring."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candidates.models import Candidate
from candidates.timeline import Event, register
from interviews.models import Interview, Scorecard


@register
def interview_events(candidate: Candidate) -> list[Event]:
    """Interviews scheduled and cancelled, scorecards submitted. Two queries."""
    events = []
    for interview in (Interview.objects.filter(application__candidate=candidate)
                      .select_related("application__job", "organizer", "practice")):
        local = timezone.localtime(interview.starts_at,
                                   zoneinfo.ZoneInfo(interview.practice.timezone))
        job = interview.application.job.title
        events.append(Event(
            interview.created_at, "interview",
            _("Interview scheduled for %(when)s (%(kind)s)") % {
                "when": date_format(local, "M j, Y, g:i A T"),
                "kind": interview.get_kind_display()},
            job, interview.organizer.full_name if interview.organizer else ""))
        if interview.status == Interview.Status.CANCELLED:
            # cancelling is the last change a cancelled interview takes, so updated_at
            # is when it happened
            events.append(Event(interview.updated_at, "interview", _("Interview cancelled"),
                                job))
    events += [Event(s.submitted_at, "scorecard",
                     _("Scorecard submitted by %(name)s") % {
                         "name": s.interviewer.user.full_name},
                     s.interview.application.job.title)
               for s in Scorecard.objects.filter(interview__application__candidate=candidate,
                                                 submitted_at__isnull=False)
               .select_related("interviewer__user", "interview__application__job")]
    return events
