"""Funnels: stage conversion as the analytics tools define it, confidence, bottlenecks, what-ifs.

Definitions (GA4 funnel exploration, Meta/Google reports):
- step conversion of stage k = reached k / reached k-1 (stage 1 has none: NaN);
- overall conversion of stage k = reached k / entered stage 1;
- drop-off of stage k = 1 - step conversion; ``lost`` = reached k-1 - reached k.

Rates multiply, so the lowest step rate is not necessarily the bottleneck: we rank stages by
the value of closing each one's gap to a benchmark (extra final customers x value each).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Stage keys of the presets; labels live in the i18n catalogue (``funnel.stage.<key>``).
PRESETS: dict[str, tuple[str, ...]] = {
    "marketing": ("exposure", "consideration", "purchase", "repurchase"),
    "sales": ("lead_magnet", "subscriber", "trial", "paying"),
    "line": ("ad_reach", "line_friend", "chat", "order"),
    "marketplace": ("impressions", "clicks", "add_to_cart", "order"),
}

#: Rough step-conversion guides for the preset stages. Starting points for a conversation,
#: not truth: every client can override them in their profile.
DEFAULT_BENCHMARKS: dict[str, float] = {
    "consideration": 0.05, "purchase": 0.03, "repurchase": 0.25,
    "subscriber": 0.30, "trial": 0.20, "paying": 0.25,
    "line_friend": 0.02, "chat": 0.30, "order": 0.25,
    "clicks": 0.03, "add_to_cart": 0.08,
}

Z95 = 1.959963984540054


def wilson_interval(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default); (nan, nan) with no trials."""
    if not trials or trials <= 0:
        return (math.nan, math.nan)
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def two_proportion_p(x1: float, n1: float, x2: float, n2: float) -> float:
    """Two-sided p-value of the pooled two-proportion z-test; NaN if undefined."""
    if n1 <= 0 or n2 <= 0:
        return math.nan
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return math.nan
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def funnel_table(stages: Sequence[str], counts: Sequence[float]) -> pd.DataFrame:
    """Per-stage counts, step and overall conversion, drop-off and a 95% interval on each step.

    Raises ValueError if counts are negative or a stage has more people than the one before.
    """
    c = np.asarray(counts, dtype=float)
    if len(stages) != len(c) or len(c) < 2:
        raise ValueError("a funnel needs at least two stages, one count each")
    if (c < 0).any():
        raise ValueError("stage counts cannot be negative")
    if (np.diff(c) > 0).any():
        raise ValueError("a stage cannot have more people than the stage before it")
    prev = np.concatenate([[np.nan], c[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(prev > 0, c / np.where(prev > 0, prev, 1), np.nan)
        overall = c / c[0] if c[0] > 0 else np.full_like(c, np.nan)
    step[0] = np.nan
    lows, highs = zip(*(wilson_interval(c[k], prev[k]) if k else (math.nan, math.nan)
                        for k in range(len(c))), strict=True)
    return pd.DataFrame({
        "stage": list(stages), "count": c, "step_rate": step, "overall_rate": overall,
        "drop_off": 1 - step, "lost": prev - c, "ci_low": lows, "ci_high": highs,
    })


def bottlenecks(
    table: pd.DataFrame, benchmarks: Mapping[str, float], value_per_customer: float
) -> pd.DataFrame:
    """Stages ranked by what closing their gap to the benchmark is worth.

    Lifting stage k's step rate from r to benchmark b multiplies everyone downstream by b/r,
    so the extra final customers are final x (b/r - 1) and their value is that x value each.
    ``noise`` is True when the benchmark lies inside the stage's 95% interval: the gap may be
    chance. Stages without a benchmark, or already at/above it, have gap 0 and value 0.
    """
    final = float(table["count"].iloc[-1])
    rows = []
    for row in table.iloc[1:].itertuples():
        bench = benchmarks.get(row.stage)
        rate = row.step_rate
        if bench is None or math.isnan(rate):
            gap = extra = 0.0
            noise = False
        else:
            gap = max(bench - rate, 0.0)
            extra = final * (bench / rate - 1) if gap > 0 and rate > 0 else 0.0
            noise = bool(row.ci_low <= bench <= row.ci_high)
        rows.append({"stage": row.stage, "step_rate": rate, "benchmark": bench, "gap": gap,
                     "extra_customers": extra, "extra_value": extra * value_per_customer,
                     "noise": noise})
    out = pd.DataFrame(rows)
    return out.sort_values("extra_value", ascending=False, kind="stable").reset_index(drop=True)


def what_if(table: pd.DataFrame, points: float, value_per_customer: float) -> pd.DataFrame:
    """Raise each stage's step rate by ``points`` (0.01 = one percentage point), one at a time.

    Extra final customers = final x ((r + points) / r - 1), the rate capped at 100%.
    Sorted by extra value, highest first.
    """
    final = float(table["count"].iloc[-1])
    rows = []
    for row in table.iloc[1:].itertuples():
        r = row.step_rate
        new = min(r + points, 1.0) if not math.isnan(r) else math.nan
        extra = final * (new / r - 1) if r and r > 0 else math.nan
        rows.append({"stage": row.stage, "step_rate": r, "new_rate": new,
                     "extra_customers": extra, "extra_value": extra * value_per_customer})
    out = pd.DataFrame(rows)
    return out.sort_values("extra_value", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class StageChange:
    """One stage's step rate in two periods, and whether the difference could be chance."""

    stage: str
    before: float
    after: float
    p_value: float

    @property
    def noise(self) -> bool:
        """True when the change is not significant at 5%."""
        return math.isnan(self.p_value) or self.p_value >= 0.05


def compare_periods(before: pd.DataFrame, after: pd.DataFrame) -> list[StageChange]:
    """Step-rate change per stage between two funnel tables with the same stages."""
    out = []
    for k in range(1, len(after)):
        b, a = before.iloc[k], after.iloc[k]
        p = two_proportion_p(a["count"], after.iloc[k - 1]["count"],
                             b["count"], before.iloc[k - 1]["count"])
        out.append(StageChange(a["stage"], b["step_rate"], a["step_rate"], p))
    return out
