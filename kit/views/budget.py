"""The ad-budget workbook's sections: goal method, channel plan, work-back, CPA chart,
learning phase, scale ladder, scenarios, pacing and response curves."""

from __future__ import annotations

import math

from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.budget import (
    Budget,
    ChannelPlan,
    Curves,
    GoalMethod,
    Ladder,
    Learning,
    PacingResult,
    Scenarios,
    WorkBack,
)
from kit.i18n import t
from kit.profile import RESULT_WORDS
from kit.renderers import renders

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


def intro(lang: str) -> Markup:
    """Title and purpose."""
    return blocks.section(t("budget.title", lang), t("budget.intro", lang), level=1)


@renders(GoalMethod)
def goal(result: GoalMethod) -> Markup:
    """The goal method forwards (target -> budget) and backwards (budget -> results)."""
    lang, cur = result.context.lang, result.context.currency
    cpa = result.blended_cpa
    lines = []
    if result.target_results and result.needed_budget is not None:
        need = result.needed_budget
        lines.append(t("budget.goal.forward", lang, results=fmt.number(result.target_results, 0),
                       cpa=fmt.money(cpa, cur), budget=fmt.money(need, cur)))
        diff = result.monthly_budget - need
        if abs(diff) >= 1:
            lines.append(t("budget.goal.gap", lang, diff=fmt.money(abs(diff), cur),
                           direction=t("budget.more" if diff > 0 else "budget.less", lang)))
    if math.isnan(cpa):
        lines = [t("budget.goal.unknown", lang)]
    else:
        lines.append(t("budget.goal.backward", lang,
                       budget=fmt.money(result.monthly_budget, cur), cpa=fmt.money(cpa, cur),
                       results=fmt.number(result.affordable_results, 0)))
    return blocks.section(t("budget.goal.title", lang)) + blocks.join(
        blocks.paragraph(line) for line in lines)


@renders(WorkBack)
def work_back(result: WorkBack | None) -> Markup:
    """From the target number of results back to clicks, impressions and cost per channel."""
    if result is None:
        return Markup()
    lang, cur = result.context.lang, result.context.currency
    cols = ("budget.col.channel", "budget.col.results", "budget.col.clicks",
            "budget.col.impressions", "budget.col.cost")
    rows = [(r.channel, fmt.number(r.results, 1), fmt.number(r.clicks, 0),
             fmt.number(r.impressions, 0), fmt.money(r.cost, cur)) for r in result.lines]
    total = blocks.paragraph(t("budget.workback.total", lang,
                               cost=fmt.money(result.total_cost, cur),
                               results=fmt.number(result.target_results, 0)))
    return (blocks.section(t("budget.workback.title", lang), t("budget.workback.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows) + total)


def payback(result: ChannelPlan) -> list[str]:
    """Per channel: the orders a new customer must place before the ad money is back."""
    lang, cur = result.context.lang, result.context.currency
    lines = []
    for r in result.lines:
        if math.isnan(r.payback_orders):
            lines.append(t("budget.payback.unknown", lang, channel=r.channel))
            continue
        key = "budget.payback.first" if r.payback_orders <= 1 else "budget.payback.orders"
        lines.append(t(key, lang, channel=r.channel, cost=fmt.money(r.cost_per_order, cur),
                       profit=fmt.money(r.aov * result.gross_margin, cur),
                       orders=fmt.number(r.payback_orders, 1)))
    return lines


def assumptions(result: ChannelPlan) -> list[str]:
    """What each non-purchase channel's money rests on, said to the owner."""
    lang, cur = result.context.lang, result.context.currency
    lines = []
    for r in result.lines:
        if r.result == "purchase":
            continue
        kind = t(RESULT_WORDS[r.result], lang)
        if math.isnan(r.to_order):
            lines.append(t("budget.assume.unknown", lang, channel=r.channel, kind=kind,
                           cpa=fmt.money(r.cpa, cur)))
        else:
            one_in = 1 / r.to_order
            lines.append(t("budget.assume.rate", lang, channel=r.channel, kind=kind,
                           cpa=fmt.money(r.cpa, cur), rate=fmt.pct(r.to_order, 0),
                           one_in=fmt.number(one_in, 0 if one_in >= 10 else 1),
                           aov=fmt.money(r.aov, cur),
                           per_order=fmt.money(r.cost_per_order, cur)))
    return lines


@renders(ChannelPlan)
def plan(result: ChannelPlan) -> Markup:
    """Budget, CPA, results, orders, ROAS and profit per channel, against break-even."""
    lang, cur = result.context.lang, result.context.currency
    cols = ("budget.col.channel", "budget.col.budget", "budget.col.cpa", "budget.col.cpl",
            "budget.col.results", "budget.col.orders", "budget.col.clicks",
            "budget.col.impressions", "budget.col.roas", "budget.col.roi",
            "budget.col.profit", "budget.col.status")
    unknown = t("value.unknown", lang)
    rows = [
        (r.channel, fmt.money(r.budget, cur), fmt.money(r.cpa, cur),
         "—" if r.result == "purchase" else fmt.money(r.cpl, cur),
         f"{fmt.number(r.results, 0)} {t(RESULT_WORDS[r.result], lang)}",
         fmt.number(r.orders, 0) if not math.isnan(r.orders) else unknown,
         fmt.number(r.clicks, 0), fmt.number(r.impressions, 0),
         fmt.number(r.roas, 2) if not math.isnan(r.roas) else unknown,
         fmt.pct(r.roi, 0, signed=True) if not math.isnan(r.roi) else unknown,
         fmt.money(r.profit, cur) if not math.isnan(r.profit) else unknown,
         break_even_badge(r.above_break_even, lang))
        for r in result.lines
    ]
    note = t("budget.breakeven", lang, cpa=fmt.money(result.break_even_cpa, cur),
             roas=fmt.number(result.break_even_roas, 2))
    out = (blocks.section(t("budget.plan.title", lang), t("budget.plan.intro", lang))
           + blocks.table([t(key, lang) for key in cols], rows, cls="kit-kpi")
           + blocks.paragraph(note))
    paid = payback(result)
    if paid:
        out += (blocks.paragraph(t("budget.payback.title", lang), cls="kit-label")
                + blocks.bullet_list(paid))
    assumed = assumptions(result)
    if assumed:
        out += (blocks.paragraph(t("budget.assume.title", lang), cls="kit-label")
                + blocks.bullet_list(assumed))
    return out


def live_plan(result: ChannelPlan, whole_share: float) -> Markup:
    """The workshop editor's live table: budget, results, CPA, ROAS and break-even per
    channel, a warning when the shares typed do not add up to 100%, and the total results."""
    lang, cur = result.context.lang, result.context.currency
    rows = [(r.channel, fmt.money(r.budget, cur), fmt.number(r.results, 0),
             fmt.money(r.cpa, cur), fmt.number(r.roas, 2),
             break_even_badge(r.above_break_even, lang)) for r in result.lines]
    cols = ("budget.col.channel", "budget.col.budget", "budget.col.results",
            "budget.col.cpa", "budget.col.roas", "budget.col.status")
    results = fmt.number(sum(r.results for r in result.lines), 0)
    note = Markup() if abs(whole_share - 1) < 0.005 else blocks.paragraph(
        t("workshop.budget.shares", lang, total=fmt.pct(whole_share, 0)), "kit-warn")
    return (blocks.table([t(key, lang) for key in cols], rows) + note
            + Markup("<p>{}{}<strong class='kit-live-total'>{}</strong></p>").format(
                t("budget.col.results", lang), fmt.punct("colon", lang), results))


def cpa_takeaway(result: ChannelPlan) -> str:
    """The CPA chart in one sentence: the dearest channel against break-even."""
    lang, cur = result.context.lang, result.context.currency
    be = result.break_even
    known = [r for r in result.lines if not math.isnan(r.cost_per_order)]
    if not known:
        return t("budget.takeaway.unknown", lang)
    worst = max(known, key=lambda r: r.cost_per_order)
    key = "budget.takeaway.over" if worst.cost_per_order > be else "budget.takeaway.all_ok"
    return t(key, lang, channel=worst.channel, cpa=fmt.money(worst.cost_per_order, cur),
             be=fmt.money(be, cur))


def chart(result: ChannelPlan) -> Markup:
    """CPA by channel against break-even and target."""
    c = result.context
    fig = charts.cpa_bars([r.channel for r in result.lines], [r.cpa for r in result.lines],
                          result.break_even, result.target_cpa, c.brand_colour, c.lang,
                          c.currency)
    return blocks.png(fig, alt=t("budget.chart.title", c.lang), takeaway=cpa_takeaway(result))


@renders(Learning)
def learning(result: Learning) -> Markup:
    """Which channels will stay stuck in learning, by each platform's own rule."""
    lang, cur = result.context.lang, result.context.currency
    rows = []
    for r in result.lines:
        if r.ok is None:
            rule, verdict = t("budget.learning.no_rule", lang), blocks.badge(
                t("budget.learning.unknown", lang), "neutral")
        else:
            rule = t("budget.learning.rule", lang, events=int(r.events or 0),
                     days=int(r.window_days or 0))
            verdict = blocks.badge(t("budget.learning.ok" if r.ok else "budget.learning.low",
                                     lang), "good" if r.ok else "warn")
        rows.append((r.channel, fmt.money(r.daily, cur), rule, fmt.money(r.needed, cur),
                     verdict))
    cols = ("budget.col.channel", "budget.col.daily", "budget.col.rule", "budget.col.needed",
            "budget.col.enough")
    sources = sorted({f"{r.platform}{fmt.punct('colon', lang)}{r.source}"
                      for r in result.lines})
    return (blocks.section(t("budget.learning.title", lang), t("budget.learning.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows)
            + blocks.paragraph(t("budget.learning.sources", lang,
                                 sources=fmt.join(sources, lang, "semicolon")),
                               cls="kit-muted"))


@renders(Ladder)
def scale(result: Ladder) -> Markup:
    """The ladder per channel with its scale-up and stop-loss rules; never above plan."""
    lang, cur = result.context.lang, result.context.currency
    starts = fmt.join((t(START_WORDS[s.origin], lang, channel=s.channel,
                         daily=fmt.money(s.daily, cur)) for s in result.starts), lang)
    intro = t("budget.scale.intro", lang, start=starts, days=result.scale_days,
              target=fmt.money(result.target_cpa, cur), step=fmt.pct(result.step, 0),
              be=fmt.money(result.break_even, cur))
    header = [t("budget.col.week", lang), *result.channels, t("budget.col.weekly", lang),
              t("budget.col.vs_plan", lang)]
    rows = [(w.week, *(fmt.money(v, cur) for v in w.daily), fmt.money(w.weekly, cur),
             fmt.pct(w.weekly / result.plan_week, 0)) for w in result.weeks]
    return blocks.section(t("budget.scale.title", lang), intro) + blocks.table(header, rows)


def scenario_name(name: str, lang: str) -> str:
    """A scenario's name for the reader (the consultant's own names as written)."""
    key = SCENARIO_WORDS.get(name)
    return t(key, lang) if key else name


@renders(Scenarios)
def scenarios(result: Scenarios) -> Markup:
    """Scenarios side by side, with the assumptions that differ."""
    lang, cur = result.context.lang, result.context.currency
    cols = ("budget.col.scenario", "budget.col.assumptions", "budget.col.budget",
            "budget.col.results", "budget.col.cpa", "budget.col.roas", "budget.col.profit")
    rows = [(scenario_name(r.scenario, lang),
             f"CPC ×{r.cpc_x:g}・CVR ×{r.cvr_x:g}・AOV ×{r.aov_x:g}", fmt.money(r.spend, cur),
             fmt.number(r.results, 0), fmt.money(r.cpa, cur), fmt.number(r.roas, 2),
             fmt.money(r.profit, cur)) for r in result.lines]
    return (blocks.section(t("budget.scenarios.title", lang), t("budget.scenarios.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows))


@renders(PacingResult)
def pacing(result: PacingResult | None) -> Markup:
    """Spend so far, projected month end, and an overrun warning before it happens."""
    if result is None:
        return Markup()
    lang, cur, p = result.context.lang, result.context.currency, result.pacing
    text = blocks.paragraph(t("budget.pacing.status", lang, date=fmt.day(result.as_of, lang),
                              spent=fmt.money(p.spent, cur), budget=fmt.money(p.budget, cur),
                              projected=fmt.money(p.projected, cur)))
    if p.overrun > 0:
        warn = t("budget.pacing.overrun", lang, over=fmt.money(p.overrun, cur),
                 day=p.exhausted_on, daily=fmt.money(p.daily_to_stay_within, cur))
        text += blocks.paragraph(warn, "kit-alert")
    else:
        text += blocks.paragraph(t("budget.pacing.ok", lang,
                                   daily=fmt.money(p.daily_to_stay_within, cur)))
    return blocks.section(t("budget.pacing.title", lang)) + text


@renders(Curves)
def curves(result: Curves) -> Markup:
    """Fit quality, suggested weekly split and its expected gain, labelled directional."""
    c = result.context
    lang, cur = c.lang, c.currency
    out = blocks.section(t("budget.curve.title", lang), t("budget.curve.intro", lang))
    usable = result.usable
    if not usable:
        return out + blocks.paragraph(t("budget.curve.none", lang))
    suggested = dict(result.suggested)
    rows = [(u.channel, fmt.number(u.r2, 2), fmt.money(u.mean_spend, cur),
             fmt.money(suggested.get(u.channel), cur),
             blocks.badge(t("budget.curve.trusted" if u.trusted else "budget.curve.thin", lang),
                          "good" if u.trusted else "warn"))
            for u in usable]
    cols = [t("budget.col.channel", lang), t("budget.curve.col.fit", lang),
            t("budget.curve.col.now", lang), t("budget.curve.col.suggested", lang),
            t("budget.curve.col.trust", lang)]
    points = {h.channel: (list(h.spend), list(h.results)) for h in result.history}
    fitted: dict[str, object] = {h.channel: h.curve for h in result.history}
    fig = charts.response_curves(points, fitted, c.brand_colour, lang, cur)
    summary = t("budget.curve.summary", lang, total=fmt.money(result.total, cur),
                best=fmt.number(result.results, 0),
                current=fmt.number(result.current_results, 0))
    return (out + blocks.table(cols, rows) + blocks.paragraph(summary, cls="kit-verdict")
            + blocks.png(fig, alt=t("budget.curve.chart", lang), takeaway=summary))


@renders(Budget)
def page(result: Budget) -> Markup:
    """The whole workbook, in the template's order."""
    return (intro(result.context.lang) + goal(result.goal) + plan(result.plan)
            + work_back(result.work_back) + chart(result.plan) + learning(result.learning)
            + scale(result.ladder) + scenarios(result.scenarios) + pacing(result.pacing)
            + curves(result.curves))
