"""The audience, journey and campaign plan: personas, journey map, content calendar,
message campaigns with A/B tests, and the pilot log (numbers from :mod:`kit.analysis.plan`,
sections from :mod:`kit.views.plan`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from kit.analysis import plan as analysis
from kit.params import PlanParams
from kit.profile import FunnelSection, PlanSection
from kit.views import plan as views
from kit.workbooks.base import Book


@dataclass(frozen=True)
class PlanBook(Book):
    """A client's plan section, checked against the budget and funnel."""

    section: PlanSection
    funded: tuple[str, ...] = ()
    funnel: FunnelSection | None = None
    PARAMS = PlanParams
    SECTION = "plan"

    @classmethod
    def from_params(cls, **parameters: object) -> PlanBook:
        """Build from the template's parameters (funded channels and the funnel included)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.plan, tuple(p.funded), p.funnel)

    @cached_property
    def analysis(self) -> analysis.Plan:
        """The plan's numbers."""
        return analysis.analyse(self.client, self.period, self.section, self.funded,
                                self.funnel)

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return views.intro(self.lang)

    def personas_html(self) -> Markup:
        """One card per persona, and whether the budget reaches them."""
        return views.personas(self.analysis.personas)

    def journey_html(self) -> Markup:
        """The journey as a table of measured stages (funnel counts where linked)."""
        return views.journey(self.analysis.journey)

    def calendar_html(self) -> Markup:
        """Weeks x channels with topic and format; gaps flagged; retail dates ahead."""
        return views.calendar(self.analysis.calendar)

    def campaigns_html(self) -> Markup:
        """Each campaign's six steps, the A/B sample size, and the verdict when results exist."""
        return views.campaigns(self.analysis.campaigns)

    def pilots_html(self) -> Markup:
        """The pilot log."""
        return views.pilots(self.analysis.pilots)
