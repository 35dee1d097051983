"""The SWOT & TOWS workbook: board, items with evidence, TOWS matrix, factor scores, prompts,
and the prioritised action list, each action ready to become a SMART goal (numbers from
:mod:`kit.analysis.swot`, sections from :mod:`kit.views.swot`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from kit.analysis import swot as analysis
from kit.params import SwotParams
from kit.profile import SwotSection
from kit.views import swot as views
from kit.workbooks.base import Book


@dataclass(frozen=True)
class SwotBook(Book):
    """A client's SWOT section, ready to render."""

    section: SwotSection
    kpis: tuple[str, ...] = ()
    PARAMS = SwotParams
    SECTION = "swot"

    @classmethod
    def from_params(cls, **parameters: object) -> SwotBook:
        """Build from the template's parameters (with the goals workbook's KPI names)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.swot, tuple(p.kpis))

    @cached_property
    def analysis(self) -> analysis.Swot:
        """The SWOT's numbers."""
        return analysis.analyse(self.client, self.section)

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return views.intro(self.lang)

    def board_html(self) -> Markup:
        """The board as an image, with how to read it."""
        return views.board(self.analysis.board)

    def items_html(self) -> Markup:
        """Every item with its id, weight and evidence (what the board cannot show)."""
        return views.items(self.analysis.board)

    def tows_html(self) -> Markup:
        """The TOWS matrix: strategies in their four cells, with the items they pair."""
        return views.tows(self.analysis.tows)

    def factors_html(self) -> Markup:
        """IFE/EFE totals when the consultant scored factors; empty otherwise."""
        return views.factors(self.analysis.factors)

    def prompts_html(self) -> Markup:
        """Prompts to seed the next discussion."""
        return views.prompts(self.analysis.prompts)

    def actions_html(self) -> Markup:
        """The prioritised action list, with what each still needs to become a SMART goal."""
        return views.actions(self.analysis.actions)

    def goal_drafts(self) -> list[dict[str, Any]]:
        """The action list as goal drafts for the goals workbook (consultant view)."""
        return analysis.goal_drafts(self.analysis)
