"""The SMART-goal & KPI workbook: brief, goal check, KPI plan, monthly paths, next steps.

``GoalsBook.from_params(**parameters)`` is what ``templates/goals.ipynb`` calls; each
``*_html`` method returns one report section (tested directly) and ``show`` displays it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, domain_inputs, fmt
from kit.domain.goal_reader import GoalReading, Question
from kit.domain.kpi import Kpi, kpi_plan
from kit.domain.metric_catalogue import BY_ID
from kit.domain.smart import Criterion, SmartResult, levers_in, score_goal
from kit.i18n import t
from kit.params import GoalsParams
from kit.profile import GoalSpec, GoalsSection
from kit.workbooks.base import Book

FLAG_TONE = {"realistic": "good", "stretch": "warn", "unrealistic": "bad",
             "no_history": "neutral", "unknown": "neutral"}
LEVEL_TONE = {"smart": "good", "almost": "warn", "vague": "bad"}
LEVEL_WORDS = {"smart": "smart.level.smart", "almost": "smart.level.almost",
               "vague": "smart.level.vague"}
#: The goal reader's questions (kit.domain.goal_reader codes), as sentences.
QUESTION_WORDS = {
    "metric_missing": "goal.q.metric_missing", "metric_vague": "goal.q.metric_vague",
    "metrics_several": "goal.q.metrics_several", "target_missing": "goal.q.target_missing",
    "baseline_needed": "goal.q.baseline_needed", "percent_of_rate": "goal.q.percent_of_rate",
    "times_ambiguous": "goal.q.times_ambiguous", "numbers_several": "goal.q.numbers_several",
    "direction_conflict": "goal.q.direction_conflict",
    "deadline_missing": "goal.q.deadline_missing", "deadline_vague": "goal.q.deadline_vague",
    "deadline_unknown": "goal.q.deadline_unknown",
    "deadlines_several": "goal.q.deadlines_several", "deadline_past": "goal.q.deadline_past",
    "field_metric": "goal.q.field_metric", "field_baseline": "goal.q.field_baseline",
    "field_target": "goal.q.field_target", "field_deadline": "goal.q.field_deadline",
}
CADENCE_WORDS = {"monthly": "cadence.monthly", "weekly": "cadence.weekly",
                 "biweekly": "cadence.biweekly"}
FLAG_WORDS = {"realistic": "kpi.flag.realistic", "stretch": "kpi.flag.stretch",
              "unrealistic": "kpi.flag.unrealistic", "no_history": "kpi.flag.no_history",
              "unknown": "kpi.flag.unknown"}
REVISION_WORDS = {("target", False): "goals.revision.target",
                  ("target", True): "goals.revision.target_up",
                  ("deadline", False): "goals.revision.deadline",
                  ("deadline", True): "goals.revision.deadline"}
LETTER_WORDS = {"S": "smart.letter.S", "M": "smart.letter.M", "A": "smart.letter.A",
                "R": "smart.letter.R", "T": "smart.letter.T"}
GLOSSARY_TERMS = ("SMART", "KPI", "monthly_rate")


def revision_text(goal: GoalSpec, r, lang: str, currency: str = "TWD") -> str:
    """One recorded revision in a sentence: what changed, when, why, who agreed."""
    def shown(value) -> str:
        return fmt.day(value, lang) if isinstance(value, date) else fmt.with_unit(
            value, goal.unit, currency)

    up = not isinstance(r.new, date) and r.new > r.old
    text = t(REVISION_WORDS[r.field, up], lang, date=fmt.day(r.date, lang),
             metric=goal.metric or goal.text, old=shown(r.old), new=shown(r.new),
             reason=r.reason)
    if r.agreed_by:
        text += fmt.paren(t("goals.revision.agreed", lang, who=r.agreed_by), lang)
    return text


def _dots(score: int) -> str:
    return "●" * score + "○" * (2 - score)


@dataclass(frozen=True)
class GoalsBook(Book):
    """A client's goals section, scored and planned, ready to render."""

    section: GoalsSection
    levers: tuple[str, ...] = ()
    PARAMS = GoalsParams
    SECTION = "goals"
    GLOSSARY_TERMS = GLOSSARY_TERMS

    @classmethod
    def from_params(cls, **parameters: object) -> GoalsBook:
        """Build from the template's parameters (the client's levers included)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.goals, tuple(p.levers))

    @property
    def start(self):
        """The month the goals were agreed (baselines are that month's values)."""
        return self.section.start or self.period

    @cached_property
    def lever_ids(self) -> frozenset[str]:
        """Metrics the client's objective, strategies, funnel and budget point at."""
        return frozenset(self.levers) | levers_in([self.section.brief.success])

    @cached_property
    def results(self) -> list[SmartResult]:
        """SMART result per goal, in profile order; deadlines checked against the period."""
        return [
            score_goal(domain_inputs.goal(g), self.start, today=self.period,
                       levers=self.lever_ids)
            for g in self.section.goals
        ]

    def metric_name(self, spec: GoalSpec, reading: GoalReading) -> str:
        """The consultant's name for the metric, else the catalogue's."""
        if spec.metric:
            return spec.metric
        return t(BY_ID[reading.metric].label, self.lang) if reading.metric else "—"

    def unit_of(self, spec: GoalSpec, reading: GoalReading) -> str:
        """The goal's unit: the profile's, else the one read from the sentence."""
        return spec.unit or reading.unit or ""

    @cached_property
    def kpis(self) -> list[tuple[GoalSpec, Kpi, SmartResult]]:
        """Goals whose reading gives a metric, baseline, target and deadline, as KPIs."""
        out = []
        for spec, res in zip(self.section.goals, self.results, strict=True):
            r = res.reading
            if r.metric and r.baseline and r.target is not None and r.deadline:
                out.append((spec, Kpi(self.metric_name(spec, r), r.baseline, r.target,
                                      self.start, r.deadline, self.unit_of(spec, r),
                                      tuple(spec.history)), res))
        return out

    @cached_property
    def plan(self) -> pd.DataFrame:
        """The KPI plan table (see :func:`kit.domain.kpi.kpi_plan`)."""
        return kpi_plan([k for _, k, _ in self.kpis])

    # --- sections ---------------------------------------------------------------------

    def _value(self, value: float | None, unit: str) -> str:
        return fmt.with_unit(value, unit, self.client.currency)

    def intro_html(self) -> Markup:
        """Title and what this workbook is for."""
        return blocks.section(t("goals.title", self.lang), t("goals.intro", self.lang), level=1)

    def brief_html(self) -> Markup:
        """The collaboration brief as label/value pairs and a contacts table."""
        b, lang = self.section.brief, self.lang
        cadence = t(CADENCE_WORDS[b.cadence], lang)
        pairs = [
            (t("goals.brief.audience", lang), b.audience),
            (t("goals.brief.background", lang), b.background),
            (t("goals.brief.success", lang), b.success),
            (t("goals.brief.cadence", lang),
             f"{cadence}{fmt.punct('bar', lang)}{b.cadence_note}" if b.cadence_note
             else cadence),
            (t("goals.brief.channels", lang), fmt.join(b.channels, lang)),
        ]
        out = blocks.section(t("goals.brief.title", lang)) + blocks.definition_list(pairs)
        if b.contacts:
            out += blocks.section(t("goals.brief.contacts", lang), level=3)
            out += blocks.table(["", "", ""], [(c.name, c.role, c.reach) for c in b.contacts],
                              cls="kit-contacts")
        return out

    def rewrite(self, index: int) -> str | None:
        """The goal in one SMART sentence, when its numbers are known and unquestioned."""
        spec, res = self.section.goals[index], self.results[index]
        r = res.reading
        if not (r.metric and r.baseline is not None and r.target is not None and r.deadline):
            return None
        key = {"down": "smart.rewrite_down", "keep": "smart.rewrite_keep"}.get(
            r.direction or "", "smart.rewrite")
        unit = self.unit_of(spec, r)
        owner = spec.owner or t("goals.owner_missing", self.lang)
        return t(key, self.lang, deadline=fmt.day(r.deadline, self.lang),
                 metric=self.metric_name(spec, r), baseline=self._value(r.baseline, unit),
                 target=self._value(r.target, unit), owner=owner)

    def reading_text(self, index: int) -> str:
        """"We read this as: orders 60 → 120 by 2027/03/31" for one goal."""
        return self.describe(self.section.goals[index], self.results[index].reading)

    def describe(self, spec: GoalSpec, r: GoalReading) -> str:
        """A reading in one line: metric, baseline → target, deadline (or what is missing)."""
        lang = self.lang
        unit = self.unit_of(spec, r)
        if r.kind == "task" and r.metric is None:
            numbers = t("goals.read.task", lang)
        elif r.baseline is not None and r.target is not None:
            numbers = t("goals.read.from_to", lang, baseline=self._value(r.baseline, unit),
                        target=self._value(r.target, unit))
        elif r.target is not None:
            key = {"min": "goals.read.at_least", "max": "goals.read.at_most"}.get(
                r.bound or "", "goals.read.reach")
            numbers = t(key, lang, target=self._value(r.target, unit))
        elif r.change is not None:
            numbers = t("goals.read.change_only", lang, change=self.change_text(r, unit))
        else:
            numbers = t("goals.read.no_target", lang)
        deadline = (t("goals.read.deadline", lang, deadline=fmt.day(r.deadline, lang))
                    if r.deadline else t("goals.read.no_deadline", lang))
        return t("goals.read.line", lang, metric=self.metric_name(spec, r), numbers=numbers,
                 deadline=deadline)

    def change_text(self, r: GoalReading, unit: str) -> str:
        """The change as the sentence put it: +30%, −20%, ×2, +1,500 人, +2 個百分點."""
        sign = "−" if r.direction == "down" else "+"
        amount = r.amount or 0.0
        if r.change == "rel":
            return f"{sign}{fmt.number(amount, 1)}%"
        if r.change == "pp":
            return t("goals.read.points", self.lang, sign=sign, amount=fmt.number(amount, 1))
        if r.change == "mult":
            return f"×{fmt.number(amount, 1)}"
        return f"{sign}{self._value(amount, unit)}"

    def question_text(self, spec: GoalSpec, q: Question) -> str:
        """A reader's question as a sentence for the consultant."""
        params = dict(q.params)
        unit = spec.unit or ""
        for key in ("text", "field"):
            value = params.get(key)
            if isinstance(value, float | int):
                params[key] = self._value(value, unit)
            elif isinstance(value, str) and q.code == "field_deadline":
                params[key] = fmt.day(date.fromisoformat(value), self.lang)
            elif isinstance(value, str) and q.code == "field_metric":
                params[key] = t(BY_ID[value].label, self.lang)
        if "amount" in params:
            params["amount"] = fmt.number(params["amount"])
        if "dates" in params:
            params["dates"] = fmt.join((fmt.day(date.fromisoformat(d), self.lang)
                                        for d in params["dates"]), self.lang)
        if "metrics" in params:
            params["metrics"] = fmt.join((t(BY_ID[m].label, self.lang)
                                          for m in params["metrics"]), self.lang)
        if "deadline" in params:
            params["deadline"] = fmt.day(date.fromisoformat(params["deadline"]), self.lang)
        return t(QUESTION_WORDS[q.code], self.lang, **params)

    def hint_text(self, criterion: Criterion) -> str:
        """A criterion's hint as a sentence (numbers formatted)."""
        params = dict(criterion.params)
        if "rate" in params:
            params["rate"] = fmt.pct(params["rate"])
        if "history" in params:
            params["history"] = fmt.pct(params["history"], signed=True)
        if "baseline" in params:
            params["baseline"] = fmt.number(params["baseline"])
        if "amount" in params:
            params["amount"] = fmt.number(params["amount"])
        if "deadline" in params:
            params["deadline"] = fmt.day(params["deadline"], self.lang)
        for key in ("text", "field"):
            if isinstance(params.get(key), float | int):
                params[key] = fmt.number(params[key])
        return t(criterion.hint, self.lang, **params)

    def smart_html(self) -> Markup:
        """One card per goal: as written, score, the five letters with hints, a rewrite."""
        lang = self.lang
        out = blocks.section(t("goals.smart.title", lang), t("goals.smart.intro", lang))
        labelled = Markup("<p class='{}'><span class='kit-label'>{}</span>{}</p>")
        for i, res in enumerate(self.results):
            rows = [
                (f"{c.letter} {t(LETTER_WORDS[c.letter], lang)}", _dots(c.score),
                 self.hint_text(c) if c.hint else t("smart.ok", lang))
                for c in res.criteria
            ]
            card = labelled.format("kit-goal", t("goals.smart.as_written", lang),
                                   fmt.quote(res.goal.text, lang))
            card += Markup("<p class='kit-score'>{} <strong>{}/10</strong> {}</p>").format(
                t("goals.smart.score", lang), res.total,
                blocks.badge(t(LEVEL_WORDS[res.level], lang), LEVEL_TONE[res.level]))
            card += labelled.format("kit-reading", t("goals.smart.read_as", lang),
                                    self.reading_text(i))
            questions = [self.question_text(self.section.goals[i], q)
                         for q in res.reading.questions]
            if questions:
                card += blocks.paragraph(t("goals.smart.questions", lang), "kit-label")
                card += blocks.bullet_list(questions)
            card += blocks.table(["", "", ""], rows, cls="kit-smart")
            revisions = [revision_text(self.section.goals[i], r, lang, self.client.currency)
                         for r in self.section.goals[i].revisions]
            if revisions:
                card += blocks.paragraph(t("goals.revisions.title", lang), "kit-label")
                card += blocks.bullet_list(revisions)
            sentence = self.rewrite(i)
            if sentence:
                card += labelled.format("kit-rewrite", t("goals.smart.rewritten", lang), sentence)
            out += Markup("<div class='kit-card'>{}</div>").format(card)
        return out

    def kpi_html(self) -> Markup:
        """The KPI plan table with an achievability verdict per KPI."""
        lang = self.lang
        intro = t("goals.kpi.intro", lang)
        out = blocks.section(t("goals.kpi.title", lang), intro)
        if self.plan.empty:
            return out + blocks.paragraph(t("goals.kpi.none", lang))
        header = [t(key, lang) for key in (
            "kpi.col.name", "kpi.col.baseline", "kpi.col.target", "kpi.col.deadline",
            "kpi.col.months", "kpi.col.required_rate", "kpi.col.historical_rate", "kpi.col.flag")]
        rows = [
            (r.name, self._value(r.baseline, r.unit), self._value(r.target, r.unit),
             fmt.day(r.deadline, lang), r.months, fmt.pct(r.required_rate, signed=True),
             fmt.pct(r.historical_rate, signed=True),
             blocks.badge(t(FLAG_WORDS[r.flag], lang), FLAG_TONE[r.flag]))
            for r in self.plan.itertuples()
        ]
        return out + blocks.table(header, rows, cls="kit-kpi")

    def path_figures(self) -> list:
        """One path chart per KPI whose monthly rate can be computed."""
        figs = []
        for (_, k, _), row in zip(self.kpis, self.plan.itertuples(), strict=True):
            if math.isnan(row.required_rate):
                continue
            key = "kpi.takeaway.down" if row.required_rate < 0 else "kpi.takeaway.up"
            takeaway = t(key, self.lang, name=k.name, rate=fmt.pct(abs(row.required_rate)),
                         deadline=fmt.day(k.deadline, self.lang),
                         target=self._value(k.target, k.unit))
            figs.append((takeaway, charts.kpi_path(
                k.name, k.baseline, k.target, k.start, row.months, row.required_rate,
                unit=k.unit, history=k.history, lang=self.lang,
                brand_colour=self.client.brand_colour, currency=self.client.currency)))
        return figs

    def paths_html(self) -> Markup:
        """The path charts as inline PNGs."""
        figs = self.path_figures()
        if not figs:
            return Markup()
        out = blocks.section(t("goals.paths.title", self.lang))
        return out + blocks.join(blocks.png(fig, alt=takeaway, takeaway=takeaway)
                             for takeaway, fig in figs)

    def next_steps(self) -> list[str]:
        """For each goal not yet SMART, the most important missing piece; then the review rhythm."""
        steps = []
        for res in self.results:
            missing = [c for c in res.criteria if c.hint]
            if missing:
                worst = min(missing, key=lambda c: c.score)
                steps.append(t("goals.next.fix", self.lang, goal=res.goal.text,
                               hint=self.hint_text(worst)))
        cadence = t(CADENCE_WORDS[self.section.brief.cadence], self.lang)
        steps.append(t("goals.next.review", self.lang, cadence=cadence))
        return steps

    def next_html(self) -> Markup:
        """Next steps as a numbered list."""
        return (blocks.section(t("goals.next.title", self.lang))
                + blocks.bullet_list(self.next_steps(), ordered=True))


    def notes_html(self) -> Markup:
        """The consultant's private notes (the template tags this cell consultant-only)."""
        return blocks.paragraph(self.section.consultant_notes or "—", cls="kit-notes")
