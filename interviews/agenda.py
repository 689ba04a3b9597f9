"""Reads for the schedule pages: a member's own interviews (coming up, and to score) and
the practice's week calendar. Each is a fixed number of queries."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from candidates.selectors import application_visible
from hiring.models import Membership
from interviews.models import Interview, Scorecard


def _mine(membership: Membership) -> QuerySet[Interview]:
    # only interviews of jobs the member can see: the links must not lead to a 404
    return (Interview.objects.filter(
        application__in=application_visible(membership=membership), interviewers=membership,
        status=Interview.Status.SCHEDULED)
        .select_related("application__candidate", "application__job"))


def interview_list_upcoming(*, membership: Membership, now: datetime) -> QuerySet[Interview]:
    """The member's interviews still to start, soonest first."""
    return _mine(membership).filter(starts_at__gte=now).order_by("starts_at")


def interview_list_to_score(*, membership: Membership, now: datetime) -> QuerySet[Interview]:
    """The member's interviews that have started (scoring is open from then) without their
    submitted scorecard, oldest first: the longest wait is the first to fill in."""
    submitted = Scorecard.objects.filter(interview=OuterRef("pk"), interviewer=membership,
                                         submitted_at__isnull=False)
    return (_mine(membership).filter(starts_at__lt=now).exclude(Exists(submitted))
            .order_by("starts_at"))


@dataclass(frozen=True)
class Day:
    date: date
    interviews: list[Interview]


@dataclass(frozen=True)
class Week:
    monday: date
    days: list[Day]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def count(self) -> int:
        return sum(len(day.interviews) for day in self.days)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def interview_week(*, membership: Membership, day: date) -> Week:
    """The week (Monday to Sunday, in the practice's time zone) holding `day`, with the
    interviews of the jobs the member can see, cancelled ones included. Two queries."""
    zone = zoneinfo.ZoneInfo(membership.practice.timezone)
    monday = monday_of(day)
    dates = [monday + timedelta(days=i) for i in range(7)]
    # midnight to midnight on the practice's calendar: a DST week is 167 or 169 hours
    start = datetime.combine(monday, time.min, tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=zone)
    interviews = (Interview.objects.filter(
        application__in=application_visible(membership=membership),
        starts_at__gte=start, starts_at__lt=end)
        .select_related("application__candidate", "application__job")
        .prefetch_related(Prefetch("interviewers",
                                   queryset=Membership.objects.select_related("user")))
        .order_by("starts_at", "pk"))
    by_day: dict[date, list[Interview]] = {d: [] for d in dates}
    for interview in interviews:
        by_day[interview.starts_at.astimezone(zone).date()].append(interview)
    return Week(monday=monday, days=[Day(d, by_day[d]) for d in dates])
