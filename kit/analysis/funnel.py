"""The funnel's numbers: stage conversion with its 95% range, bottlenecks by value, the
what-if ranking and the change since the previous period."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit import data
from kit.analysis.context import Context, client_file
from kit.domain import funnel as domain
from kit.profile import ClientInfo, FunnelSection
from kit.renderers import Rendered


def _float(value: Any) -> float:
    """A table cell as a float (None and missing values as NaN)."""
    return math.nan if value is None or pd.isna(value) else float(value)


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of a period's funnel."""

    key: str
    count: float
    step_rate: float  # NaN for the first stage
    overall_rate: float
    lost: float  # NaN for the first stage
    ci_low: float
    ci_high: float


@dataclass(frozen=True, slots=True)
class Stages(Rendered):
    """The current period's funnel, first stage first."""

    context: Context
    stages: tuple[Stage, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The stage keys in order."""
        return tuple(s.key for s in self.stages)


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """One stage against its reference rate, with the value of reaching it."""

    stage: str
    step_rate: float
    benchmark: float | None
    gap: float
    extra_customers: float
    extra_value: float
    noise: bool  # the reference rate lies inside the stage's 95% range


@dataclass(frozen=True, slots=True)
class Bottlenecks(Rendered):
    """Stages ranked by the value of reaching their reference rate."""

    context: Context
    rows: tuple[Bottleneck, ...]

    @property
    def top(self) -> Bottleneck | None:
        """The most valuable gap that is not chance (else any gap; None without one)."""
        gaps = [r for r in self.rows if r.gap > 0]
        real = [r for r in gaps if not r.noise]
        return next(iter(real or gaps), None)


@dataclass(frozen=True, slots=True)
class Lift:
    """One stage raised by the what-if points."""

    stage: str
    step_rate: float
    new_rate: float
    extra_customers: float
    extra_value: float


@dataclass(frozen=True, slots=True)
class WhatIf(Rendered):
    """Each stage raised by ``points`` (0.01 = one percentage point), ranked by value."""

    context: Context
    points: float
    rows: tuple[Lift, ...]


@dataclass(frozen=True, slots=True)
class Comparison(Rendered):
    """Step rates now against the previous period (empty without a previous period)."""

    context: Context
    changes: tuple[domain.StageChange, ...]


@dataclass(frozen=True, slots=True)
class Funnel(Rendered):
    """Everything the funnel workbook shows."""

    context: Context
    stages: Stages
    bottlenecks: Bottlenecks
    what_if: WhatIf
    comparison: Comparison | None
    value_stages: tuple[str, ...]
    benchmarks: tuple[tuple[str, float], ...]


def stage_keys(section: FunnelSection) -> tuple[str, ...]:
    """Stage keys: custom names, or the preset's keys."""
    if section.stages:
        return tuple(section.stages)
    return tuple(domain.PRESETS[section.preset or ""])


def periods(client: ClientInfo, section: FunnelSection) -> list[list[float]]:
    """Counts per period, oldest first; the last one is the current period."""
    if section.counts:
        return [section.previous, section.counts] if section.previous else [section.counts]
    name = section.data or ""  # the profile gives counts or a data file
    found = data.funnel_counts(client_file(client, name), name, client.language)
    return list(found.values())


def _stages(table: pd.DataFrame) -> tuple[Stage, ...]:
    return tuple(Stage(str(r.stage), _float(r.count), _float(r.step_rate),
                       _float(r.overall_rate), _float(r.lost), _float(r.ci_low),
                       _float(r.ci_high)) for r in table.itertuples())


def analyse(client: ClientInfo, section: FunnelSection) -> Funnel:
    """The funnel of ``section`` (counts from the profile or its data file)."""
    context = Context.of(client)
    keys = stage_keys(section)
    counts = periods(client, section)
    table = domain.funnel_table(keys, counts[-1])
    previous = domain.funnel_table(keys, counts[-2]) if len(counts) > 1 else None
    benchmarks = {**domain.DEFAULT_BENCHMARKS, **section.benchmarks}
    money = (tuple(section.value_stages) if section.value_stages
             else domain.value_stages(keys, section.preset))
    ranked = domain.bottlenecks(table, benchmarks, section.value_per_customer, money)
    bottlenecks = tuple(
        Bottleneck(str(r.stage), _float(r.step_rate),
                   None if math.isnan(_float(r.benchmark)) else _float(r.benchmark),
                   _float(r.gap), _float(r.extra_customers), _float(r.extra_value),
                   bool(r.noise))
        for r in ranked.itertuples())
    lifted = domain.what_if(table, section.what_if_points, section.value_per_customer, money,
                            benchmarks)
    lifts = tuple(Lift(str(r.stage), _float(r.step_rate), _float(r.new_rate),
                       _float(r.extra_customers), _float(r.extra_value))
                  for r in lifted.itertuples())
    comparison = (Comparison(context, tuple(domain.compare_periods(previous, table)))
                  if previous is not None else None)
    return Funnel(context, Stages(context, _stages(table)), Bottlenecks(context, bottlenecks),
                  WhatIf(context, section.what_if_points, lifts), comparison, money,
                  tuple(benchmarks.items()))


@dataclass(frozen=True, slots=True)
class CombinedLift(Rendered):
    """Every stage at a new step rate at once: the extra people and money at the last stage."""

    context: Context
    extra_customers: float
    extra_value: float


def combined_lift(stages: Stages, rates: tuple[float, ...],
                  value_per_customer: float) -> CombinedLift:
    """The last stage's extra customers (and their value) when stages 2.. convert at
    ``rates`` instead of their current step rates (a stage at 0% stays as it is)."""
    factor = 1.0
    for stage, rate in zip(stages.stages[1:], rates, strict=True):
        factor *= rate / stage.step_rate if stage.step_rate else 1.0
    extra = stages.stages[-1].count * (factor - 1)
    return CombinedLift(stages.context, extra, extra * value_per_customer)
