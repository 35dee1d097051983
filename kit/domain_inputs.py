"""The client's profile as the domain's inputs: the one place where the schema's sections
become the dataclasses the pure functions take, so a field added to either reaches every
caller (the workbooks, the live editors and the checks alike)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kit.domain import budget as budget_domain
from kit.domain import swot as swot_domain
from kit.domain.smart import Goal
from kit.profile import BudgetSection, ChannelSpec, GoalSpec, SwotSection


def channel(spec: ChannelSpec) -> budget_domain.Channel:
    """One channel's assumptions, result type and friend-to-order rate included."""
    return budget_domain.Channel(spec.name, spec.cpc, spec.cvr, spec.ctr, spec.cpm, spec.cpa,
                                 spec.aov, spec.share, spec.result, spec.to_order)


def channels(section: BudgetSection,
             shares: Sequence[float] | None = None) -> list[budget_domain.Channel]:
    """The budget's channels; ``shares`` (as typed in an editor) replace the profile's."""
    out = [channel(c) for c in section.channels]
    if shares is not None:
        whole = sum(shares) or 1
        out = [replace(c, share=s / whole) for c, s in zip(out, shares, strict=True)]
    return out


def goal(spec: GoalSpec) -> Goal:
    """A goal as the domain scores it."""
    return Goal(spec.text, spec.metric, spec.baseline, spec.target, spec.deadline, spec.owner,
                spec.why, tuple(spec.history))


def swot_items(section: SwotSection) -> list[swot_domain.Item]:
    """The section's items with their ids (S1, W2…) filled in."""
    return [swot_domain.Item(i.id or "", q, i.text, i.weight, i.evidence, i.factor_weight,
                             i.rating)
            for q, items in section.quadrant_items().items() for i in items]


def strategies(section: SwotSection) -> list[swot_domain.Strategy]:
    """The TOWS strategies."""
    return [swot_domain.Strategy(s.cell, s.text, tuple(s.pairs), s.kpi)
            for s in section.strategies]
