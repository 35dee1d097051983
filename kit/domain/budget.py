"""Ad budgets: the goal method both ways, break-even, working back through the funnel,
test-then-scale pacing, the learning-phase check, scenarios and month-to-date pacing.

All money is in the client's currency; rates are fractions (CVR 0.02 = 2%).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from kit.domain.metrics import break_even_cpa, break_even_roas, safe_div

#: Meta's rule of thumb: an ad set leaves the learning phase after about 50 optimisation
#: events in 7 days.
LEARNING_EVENTS_PER_WEEK = 50


@dataclass(frozen=True)
class Channel:
    """Assumptions for one channel. Give ``cpa`` directly, or ``cpc`` and ``cvr``."""

    name: str
    cpc: float | None = None
    cvr: float | None = None
    ctr: float | None = None
    cpm: float | None = None
    cpa: float | None = None
    aov: float | None = None
    share: float | None = None  # of the total budget

    @property
    def cost_per_result(self) -> float:
        """CPA: given, or CPC / CVR."""
        if self.cpa is not None:
            return float(self.cpa)
        return safe_div(self.cpc, self.cvr) if self.cpc is not None and self.cvr else math.nan


def budget_for(target_results: float, cost_per_result: float) -> float:
    """Goal method: budget = target results x cost per result."""
    return target_results * cost_per_result


def results_for(budget: float, cost_per_result: float) -> float:
    """Goal method backwards: expected results = budget / cost per result (NaN if cost is 0)."""
    return safe_div(budget, cost_per_result)


def work_back(results: float, cvr: float, ctr: float | None = None,
              cpc: float | None = None, cpm: float | None = None) -> dict[str, float]:
    """From results back through the funnel: clicks = results / CVR, impressions = clicks / CTR,
    cost = clicks x CPC (or impressions / 1000 x CPM when only CPM is known)."""
    clicks = safe_div(results, cvr)
    impressions = safe_div(clicks, ctr) if ctr else math.nan
    if cpc is not None:
        cost = clicks * cpc
    elif cpm is not None:
        cost = impressions / 1000 * cpm
    else:
        cost = math.nan
    return {"results": results, "clicks": clicks, "impressions": impressions, "cost": cost}


def channel_plan(channels: Sequence[Channel], total_budget: float, gross_margin: float,
                 default_aov: float) -> pd.DataFrame:
    """Split ``total_budget`` by each channel's share (equal if none given) and project results.

    Columns: channel, budget, cpa, results, clicks, impressions, revenue, roas, profit,
    break_even_cpa, break_even_roas, above_break_even (True when CPA <= break-even CPA).
    Profit is gross profit on the revenue minus the ad spend.
    """
    shares = [c.share for c in channels]
    if any(s is None for s in shares):
        shares = [1 / len(channels)] * len(channels)
    rows = []
    for ch, share in zip(channels, shares, strict=True):
        budget = total_budget * share
        cpa = ch.cost_per_result
        results = results_for(budget, cpa)
        aov = ch.aov if ch.aov is not None else default_aov
        clicks = safe_div(budget, ch.cpc) if ch.cpc else math.nan
        impressions = safe_div(clicks, ch.ctr) if ch.ctr else (
            budget / ch.cpm * 1000 if ch.cpm else math.nan)
        revenue = results * aov
        be_cpa = break_even_cpa(aov, gross_margin)
        rows.append({
            "channel": ch.name, "budget": budget, "cpa": cpa, "results": results,
            "clicks": clicks, "impressions": impressions, "revenue": revenue,
            "roas": safe_div(revenue, budget), "profit": revenue * gross_margin - budget,
            "break_even_cpa": be_cpa, "break_even_roas": break_even_roas(gross_margin),
            "above_break_even": bool(cpa <= be_cpa) if not math.isnan(cpa) else False,
        })
    return pd.DataFrame(rows)


def learning_phase_minimum(cpa: float, events: int = LEARNING_EVENTS_PER_WEEK) -> float:
    """Daily budget needed for ``events`` optimisation events a week: events x CPA / 7."""
    return events * cpa / 7


def scale_ladder(start_daily: float, weeks: int, step: float = 0.2,
                 max_daily: float | None = None) -> pd.DataFrame:
    """Test-then-scale plan: week 1 at ``start_daily``, each next week up by ``step`` (at most
    ~20% so delivery is not reset) while CPA holds, capped at ``max_daily``.

    Columns: week, daily, weekly, cumulative.
    """
    rows, daily, total = [], float(start_daily), 0.0
    for week in range(1, weeks + 1):
        if max_daily is not None:
            daily = min(daily, max_daily)
        total += daily * 7
        rows.append({"week": week, "daily": daily, "weekly": daily * 7, "cumulative": total})
        daily *= 1 + step
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Scenario:
    """A named set of multipliers on every channel's CPC, CVR and AOV (1.0 = unchanged)."""

    name: str
    cpc: float = 1.0
    cvr: float = 1.0
    aov: float = 1.0


DEFAULT_SCENARIOS = (
    Scenario("conservative", cpc=1.2, cvr=0.8, aov=0.95),
    Scenario("base"),
    Scenario("optimistic", cpc=0.9, cvr=1.2, aov=1.05),
)


def scenarios(channels: Sequence[Channel], total_budget: float, gross_margin: float,
              default_aov: float, options: Sequence[Scenario] = DEFAULT_SCENARIOS) -> pd.DataFrame:
    """Spend, results, CPA, ROAS and profit of the whole plan under each scenario."""
    rows = []
    for sc in options:
        adjusted = [
            replace(c,
                    cpc=c.cpc * sc.cpc if c.cpc is not None else None,
                    cvr=min(c.cvr * sc.cvr, 1.0) if c.cvr is not None else None,
                    cpa=c.cpa * sc.cpc / sc.cvr if c.cpa is not None else None,
                    aov=(c.aov if c.aov is not None else default_aov) * sc.aov)
            for c in channels
        ]
        plan = channel_plan(adjusted, total_budget, gross_margin, default_aov * sc.aov)
        spend, results, revenue = plan["budget"].sum(), plan["results"].sum(), plan["revenue"].sum()
        rows.append({"scenario": sc.name, "cpc_x": sc.cpc, "cvr_x": sc.cvr, "aov_x": sc.aov,
                     "spend": spend, "results": results, "cpa": safe_div(spend, results),
                     "roas": safe_div(revenue, spend), "profit": plan["profit"].sum()})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Pacing:
    """Month-to-date spend against the monthly budget, projected to month end."""

    budget: float
    spent: float
    day: int
    days_in_month: int

    @property
    def projected(self) -> float:
        """Spend at month end if the daily average so far continues."""
        return self.spent / self.day * self.days_in_month if self.day else math.nan

    @property
    def overrun(self) -> float:
        """Projected spend above budget (0 when within)."""
        return max(self.projected - self.budget, 0.0)

    @property
    def exhausted_on(self) -> int | None:
        """Day of month the budget runs out at the current pace (None if it lasts)."""
        if self.projected <= self.budget or self.spent <= 0:
            return None
        return min(self.days_in_month, math.ceil(self.budget / (self.spent / self.day)))

    @property
    def daily_to_stay_within(self) -> float:
        """Daily spend for the remaining days that lands exactly on budget."""
        left = self.days_in_month - self.day
        return max(self.budget - self.spent, 0.0) / left if left > 0 else 0.0


def pacing(budget: float, daily_spend: Mapping[date, float] | pd.Series, as_of: date) -> Pacing:
    """Pacing of a month from its daily spend up to and including ``as_of``."""
    series = pd.Series(daily_spend, dtype=float)
    if len(series):
        series.index = pd.to_datetime(series.index)
        mask = (series.index.year == as_of.year) & (series.index.month == as_of.month) & (
            series.index.day <= as_of.day)
        spent = float(series[mask].sum())
    else:
        spent = 0.0
    return Pacing(budget, spent, as_of.day, calendar.monthrange(as_of.year, as_of.month)[1])
