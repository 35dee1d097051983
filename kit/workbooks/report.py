"""The periodic client report: KPI progress against the goals, trends, advertising by channel,
budget vs actual, findings in plain words, the consultant's own text, and a glossary
(numbers from :mod:`kit.analysis.report`, sections from :mod:`kit.views.report`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup

from kit.analysis import report as analysis
from kit.params import ReportParams
from kit.profile import BudgetSection, GoalsSection, PlanSection, ReportSection
from kit.views import report as views
from kit.workbooks.base import Book

GLOSSARY_TERMS = ("KPI", "CPA", "ROAS", "break_even_roas")
NUMBERS_MIME = "application/vnd.kit.numbers+json"


@dataclass(frozen=True)
class ReportBook(Book):
    """The month's report for one client."""

    section: ReportSection
    goals: GoalsSection | None = None
    budget: BudgetSection | None = None
    plan: PlanSection | None = None
    PARAMS = ReportParams
    SECTION = "report"
    GLOSSARY_TERMS = GLOSSARY_TERMS

    @classmethod
    def from_params(cls, **parameters: object) -> ReportBook:
        """Build from the template's parameters (goals and budget sections included)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.report, p.goals, p.budget, p.plan)

    @cached_property
    def analysis(self) -> analysis.Report:
        """The report's numbers."""
        return analysis.analyse(self.client, self.period, self.section, self.goals,
                                self.budget, self.plan)

    def monthly(self, source: str) -> dict[date, float]:
        """A KPI source per month from the exports: ga4.users, orders.count, ads.cpa, …"""
        return analysis.monthly(self.client, self.section, source)

    def intro_html(self) -> Markup:
        """Title with the month, what the report is, where the numbers come from."""
        return views.intro(self.analysis)

    def changes_html(self) -> Markup:
        """Figures the owner was sent last month that have changed since, in plain words."""
        return views.changes(self.analysis)

    def followup_html(self) -> Markup:
        """"Last month we said … — done / not done / moved, and what it changed"."""
        return views.followup(self.analysis)

    def highlights_html(self) -> Markup:
        """Good news: automatic highlights, then the consultant's."""
        return views.highlights(self.analysis)

    def kpi_html(self) -> Markup:
        """KPI table with progress, expected progress, traffic light and projection."""
        return views.kpi(self.analysis)

    def revisions_html(self) -> Markup:
        """Every recorded change of a goal's target or deadline, with its reason."""
        return views.revisions(self.analysis)

    def trends_html(self) -> Markup:
        """One chart per KPI: the last 12 months of actuals against the planned path."""
        return views.trends(self.analysis)

    def ads_html(self) -> Markup:
        """Spend, results, CPA and ROAS per channel this month, against break-even."""
        return views.ads(self.analysis)

    def spend_html(self) -> Markup:
        """Budget vs actual per platform, with a verdict per row and in total."""
        return views.spend(self.analysis)

    def pilots_html(self) -> Markup:
        """The pilots that ran during the report's month (from the plan's pilot log)."""
        return views.pilots(self.analysis)

    def challenges_html(self) -> Markup:
        """Problems and what the numbers suggest, then the consultant's own notes."""
        return views.challenges(self.analysis)

    def next_html(self) -> Markup:
        """The consultant's next steps, each with owner, due date and KPI when given."""
        return views.next_steps(self.analysis)

    def numbers_html(self) -> Markup:
        """Nothing visible: the numbers go out as a kit-only output the pipeline keeps."""
        return Markup()

    def proposals(self) -> list[tuple[str, str]]:
        """Goals the kit suggests revisiting: (name, reason code), never applied."""
        return views.proposals(self.analysis)

    def publish_numbers(self) -> None:
        """Emit the numbers as an output only the kit reads (nbconvert renders nothing for it)."""
        from IPython.display import display

        display({NUMBERS_MIME: self.numbers()}, raw=True)

    def numbers(self) -> dict[str, Any]:
        """The numbers behind this report (kept with the sent snapshot)."""
        return views.numbers(self.analysis, self.client.name)
