"""The funnel workbook: stage conversion, bottleneck by value, what-if, period comparison
(numbers from :mod:`kit.analysis.funnel`, sections from :mod:`kit.views.funnel`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from kit.analysis import funnel as analysis
from kit.params import FunnelParams
from kit.profile import FunnelSection
from kit.views import funnel as views
from kit.workbooks.base import Book


@dataclass(frozen=True)
class FunnelBook(Book):
    """A client's funnel section with its counts loaded (from the profile or a data file)."""

    section: FunnelSection
    PARAMS = FunnelParams
    SECTION = "funnel"

    @cached_property
    def analysis(self) -> analysis.Funnel:
        """The funnel's numbers."""
        return analysis.analyse(self.client, self.section)

    @property
    def bottlenecks(self) -> pd.DataFrame:
        """The bottleneck rows in full, as a table for the consultant."""
        return pd.DataFrame([asdict(r) for r in self.analysis.bottlenecks.rows])

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return views.intro(self.lang)

    def chart_html(self) -> Markup:
        """The funnel chart."""
        return views.chart(self.analysis.stages)

    def table_html(self) -> Markup:
        """Counts, step and overall rates with their 95% range, and who is lost where."""
        return views.table(self.analysis.stages)

    def bottleneck_html(self) -> Markup:
        """The bottleneck table and a one-sentence verdict."""
        return views.bottleneck(self.analysis.bottlenecks)

    def whatif_html(self) -> Markup:
        """Which one-step improvement pays most."""
        return views.what_if(self.analysis.what_if)

    def compare_html(self) -> Markup:
        """Step rates now vs the previous period, saying which changes may be chance."""
        return views.compare(self.analysis.comparison)
