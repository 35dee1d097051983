"""KPI plans: months to deadline, the compound monthly rate a target needs, and whether the
client's own history says that rate is realistic.

Rates are fractions per month (0.045 = +4.5% a month). Anything that cannot be computed
(baseline 0, no months left, fewer than two history points) is NaN, never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from kit.domain.months import months_between

#: How far above the client's own historical monthly growth a target may sit and still be
#: called a stretch rather than unrealistic (5 percentage points a month).
DEFAULT_STRETCH_MARGIN = 0.05
Flag = str  # "realistic" | "stretch" | "unrealistic" | "no_history" | "unknown"


def required_monthly_rate(baseline: float, target: float, months: int) -> float:
    """Compound monthly rate r with baseline x (1 + r)^months = target; NaN if undefined."""
    if months is None or months <= 0 or not baseline or baseline <= 0 or target is None:
        return math.nan
    if target <= 0:
        return math.nan
    return float((target / baseline) ** (1.0 / months)) - 1.0


def historical_monthly_rate(history: Sequence[float] | None) -> float:
    """Compound average monthly rate over a monthly history (oldest first); NaN if < 2 points."""
    if history is None:
        return math.nan
    values = [float(v) for v in history if v is not None and not pd.isna(v)]
    if len(values) < 2 or values[0] <= 0 or values[-1] <= 0:
        return math.nan
    return float((values[-1] / values[0]) ** (1.0 / (len(values) - 1))) - 1.0


def seasonal_rate(history: Sequence[float] | None, months: int) -> float:
    """Compound monthly rate over the same months a year earlier.

    ``history`` is monthly, oldest first, ending with the start month (the baseline's
    month); with 13 or more points, the window start-12 .. start-12+months is last year's
    same season. NaN when the history is too short or the window is over 12 months.
    """
    values = [float(v) for v in history or () if v is not None and not pd.isna(v)]
    if months <= 0 or months > 12 or len(values) < 13:
        return math.nan
    before, after = values[-13], values[-13 + months]
    if before <= 0 or after <= 0:
        return math.nan
    return float((after / before) ** (1.0 / months)) - 1.0


def achievability(
    required: float,
    historical: float = math.nan,
    stretch_margin: float = DEFAULT_STRETCH_MARGIN,
    seasonal: float = math.nan,
) -> Flag:
    """Judge a required monthly rate against the client's own past pace.

    The past pace is the faster of the recent trend (``historical``) and the same months
    last year (``seasonal``), so a goal over a peak season is judged against last year's
    peak. Works in the KPI's own direction: for a falling target (a lower CPA) both rates
    are mirrored, so "faster than history" always means harder.

    - realistic: no faster than the client has already been moving;
    - stretch: faster, but by at most ``stretch_margin`` a month;
    - unrealistic: faster than that;
    - no_history: no history given: achievability is unknown (no pace is assumed);
    - unknown: the required rate itself cannot be computed.
    """
    if required is None or math.isnan(required):
        return "unknown"
    known = [r for r in (historical, seasonal) if r is not None and not math.isnan(r)]
    if not known:
        return "no_history"
    sign = -1.0 if required < 0 else 1.0
    need, pace = sign * required, max(max(sign * r for r in known), 0.0)
    if need <= pace + 1e-12:
        return "realistic"
    if need <= pace + stretch_margin + 1e-12:
        return "stretch"
    return "unrealistic"


@dataclass(frozen=True)
class Verdict:
    """How hard a goal is: the monthly rate it needs, the past paces, the flag."""

    months: int
    required_rate: float
    historical_rate: float
    seasonal_rate: float
    flag: Flag


def judge(baseline: float, target: float, start: date, deadline: date,
          history: Sequence[float] = (),
          stretch_margin: float = DEFAULT_STRETCH_MARGIN) -> Verdict:
    """One verdict for a goal, used by the SMART check and the KPI plan alike."""
    months = months_between(start, deadline)
    req = required_monthly_rate(baseline, target, months)
    hist = historical_monthly_rate(history)
    season = seasonal_rate(history, months)
    return Verdict(months, req, hist, season,
                   achievability(req, hist, stretch_margin, season))


def monthly_path(baseline: float, rate: float, months: int) -> list[float]:
    """Expected value at the end of each month 0..months on the compound path."""
    if months is None or months < 0 or math.isnan(rate):
        return []
    return [baseline * (1.0 + rate) ** m for m in range(months + 1)]


@dataclass(frozen=True)
class Kpi:
    """One KPI with its start, deadline and optional monthly history (oldest first)."""

    name: str
    baseline: float
    target: float
    start: date
    deadline: date
    unit: str = ""
    history: tuple[float, ...] = field(default_factory=tuple)


def kpi_plan(kpis: Sequence[Kpi], stretch_margin: float = DEFAULT_STRETCH_MARGIN) -> pd.DataFrame:
    """One row per KPI: baseline, target, months, required and historical monthly rates, flag.

    Columns: name, unit, baseline, target, start, deadline, months, change (target/baseline - 1),
    required_rate, historical_rate, seasonal_rate, flag.
    """
    rows = []
    for k in kpis:
        v = judge(k.baseline, k.target, k.start, k.deadline, k.history, stretch_margin)
        rows.append(
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": float(k.baseline),
                "target": float(k.target),
                "start": k.start,
                "deadline": k.deadline,
                "months": v.months,
                "change": (k.target / k.baseline - 1.0) if k.baseline else np.nan,
                "required_rate": v.required_rate,
                "historical_rate": v.historical_rate,
                "seasonal_rate": v.seasonal_rate,
                "flag": v.flag,
            }
        )
    columns = [
        "name", "unit", "baseline", "target", "start", "deadline", "months",
        "change", "required_rate", "historical_rate", "seasonal_rate", "flag",
    ]
    return pd.DataFrame(rows, columns=columns)
