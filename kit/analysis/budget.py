"""The ad budget's numbers: the goal method both ways, the channel plan against break-even,
the work-back from the target, the learning phase, the test-then-scale ladder, scenarios,
month-to-date pacing and fitted response curves."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from kit import data, domain_inputs
from kit.analysis.context import Context, client_file
from kit.domain import budget as domain
from kit.domain import response
from kit.domain.budget import Pacing
from kit.domain.months import days_in
from kit.domain.platform_rules import rule_for
from kit.domain.response import Curve
from kit.profile import BudgetSection, ClientInfo
from kit.renderers import Rendered


def _float(value: Any) -> float:
    """A table cell as a float (None and missing values as NaN)."""
    return math.nan if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True, slots=True)
class ChannelLine:
    """One channel of the monthly plan (see :func:`kit.domain.budget.channel_plan`)."""

    channel: str
    result: str  # what one result is: purchase, line_friend, lead…
    budget: float
    cpa: float  # cost per result
    cpl: float  # NaN for purchases
    results: float
    orders: float  # NaN when the share of results that order is unknown
    cost_per_order: float
    to_order: float
    aov: float
    clicks: float
    impressions: float
    revenue: float
    roas: float
    roi: float
    profit: float
    payback_orders: float
    above_break_even: bool | None  # None: the money a result brings is unknown


@dataclass(frozen=True, slots=True)
class ChannelPlan(Rendered):
    """The monthly budget split by channel, with projected results and break-even marks."""

    context: Context
    lines: tuple[ChannelLine, ...]
    monthly_budget: float
    gross_margin: float
    aov: float
    target_cpa: float | None
    blended_cpa: float  # cost per order of the whole plan (NaN when an order count is unknown)
    break_even_cpa: float
    break_even_roas: float

    @property
    def break_even(self) -> float:
        """Gross profit of one order at the profile's order value: the most an order may cost."""
        return self.aov * self.gross_margin


@dataclass(frozen=True, slots=True)
class GoalMethod(Rendered):
    """The goal method forwards (target -> budget) and backwards (budget -> results)."""

    context: Context
    monthly_budget: float
    blended_cpa: float
    target_results: float | None
    needed_budget: float | None  # for the target at the blended CPA
    affordable_results: float  # the budget at the blended CPA


@dataclass(frozen=True, slots=True)
class WorkBackLine:
    """One channel's part of the target, worked back to clicks, impressions and cost."""

    channel: str
    results: float
    clicks: float  # NaN for a CPA-only channel
    impressions: float
    cost: float


@dataclass(frozen=True, slots=True)
class WorkBack(Rendered):
    """The target results split by each channel's share of orders."""

    context: Context
    target_results: float
    lines: tuple[WorkBackLine, ...]
    total_cost: float


@dataclass(frozen=True, slots=True)
class LearningLine:
    """A channel's daily budget against its platform's learning-phase threshold."""

    channel: str
    platform: str
    daily: float
    needed: float  # NaN when the platform documents no threshold
    events: int | None
    window_days: int | None
    source: str
    ok: bool | None  # None: no threshold known


@dataclass(frozen=True, slots=True)
class Learning(Rendered):
    """Which channels will stay stuck in learning, by each platform's own rule."""

    context: Context
    lines: tuple[LearningLine, ...]


@dataclass(frozen=True, slots=True)
class LadderStart:
    """Where a channel's ladder starts: its current daily spend ("current"), else the
    profile's ``start_daily`` split by the channel's share ("start")."""

    channel: str
    daily: float
    origin: str


@dataclass(frozen=True, slots=True)
class LadderWeek:
    """One week of the ladder: each channel's daily amount (in ``Ladder.channels`` order)
    and the week's spend over all channels."""

    week: int
    daily: tuple[float, ...]
    weekly: float


@dataclass(frozen=True, slots=True)
class Ladder(Rendered):
    """The test-then-scale plan per channel, each capped at its own plan."""

    context: Context
    starts: tuple[LadderStart, ...]
    channels: tuple[str, ...]
    weeks: tuple[LadderWeek, ...]
    plan_week: float  # a week of the monthly budget
    scale_days: int
    target_cpa: float  # the profile's target, else the blended CPA
    step: float
    break_even: float


@dataclass(frozen=True, slots=True)
class ScenarioLine:
    """The whole plan under one scenario's multipliers."""

    scenario: str  # conservative | base | optimistic, or the consultant's own name
    cpc_x: float
    cvr_x: float
    aov_x: float
    spend: float
    results: float
    cpa: float
    roas: float
    profit: float


@dataclass(frozen=True, slots=True)
class Scenarios(Rendered):
    """Scenarios side by side."""

    context: Context
    lines: tuple[ScenarioLine, ...]


@dataclass(frozen=True, slots=True)
class PacingResult(Rendered):
    """Month-to-date pacing from the daily spend file."""

    context: Context
    pacing: Pacing
    as_of: date


@dataclass(frozen=True, slots=True)
class ChannelHistory:
    """A channel's weekly spend and results, and the curve fitted to them."""

    channel: str
    spend: tuple[float, ...]
    results: tuple[float, ...]
    curve: Curve


@dataclass(frozen=True, slots=True)
class Curves(Rendered):
    """Fitted response curves and the weekly split they suggest (directional)."""

    context: Context
    history: tuple[ChannelHistory, ...]
    total: float  # the usable channels' mean weekly spend
    suggested: tuple[tuple[str, float], ...]  # channel -> suggested weekly spend
    results: float  # expected results of the suggested split
    current_results: float

    @property
    def usable(self) -> tuple[Curve, ...]:
        """Curves with a fitted ceiling."""
        return tuple(h.curve for h in self.history if not math.isnan(h.curve.ceiling))


@dataclass(frozen=True, slots=True)
class Budget(Rendered):
    """Everything the ad-budget workbook shows."""

    context: Context
    goal: GoalMethod
    plan: ChannelPlan
    work_back: WorkBack | None
    learning: Learning
    ladder: Ladder
    scenarios: Scenarios
    pacing: PacingResult | None
    curves: Curves


def channel_plan(context: Context, section: BudgetSection) -> ChannelPlan:
    """The channel plan of ``section`` (an editor's updated section included)."""
    table = domain.channel_plan(domain_inputs.channels(section), section.monthly_budget,
                                section.gross_margin, section.aov)
    return _channel_plan(context, section, table)


def _channel_plan(context: Context, section: BudgetSection, table: pd.DataFrame) -> ChannelPlan:
    orders = table["orders"].sum(min_count=len(table), skipna=False)
    blended = table["budget"].sum() / orders if orders else math.nan
    lines = tuple(
        ChannelLine(str(r.channel), str(r.result), _float(r.budget), _float(r.cpa),
                    _float(r.cpl), _float(r.results), _float(r.orders),
                    _float(r.cost_per_order), _float(r.to_order), _float(r.aov),
                    _float(r.clicks), _float(r.impressions), _float(r.revenue), _float(r.roas),
                    _float(r.roi), _float(r.profit), _float(r.payback_orders),
                    None if r.above_break_even is None or pd.isna(r.above_break_even)
                    else bool(r.above_break_even))
        for r in table.itertuples())
    first = table.iloc[0]
    return ChannelPlan(context, lines, section.monthly_budget, section.gross_margin, section.aov,
                       section.target_cpa, _float(blended), _float(first["break_even_cpa"]),
                       _float(first["break_even_roas"]))


def _goal(context: Context, section: BudgetSection, cpa: float) -> GoalMethod:
    need = (domain.budget_for(section.target_results, cpa)
            if section.target_results and not math.isnan(cpa) else None)
    results = math.nan if math.isnan(cpa) else domain.results_for(section.monthly_budget, cpa)
    return GoalMethod(context, section.monthly_budget, cpa, section.target_results, need,
                      results)


def _work_back(context: Context, section: BudgetSection, channels: list[domain.Channel],
               table: pd.DataFrame) -> WorkBack | None:
    target = section.target_results
    if not target:
        return None
    orders = table["orders"]
    if orders.isna().any():
        return None
    share = orders / orders.sum()
    rows: list[dict[str, Any]] = []
    for ch, part in zip(channels, share, strict=True):
        results = target * part / ch.orders_per_result
        if ch.cvr:
            rows.append({"channel": ch.name, **domain.work_back(results, ch.cvr, ch.ctr,
                                                                ch.cpc, ch.cpm)})
        else:  # CPA-only channel: cost = results x CPA, no funnel to work back through
            rows.append({"channel": ch.name, "results": results, "clicks": math.nan,
                         "impressions": math.nan, "cost": results * ch.cost_per_result})
    frame = pd.DataFrame(rows)
    lines = tuple(WorkBackLine(str(r.channel), _float(r.results), _float(r.clicks),
                               _float(r.impressions), _float(r.cost))
                  for r in frame.itertuples())
    return WorkBack(context, target, lines, _float(frame["cost"].sum()))


def _learning(context: Context, plan: ChannelPlan, days: int) -> Learning:
    lines = []
    for r in plan.lines:
        rule = rule_for(r.channel)
        need = rule.daily_budget_needed(r.cpa)
        daily = r.budget / days
        lines.append(LearningLine(r.channel, rule.platform, daily, need, rule.events,
                                  rule.window_days, rule.source,
                                  None if math.isnan(need) else bool(daily >= need)))
    return Learning(context, tuple(lines))


def _ladder(context: Context, client: ClientInfo, section: BudgetSection,
            channels: list[domain.Channel], plan: ChannelPlan, days: int) -> Ladder:
    split = domain.budget_split(channels, section.start_daily)
    current: dict[str, float] = {}
    if section.actual:
        spend = data.daily_spend(client_file(client, section.actual), section.actual,
                                 lang=client.language)
        n = spend["date"].nunique()
        current = (spend.groupby("channel")["spend"].sum() / n).to_dict() if n else {}
    starts = tuple(LadderStart(c.name, current[c.name], "current") if c.name in current
                   else LadderStart(c.name, split[c.name], "start") for c in channels)
    caps = {r.channel: r.budget / days for r in plan.lines}
    table = domain.channel_ladders({s.channel: s.daily for s in starts}, caps, section.weeks,
                                   section.scale_step)
    names = [c.name for c in channels]
    wide = table.pivot(index="week", columns="channel", values="daily")[names]
    weekly = table.groupby("week")["weekly"].sum()
    weeks = tuple(LadderWeek(int(week), tuple(float(v) for v in wide.loc[week]),
                             float(weekly[week])) for week in wide.index)
    return Ladder(context, starts, tuple(names), weeks, section.monthly_budget / days * 7,
                  section.scale_days, section.target_cpa or plan.blended_cpa,
                  section.scale_step, section.aov * section.gross_margin)


def _scenarios(context: Context, section: BudgetSection,
               channels: list[domain.Channel]) -> Scenarios:
    options = [domain.Scenario(o.name, o.cpc, o.cvr, o.aov) for o in section.scenarios] or list(
        domain.DEFAULT_SCENARIOS)
    table = domain.scenarios(channels, section.monthly_budget, section.gross_margin,
                             section.aov, options)
    return Scenarios(context, tuple(
        ScenarioLine(str(r.scenario), _float(r.cpc_x), _float(r.cvr_x), _float(r.aov_x),
                     _float(r.spend), _float(r.results), _float(r.cpa), _float(r.roas),
                     _float(r.profit)) for r in table.itertuples()))


def _pacing(context: Context, client: ClientInfo, section: BudgetSection,
            period: date) -> PacingResult | None:
    if not section.actual:
        return None
    spend = data.daily_spend(client_file(client, section.actual), section.actual,
                             lang=client.language)
    daily = spend.groupby("date")["spend"].sum()
    as_of: date = section.as_of or daily.index.max().date()
    p = domain.pacing(section.monthly_budget, daily, as_of)
    return PacingResult(context, p, section.as_of or period.replace(day=p.day))


def _curves(context: Context, client: ClientInfo, section: BudgetSection) -> Curves:
    history: list[ChannelHistory] = []
    if section.history:
        weekly = data.weekly_history(client_file(client, section.history), section.history,
                                     lang=client.language)
        for name, g in weekly.groupby("channel", sort=False):
            spend, results = g["spend"].tolist(), g["results"].tolist()
            history.append(ChannelHistory(str(name), tuple(spend), tuple(results),
                                          response.fit(str(name), spend, results)))
    usable = [h.curve for h in history if not math.isnan(h.curve.ceiling)]
    if not usable:
        return Curves(context, tuple(history), 0.0, (), math.nan, math.nan)
    total = sum(c.mean_spend for c in usable)
    alloc = response.allocate(usable, total)
    return Curves(context, tuple(history), total, tuple(alloc.spend.items()), alloc.results,
                  alloc.current_results)


def analyse(client: ClientInfo, period: date, section: BudgetSection) -> Budget:
    """The ad budget of ``section`` for ``period`` (spend files read where named)."""
    context = Context.of(client)
    channels = domain_inputs.channels(section)
    table = domain.channel_plan(channels, section.monthly_budget, section.gross_margin,
                                section.aov)
    plan = _channel_plan(context, section, table)
    days = days_in(period)
    return Budget(context, _goal(context, section, plan.blended_cpa), plan,
                  _work_back(context, section, channels, table),
                  _learning(context, plan, days),
                  _ladder(context, client, section, channels, plan, days),
                  _scenarios(context, section, channels),
                  _pacing(context, client, section, period),
                  _curves(context, client, section))


def with_budget(section: BudgetSection, monthly_budget: float,
                shares: tuple[float, ...]) -> BudgetSection:
    """``section`` with another monthly budget and channel shares (as typed in an editor;
    normalised to sum to 1)."""
    whole = sum(shares) or 1
    return section.model_copy(update={
        "monthly_budget": monthly_budget,
        "channels": [c.model_copy(update={"share": s / whole})
                     for c, s in zip(section.channels, shares, strict=True)]})

