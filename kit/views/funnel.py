"""The funnel workbook's sections: chart, stage table, bottlenecks, what-if, comparison."""

from __future__ import annotations

import math

from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.funnel import (
    Bottleneck,
    Bottlenecks,
    CombinedLift,
    Comparison,
    Funnel,
    Stages,
    WhatIf,
)
from kit.i18n import t
from kit.renderers import renders

#: The presets' stages (kit.domain.funnel), named for the reader; custom stages keep their
#: own names.
STAGE_WORDS = {
    "exposure": "funnel.stage.exposure", "consideration": "funnel.stage.consideration",
    "purchase": "funnel.stage.purchase", "repurchase": "funnel.stage.repurchase",
    "lead_magnet": "funnel.stage.lead_magnet", "subscriber": "funnel.stage.subscriber",
    "trial": "funnel.stage.trial", "paying": "funnel.stage.paying",
    "ad_reach": "funnel.stage.ad_reach", "line_friend": "funnel.stage.line_friend",
    "chat": "funnel.stage.chat", "order": "funnel.stage.order",
    "impressions": "funnel.stage.impressions", "clicks": "funnel.stage.clicks",
    "add_to_cart": "funnel.stage.add_to_cart",
}


def stage_label(key: str, lang: str) -> str:
    """A stage's name for the reader."""
    msg = STAGE_WORDS.get(key)
    return t(msg, lang) if msg else key


def intro(lang: str) -> Markup:
    """Title and purpose."""
    return blocks.section(t("funnel.title", lang), t("funnel.intro", lang), level=1)


def takeaway(stages: Stages) -> str:
    """The funnel chart in one sentence: the step where the fewest people go on."""
    lang = stages.context.lang
    steps = [s for s in stages.stages[1:] if not math.isnan(s.step_rate)]
    if not steps:
        return t("funnel.chart.title", lang)
    low = min(steps, key=lambda s: s.step_rate)
    return t("funnel.takeaway", lang, stage=stage_label(low.key, lang),
             rate=fmt.pct(low.step_rate), lost=fmt.number(low.lost, 0))


def chart(stages: Stages) -> Markup:
    """The funnel chart."""
    c = stages.context
    fig = charts.funnel_bars([stage_label(s.key, c.lang) for s in stages.stages],
                             [s.count for s in stages.stages],
                             [s.step_rate for s in stages.stages], c.brand_colour, c.lang)
    return blocks.png(fig, alt=t("funnel.chart.title", c.lang), takeaway=takeaway(stages))


@renders(Stages)
def table(stages: Stages) -> Markup:
    """Counts, step and overall rates with their 95% range, and who is lost where."""
    lang = stages.context.lang
    cols = ("funnel.col.stage", "funnel.col.count", "funnel.col.step", "funnel.col.range",
            "funnel.col.overall", "funnel.col.lost")
    rows = [
        (stage_label(r.key, lang), fmt.number(r.count, 0), fmt.pct(r.step_rate),
         "—" if math.isnan(r.ci_low) else f"{fmt.pct(r.ci_low)}–{fmt.pct(r.ci_high)}",
         fmt.pct(r.overall_rate, 2), "—" if math.isnan(r.lost) else fmt.number(r.lost, 0))
        for r in stages.stages
    ]
    return (blocks.section(t("funnel.table.title", lang), t("funnel.table.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows))


def _note(row: Bottleneck) -> tuple[str, str]:
    if row.benchmark is None:
        return "funnel.note.none", "neutral"
    if row.gap <= 0:
        return "funnel.note.ok", "good"
    return ("funnel.note.noise", "neutral") if row.noise else ("funnel.note.gap", "bad")


@renders(Bottlenecks)
def bottleneck(result: Bottlenecks) -> Markup:
    """The bottleneck table and a one-sentence verdict."""
    lang, cur = result.context.lang, result.context.currency
    cols = ("funnel.col.stage", "funnel.col.step", "funnel.col.benchmark", "funnel.col.extra",
            "funnel.col.value", "funnel.col.note")
    rows = []
    for r in result.rows:
        key, tone = _note(r)
        rows.append((stage_label(r.stage, lang), fmt.pct(r.step_rate),
                     fmt.pct(r.benchmark) if r.benchmark is not None else "—",
                     fmt.number(r.extra_customers, 0), fmt.money(r.extra_value, cur),
                     blocks.badge(t(key, lang), tone)))
    top = result.top
    if top is None:
        verdict = t("funnel.bottleneck.none", lang)
    else:
        verdict = t("funnel.bottleneck.verdict", lang, stage=stage_label(top.stage, lang),
                    bench=fmt.pct(top.benchmark), extra=fmt.number(top.extra_customers, 0),
                    value=fmt.money(top.extra_value, cur))
    return (blocks.section(t("funnel.bottleneck.title", lang),
                           t("funnel.bottleneck.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows)
            + blocks.paragraph(verdict, cls="kit-verdict"))


@renders(WhatIf)
def what_if(result: WhatIf) -> Markup:
    """Which one-step improvement pays most."""
    lang, cur = result.context.lang, result.context.currency
    points = fmt.points(result.points, lang).lstrip("+")
    cols = ("funnel.col.stage", "funnel.col.step", "funnel.col.new_rate", "funnel.col.extra",
            "funnel.col.value")
    rows = [(stage_label(r.stage, lang), fmt.pct(r.step_rate), fmt.pct(r.new_rate),
             fmt.number(r.extra_customers, 1), fmt.money(r.extra_value, cur))
            for r in result.rows]
    return (blocks.section(t("funnel.whatif.title", lang, points=points),
                           t("funnel.whatif.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows))


@renders(Comparison)
def compare(result: Comparison | None) -> Markup:
    """Step rates now vs the previous period, saying which changes may be chance."""
    if result is None:
        return Markup()
    lang = result.context.lang
    cols = ("funnel.col.stage", "funnel.col.before", "funnel.col.after", "funnel.col.change",
            "funnel.col.note")
    rows = []
    for c in result.changes:
        if c.noise:
            key, tone = "funnel.change.noise", "neutral"
        elif c.after >= c.before:
            key, tone = "funnel.change.real", "good"
        else:  # a real drop is a warning, never green
            key, tone = "funnel.change.drop", "bad"
        rows.append((stage_label(c.stage, lang), fmt.pct(c.before), fmt.pct(c.after),
                     fmt.points(c.after - c.before, lang), blocks.badge(t(key, lang), tone)))
    return (blocks.section(t("funnel.compare.title", lang))
            + blocks.table([t(key, lang) for key in cols], rows))


@renders(Funnel)
def page(result: Funnel) -> Markup:
    """The whole workbook, in the template's order."""
    return (intro(result.context.lang) + chart(result.stages) + table(result.stages)
            + bottleneck(result.bottlenecks) + what_if(result.what_if)
            + compare(result.comparison))


@renders(CombinedLift)
def combined(result: CombinedLift) -> Markup:
    """The live what-if line of the workshop editor: extra customers and their value."""
    lang = result.context.lang
    return Markup("<p>{} <strong class='kit-live-total'>{}</strong>{}{} "
                  "<strong>{}</strong></p>").format(
        t("funnel.col.extra", lang), fmt.number(result.extra_customers, 0),
        fmt.punct("bar", lang), t("funnel.col.value", lang),
        fmt.money(result.extra_value, result.context.currency))
