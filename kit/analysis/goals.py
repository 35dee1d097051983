"""The goals' numbers: each goal read and scored SMART against the client's levers, the KPI
plan (required against historical monthly rate, achievability flag) and the monthly paths.

Results hold the profile's own frozen models where they are the input as written (a goal's
:class:`~kit.profile.GoalSpec`, the :class:`~kit.profile.Brief`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from kit import domain_inputs
from kit.analysis.context import Context
from kit.domain.goal_reader import GoalReading
from kit.domain.kpi import Kpi, kpi_plan
from kit.domain.smart import SmartResult, levers_in, score_goal
from kit.profile import Brief, ClientInfo, GoalSpec, GoalsSection
from kit.renderers import Rendered


@dataclass(frozen=True, slots=True)
class GoalCheck:
    """One goal as written, as read and scored, with its unit (the profile's, else the one
    read from the sentence)."""

    spec: GoalSpec
    result: SmartResult
    unit: str

    @property
    def reading(self) -> GoalReading:
        """What the goal reader made of the sentence and the fields."""
        return self.result.reading

    @property
    def complete(self) -> bool:
        """True when metric, baseline, target and deadline are all known."""
        r = self.reading
        return bool(r.metric and r.baseline is not None and r.target is not None
                    and r.deadline)


@dataclass(frozen=True, slots=True)
class Smart(Rendered):
    """Every goal checked, in profile order."""

    context: Context
    checks: tuple[GoalCheck, ...]


@dataclass(frozen=True, slots=True)
class KpiLine:
    """A goal that became a KPI, with its plan: months to the deadline, the monthly rate it
    needs against its history, and the achievability flag."""

    check: GoalCheck
    kpi: Kpi  # named by the consultant's metric, else the metric id (views name it)
    months: int
    required_rate: float
    historical_rate: float
    flag: str


@dataclass(frozen=True, slots=True)
class KpiPlan(Rendered):
    """The KPI plan: goals with metric, baseline, target and deadline."""

    context: Context
    lines: tuple[KpiLine, ...]

    @property
    def paths(self) -> tuple[KpiLine, ...]:
        """KPIs whose monthly rate can be computed (each gets a path chart)."""
        return tuple(k for k in self.lines if not math.isnan(k.required_rate))


@dataclass(frozen=True, slots=True)
class Goals(Rendered):
    """Everything the goals workbook shows."""

    context: Context
    start: date  # the month the goals were agreed
    period: date
    levers: frozenset[str]
    brief: Brief
    smart: Smart
    kpis: KpiPlan
    notes: str  # the consultant's private notes


def levers(section: GoalsSection, given: tuple[str, ...] = ()) -> frozenset[str]:
    """Metrics the client's objective, strategies, funnel and budget point at."""
    return frozenset(given) | levers_in([section.brief.success])


def check(spec: GoalSpec, start: date, period: date, lever_ids: frozenset[str]) -> GoalCheck:
    """One goal read and scored (deadlines checked against ``period``)."""
    result = score_goal(domain_inputs.goal(spec), start, today=period, levers=lever_ids)
    return GoalCheck(spec, result, spec.unit or result.reading.unit or "")


def kpi_lines(checks: tuple[GoalCheck, ...], start: date) -> tuple[KpiLine, ...]:
    """The goals whose reading gives a metric, baseline, target and deadline, as KPIs."""
    kpis = []
    for c in checks:
        r = c.reading
        if r.metric and r.baseline and r.target is not None and r.deadline:
            kpis.append((c, Kpi(c.spec.metric or r.metric, r.baseline, r.target, start,
                                r.deadline, c.unit, tuple(c.spec.history))))
    table = kpi_plan([k for _, k in kpis])
    return tuple(KpiLine(c, k, int(row.months), float(row.required_rate),
                         float(row.historical_rate), str(row.flag))
                 for (c, k), row in zip(kpis, table.itertuples(), strict=True))


def analyse(client: ClientInfo, period: date, section: GoalsSection,
            given_levers: tuple[str, ...] = ()) -> Goals:
    """The goals of ``section`` for ``period``, relevant when they move one of
    ``given_levers`` (the metrics the strategies, funnel and budget point at)."""
    context = Context.of(client)
    start = section.start or period
    lever_ids = levers(section, given_levers)
    checks = tuple(check(g, start, period, lever_ids) for g in section.goals)
    return Goals(context, start, period, lever_ids, section.brief, Smart(context, checks),
                 KpiPlan(context, kpi_lines(checks, start)), section.consultant_notes)
