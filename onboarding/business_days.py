"""Business days for due dates (the I-9's section 2 is due within three business days of
the first day of work): weekends and US federal holidays do not count."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n=-1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A fixed-date holiday on a Saturday is observed on Friday, on a Sunday on Monday."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@cache
def federal_holidays(year: int) -> frozenset[date]:
    """The eleven holidays of 5 U.S.C. 6103, as observed."""
    monday, thursday = 0, 3
    days = {
        _observed(date(year, 1, 1)),                 # New Year's Day
        _nth_weekday(year, 1, monday, 3),            # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, monday, 3),            # Washington's Birthday
        _nth_weekday(year, 5, monday, -1),           # Memorial Day
        _observed(date(year, 6, 19)),                # Juneteenth
        _observed(date(year, 7, 4)),                 # Independence Day
        _nth_weekday(year, 9, monday, 1),            # Labor Day
        _nth_weekday(year, 10, monday, 2),           # Columbus Day
        _observed(date(year, 11, 11)),               # Veterans Day
        _nth_weekday(year, 11, thursday, 4),         # Thanksgiving Day
        _observed(date(year, 12, 25)),               # Christmas Day
    }
    # New Year's Day of the next year may be observed on this year's December 31
    if date(year + 1, 1, 1).weekday() == 5:
        days.add(date(year, 12, 31))
    return frozenset(days)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    """`days` business days after `start` (before it when negative). Zero keeps `start`."""
    step = 1 if days >= 0 else -1
    remaining, day = abs(days), start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day):
            remaining -= 1
    return day


def due_date(start: date, *, days: int, business_days: bool) -> date:
    return add_business_days(start, days) if business_days else start + timedelta(days=days)
