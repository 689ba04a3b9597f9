"""Due dates in business days: weekends and US federal holidays do not count."""

from __future__ import annotations

from datetime import date

import pytest

from onboarding.business_days import add_business_days, due_date, federal_holidays


def test_the_federal_holidays_of_2026_as_observed():
    assert federal_holidays(2026) == {
        date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 16), date(2026, 5, 25),
        date(2026, 6, 19), date(2026, 7, 3),  # July 4 is a Saturday: observed Friday
        date(2026, 9, 7), date(2026, 10, 12), date(2026, 11, 11), date(2026, 11, 26),
        date(2026, 12, 25)}


def test_a_sunday_holiday_is_observed_on_monday_and_new_year_may_fall_in_december():
    assert date(2028, 12, 25) in federal_holidays(2028)  # a Monday
    assert date(2027, 7, 5) in federal_holidays(2027)  # July 4, 2027 is a Sunday
    assert date(2027, 12, 31) in federal_holidays(2027)  # Jan 1, 2028 is a Saturday


@pytest.mark.parametrize(("start", "expected", "why"), [
    (date(2026, 11, 23), date(2026, 11, 27), "Mon start: Tue, Wed, (Thanksgiving), Fri"),
    (date(2026, 11, 25), date(2026, 12, 1), "Wed start: (Thu holiday), Fri, (weekend), Mon, Tue"),
    (date(2026, 12, 4), date(2026, 12, 9), "Fri start: (weekend), Mon, Tue, Wed"),
    (date(2026, 7, 1), date(2026, 7, 7), "Wed start: Thu, (Fri July 3 observed), Mon, Tue"),
])
def test_i9_section_two_is_due_three_business_days_after_the_first_day(start, expected, why):
    assert add_business_days(start, 3) == expected, why
    assert due_date(start, days=3, business_days=True) == expected


def test_calendar_days_and_days_before_the_start():
    start = date(2026, 11, 30)
    assert due_date(start, days=-7, business_days=False) == date(2026, 11, 23)
    assert due_date(start, days=0, business_days=True) == start
    assert add_business_days(start, -1) == date(2026, 11, 27)
    assert add_business_days(date(2026, 11, 27), -1) == date(2026, 11, 25)
