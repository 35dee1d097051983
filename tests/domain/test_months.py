"""Month arithmetic, worked out on a calendar."""

from datetime import date

import pandas as pd
import pytest

from kit.domain import months as m


@pytest.mark.parametrize(("day", "first", "last", "days"), [
    (date(2026, 11, 23), date(2026, 11, 1), date(2026, 11, 30), 30),
    (date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29), 29),  # leap year
    (date(2027, 2, 28), date(2027, 2, 1), date(2027, 2, 28), 28),
    (date(2026, 12, 31), date(2026, 12, 1), date(2026, 12, 31), 31),
])
def test_first_last_and_length(day, first, last, days):
    assert (m.first_day(day), m.last_day(day), m.days_in(day)) == (first, last, days)


def test_neighbours_cross_the_year():
    assert m.previous_month(date(2027, 1, 1)) == date(2026, 12, 1)
    assert m.next_month(date(2026, 12, 15)) == date(2027, 1, 1)
    assert m.a_year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert m.a_year_before(date(2026, 11, 1)) == date(2025, 11, 1)


def test_months_between_counts_calendar_months():
    assert m.months_between(date(2026, 9, 30), date(2027, 3, 1)) == 6
    assert m.months_between(date(2026, 11, 1), date(2026, 11, 30)) == 0


def test_add_months_clamps_to_month_end_and_counts_fractions_as_days():
    assert m.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert m.add_months(date(2026, 9, 1), 6) == date(2027, 3, 1)
    assert m.add_months(date(2026, 9, 1), 0.5) == date(2026, 9, 16)  # 15.2 days


def test_month_starts_of_a_series():
    s = pd.Series(pd.to_datetime(["2026-10-31 23:00", "2026-11-01 00:00", "2024-02-29 12:00"]))
    assert list(m.month_starts(s)) == [date(2026, 10, 1), date(2026, 11, 1), date(2024, 2, 1)]
