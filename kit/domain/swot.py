"""SWOT with TOWS strategies, optional IFE/EFE scoring, prompts and a prioritised action list.

Items belong to a quadrant (S, W, O, T) and carry an importance weight 1-5. A TOWS strategy
sits in one cell (SO, ST, WO, WT) and cites the items it pairs: one from each of the cell's
two quadrants at least. Everything here is pure: plain dataclasses in, DataFrames out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

import pandas as pd

QUADRANTS = ("S", "W", "O", "T")
CELLS = ("SO", "ST", "WO", "WT")
INTERNAL, EXTERNAL = ("S", "W"), ("O", "T")
AVERAGE_FACTOR_SCORE = 2.5


@dataclass(frozen=True)
class Item:
    """One SWOT factor. ``factor_weight``/``rating`` are the optional IFE/EFE inputs."""

    id: str
    quadrant: str
    text: str
    weight: int = 3
    evidence: str = ""
    factor_weight: float | None = None
    rating: int | None = None


@dataclass(frozen=True)
class Strategy:
    """A TOWS strategy: its cell, what to do, the item ids it pairs, the KPI it serves."""

    cell: str
    text: str
    pairs: tuple[str, ...]
    kpi: str | None = None


@dataclass(frozen=True)
class StrategyProblem:
    """Why a strategy does not fit the items: index, code and the offending value."""

    index: int
    code: str  # unknown_item | wrong_quadrant | missing_side | unknown_kpi
    value: str


def strategy_problems(
    items: Sequence[Item], strategies: Sequence[Strategy], kpis: Sequence[str] | None = None
) -> list[StrategyProblem]:
    """Every strategy that cites a missing item, an item from the wrong quadrant, only one
    side of its cell, or (when ``kpis`` is given) a KPI the goals do not have."""
    by_id = {i.id: i for i in items}
    out: list[StrategyProblem] = []
    for n, s in enumerate(strategies):
        sides, found = set(), len(out)
        for ref in s.pairs:
            item = by_id.get(ref)
            if item is None:
                out.append(StrategyProblem(n, "unknown_item", ref))
            elif item.quadrant not in s.cell:
                out.append(StrategyProblem(n, "wrong_quadrant", ref))
            else:
                sides.add(item.quadrant)
        if len(out) == found and sides != set(s.cell):
            missing = "".join(q for q in s.cell if q not in sides)
            out.append(StrategyProblem(n, "missing_side", missing))
        if kpis is not None and s.kpi and s.kpi not in kpis:
            out.append(StrategyProblem(n, "unknown_kpi", s.kpi))
    return out


def ranked(items: Sequence[Item], quadrant: str) -> list[Item]:
    """A quadrant's items, heaviest first (ties keep their written order)."""
    return sorted((i for i in items if i.quadrant == quadrant), key=lambda i: -i.weight)


def tows_prompts(items: Sequence[Item], top: int = 2) -> list[tuple[str, Item, Item]]:
    """Pairings to seed the discussion: S x O and W x T from the ``top`` heaviest of each.

    Returned heaviest pair first as (cell, internal item, external item).
    """
    pairs = []
    for cell in ("SO", "WT"):
        inner, outer = ranked(items, cell[0])[:top], ranked(items, cell[1])[:top]
        pairs += [(cell, a, b) for a, b in product(inner, outer)]
    return sorted(pairs, key=lambda p: -(p[1].weight + p[2].weight))


def prioritise(items: Sequence[Item], strategies: Sequence[Strategy]) -> pd.DataFrame:
    """Strategies ranked by the summed weights of the items they pair (ties: written order).

    Columns: rank, cell, text, pairs, kpi, priority. Unknown ids count as weight 0.
    """
    weight = {i.id: i.weight for i in items}
    rows = [
        {"cell": s.cell, "text": s.text, "pairs": ", ".join(s.pairs), "kpi": s.kpi or "",
         "priority": sum(weight.get(p, 0) for p in s.pairs), "order": n}
        for n, s in enumerate(strategies)
    ]
    table = pd.DataFrame(rows, columns=["cell", "text", "pairs", "kpi", "priority", "order"])
    table = table.sort_values(["priority", "order"], ascending=[False, True]).drop(columns="order")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


@dataclass(frozen=True)
class FactorScore:
    """IFE (internal: S+W) or EFE (external: O+T) total, with its weight check."""

    kind: str  # IFE | EFE
    total: float
    weight_sum: float

    @property
    def weights_ok(self) -> bool:
        """Weights must sum to 1.0 (within 0.01)."""
        return math.isclose(self.weight_sum, 1.0, abs_tol=0.01)

    @property
    def above_average(self) -> bool:
        """Total above the 2.5 midpoint of the 1.0-4.0 scale."""
        return self.total > AVERAGE_FACTOR_SCORE


def factor_scores(items: Sequence[Item]) -> list[FactorScore]:
    """IFE and EFE totals (sum of weight x rating) for the sides where factors are scored."""
    out = []
    for kind, quadrants in (("IFE", INTERNAL), ("EFE", EXTERNAL)):
        weights = [(i.factor_weight, i.rating or 0) for i in items
                   if i.quadrant in quadrants and i.factor_weight is not None]
        if weights:
            total = sum(w * r for w, r in weights)
            out.append(FactorScore(kind, total, sum(w for w, _ in weights)))
    return out


def goal_draft(strategy: Strategy) -> dict[str, Any]:
    """A strategy as the start of a SMART goal for the goals workbook (numbers still to fill)."""
    why = f"TOWS {strategy.cell}: {', '.join(strategy.pairs)}"
    return {"text": strategy.text, "metric": strategy.kpi, "baseline": None, "target": None,
            "deadline": None, "owner": None, "why": why}
