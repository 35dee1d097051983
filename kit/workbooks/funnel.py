"""The funnel workbook: stage conversion, bottleneck by value, what-if, period comparison."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, data, fmt
from kit.domain import funnel as domain
from kit.i18n import t
from kit.params import FunnelParams
from kit.profile import FunnelSection
from kit.workbooks.base import Book

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


@dataclass(frozen=True)
class FunnelBook(Book):
    """A client's funnel section with its counts loaded (from the profile or a data file)."""

    section: FunnelSection
    PARAMS = FunnelParams
    SECTION = "funnel"

    @cached_property
    def keys(self) -> list[str]:
        """Stage keys: custom names, or the preset's keys."""
        if self.section.stages:
            return list(self.section.stages)
        return list(domain.PRESETS[self.section.preset])

    def label(self, key: str) -> str:
        """A stage's name for the reader."""
        msg = STAGE_WORDS.get(key)
        return t(msg, self.lang) if msg else key

    @cached_property
    def periods(self) -> dict[str, list[float]]:
        """Counts per period, oldest first; the last one is the current period."""
        s = self.section
        if s.counts:
            return {"previous": s.previous, "current": s.counts} if s.previous else {
                "current": s.counts}
        return data.funnel_counts(self.data_path(s.data), s.data, self.lang)

    @cached_property
    def table(self) -> pd.DataFrame:
        """The current period's funnel table (see :func:`kit.domain.funnel.funnel_table`)."""
        return domain.funnel_table(self.keys, list(self.periods.values())[-1])

    @cached_property
    def previous(self) -> pd.DataFrame | None:
        """The previous period's funnel table, when two periods are given."""
        if len(self.periods) < 2:
            return None
        return domain.funnel_table(self.keys, list(self.periods.values())[-2])

    @property
    def benchmarks(self) -> dict[str, float]:
        """Reference step rates: the kit's rough defaults, overridden by the profile."""
        return {**domain.DEFAULT_BENCHMARKS, **self.section.benchmarks}

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return blocks.section(t("funnel.title", self.lang), t("funnel.intro", self.lang), level=1)

    def chart_html(self) -> Markup:
        """The funnel chart."""
        fig = charts.funnel_bars([self.label(k) for k in self.keys], self.table["count"].tolist(),
                                 self.table["step_rate"].tolist(), self.client.brand_colour,
                                 self.lang)
        return blocks.png(fig, alt=t("funnel.chart.title", self.lang), takeaway=self.takeaway())

    def takeaway(self) -> str:
        """The funnel chart in one sentence: the step where the fewest people go on."""
        steps = self.table.iloc[1:].dropna(subset=["step_rate"])
        if steps.empty:
            return t("funnel.chart.title", self.lang)
        low = steps.loc[steps["step_rate"].idxmin()]
        return t("funnel.takeaway", self.lang, stage=self.label(low["stage"]),
                 rate=fmt.pct(low["step_rate"]), lost=fmt.number(low["lost"], 0))

    def table_html(self) -> Markup:
        """Counts, step and overall rates with their 95% range, and who is lost where."""
        lang = self.lang
        cols = ("funnel.col.stage", "funnel.col.count", "funnel.col.step", "funnel.col.range",
                "funnel.col.overall", "funnel.col.lost")
        rows = [
            (self.label(r.stage), fmt.number(r.count, 0), fmt.pct(r.step_rate),
             "—" if math.isnan(r.ci_low) else f"{fmt.pct(r.ci_low)}–{fmt.pct(r.ci_high)}",
             fmt.pct(r.overall_rate, 2), "—" if math.isnan(r.lost) else fmt.number(r.lost, 0))
            for r in self.table.itertuples()
        ]
        return (blocks.section(t("funnel.table.title", lang), t("funnel.table.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows))

    @cached_property
    def money_stages(self) -> tuple[str, ...]:
        """Stages where a person brings money: the profile's, else the preset's or the last."""
        if self.section.value_stages:
            return tuple(self.section.value_stages)
        return domain.value_stages(self.keys, self.section.preset)

    @cached_property
    def bottlenecks(self) -> pd.DataFrame:
        """Stages ranked by the value of reaching their reference rate."""
        return domain.bottlenecks(self.table, self.benchmarks, self.section.value_per_customer,
                                  self.money_stages)

    def _note(self, row) -> tuple[str, str]:
        if row.benchmark is None or pd.isna(row.benchmark):
            return "funnel.note.none", "neutral"
        if row.gap <= 0:
            return "funnel.note.ok", "good"
        return ("funnel.note.noise", "neutral") if row.noise else ("funnel.note.gap", "bad")

    def bottleneck_html(self) -> Markup:
        """The bottleneck table and a one-sentence verdict."""
        lang = self.lang
        cols = ("funnel.col.stage", "funnel.col.step", "funnel.col.benchmark", "funnel.col.extra",
                "funnel.col.value", "funnel.col.note")
        rows = []
        for r in self.bottlenecks.itertuples():
            key, tone = self._note(r)
            rows.append((self.label(r.stage), fmt.pct(r.step_rate),
                         fmt.pct(r.benchmark) if r.benchmark is not None and not pd.isna(
                             r.benchmark) else "—",
                         fmt.number(r.extra_customers, 0), self.money(r.extra_value),
                         blocks.badge(t(key, lang), tone)))
        real = self.bottlenecks[(self.bottlenecks["gap"] > 0) & ~self.bottlenecks["noise"]]
        if real.empty:
            real = self.bottlenecks[self.bottlenecks["gap"] > 0]
        if real.empty:
            verdict = t("funnel.bottleneck.none", lang)
        else:
            top = real.iloc[0]
            verdict = t("funnel.bottleneck.verdict", lang, stage=self.label(top["stage"]),
                        bench=fmt.pct(top["benchmark"]),
                        extra=fmt.number(top["extra_customers"], 0),
                        value=self.money(top["extra_value"]))
        return (blocks.section(t("funnel.bottleneck.title", lang),
                               t("funnel.bottleneck.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows)
                + blocks.paragraph(verdict, cls="kit-verdict"))

    @cached_property
    def what_if(self) -> pd.DataFrame:
        """Each stage raised by the profile's what-if points, ranked by value."""
        return domain.what_if(self.table, self.section.what_if_points,
                              self.section.value_per_customer, self.money_stages,
                              self.benchmarks)

    def whatif_html(self) -> Markup:
        """Which one-step improvement pays most."""
        lang = self.lang
        points = fmt.points(self.section.what_if_points, lang).lstrip("+")
        cols = ("funnel.col.stage", "funnel.col.step", "funnel.col.new_rate", "funnel.col.extra",
                "funnel.col.value")
        rows = [(self.label(r.stage), fmt.pct(r.step_rate), fmt.pct(r.new_rate),
                 fmt.number(r.extra_customers, 1), self.money(r.extra_value))
                for r in self.what_if.itertuples()]
        return (blocks.section(t("funnel.whatif.title", lang, points=points),
                             t("funnel.whatif.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows))

    def compare_html(self) -> Markup:
        """Step rates now vs the previous period, saying which changes may be chance."""
        if self.previous is None:
            return Markup()
        lang = self.lang
        cols = ("funnel.col.stage", "funnel.col.before", "funnel.col.after", "funnel.col.change",
                "funnel.col.note")
        rows = []
        for c in domain.compare_periods(self.previous, self.table):
            if c.noise:
                key, tone = "funnel.change.noise", "neutral"
            elif c.after >= c.before:
                key, tone = "funnel.change.real", "good"
            else:  # a real drop is a warning, never green
                key, tone = "funnel.change.drop", "bad"
            rows.append((self.label(c.stage), fmt.pct(c.before), fmt.pct(c.after),
                         fmt.points(c.after - c.before, lang), blocks.badge(t(key, lang), tone)))
        return (blocks.section(t("funnel.compare.title", lang))
                + blocks.table([t(key, lang) for key in cols], rows))
