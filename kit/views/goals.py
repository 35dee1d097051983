"""The goals workbook's sections: brief, SMART check per goal, KPI plan, monthly paths,
next steps and the consultant's notes."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.goals import GoalCheck, Goals, KpiLine, KpiPlan, Smart
from kit.domain.goal_reader import GoalReading, Question
from kit.domain.metric_catalogue import BY_ID
from kit.domain.smart import Criterion
from kit.i18n import t
from kit.profile import Brief, GoalSpec, Revision
from kit.renderers import renders

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


def revision_text(goal: GoalSpec, r: Revision, lang: str, currency: str = "TWD") -> str:
    """One recorded revision in a sentence: what changed, when, why, who agreed."""
    def shown(value: date | float) -> str:
        return fmt.day(value, lang) if isinstance(value, date) else fmt.with_unit(
            value, goal.unit, currency)

    up = not isinstance(r.new, date) and not isinstance(r.old, date) and r.new > r.old
    text = t(REVISION_WORDS[r.field, up], lang, date=fmt.day(r.date, lang),
             metric=goal.metric or goal.text, old=shown(r.old), new=shown(r.new),
             reason=r.reason)
    if r.agreed_by:
        text += fmt.paren(t("goals.revision.agreed", lang, who=r.agreed_by), lang)
    return text


def _dots(score: int) -> str:
    return "●" * score + "○" * (2 - score)


def metric_name(spec: GoalSpec, reading: GoalReading, lang: str) -> str:
    """The consultant's name for the metric, else the catalogue's."""
    if spec.metric:
        return spec.metric
    return t(BY_ID[reading.metric].label, lang) if reading.metric else "—"


def kpi_name(line: KpiLine, lang: str) -> str:
    """A KPI's name for the reader."""
    return metric_name(line.check.spec, line.check.reading, lang)


def _value(value: float | None, unit: str, currency: str) -> str:
    return fmt.with_unit(value, unit, currency)


def intro(lang: str) -> Markup:
    """Title and what this workbook is for."""
    return blocks.section(t("goals.title", lang), t("goals.intro", lang), level=1)


def brief(b: Brief, lang: str) -> Markup:
    """The collaboration brief as label/value pairs and a contacts table."""
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


def rewrite(c: GoalCheck, lang: str, currency: str) -> str | None:
    """The goal in one SMART sentence, when its numbers are known and unquestioned."""
    r = c.reading
    if not c.complete or r.deadline is None:
        return None
    key = {"down": "smart.rewrite_down", "keep": "smart.rewrite_keep"}.get(
        r.direction or "", "smart.rewrite")
    owner = c.spec.owner or t("goals.owner_missing", lang)
    return t(key, lang, deadline=fmt.day(r.deadline, lang),
             metric=metric_name(c.spec, r, lang), baseline=_value(r.baseline, c.unit, currency),
             target=_value(r.target, c.unit, currency), owner=owner)


def change_text(r: GoalReading, unit: str, lang: str, currency: str) -> str:
    """The change as the sentence put it: +30%, −20%, ×2, +1,500 人, +2 個百分點."""
    sign = "−" if r.direction == "down" else "+"
    amount = r.amount or 0.0
    if r.change == "rel":
        return f"{sign}{fmt.number(amount, 1)}%"
    if r.change == "pp":
        return t("goals.read.points", lang, sign=sign, amount=fmt.number(amount, 1))
    if r.change == "mult":
        return f"×{fmt.number(amount, 1)}"
    return f"{sign}{_value(amount, unit, currency)}"


def describe(spec: GoalSpec, r: GoalReading, lang: str, currency: str) -> str:
    """A reading in one line: metric, baseline → target, deadline (or what is missing)."""
    unit = spec.unit or r.unit or ""
    if r.kind == "task" and r.metric is None:
        numbers = t("goals.read.task", lang)
    elif r.baseline is not None and r.target is not None:
        numbers = t("goals.read.from_to", lang, baseline=_value(r.baseline, unit, currency),
                    target=_value(r.target, unit, currency))
    elif r.target is not None:
        key = {"min": "goals.read.at_least", "max": "goals.read.at_most"}.get(
            r.bound or "", "goals.read.reach")
        numbers = t(key, lang, target=_value(r.target, unit, currency))
    elif r.change is not None:
        numbers = t("goals.read.change_only", lang,
                    change=change_text(r, unit, lang, currency))
    else:
        numbers = t("goals.read.no_target", lang)
    deadline = (t("goals.read.deadline", lang, deadline=fmt.day(r.deadline, lang))
                if r.deadline else t("goals.read.no_deadline", lang))
    return t("goals.read.line", lang, metric=metric_name(spec, r, lang), numbers=numbers,
             deadline=deadline)


def question_text(spec: GoalSpec, q: Question, lang: str, currency: str) -> str:
    """A reader's question as a sentence for the consultant."""
    params: dict[str, Any] = dict(q.params)
    unit = spec.unit or ""
    for key in ("text", "field"):
        value = params.get(key)
        if isinstance(value, float | int):
            params[key] = _value(value, unit, currency)
        elif isinstance(value, str) and q.code == "field_deadline":
            params[key] = fmt.day(date.fromisoformat(value), lang)
        elif isinstance(value, str) and q.code == "field_metric":
            params[key] = t(BY_ID[value].label, lang)
    if "amount" in params:
        params["amount"] = fmt.number(params["amount"])
    if "dates" in params:
        params["dates"] = fmt.join((fmt.day(date.fromisoformat(d), lang)
                                    for d in params["dates"]), lang)
    if "metrics" in params:
        params["metrics"] = fmt.join((t(BY_ID[m].label, lang) for m in params["metrics"]),
                                     lang)
    if "deadline" in params:
        params["deadline"] = fmt.day(date.fromisoformat(params["deadline"]), lang)
    return t(QUESTION_WORDS[q.code], lang, **params)


def hint_text(criterion: Criterion, lang: str) -> str:
    """A criterion's hint as a sentence (numbers formatted)."""
    params: dict[str, Any] = dict(criterion.params)
    if "rate" in params:
        params["rate"] = fmt.pct(params["rate"])
    if "history" in params:
        params["history"] = fmt.pct(params["history"], signed=True)
    if "baseline" in params:
        params["baseline"] = fmt.number(params["baseline"])
    if "amount" in params:
        params["amount"] = fmt.number(params["amount"])
    if "deadline" in params:
        params["deadline"] = fmt.day(params["deadline"], lang)
    for key in ("text", "field"):
        if isinstance(params.get(key), float | int):
            params[key] = fmt.number(params[key])
    return t(criterion.hint or "", lang, **params)


@renders(Smart)
def smart(result: Smart) -> Markup:
    """One card per goal: as written, score, the five letters with hints, a rewrite."""
    lang, cur = result.context.lang, result.context.currency
    out = blocks.section(t("goals.smart.title", lang), t("goals.smart.intro", lang))
    labelled = Markup("<p class='{}'><span class='kit-label'>{}</span>{}</p>")
    for c in result.checks:
        res, spec = c.result, c.spec
        rows = [
            (f"{x.letter} {t(LETTER_WORDS[x.letter], lang)}", _dots(x.score),
             hint_text(x, lang) if x.hint else t("smart.ok", lang))
            for x in res.criteria
        ]
        card = labelled.format("kit-goal", t("goals.smart.as_written", lang),
                               fmt.quote(res.goal.text, lang))
        card += Markup("<p class='kit-score'>{} <strong>{}/10</strong> {}</p>").format(
            t("goals.smart.score", lang), res.total,
            blocks.badge(t(LEVEL_WORDS[res.level], lang), LEVEL_TONE[res.level]))
        card += labelled.format("kit-reading", t("goals.smart.read_as", lang),
                                describe(spec, res.reading, lang, cur))
        questions = [question_text(spec, q, lang, cur) for q in res.reading.questions]
        if questions:
            card += blocks.paragraph(t("goals.smart.questions", lang), "kit-label")
            card += blocks.bullet_list(questions)
        card += blocks.table(["", "", ""], rows, cls="kit-smart")
        revisions = [revision_text(spec, r, lang, cur) for r in spec.revisions]
        if revisions:
            card += blocks.paragraph(t("goals.revisions.title", lang), "kit-label")
            card += blocks.bullet_list(revisions)
        sentence = rewrite(c, lang, cur)
        if sentence:
            card += labelled.format("kit-rewrite", t("goals.smart.rewritten", lang), sentence)
        out += Markup("<div class='kit-card'>{}</div>").format(card)
    return out


@renders(KpiPlan)
def kpi(result: KpiPlan) -> Markup:
    """The KPI plan table with an achievability verdict per KPI."""
    lang, cur = result.context.lang, result.context.currency
    intro_text = t("goals.kpi.intro", lang)
    out = blocks.section(t("goals.kpi.title", lang), intro_text)
    if not result.lines:
        return out + blocks.paragraph(t("goals.kpi.none", lang))
    header = [t(key, lang) for key in (
        "kpi.col.name", "kpi.col.baseline", "kpi.col.target", "kpi.col.deadline",
        "kpi.col.months", "kpi.col.required_rate", "kpi.col.historical_rate", "kpi.col.flag")]
    rows = [
        (kpi_name(r, lang), _value(float(r.kpi.baseline), r.kpi.unit, cur),
         _value(float(r.kpi.target), r.kpi.unit, cur), fmt.day(r.kpi.deadline, lang), r.months,
         fmt.pct(r.required_rate, signed=True), fmt.pct(r.historical_rate, signed=True),
         blocks.badge(t(FLAG_WORDS[r.flag], lang), FLAG_TONE[r.flag]))
        for r in result.lines
    ]
    return out + blocks.table(header, rows, cls="kit-kpi")


def paths(result: KpiPlan) -> Markup:
    """One path chart per KPI whose monthly rate can be computed."""
    c = result.context
    lang = c.lang
    lines = result.paths
    if not lines:
        return Markup()
    out = blocks.section(t("goals.paths.title", lang))
    for row in lines:
        k, name = row.kpi, kpi_name(row, lang)
        key = "kpi.takeaway.down" if row.required_rate < 0 else "kpi.takeaway.up"
        takeaway = t(key, lang, name=name, rate=fmt.pct(abs(row.required_rate)),
                     deadline=fmt.day(k.deadline, lang),
                     target=_value(k.target, k.unit, c.currency))
        fig = charts.kpi_path(name, k.baseline, k.target, k.start, row.months,
                              row.required_rate, unit=k.unit, history=k.history, lang=lang,
                              brand_colour=c.brand_colour, currency=c.currency)
        out += blocks.png(fig, alt=takeaway, takeaway=takeaway)
    return out


def next_steps(result: Goals) -> list[str]:
    """For each goal not yet SMART, the most important missing piece; then the review rhythm."""
    lang = result.context.lang
    steps = []
    for c in result.smart.checks:
        missing = [x for x in c.result.criteria if x.hint]
        if missing:
            worst = min(missing, key=lambda x: x.score)
            steps.append(t("goals.next.fix", lang, goal=c.result.goal.text,
                           hint=hint_text(worst, lang)))
    cadence = t(CADENCE_WORDS[result.brief.cadence], lang)
    steps.append(t("goals.next.review", lang, cadence=cadence))
    return steps


def next_html(result: Goals) -> Markup:
    """Next steps as a numbered list."""
    return (blocks.section(t("goals.next.title", result.context.lang))
            + blocks.bullet_list(next_steps(result), ordered=True))


def notes(text: str) -> Markup:
    """The consultant's private notes (the template tags this cell consultant-only)."""
    return blocks.paragraph(text or "—", cls="kit-notes")


@renders(Goals)
def page(result: Goals) -> Markup:
    """The whole workbook for the owner, in the template's order (private notes left out)."""
    lang = result.context.lang
    return (intro(lang) + brief(result.brief, lang) + smart(result.smart) + kpi(result.kpis)
            + paths(result.kpis) + next_html(result))
