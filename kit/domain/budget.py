"""Ad budgets: the goal method both ways, break-even, working back through the funnel,
test-then-scale pacing, the learning-phase check, scenarios and month-to-date pacing.

All money is in the client's currency; rates are fractions (CVR 0.02 = 2%).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from kit.domain.metrics import break_even_cpa, break_even_roas, roi, safe_div
from kit.domain.months import days_in

#: Meta's rule of thumb: an ad set leaves the learning phase after about 50 optimisation
#: events in 7 days.
LEARNING_EVENTS_PER_WEEK = 50


#: What a channel's "result" is. Only a purchase has an order value; any other result is
#: worth money only through an explicit share of results that become orders (``to_order``).
RESULT_TYPES = ("purchase", "lead", "inquiry", "signup", "line_friend", "follower", "booking",
                "message")


@dataclass(frozen=True)
class Channel:
    """Assumptions for one channel. Give ``cpa`` directly, or ``cpc`` and ``cvr``.

    ``result`` says what one result is (a purchase, a LINE friend, a lead…). For anything
    but a purchase, ``to_order`` is the share of results that become an order; without it
    the money a result brings is unknown (NaN), never assumed.
    """

    name: str
    cpc: float | None = None
    cvr: float | None = None
    ctr: float | None = None
    cpm: float | None = None
    cpa: float | None = None
    aov: float | None = None
    share: float | None = None  # of the total budget
    result: str = "purchase"
    to_order: float | None = None

    @property
    def cost_per_result(self) -> float:
        """CPA: given, or CPC / CVR."""
        if self.cpa is not None:
            return float(self.cpa)
        return safe_div(self.cpc, self.cvr) if self.cpc is not None and self.cvr else math.nan

    @property
    def orders_per_result(self) -> float:
        """1 for a purchase; the stated share for other results; NaN when unknown."""
        if self.result == "purchase":
            return 1.0
        return float(self.to_order) if self.to_order is not None else math.nan

    @property
    def cost_per_order(self) -> float:
        """What one order costs through this channel (NaN when results are not orders and no
        share of them is known to buy)."""
        return safe_div(self.cost_per_result, self.orders_per_result)


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


def budget_split(channels: Sequence[Channel], total_budget: float) -> dict[str, float]:
    """Each channel's part of the budget: by its share, or equal parts when any share is
    missing."""
    given = [c.share for c in channels]
    shares = ([s for s in given if s is not None] if None not in given
              else [1 / len(channels)] * len(channels))
    return {c.name: total_budget * s for c, s in zip(channels, shares, strict=True)}


def channel_plan(channels: Sequence[Channel], total_budget: float, gross_margin: float,
                 default_aov: float) -> pd.DataFrame:
    """Split ``total_budget`` by each channel's share (equal if none given) and project results.

    Columns: channel, result, budget, cpa (cost per result), results, orders, cost_per_order,
    clicks, impressions, revenue, roas, roi, cpl, payback_orders, profit, break_even_cpa,
    break_even_roas, above_break_even (True/False, or None when the money a result brings is
    unknown). ROI = (revenue - spend) / spend, NaN when revenue is unknown; CPL (spend per
    lead, friend, inquiry…) only for non-purchase results, NaN for purchases; payback_orders
    = cost per order / gross profit per order: the orders a new customer must place before
    the ad money is back (NaN when the cost per order is unknown).
    Revenue comes from orders only: results × share that buy × order value. Profit is gross
    profit on that revenue minus the ad spend.
    """
    split = budget_split(channels, total_budget)
    rows = []
    for ch in channels:
        budget = split[ch.name]
        cpa = ch.cost_per_result
        results = results_for(budget, cpa)
        orders = results * ch.orders_per_result
        aov = ch.aov if ch.aov is not None else default_aov
        clicks = safe_div(budget, ch.cpc) if ch.cpc else math.nan
        impressions = safe_div(clicks, ch.ctr) if ch.ctr else (
            budget / ch.cpm * 1000 if ch.cpm else math.nan)
        revenue = orders * aov
        be_cpa = break_even_cpa(aov, gross_margin)
        per_order = ch.cost_per_order
        rows.append({
            "channel": ch.name, "result": ch.result, "budget": budget, "cpa": cpa,
            "results": results, "orders": orders, "cost_per_order": per_order,
            "to_order": ch.orders_per_result, "aov": aov,
            "clicks": clicks, "impressions": impressions, "revenue": revenue,
            "roas": safe_div(revenue, budget), "roi": roi(revenue, budget),
            "cpl": cpa if ch.result != "purchase" else math.nan,
            "payback_orders": safe_div(per_order, aov * gross_margin),
            "profit": revenue * gross_margin - budget,
            "break_even_cpa": be_cpa, "break_even_roas": break_even_roas(gross_margin),
            "above_break_even": None if math.isnan(per_order) else bool(per_order <= be_cpa),
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


def channel_ladders(starts: Mapping[str, float], caps: Mapping[str, float], weeks: int,
                    step: float = 0.2) -> pd.DataFrame:
    """One test-then-scale ladder per channel: each starts from its own daily amount
    (``starts``) and grows by ``step`` a week up to its own planned daily budget (``caps``),
    so no week ever spends more than the plan.

    Columns: week, channel, daily, weekly.
    """
    rows = []
    for channel, start in starts.items():
        ladder = scale_ladder(min(start, caps[channel]), weeks, step, caps[channel])
        rows += [{"week": int(r.week), "channel": channel, "daily": r.daily,
                  "weekly": r.weekly} for r in ladder.itertuples()]
    return pd.DataFrame(rows, columns=["week", "channel", "daily", "weekly"])


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
        spend = plan["budget"].sum()
        orders = plan["orders"].sum(min_count=len(plan), skipna=False)
        revenue = plan["revenue"].sum(min_count=len(plan), skipna=False)
        rows.append({"scenario": sc.name, "cpc_x": sc.cpc, "cvr_x": sc.cvr, "aov_x": sc.aov,
                     "spend": spend, "results": orders, "cpa": safe_div(spend, orders),
                     "roas": safe_div(revenue, spend),
                     "profit": plan["profit"].sum(min_count=len(plan), skipna=False)})
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
    return Pacing(budget, spent, as_of.day, days_in(as_of))


#: Which ad platform reports a planned channel's spend (Meta's export holds Facebook and
#: Instagram together; Google's holds Search and YouTube).
PLATFORM_OF = {"Facebook": "Meta", "Instagram": "Meta", "Meta": "Meta", "Google Ads": "Google Ads",
               "Google": "Google Ads", "YouTube": "Google Ads"}
#: Spent share of the plan that counts as "as planned" (a finished month).
ON_PLAN = (0.8, 1.1)


def platform_of(channel: str) -> str:
    """The platform whose export reports ``channel``'s spend."""
    return PLATFORM_OF.get(channel, channel)


def month_share_of_weeks(weekly: pd.DataFrame, month: date) -> pd.Series:
    """Spend per channel in ``month`` from weekly rows (``week`` = the week's Monday): each
    week's spend is spread evenly over its 7 days and the days inside the month are kept."""
    first = pd.Timestamp(month)
    end = first + pd.offsets.MonthBegin(1)
    out: dict[str, float] = {}
    for row in weekly.itertuples():
        start = pd.Timestamp(row.week)
        inside = sum(1 for d in range(7) if first <= start + pd.Timedelta(days=d) < end)
        if inside:
            out[row.channel] = out.get(row.channel, 0.0) + float(row.spend) * inside / 7
    return pd.Series(out, dtype=float)


@dataclass(frozen=True)
class PlanVsActual:
    """One platform's planned and actual spend in a month, and where the actual comes from."""

    platform: str
    channels: tuple[str, ...]
    planned: float
    actual: float  # NaN when no file reports it
    source: str  # "export" | "weekly" | "none"

    @property
    def share(self) -> float:
        """Actual over planned (NaN when unknown)."""
        return safe_div(self.actual, self.planned)

    @property
    def verdict(self) -> str:
        """under | on_plan | over | no_data."""
        if math.isnan(self.actual):
            return "no_data"
        low, high = ON_PLAN
        return "under" if self.share < low else "over" if self.share > high else "on_plan"


def plan_vs_actual(planned: Mapping[str, float], exported: Mapping[str, float],
                   weekly: Mapping[str, float] | None = None) -> list[PlanVsActual]:
    """Planned spend per channel against what the files say was spent, per platform.

    ``planned`` is per planned channel; ``exported`` per platform from the ad exports (exact);
    ``weekly`` per channel from a weekly spend file (used only for a platform with no
    export). Platforms spending without a plan are listed with a plan of 0.
    """
    groups: dict[str, list[str]] = {}
    for channel in planned:
        groups.setdefault(platform_of(channel), []).append(channel)
    for platform in exported:
        groups.setdefault(platform, [])
    rows = []
    for platform, channels in groups.items():
        plan = sum(planned[c] for c in channels)
        if platform in exported:
            actual, source = float(exported[platform]), "export"
        elif weekly and any(c in weekly for c in channels):
            actual, source = float(sum(weekly.get(c, 0.0) for c in channels)), "weekly"
        else:
            actual, source = math.nan, "none"
        rows.append(PlanVsActual(platform, tuple(channels), plan, actual, source))
    return rows
