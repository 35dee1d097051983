"""The SMART-goal & KPI workbook: brief, goal check, KPI plan, monthly paths, next steps.

``GoalsBook.from_params(**parameters)`` is what ``templates/goals.ipynb`` calls; each
``*_html`` method returns one report section (tested directly) and ``show`` displays it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from kit import fmt, html
from kit.domain.kpi import Kpi, kpi_plan
from kit.domain.smart import Goal, SmartResult, score_goal
from kit.i18n import t
from kit.params import GoalsParams
from kit.profile import GoalsSection
from kit.workbooks.base import Book

FLAG_TONE = {"realistic": "good", "stretch": "warn", "unrealistic": "bad",
             "no_history": "neutral", "unknown": "neutral"}
LEVEL_TONE = {"smart": "good", "almost": "warn", "vague": "bad"}
GLOSSARY_TERMS = ("SMART", "KPI", "每月需成長")


def _dots(score: int) -> str:
    return "●" * score + "○" * (2 - score)


@dataclass(frozen=True)
class GoalsBook(Book):
    """A client's goals section, scored and planned, ready to render."""

    section: GoalsSection
    PARAMS = GoalsParams
    SECTION = "goals"
    GLOSSARY_TERMS = GLOSSARY_TERMS

    @property
    def start(self):
        """The month the goals were agreed (baselines are that month's values)."""
        return self.section.start or self.period

    @cached_property
    def results(self) -> list[SmartResult]:
        """SMART result per goal, in profile order."""
        return [
            score_goal(
                Goal(g.text, g.metric, g.baseline, g.target, g.deadline, g.owner, g.why,
                     tuple(g.history)),
                self.start,
            )
            for g in self.section.goals
        ]

    @cached_property
    def kpis(self) -> list[tuple[Kpi, SmartResult]]:
        """Goals that have a metric, baseline, target and deadline, as KPIs."""
        out = []
        for spec, res in zip(self.section.goals, self.results, strict=True):
            if spec.metric and spec.baseline and res.target is not None and res.deadline:
                out.append((Kpi(spec.metric, spec.baseline, res.target, self.start,
                                res.deadline, spec.unit, tuple(spec.history)), res))
        return out

    @cached_property
    def plan(self) -> pd.DataFrame:
        """The KPI plan table (see :func:`kit.domain.kpi.kpi_plan`)."""
        return kpi_plan([k for k, _ in self.kpis])

    # --- sections ---------------------------------------------------------------------

    def _value(self, value: float | None, unit: str) -> str:
        return fmt.with_unit(value, unit, self.client.currency)

    def intro_html(self) -> str:
        """Title and what this workbook is for."""
        return html.section(t("goals.title", self.lang), t("goals.intro", self.lang), level=1)

    def brief_html(self) -> str:
        """The collaboration brief as label/value pairs and a contacts table."""
        b, lang = self.section.brief, self.lang
        cadence = t(f"cadence.{b.cadence}", lang)
        pairs = [
            (t("goals.brief.audience", lang), b.audience),
            (t("goals.brief.background", lang), b.background),
            (t("goals.brief.success", lang), b.success),
            (t("goals.brief.cadence", lang), f"{cadence}｜{b.cadence_note}" if b.cadence_note
             else cadence),
            (t("goals.brief.channels", lang), "、".join(b.channels)),
        ]
        out = html.section(t("goals.brief.title", lang)) + html.definition_list(pairs)
        if b.contacts:
            out += html.section(t("goals.brief.contacts", lang), level=3)
            out += html.table(["", "", ""], [(c.name, c.role, c.reach) for c in b.contacts],
                              cls="kit-contacts")
        return out

    def rewrite(self, index: int) -> str | None:
        """The goal in one SMART sentence, when its numbers are known."""
        spec, res = self.section.goals[index], self.results[index]
        if not (spec.metric and spec.baseline is not None and res.target is not None
                and res.deadline):
            return None
        key = "smart.rewrite_down" if res.target < spec.baseline else "smart.rewrite"
        owner = spec.owner or ("待定" if self.lang == "zh-TW" else "to be named")
        return t(key, self.lang, deadline=fmt.day(res.deadline, self.lang), metric=spec.metric,
                 baseline=self._value(spec.baseline, spec.unit),
                 target=self._value(res.target, spec.unit), owner=owner)

    def hint_text(self, criterion) -> str:
        """A criterion's hint as a sentence (numbers formatted)."""
        params = dict(criterion.params)
        for key in ("rate", "history", "modest"):
            if key in params:
                params[key] = fmt.pct(params[key], signed=key != "modest")
        if "baseline" in params:
            params["baseline"] = fmt.number(params["baseline"])
        return t(criterion.hint, self.lang, **params)

    def smart_html(self) -> str:
        """One card per goal: as written, score, the five letters with hints, a rewrite."""
        lang = self.lang
        out = html.section(t("goals.smart.title", lang), t("goals.smart.intro", lang))
        for i, res in enumerate(self.results):
            level = t(f"smart.level.{res.level}", lang)
            rows = [
                (f"{c.letter} {t(f'smart.letter.{c.letter}', lang)}", _dots(c.score),
                 self.hint_text(c) if c.hint else t("smart.ok", lang))
                for c in res.criteria
            ]
            out += "<div class='kit-card'>"
            out += (f"<p class='kit-goal'><span class='kit-label'>"
                    f"{html.esc(t('goals.smart.as_written', lang))}</span>"
                    f"「{html.esc(res.goal.text)}」</p>")
            out += (f"<p class='kit-score'>{html.esc(t('goals.smart.score', lang))} "
                    f"<strong>{res.total}/10</strong> "
                    f"{html.badge(level, LEVEL_TONE[res.level]).html}</p>")
            out += html.table(["", "", ""], rows, cls="kit-smart")
            sentence = self.rewrite(i)
            if sentence:
                out += (f"<p class='kit-rewrite'><span class='kit-label'>"
                        f"{html.esc(t('goals.smart.rewritten', lang))}</span>"
                        f"{html.esc(sentence)}</p>")
            out += "</div>"
        return out

    def kpi_html(self) -> str:
        """The KPI plan table with an achievability verdict per KPI."""
        lang = self.lang
        intro = t("goals.kpi.intro", lang)
        out = html.section(t("goals.kpi.title", lang), intro)
        if self.plan.empty:
            return out + html.paragraph(t("goals.kpi.none", lang))
        cols = ["name", "baseline", "target", "deadline", "months", "required_rate",
                "historical_rate", "flag"]
        header = [t(f"kpi.col.{c}", lang) for c in cols]
        rows = [
            (r.name, self._value(r.baseline, r.unit), self._value(r.target, r.unit),
             fmt.day(r.deadline, lang), r.months, fmt.pct(r.required_rate, signed=True),
             fmt.pct(r.historical_rate, signed=True),
             html.badge(t(f"kpi.flag.{r.flag}", lang), FLAG_TONE[r.flag]))
            for r in self.plan.itertuples()
        ]
        return out + html.table(header, rows, cls="kit-kpi")

    def path_figures(self) -> list:
        """One path chart per KPI whose monthly rate can be computed."""
        from kit import charts

        figs = []
        for (k, _), row in zip(self.kpis, self.plan.itertuples(), strict=True):
            if math.isnan(row.required_rate):
                continue
            figs.append((k.name, charts.kpi_path(
                k.name, k.baseline, k.target, k.start, row.months, row.required_rate,
                unit=k.unit, history=k.history, lang=self.lang,
                brand_colour=self.client.brand_colour, currency=self.client.currency)))
        return figs

    def paths_html(self) -> str:
        """The path charts as inline PNGs."""
        figs = self.path_figures()
        if not figs:
            return ""
        out = html.section(t("goals.paths.title", self.lang))
        return out + "".join(html.png(fig, alt=t("kpi.chart.title", self.lang, name=name))
                             for name, fig in figs)

    def next_steps(self) -> list[str]:
        """For each goal not yet SMART, the most important missing piece; then the review rhythm."""
        steps = []
        for res in self.results:
            missing = [c for c in res.criteria if c.hint]
            if missing:
                worst = min(missing, key=lambda c: c.score)
                steps.append(t("goals.next.fix", self.lang, goal=res.goal.text,
                               hint=self.hint_text(worst)))
        cadence = t(f"cadence.{self.section.brief.cadence}", self.lang)
        steps.append(t("goals.next.review", self.lang, cadence=cadence))
        return steps

    def next_html(self) -> str:
        """Next steps as a numbered list."""
        return (html.section(t("goals.next.title", self.lang))
                + html.bullet_list(self.next_steps(), ordered=True))


    def notes_html(self) -> str:
        """The consultant's private notes (the template tags this cell consultant-only)."""
        return html.paragraph(self.section.consultant_notes or "—", cls="kit-notes")
