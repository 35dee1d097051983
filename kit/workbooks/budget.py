"""The ad-budget workbook: goal method both ways, channel plan against break-even, learning
phase, test-then-scale ladder, scenarios, month-to-date pacing and diminishing returns
(numbers from :mod:`kit.analysis.budget`, sections from :mod:`kit.views.budget`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from kit.analysis import budget as analysis
from kit.domain.response import Curve
from kit.params import BudgetParams
from kit.profile import BudgetSection
from kit.views import budget as views
from kit.workbooks.base import Book


@dataclass(frozen=True)
class BudgetBook(Book):
    """A client's budget section with its plan computed."""

    section: BudgetSection
    PARAMS = BudgetParams
    SECTION = "budget"

    @cached_property
    def analysis(self) -> analysis.Budget:
        """The budget's numbers."""
        return analysis.analyse(self.client, self.period, self.section)

    @property
    def curves(self) -> dict[str, Curve]:
        """The fitted response curve per channel with history, for the consultant."""
        return {h.channel: h.curve for h in self.analysis.curves.history}

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return views.intro(self.lang)

    def goal_html(self) -> Markup:
        """The goal method forwards (target -> budget) and backwards (budget -> results)."""
        return views.goal(self.analysis.goal)

    def plan_html(self) -> Markup:
        """Budget, CPA, results, orders, ROAS and profit per channel, against break-even."""
        return views.plan(self.analysis.plan)

    def workback_html(self) -> Markup:
        """From the target number of results back to clicks, impressions and cost per channel."""
        return views.work_back(self.analysis.work_back)

    def chart_html(self) -> Markup:
        """CPA by channel against break-even and target."""
        return views.chart(self.analysis.plan)

    def learning_html(self) -> Markup:
        """Which channels will stay stuck in learning, by each platform's own rule."""
        return views.learning(self.analysis.learning)

    def scale_html(self) -> Markup:
        """The ladder per channel with its scale-up and stop-loss rules; never above plan."""
        return views.scale(self.analysis.ladder)

    def scenarios_html(self) -> Markup:
        """Scenarios side by side, with the assumptions that differ."""
        return views.scenarios(self.analysis.scenarios)

    def pacing_html(self) -> Markup:
        """Spend so far, projected month end, and an overrun warning before it happens."""
        return views.pacing(self.analysis.pacing)

    def curves_html(self) -> Markup:
        """Fit quality, suggested weekly split and its expected gain, labelled directional."""
        return views.curves(self.analysis.curves)
