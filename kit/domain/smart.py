"""SMART checker: score a goal as written (zh-TW or English) plus its structured fields.

The sentence is read once by :func:`kit.domain.goal_reader.read_goal`; the consultant's
structured fields (baseline, target, deadline) win over it, and any disagreement becomes a
question (see :func:`~kit.domain.goal_reader.reconcile`). Each of S, M, A, R, T scores 0
(missing), 1 (partly there) or 2 (met), with a hint code that says what to add. Hint codes
are translated by :mod:`kit.i18n`; parameters for the message travel with the code, so this
module stays free of wording and I/O.

Scoring is honest rather than kind: without history, achievability is *unknown* (never an
assumed "modest" pace); a goal judged unrealistic scores at most 5 of 10; a deadline already
past scores T=0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kit.domain import kpi as kpi_mod
from kit.domain.goal_reader import GoalReading, read_goal, reconcile
from kit.domain.metric_catalogue import BY_ID, find_metrics

#: Questions that make the numbers of a goal uncertain (M is at most 1 while they stand).
#: Questions about a goal's numbers, and the hint each gives under M(easurable).
NUMBER_HINTS = {
    "percent_of_rate": "smart.m.percent_of_rate",
    "times_ambiguous": "smart.m.times_ambiguous",
    "numbers_several": "smart.m.numbers_several",
    "direction_conflict": "smart.m.direction_conflict",
    "field_target": "smart.m.field_target",
    "field_baseline": "smart.m.field_baseline",
    "field_metric": "smart.m.field_metric",
}
NUMBER_QUESTIONS = tuple(NUMBER_HINTS)
#: Achievability hints by flag, for a goal that rises and one that falls.
ACHIEVABLE_HINTS = {
    ("stretch", False): "smart.a.stretch", ("stretch", True): "smart.a.stretch_down",
    ("unrealistic", False): "smart.a.unrealistic",
    ("unrealistic", True): "smart.a.unrealistic_down",
    ("no_history", False): "smart.a.no_history", ("no_history", True): "smart.a.no_history_down",
}
#: The highest total a goal judged unrealistic can get (half of 10).
UNREALISTIC_CAP = 5


@dataclass(frozen=True)
class Goal:
    """A goal as the owner said it, plus the structured fields the consultant fills in."""

    text: str
    metric: str | None = None
    baseline: float | None = None
    target: float | None = None
    deadline: date | None = None
    owner: str | None = None
    why: str | None = None
    history: tuple[float, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """Score of one SMART letter: 0 missing, 1 partly, 2 met; hint code + params if not met."""

    letter: str
    score: int
    hint: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SmartResult:
    """A scored goal, with its reading and the numbers the scoring derived."""

    goal: Goal
    reading: GoalReading
    criteria: tuple[Criterion, ...]
    required_rate: float
    historical_rate: float
    flag: kpi_mod.Flag

    @property
    def target(self) -> float | None:
        """The absolute target (field, else read from the sentence)."""
        return self.reading.target

    @property
    def deadline(self) -> date | None:
        """The deadline (field, else read from the sentence)."""
        return self.reading.deadline

    @property
    def total(self) -> int:
        """Sum of the five letters, 0-10; at most 5 when the goal is judged unrealistic."""
        raw = sum(c.score for c in self.criteria)
        return min(raw, UNREALISTIC_CAP) if self.flag == "unrealistic" else raw

    @property
    def level(self) -> str:
        """'smart' (9-10), 'almost' (6-8) or 'vague' (0-5)."""
        return "smart" if self.total >= 9 else "almost" if self.total >= 6 else "vague"

    def score(self, letter: str) -> int:
        """Score of one letter."""
        return next(c.score for c in self.criteria if c.letter == letter)


def levers_in(texts: Iterable[str | None]) -> frozenset[str]:
    """Metric ids named in the client's own statements (objective, strategies, funnel)."""
    return frozenset(m.metric.id for text in texts if text for m in find_metrics(text))


def _specific(goal: Goal, reading: GoalReading) -> Criterion:
    codes = reading.codes
    if "metrics_several" in codes:
        return Criterion("S", 1, "smart.s.split")
    if reading.kind == "task":
        return Criterion("S", 1, "smart.s.task")
    if reading.metric is None and not goal.metric:
        vague = next((q for q in reading.questions if q.code == "metric_vague"), None)
        if vague is not None:
            return Criterion("S", 0, "smart.s.vague", {"term": vague.params["term"]})
        return Criterion("S", 0, "smart.s.metric")
    return Criterion("S", 2) if goal.owner else Criterion("S", 1, "smart.s.owner")


def _measurable(reading: GoalReading) -> Criterion:
    unsure = next((q for q in reading.questions if q.code in NUMBER_QUESTIONS), None)
    if unsure is not None:
        return Criterion("M", 1, NUMBER_HINTS[unsure.code], dict(unsure.params))
    has_target = reading.target is not None or reading.change is not None
    if has_target and reading.baseline is not None:
        return Criterion("M", 2)
    if has_target:
        return Criterion("M", 1, "smart.m.baseline")
    if reading.baseline is not None:
        return Criterion("M", 1, "smart.m.target", {"baseline": reading.baseline})
    return Criterion("M", 0, "smart.m.number")


def _achievable(reading: GoalReading, flag: str, req: float, hist: float) -> Criterion:
    params = {"rate": abs(req), "history": hist}
    if flag == "realistic":
        return Criterion("A", 2)
    hint = ACHIEVABLE_HINTS.get((flag, reading.direction == "down"))
    if hint is None:
        return Criterion("A", 0, "smart.a.numbers")
    return Criterion("A", 0 if flag == "unrealistic" else 1, hint, params)


def _relevant(goal: Goal, reading: GoalReading, levers: frozenset[str]) -> Criterion:
    if goal.why:
        return Criterion("R", 2)
    if reading.metric in levers:
        return Criterion("R", 2)
    metric = BY_ID.get(reading.metric or "")
    if metric is not None and metric.kind == "outcome":
        return Criterion("R", 1, "smart.r.why")
    return Criterion("R", 0, "smart.r.link")


def _time_bound(reading: GoalReading, today: date) -> Criterion:
    if reading.deadline is not None:
        if reading.deadline < today:
            return Criterion("T", 0, "smart.t.past", {"deadline": reading.deadline})
        return Criterion("T", 2)
    if "deadline_vague" in reading.codes:
        term = next(q for q in reading.questions if q.code == "deadline_vague").params["term"]
        return Criterion("T", 1, "smart.t.vague", {"term": term})
    if "deadline_unknown" in reading.codes:
        name = next(q for q in reading.questions if q.code == "deadline_unknown").params["name"]
        return Criterion("T", 1, "smart.t.unknown", {"name": name})
    return Criterion("T", 0, "smart.t.deadline")


def read(goal: Goal, start: date) -> GoalReading:
    """The goal's sentence read as of ``start``, with its structured fields applied."""
    return reconcile(read_goal(goal.text or "", start), metric=goal.metric,
                     baseline=goal.baseline, target=goal.target, deadline=goal.deadline)


def score_goal(
    goal: Goal,
    start: date,
    *,
    today: date | None = None,
    levers: frozenset[str] = frozenset(),
    stretch_margin: float = kpi_mod.DEFAULT_STRETCH_MARGIN,
) -> SmartResult:
    """Score a goal on S, M, A, R, T.

    ``start`` is when the goal starts (durations in the sentence count from it); ``today`` is
    the date deadlines are checked against (default ``start``); ``levers`` are the metric ids
    the client's objective, strategies and funnel point at (a goal on one of them is
    relevant). Achievability uses :func:`kit.domain.kpi.judge`, the same verdict the KPI
    plan shows.
    """
    reading = read(goal, start)
    req = hist = math.nan
    flag: kpi_mod.Flag = "unknown"
    if reading.baseline and reading.target is not None and reading.deadline is not None:
        verdict = kpi_mod.judge(reading.baseline, reading.target, start, reading.deadline,
                                goal.history, stretch_margin)
        req, hist, flag = verdict.required_rate, verdict.historical_rate, verdict.flag
    criteria = (
        _specific(goal, reading),
        _measurable(reading),
        _achievable(reading, flag, req, hist),
        _relevant(goal, reading, levers),
        _time_bound(reading, today or start),
    )
    return SmartResult(goal, reading, criteria, req, hist, flag)
