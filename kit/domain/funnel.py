"""Funnels: stage conversion as the analytics tools define it, confidence, bottlenecks, what-ifs.

Definitions (GA4 funnel exploration, Meta/Google reports):
- step conversion of stage k = reached k / reached k-1 (stage 1 has none: NaN);
- overall conversion of stage k = reached k / entered stage 1;
- drop-off of stage k = 1 - step conversion; ``lost`` = reached k-1 - reached k.

Rates multiply, so the lowest step rate is not necessarily the bottleneck: we rank stages by
the value of closing each one's gap to a benchmark, carried through every later stage and
counted at every stage that brings money (a purchase and a repeat purchase both do).
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


#: Stages where a person brings money (``value_per_customer`` applies there), per preset.
#: A repeat purchase is worth an order too, so the marketing funnel has two.
VALUE_STAGES: dict[str, tuple[str, ...]] = {
    "marketing": ("purchase", "repurchase"), "sales": ("paying",), "line": ("order",),
    "marketplace": ("order",),
}


def value_stages(stages: Sequence[str], preset: str | None = None) -> tuple[str, ...]:
    """The stages that bring money: the preset's, else the last stage."""
    known = VALUE_STAGES.get(preset or "", ())
    if known and set(known) <= set(stages):
        return known
    return (stages[-1],)


@dataclass(frozen=True)
class Lift:
    """What one stage's new step rate carries through every later stage."""

    stage: str
    step_rate: float
    new_rate: float
    extra_customers: float  # extra people at the first money stage from here on
    extra_value: float  # extra money over every money stage from here on


def lift(table: pd.DataFrame, stage: str, new_rate: float, values: Mapping[str, float],
         fallback_rates: Mapping[str, float] | None = None) -> Lift:
    """Raise ``stage``'s step rate to ``new_rate`` and carry the extra people down the funnel.

    Later stages keep their own step rates; a later stage whose rate is unknown (nobody
    reached the stage before it) uses its ``fallback_rates`` entry, else the value is NaN
    (unknown, never 0). ``values`` maps money stages to the value of one person there.
    """
    stages = table["stage"].tolist()
    counts = table["count"].astype(float).tolist()
    rates = table["step_rate"].astype(float).tolist()
    k = stages.index(stage)
    new = counts.copy()
    new[k] = counts[k - 1] * new_rate
    for j in range(k + 1, len(stages)):
        rate = rates[j]
        if math.isnan(rate):
            rate = (fallback_rates or {}).get(stages[j], math.nan)
        new[j] = new[j - 1] * rate
    extra = {stages[j]: new[j] - counts[j] for j in range(k, len(stages))}
    money = [s for s in stages[k:] if s in values]
    value = sum(extra[s] * values[s] for s in money) if money else 0.0
    customers = extra[money[0]] if money else math.nan
    return Lift(stage, rates[k], new_rate, customers, value)


def bottlenecks(
    table: pd.DataFrame, benchmarks: Mapping[str, float], value_per_customer: float,
    money_stages: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Stages ranked by what closing their gap to the benchmark is worth.

    Lifting stage k's step rate from r to benchmark b carries the extra people through every
    later stage (see :func:`lift`); their value is counted at every money stage
    (``money_stages``, default the last stage) at ``value_per_customer`` each. ``noise`` is
    True when the benchmark lies inside the stage's 95% interval: the gap may be chance.
    Stages without a benchmark, or already at/above it, have gap 0 and value 0.
    """
    values = {s: value_per_customer for s in (money_stages or [table["stage"].iloc[-1]])}
    rows = []
    for row in table.iloc[1:].itertuples():
        bench = benchmarks.get(row.stage)
        rate = row.step_rate
        extra = value = 0.0
        noise = False
        gap = 0.0
        if bench is not None and not math.isnan(rate):
            gap = max(bench - rate, 0.0)
            noise = bool(row.ci_low <= bench <= row.ci_high)
            if gap > 0:
                gain = lift(table, row.stage, bench, values, benchmarks)
                extra, value = gain.extra_customers, gain.extra_value
        rows.append({"stage": row.stage, "step_rate": rate, "benchmark": bench, "gap": gap,
                     "extra_customers": extra, "extra_value": value, "noise": noise})
    out = pd.DataFrame(rows)
    return out.sort_values("extra_value", ascending=False, kind="stable").reset_index(drop=True)


def what_if(table: pd.DataFrame, points: float, value_per_customer: float,
            money_stages: Sequence[str] | None = None,
            fallback_rates: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Raise each stage's step rate by ``points`` (0.01 = one percentage point), one at a time,
    through the same :func:`lift` as the bottleneck table. Sorted by extra value."""
    values = {s: value_per_customer for s in (money_stages or [table["stage"].iloc[-1]])}
    rows = []
    for row in table.iloc[1:].itertuples():
        r = row.step_rate
        if math.isnan(r):
            rows.append({"stage": row.stage, "step_rate": r, "new_rate": math.nan,
                         "extra_customers": math.nan, "extra_value": math.nan})
            continue
        gain = lift(table, row.stage, min(r + points, 1.0), values, fallback_rates)
        rows.append({"stage": row.stage, "step_rate": r, "new_rate": gain.new_rate,
                     "extra_customers": gain.extra_customers, "extra_value": gain.extra_value})
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
