"""The SMART-goal & KPI workbook: brief, goal check, KPI plan, monthly paths, next steps
(numbers from :mod:`kit.analysis.goals`, sections from :mod:`kit.views.goals`).

``GoalsBook.from_params(**parameters)`` is what ``templates/goals.ipynb`` calls; each
``*_html`` method returns one report section (tested directly) and ``show`` displays it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from kit.analysis import goals as analysis
from kit.params import GoalsParams
from kit.profile import GoalsSection
from kit.views import goals as views
from kit.workbooks.base import Book

GLOSSARY_TERMS = ("SMART", "KPI", "monthly_rate")


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

    @cached_property
    def analysis(self) -> analysis.Goals:
        """The goals' numbers."""
        return analysis.analyse(self.client, self.period, self.section, self.levers)

    def intro_html(self) -> Markup:
        """Title and what this workbook is for."""
        return views.intro(self.lang)

    def brief_html(self) -> Markup:
        """The collaboration brief as label/value pairs and a contacts table."""
        return views.brief(self.analysis.brief, self.lang)

    def smart_html(self) -> Markup:
        """One card per goal: as written, score, the five letters with hints, a rewrite."""
        return views.smart(self.analysis.smart)

    def kpi_html(self) -> Markup:
        """The KPI plan table with an achievability verdict per KPI."""
        return views.kpi(self.analysis.kpis)

    def paths_html(self) -> Markup:
        """The path charts as inline PNGs."""
        return views.paths(self.analysis.kpis)

    def next_html(self) -> Markup:
        """Next steps as a numbered list."""
        return views.next_html(self.analysis)

    def notes_html(self) -> Markup:
        """The consultant's private notes (the template tags this cell consultant-only)."""
        return views.notes(self.analysis.notes)
