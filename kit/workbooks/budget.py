"""The ad-budget workbook: goal method both ways, channel plan against break-even, learning
phase, test-then-scale ladder, scenarios, month-to-date pacing and diminishing returns."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, data, domain_inputs, fmt
from kit.domain import budget as domain
from kit.domain import response
from kit.domain.months import days_in
from kit.domain.platform_rules import rule_for
from kit.i18n import t
from kit.params import BudgetParams
from kit.profile import RESULT_WORDS, BudgetSection
from kit.workbooks.base import Book

#: Where a channel's test ladder starts, and the named scenarios, in words.
START_WORDS = {"current": "budget.scale.start.current", "start": "budget.scale.start.start"}
SCENARIO_WORDS = {"conservative": "budget.scenario.conservative", "base": "budget.scenario.base",
                  "optimistic": "budget.scenario.optimistic"}



def break_even_badge(above: bool | None, lang: str) -> Markup:
    """Profit or loss against break-even; unknown when the money a result brings is unknown."""
    if above is None:
        return blocks.badge(t("budget.status.unknown", lang), "neutral")
    return blocks.badge(t("budget.status.above" if above else "budget.status.below", lang),
                      "good" if above else "bad")

@dataclass(frozen=True)
class BudgetBook(Book):
    """A client's budget section with its plan computed."""

    section: BudgetSection
    PARAMS = BudgetParams
    SECTION = "budget"

    @cached_property
    def channels(self) -> list[domain.Channel]:
        """Channel assumptions as domain objects."""
        return domain_inputs.channels(self.section)

    @cached_property
    def plan(self) -> pd.DataFrame:
        """The monthly budget split by channel, with projected results and break-even marks."""
        s = self.section
        return domain.channel_plan(self.channels, s.monthly_budget, s.gross_margin, s.aov)

    @property
    def days(self) -> int:
        """Days in the reporting month."""
        return days_in(self.period)

    @property
    def blended_cpa(self) -> float:
        """Cost per order of the whole plan (NaN when a channel's orders are unknown)."""
        orders = self.plan["orders"].sum(min_count=len(self.plan), skipna=False)
        return self.plan["budget"].sum() / orders if orders else math.nan

    def assumptions(self) -> list[str]:
        """What each non-purchase channel's money rests on, said to the owner."""
        lines = []
        for r in self.plan.itertuples():
            if r.result == "purchase":
                continue
            kind = t(RESULT_WORDS[r.result], self.lang)
            if math.isnan(r.to_order):
                lines.append(t("budget.assume.unknown", self.lang, channel=r.channel, kind=kind,
                               cpa=self.money(r.cpa)))
            else:
                one_in = 1 / r.to_order
                lines.append(t("budget.assume.rate", self.lang, channel=r.channel, kind=kind,
                               cpa=self.money(r.cpa), rate=fmt.pct(r.to_order, 0),
                               one_in=fmt.number(one_in, 0 if one_in >= 10 else 1),
                               aov=self.money(r.aov), per_order=self.money(r.cost_per_order)))
        return lines

    def payback(self) -> list[str]:
        """Per channel: the orders a new customer must place before the ad money is back."""
        lines = []
        for r in self.plan.itertuples():
            if math.isnan(r.payback_orders):
                lines.append(t("budget.payback.unknown", self.lang, channel=r.channel))
                continue
            key = "budget.payback.first" if r.payback_orders <= 1 else "budget.payback.orders"
            lines.append(t(key, self.lang, channel=r.channel, cost=self.money(r.cost_per_order),
                           profit=self.money(r.aov * self.section.gross_margin),
                           orders=fmt.number(r.payback_orders, 1)))
        return lines

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return blocks.section(t("budget.title", self.lang), t("budget.intro", self.lang), level=1)

    def goal_html(self) -> Markup:
        """The goal method forwards (target -> budget) and backwards (budget -> results)."""
        lang, s = self.lang, self.section
        cpa = self.blended_cpa
        lines = []
        if s.target_results and not math.isnan(cpa):
            need = domain.budget_for(s.target_results, cpa)
            lines.append(t("budget.goal.forward", lang, results=fmt.number(s.target_results, 0),
                           cpa=self.money(cpa), budget=self.money(need)))
            diff = s.monthly_budget - need
            if abs(diff) >= 1:
                lines.append(t("budget.goal.gap", lang, diff=self.money(abs(diff)),
                               direction=t("budget.more" if diff > 0 else "budget.less", lang)))
        if math.isnan(cpa):
            lines = [t("budget.goal.unknown", lang)]
        else:
            lines.append(t("budget.goal.backward", lang, budget=self.money(s.monthly_budget),
                           cpa=self.money(cpa),
                           results=fmt.number(domain.results_for(s.monthly_budget, cpa), 0)))
        return blocks.section(t("budget.goal.title", lang)) + blocks.join(
            blocks.paragraph(line) for line in lines)

    @cached_property
    def work_back(self) -> pd.DataFrame | None:
        """The target results split by channel share, worked back to clicks, impressions, cost."""
        s = self.section
        if not s.target_results:
            return None
        orders = self.plan["orders"]
        if orders.isna().any():
            return None
        share = orders / orders.sum()
        rows = []
        for ch, part in zip(self.channels, share, strict=True):
            results = s.target_results * part / ch.orders_per_result
            if ch.cvr:
                rows.append({"channel": ch.name, **domain.work_back(results, ch.cvr, ch.ctr,
                                                                    ch.cpc, ch.cpm)})
            else:  # CPA-only channel: cost = results x CPA, no funnel to work back through
                rows.append({"channel": ch.name, "results": results, "clicks": math.nan,
                             "impressions": math.nan, "cost": results * ch.cost_per_result})
        return pd.DataFrame(rows)

    def workback_html(self) -> Markup:
        """From the target number of results back to clicks, impressions and cost per channel."""
        table = self.work_back
        if table is None:
            return Markup()
        lang = self.lang
        cols = ("budget.col.channel", "budget.col.results", "budget.col.clicks",
                "budget.col.impressions", "budget.col.cost")
        rows = [(r.channel, fmt.number(r.results, 1), fmt.number(r.clicks, 0),
                 fmt.number(r.impressions, 0), self.money(r.cost)) for r in table.itertuples()]
        total = blocks.paragraph(t("budget.workback.total", lang,
                                 cost=self.money(table["cost"].sum()),
                                 results=fmt.number(self.section.target_results, 0)))
        return (blocks.section(t("budget.workback.title", lang), t("budget.workback.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows) + total)

    def plan_html(self) -> Markup:
        """Budget, CPA, results, orders, ROAS and profit per channel, against break-even."""
        lang = self.lang
        cols = ("budget.col.channel", "budget.col.budget", "budget.col.cpa", "budget.col.cpl",
                "budget.col.results", "budget.col.orders", "budget.col.clicks",
                "budget.col.impressions", "budget.col.roas", "budget.col.roi",
                "budget.col.profit", "budget.col.status")
        unknown = t("value.unknown", lang)
        rows = [
            (r.channel, self.money(r.budget), self.money(r.cpa),
             "—" if r.result == "purchase" else self.money(r.cpl),
             f"{fmt.number(r.results, 0)} {t(RESULT_WORDS[r.result], lang)}",
             fmt.number(r.orders, 0) if not math.isnan(r.orders) else unknown,
             fmt.number(r.clicks, 0), fmt.number(r.impressions, 0),
             fmt.number(r.roas, 2) if not math.isnan(r.roas) else unknown,
             fmt.pct(r.roi, 0, signed=True) if not math.isnan(r.roi) else unknown,
             self.money(r.profit) if not math.isnan(r.profit) else unknown,
             break_even_badge(r.above_break_even, lang))
            for r in self.plan.itertuples()
        ]
        first = self.plan.iloc[0]
        note = t("budget.breakeven", lang, cpa=self.money(first["break_even_cpa"]),
                 roas=fmt.number(first["break_even_roas"], 2))
        out = (blocks.section(t("budget.plan.title", lang), t("budget.plan.intro", lang))
               + blocks.table([t(key, lang) for key in cols], rows, cls="kit-kpi")
               + blocks.paragraph(note))
        payback = self.payback()
        if payback:
            out += (blocks.paragraph(t("budget.payback.title", lang), cls="kit-label")
                    + blocks.bullet_list(payback))
        assumptions = self.assumptions()
        if assumptions:
            out += (blocks.paragraph(t("budget.assume.title", lang), cls="kit-label")
                    + blocks.bullet_list(assumptions))
        return out

    def chart_html(self) -> Markup:
        """CPA by channel against break-even and target."""
        fig = charts.cpa_bars(self.plan["channel"].tolist(), self.plan["cpa"].tolist(),
                              self.section.aov * self.section.gross_margin,
                              self.section.target_cpa, self.client.brand_colour, self.lang,
                              self.client.currency)
        return blocks.png(fig, alt=t("budget.chart.title", self.lang), takeaway=self.cpa_takeaway())

    def cpa_takeaway(self) -> str:
        """The CPA chart in one sentence: the dearest channel against break-even."""
        be = self.section.aov * self.section.gross_margin
        known = self.plan.dropna(subset=["cost_per_order"])
        if known.empty:
            return t("budget.takeaway.unknown", self.lang)
        worst = known.loc[known["cost_per_order"].idxmax()]
        key = "budget.takeaway.over" if worst["cost_per_order"] > be else "budget.takeaway.all_ok"
        return t(key, self.lang, channel=worst["channel"],
                 cpa=self.money(worst["cost_per_order"]), be=self.money(be))

    @cached_property
    def learning(self) -> pd.DataFrame:
        """Daily budget per channel against its own platform's learning-phase threshold."""
        rows = []
        for r in self.plan.itertuples():
            rule = rule_for(r.channel)
            need = rule.daily_budget_needed(r.cpa)
            daily = r.budget / self.days
            rows.append({"channel": r.channel, "platform": rule.platform, "daily": daily,
                         "needed": need, "events": rule.events, "window": rule.window_days,
                         "source": rule.source,
                         "ok": None if math.isnan(need) else bool(daily >= need)})
        return pd.DataFrame(rows)

    def learning_html(self) -> Markup:
        """Which channels will stay stuck in learning, by each platform's own rule."""
        lang = self.lang
        rows = []
        for r in self.learning.itertuples():
            if r.ok is None:
                rule, verdict = t("budget.learning.no_rule", lang), blocks.badge(
                    t("budget.learning.unknown", lang), "neutral")
            else:
                rule = t("budget.learning.rule", lang, events=int(r.events),
                         days=int(r.window))
                verdict = blocks.badge(t("budget.learning.ok" if r.ok else "budget.learning.low",
                                       lang), "good" if r.ok else "warn")
            rows.append((r.channel, self.money(r.daily), rule, self.money(r.needed), verdict))
        cols = ("budget.col.channel", "budget.col.daily", "budget.col.rule", "budget.col.needed",
                "budget.col.enough")
        sources = sorted({f"{r.platform}{fmt.punct('colon', lang)}{r.source}"
                          for r in self.learning.itertuples()})
        return (blocks.section(t("budget.learning.title", lang), t("budget.learning.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows)
                + blocks.paragraph(t("budget.learning.sources", lang,
                                   sources=fmt.join(sources, lang, "semicolon")),
                                 cls="kit-muted"))

    @cached_property
    def ladder_starts(self) -> dict[str, tuple[float, str]]:
        """Each channel's starting daily amount and where it comes from: its current daily
        spend (month to date), else the profile's ``start_daily`` split by the channel's share."""
        split = domain.budget_split(self.channels, self.section.start_daily)
        current: dict[str, float] = {}
        if self.section.actual:
            spend = data.daily_spend(self.data_path(self.section.actual), self.section.actual,
                                     lang=self.lang)
            days = spend["date"].nunique()
            current = (spend.groupby("channel")["spend"].sum() / days).to_dict() if days else {}
        return {c.name: (current[c.name], "current") if c.name in current
                else (split[c.name], "start") for c in self.channels}

    @cached_property
    def ladder(self) -> pd.DataFrame:
        """Week-by-week test-then-scale plan per channel, each capped at its own plan."""
        s = self.section
        caps = {r.channel: r.budget / self.days for r in self.plan.itertuples()}
        table = domain.channel_ladders({k: v for k, (v, _) in self.ladder_starts.items()},
                                       caps, s.weeks, s.scale_step)
        cpa = dict(zip(self.plan["channel"], self.plan["cpa"], strict=True))
        table["expected"] = table["weekly"] / table["channel"].map(cpa)
        return table

    def scale_html(self) -> Markup:
        """The ladder per channel with its scale-up and stop-loss rules; never above plan."""
        lang, s = self.lang, self.section
        starts = fmt.join((t(START_WORDS[origin], lang, channel=name,
                             daily=self.money(daily))
                           for name, (daily, origin) in self.ladder_starts.items()), lang)
        intro = t("budget.scale.intro", lang, start=starts, days=s.scale_days,
                  target=self.money(s.target_cpa or self.blended_cpa),
                  step=fmt.pct(s.scale_step, 0), be=self.money(s.aov * s.gross_margin))
        wide = self.ladder.pivot(index="week", columns="channel", values="daily")
        wide = wide[[c.name for c in self.channels]]
        weekly = self.ladder.groupby("week")["weekly"].sum()
        plan_week = self.section.monthly_budget / self.days * 7
        header = [t("budget.col.week", lang), *wide.columns, t("budget.col.weekly", lang),
                  t("budget.col.vs_plan", lang)]
        rows = [(int(week), *(self.money(v) for v in wide.loc[week]),
                 self.money(weekly[week]), fmt.pct(weekly[week] / plan_week, 0))
                for week in wide.index]
        return (blocks.section(t("budget.scale.title", lang), intro)
                + blocks.table(header, rows))

    @cached_property
    def scenarios(self) -> pd.DataFrame:
        """The plan under each scenario (the profile's, else conservative/base/optimistic)."""
        s = self.section
        options = [domain.Scenario(o.name, o.cpc, o.cvr, o.aov) for o in s.scenarios] or list(
            domain.DEFAULT_SCENARIOS)
        return domain.scenarios(self.channels, s.monthly_budget, s.gross_margin, s.aov, options)

    def _scenario_name(self, name: str) -> str:
        key = SCENARIO_WORDS.get(name)
        return t(key, self.lang) if key else name

    def scenarios_html(self) -> Markup:
        """Scenarios side by side, with the assumptions that differ."""
        lang = self.lang
        cols = ("budget.col.scenario", "budget.col.assumptions", "budget.col.budget",
                "budget.col.results", "budget.col.cpa", "budget.col.roas", "budget.col.profit")
        rows = [(self._scenario_name(r.scenario),
                 f"CPC ×{r.cpc_x:g}・CVR ×{r.cvr_x:g}・AOV ×{r.aov_x:g}", self.money(r.spend),
                 fmt.number(r.results, 0), self.money(r.cpa), fmt.number(r.roas, 2),
                 self.money(r.profit)) for r in self.scenarios.itertuples()]
        return (blocks.section(t("budget.scenarios.title", lang), t("budget.scenarios.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows))

    @cached_property
    def pacing(self) -> domain.Pacing | None:
        """Month-to-date pacing from the daily spend file, when there is one."""
        s = self.section
        if not s.actual:
            return None
        spend = data.daily_spend(self.data_path(s.actual), s.actual, lang=self.lang)
        daily = spend.groupby("date")["spend"].sum()
        as_of = s.as_of or daily.index.max().date()
        return domain.pacing(s.monthly_budget, daily, as_of)

    def pacing_html(self) -> Markup:
        """Spend so far, projected month end, and an overrun warning before it happens."""
        p = self.pacing
        if p is None:
            return Markup()
        lang = self.lang
        as_of = self.section.as_of or self.period.replace(day=p.day)
        text = blocks.paragraph(t("budget.pacing.status", lang, date=fmt.day(as_of, lang),
                                spent=self.money(p.spent), budget=self.money(p.budget),
                                projected=self.money(p.projected)))
        if p.overrun > 0:
            warn = t("budget.pacing.overrun", lang, over=self.money(p.overrun), day=p.exhausted_on,
                     daily=self.money(p.daily_to_stay_within))
            text += blocks.paragraph(warn, "kit-alert")
        else:
            text += blocks.paragraph(t("budget.pacing.ok", lang,
                                     daily=self.money(p.daily_to_stay_within)))
        return blocks.section(t("budget.pacing.title", lang)) + text

    @cached_property
    def history(self) -> pd.DataFrame | None:
        """Weekly spend and results per channel, when the profile names a history file."""
        s = self.section
        if not s.history:
            return None
        return data.weekly_history(self.data_path(s.history), s.history, lang=self.lang)

    @cached_property
    def curves(self) -> dict[str, response.Curve]:
        """A fitted response curve per channel with history."""
        if self.history is None:
            return {}
        return {name: response.fit(name, g["spend"].tolist(), g["results"].tolist())
                for name, g in self.history.groupby("channel", sort=False)}

    def curves_html(self) -> Markup:
        """Fit quality, suggested weekly split and its expected gain, labelled directional."""
        lang = self.lang
        out = blocks.section(t("budget.curve.title", lang), t("budget.curve.intro", lang))
        usable = [c for c in self.curves.values() if not math.isnan(c.ceiling)]
        if not usable:
            return out + blocks.paragraph(t("budget.curve.none", lang))
        total = sum(c.mean_spend for c in usable)
        alloc = response.allocate(usable, total)
        rows = [(c.channel, fmt.number(c.r2, 2), self.money(c.mean_spend),
                 self.money(alloc.spend.get(c.channel)),
                 blocks.badge(t("budget.curve.trusted" if c.trusted else "budget.curve.thin", lang),
                            "good" if c.trusted else "warn"))
                for c in usable]
        cols = [t("budget.col.channel", lang), t("budget.curve.col.fit", lang),
                t("budget.curve.col.now", lang), t("budget.curve.col.suggested", lang),
                t("budget.curve.col.trust", lang)]

        points = {name: (g["spend"].tolist(), g["results"].tolist())
                  for name, g in self.history.groupby("channel", sort=False)}
        fig = charts.response_curves(points, self.curves, self.client.brand_colour, lang,
                                      self.client.currency)
        summary = t("budget.curve.summary", lang, total=self.money(total),
                    best=fmt.number(alloc.results, 0),
                    current=fmt.number(alloc.current_results, 0))
        return (out + blocks.table(cols, rows) + blocks.paragraph(summary, cls="kit-verdict")
                + blocks.png(fig, alt=t("budget.curve.chart", lang), takeaway=summary))
