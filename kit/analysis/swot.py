"""The SWOT's numbers: items ranked per quadrant, the TOWS matrix with the items each
strategy pairs, factor scores, uncovered pairings and the prioritised action list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit import domain_inputs
from kit.analysis.context import Context
from kit.domain import swot as domain
from kit.domain.swot import FactorScore, Item, Strategy
from kit.profile import ClientInfo, SwotSection
from kit.renderers import Rendered

__all__ = ["Action", "Actions", "Board", "FactorScore", "Factors", "Item", "Prompt", "Prompts",
           "Strategy", "Swot", "Tows", "TowsCell", "TowsStrategy", "analyse", "goal_drafts"]


@dataclass(frozen=True, slots=True)
class Board(Rendered):
    """Each quadrant's items, heaviest first, in S, W, O, T order."""

    context: Context
    quadrants: tuple[tuple[str, tuple[Item, ...]], ...]

    def ranked(self, quadrant: str) -> tuple[Item, ...]:
        """One quadrant's items, heaviest first."""
        return dict(self.quadrants)[quadrant]


@dataclass(frozen=True, slots=True)
class TowsStrategy:
    """A strategy with the items it pairs (ids that name no item are left out)."""

    text: str
    kpi: str | None
    cited: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class TowsCell:
    """One cell of the TOWS matrix (SO, ST, WO, WT) and its strategies."""

    cell: str
    strategies: tuple[TowsStrategy, ...]


@dataclass(frozen=True, slots=True)
class Tows(Rendered):
    """The TOWS matrix, SO, ST, WO, WT."""

    context: Context
    cells: tuple[TowsCell, ...]


@dataclass(frozen=True, slots=True)
class Factors(Rendered):
    """IFE/EFE totals where the consultant scored factors (empty otherwise)."""

    context: Context
    scores: tuple[FactorScore, ...]


@dataclass(frozen=True, slots=True)
class Prompt:
    """An S x O or W x T pairing no strategy covers yet."""

    cell: str
    internal: Item
    external: Item


@dataclass(frozen=True, slots=True)
class Prompts(Rendered):
    """The heaviest uncovered pairings, heaviest first."""

    context: Context
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True, slots=True)
class Action:
    """A strategy ranked by the summed weight of the items it pairs."""

    rank: int
    priority: int
    strategy: Strategy


@dataclass(frozen=True, slots=True)
class Actions(Rendered):
    """The prioritised action list."""

    context: Context
    actions: tuple[Action, ...]


@dataclass(frozen=True, slots=True)
class Swot(Rendered):
    """Everything the SWOT workbook shows."""

    context: Context
    items: tuple[Item, ...]
    board: Board
    tows: Tows
    factors: Factors
    prompts: Prompts
    actions: Actions


def _prompts(items: list[Item], strategies: list[Strategy], top: int = 2) -> tuple[Prompt, ...]:
    covered = [frozenset(s.pairs) for s in strategies]
    return tuple(Prompt(cell, a, b) for cell, a, b in domain.tows_prompts(items, top)
                 if not any({a.id, b.id} <= c for c in covered))


def _actions(items: list[Item], strategies: list[Strategy]) -> tuple[Action, ...]:
    by_text = {s.text: s for s in strategies}
    table = domain.prioritise(items, strategies)
    return tuple(Action(int(r.rank), int(r.priority), by_text[str(r.text)])
                 for r in table.itertuples())


def analyse(client: ClientInfo, section: SwotSection) -> Swot:
    """The SWOT of ``section``."""
    context = Context.of(client)
    items = domain_inputs.swot_items(section)
    strategies = domain_inputs.strategies(section)
    by_id: dict[str, Item] = {}
    for item in items:
        by_id.setdefault(item.id, item)
    board = tuple((q, tuple(domain.ranked(items, q))) for q in domain.QUADRANTS)
    cells = tuple(
        TowsCell(cell, tuple(TowsStrategy(s.text, s.kpi,
                                          tuple(by_id[p] for p in s.pairs if p in by_id))
                             for s in strategies if s.cell == cell))
        for cell in domain.CELLS)
    return Swot(context, tuple(items), Board(context, board), Tows(context, cells),
                Factors(context, tuple(domain.factor_scores(items))),
                Prompts(context, _prompts(items, strategies)),
                Actions(context, _actions(items, strategies)))


def goal_drafts(swot: Swot) -> list[dict[str, Any]]:
    """The action list as goal drafts for the goals workbook (consultant view)."""
    return [domain.goal_draft(a.strategy) for a in swot.actions.actions]
