"""KPI progress against the plan: progress, where the KPI should be by now, traffic light,
projection to the deadline, and plain changes against earlier periods.

progress = (current - baseline) / (target - baseline): 0 at the start, 1 at the target.
The planned line is the same compound monthly path the goals workbook draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from kit.domain.kpi import required_monthly_rate
from kit.domain.months import a_year_before, months_between, previous_month

DEFAULT_BANDS = {"on_track": 0.9, "at_risk": 0.7}


def progress(current: float, baseline: float, target: float) -> float:
    """Share of the way from baseline to target (NaN when target equals baseline)."""
    if target == baseline or any(map(_nan, (current, baseline, target))):
        return math.nan
    return (current - baseline) / (target - baseline)


def _nan(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def expected_value(baseline: float, target: float, start: date, deadline: date,
                   at: date) -> float:
    """Where the KPI should be at ``at`` on the compound path from start to deadline."""
    months = months_between(start, deadline)
    rate = required_monthly_rate(baseline, target, months)
    if math.isnan(rate):
        return math.nan
    elapsed = min(max(months_between(start, at), 0), months)
    return baseline * (1 + rate) ** elapsed


def status(actual_progress: float, expected_progress: float,
           bands: dict[str, float] = DEFAULT_BANDS) -> str:
    """on_track | at_risk | off_track by the ratio of actual to expected progress.

    Before any progress is expected (month 0), anything not going backwards is on track.
    """
    if _nan(actual_progress):
        return "unknown"
    if _nan(expected_progress) or expected_progress <= 0:
        return "on_track" if actual_progress >= 0 else "at_risk"
    ratio = actual_progress / expected_progress
    if ratio >= bands["on_track"]:
        return "on_track"
    if ratio >= bands["at_risk"]:
        return "at_risk"
    return "off_track"


def projection(baseline: float, current: float, start: date, at: date, deadline: date) -> float:
    """Value at the deadline if the compound pace from start to now continues."""
    elapsed = months_between(start, at)
    if elapsed <= 0 or baseline <= 0 or current <= 0:
        return math.nan
    pace = float((current / baseline) ** (1 / elapsed)) - 1
    return current * float((1 + pace) ** max(months_between(at, deadline), 0))


def change(current: float | None, before: float | None) -> float:
    """Relative change (0.12 = +12%); NaN when there is nothing to compare."""
    if current is None or before is None or _nan(current) or _nan(before) or before == 0:
        return math.nan
    return current / before - 1


@dataclass(frozen=True)
class KpiStatus:
    """One KPI in one reporting month."""

    name: str
    baseline: float
    target: float
    actual: float
    expected: float
    progress: float
    expected_progress: float
    status: str
    projected: float
    vs_previous: float
    vs_last_year: float


def kpi_status(name: str, baseline: float, target: float, start: date, deadline: date,
               period: date, series: dict[date, float],
               bands: dict[str, float] = DEFAULT_BANDS) -> KpiStatus:
    """Status of a KPI for ``period`` from its monthly series (first day of month -> value)."""
    actual = series.get(period, math.nan)
    prev_month = previous_month(period)
    last_year = a_year_before(period)
    expected = expected_value(baseline, target, start, deadline, period)
    return KpiStatus(
        name, baseline, target, actual, expected,
        progress(actual, baseline, target), progress(expected, baseline, target),
        status(progress(actual, baseline, target), progress(expected, baseline, target), bands),
        projection(baseline, actual, start, period, deadline),
        change(actual, series.get(prev_month)), change(actual, series.get(last_year)),
    )
