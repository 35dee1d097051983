"""Content calendar: Monday weeks, Taiwanese retail dates as suggestions, and gaps.

Lunar-calendar festivals move every year, so they are listed per year (2026-2028).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

#: Retail dates consultants plan around in Taiwan: key -> date (lunar ones per year).
RETAIL_DATES: dict[int, dict[str, date]] = {
    2026: {"lunar_new_year": date(2026, 2, 17), "valentines": date(2026, 2, 14),
           "mothers_day": date(2026, 5, 10), "dragon_boat": date(2026, 6, 19),
           "qixi": date(2026, 8, 19), "mid_autumn": date(2026, 9, 25),
           "double_11": date(2026, 11, 11), "double_12": date(2026, 12, 12),
           "year_end": date(2026, 12, 25)},
    2027: {"lunar_new_year": date(2027, 2, 6), "valentines": date(2027, 2, 14),
           "mothers_day": date(2027, 5, 9), "dragon_boat": date(2027, 6, 9),
           "qixi": date(2027, 8, 8), "mid_autumn": date(2027, 9, 15),
           "double_11": date(2027, 11, 11), "double_12": date(2027, 12, 12),
           "year_end": date(2027, 12, 25)},
    2028: {"lunar_new_year": date(2028, 1, 26), "valentines": date(2028, 2, 14),
           "mothers_day": date(2028, 5, 14), "dragon_boat": date(2028, 5, 28),
           "qixi": date(2028, 8, 26), "mid_autumn": date(2028, 10, 3),
           "double_11": date(2028, 11, 11), "double_12": date(2028, 12, 12),
           "year_end": date(2028, 12, 25)},
}


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weeks(start: date, count: int) -> list[date]:
    """``count`` Mondays from the week holding ``start``."""
    first = week_of(start)
    return [first + timedelta(weeks=i) for i in range(count)]


def retail_dates(start: date, end: date) -> list[tuple[date, str]]:
    """Retail dates between ``start`` and ``end`` (inclusive), in date order."""
    found = [(d, key) for year in range(start.year, end.year + 1)
             for key, d in RETAIL_DATES.get(year, {}).items() if start <= d <= end]
    return sorted(found)


def gaps(items: Iterable[tuple[date, str]], channels: Iterable[str],
         plan_weeks: list[date]) -> list[tuple[date, str]]:
    """(week, channel) pairs where a funded channel has no content planned."""
    planned = {(week_of(d), ch) for d, ch in items}
    return [(w, ch) for w in plan_weeks for ch in channels if (w, ch) not in planned]
