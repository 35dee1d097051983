"""The customers workbook: RFM segments from order exports, actions, retention economics
(numbers from :mod:`kit.analysis.customers`, sections from :mod:`kit.views.customers`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from kit.analysis import customers as analysis
from kit.domain import rfm
from kit.params import CustomersParams
from kit.profile import CustomersSection, ExportFile
from kit.views import customers as views
from kit.workbooks.base import Book

GLOSSARY_TERMS = ("RFM", "CAC", "LTV")


@dataclass(frozen=True)
class CustomersBook(Book):
    """A client's customers section with the orders loaded and scored."""

    section: CustomersSection
    ad_exports: tuple[ExportFile, ...] = ()
    PARAMS = CustomersParams
    SECTION = "customers"
    GLOSSARY_TERMS = GLOSSARY_TERMS

    @classmethod
    def from_params(cls, **parameters: object) -> CustomersBook:
        """Build from the template's parameters (the ad exports CAC is computed from too)."""
        p = CustomersParams.model_validate(parameters)
        return cls(p.client, p.period, p.customers, tuple(p.ad_exports))

    @cached_property
    def analysis(self) -> analysis.Customers:
        """The customers' numbers."""
        return analysis.analyse(self.client, self.section, self.ad_exports)

    @cached_property
    def rfm(self) -> rfm.Rfm:
        """Every customer's scores in full, for the consultant."""
        return analysis.scored(analysis.read_orders(self.client, self.section), self.section)

    def intro_html(self) -> Markup:
        """Title, purpose and which scoring method was used (and why)."""
        return views.intro(self.analysis.scoring)

    def segments_html(self) -> Markup:
        """Per segment: customers, revenue, their shares and the recommended action."""
        return views.segments(self.analysis.segments)

    def retention_html(self) -> Markup:
        """What keeping the at-risk customers is worth against winning new ones; simple LTV."""
        return views.retention(self.analysis.retention)
