"""Calendar months, the kit's unit of time: one place for the month arithmetic that goals,
KPI plans, pacing, budgets and reports share. Pure functions; a month is the date of its
first day."""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from typing import Any

import pandas as pd


def first_day(day: date) -> date:
    """The first day of ``day``'s month (the month itself)."""
    return date(day.year, day.month, 1)


def days_in(day: date) -> int:
    """How many days ``day``'s month has."""
    return calendar.monthrange(day.year, day.month)[1]


def last_day(day: date) -> date:
    """The last day of ``day``'s month."""
    return date(day.year, day.month, days_in(day))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start's month to end's month (2026-11 -> 2027-05 is 6).

    KPIs are monthly values: the start month's value is the baseline (month 0) and the
    deadline's month is the month whose value must reach the target."""
    return (end.year - start.year) * 12 + (end.month - start.month)


def previous_month(month: date) -> date:
    """The first day of the month before ``month``'s."""
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def next_month(month: date) -> date:
    """The first day of the month after ``month``'s."""
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def a_year_before(month: date) -> date:
    """The same month a year earlier (29 February becomes the 28th)."""
    start = date(month.year - 1, month.month, 1)
    return start.replace(day=min(month.day, days_in(start)))


def add_months(day: date, months: float) -> date:
    """``day`` moved by ``months`` calendar months (fractions as days), clamped to month end."""
    whole = math.floor(months)
    y, m = divmod(day.month - 1 + whole, 12)
    start = date(day.year + y, m + 1, 1)
    moved = start.replace(day=min(day.day, days_in(start)))
    return moved + timedelta(days=round((months - whole) * 30.4375))


def month_starts(dates: Any) -> Any:
    """A pandas datetime Series as the months its dates fall in (first days, ``date``)."""
    return pd.to_datetime(dates).dt.to_period("M").dt.to_timestamp().dt.date
