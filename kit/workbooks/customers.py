"""The customers workbook: RFM segments from order exports, actions, retention economics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.data import DataError
from kit.domain import rfm as domain
from kit.domain.months import month_starts
from kit.i18n import t
from kit.importers import deduplicate, read_export
from kit.params import CustomersParams
from kit.profile import CustomersSection, ExportFile
from kit.workbooks.base import Book

#: RFM segments (kit.domain.rfm), what to do with each, and the scoring methods, in words.
SEGMENT_WORDS = {
    "champions": "segment.champions", "loyal": "segment.loyal", "new": "segment.new",
    "promising": "segment.promising", "needs_attention": "segment.needs_attention",
    "at_risk": "segment.at_risk", "dormant": "segment.dormant",
}
ACTION_WORDS = {
    "champions": "action.champions", "loyal": "action.loyal", "new": "action.new",
    "promising": "action.promising", "needs_attention": "action.needs_attention",
    "at_risk": "action.at_risk", "dormant": "action.dormant",
}
METHOD_WORDS = {"quintiles": "customers.method.quintiles",
                "median_gap": "customers.method.median_gap"}

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
    def ad_spend(self) -> dict[date, float]:
        """Ad spend per month from the Meta / Google exports (empty when none is readable)."""
        frames = []
        for e in self.ad_exports:
            try:
                frames.append(read_export(self.data_path(e.file), e.kind, e.file, self.lang))
            except DataError:
                return {}  # part of the spend would understate CAC: none at all
        if not frames:
            return {}
        ads = pd.concat(frames, ignore_index=True)
        months = month_starts(ads["date"])
        return {m: float(v) for m, v in ads.groupby(months)["spend"].sum().items()}

    @cached_property
    def cac(self) -> tuple[float | None, str]:
        """(CAC, where it comes from): ad spend ÷ customers whose first order fell in the
        months the ad exports cover ("computed"), else the profile's typed value ("typed")."""
        if self.ad_spend:
            first = self.orders.groupby("customer_id")["date"].min()
            new = month_starts(first).value_counts()
            months = [m for m in self.ad_spend if m in new.index]
            newcomers = int(sum(new[m] for m in months))
            if newcomers:
                return sum(self.ad_spend[m] for m in months) / newcomers, "computed"
        if self.section.cac:
            return float(self.section.cac), "typed"
        return None, "none"

    def cac_text(self) -> str:
        """Where the CAC figure comes from, said plainly."""
        value, source = self.cac
        if source == "computed":
            months = sorted(self.ad_spend)
            return t("customers.cac.computed", self.lang, cac=self.money(value),
                     start=fmt.month(months[0], self.lang), end=fmt.month(months[-1], self.lang))
        if source == "typed":
            return t("customers.cac.typed", self.lang, cac=self.money(value))
        return t("customers.cac.none", self.lang)

    @cached_property
    def orders(self) -> pd.DataFrame:
        """All order exports, concatenated (cancelled orders already dropped)."""
        frames = [read_export(self.data_path(f), "orders", f, self.lang)
                  for f in self.section.orders]
        return deduplicate(frames, "orders", self.lang)

    @property
    def enough_history(self) -> bool:
        """True when the orders span enough time to estimate a yearly value (30 days, 2+)."""
        o = self.orders
        return len(o) > 1 and (o["date"].max() - o["date"].min()).days >= 30

    def notes_html(self) -> Markup:
        """Warnings about the orders: duplicates dropped, too few orders to trust the numbers."""
        lang, o = self.lang, self.orders
        notes = list(o.attrs.get("notes", []))
        if len(o) == 1:
            notes.append(t("data.one_order", lang))
        elif not self.enough_history or len(o) < 30:
            notes.append(t("data.few_orders", lang, n=len(o),
                           days=(o["date"].max() - o["date"].min()).days))
        return blocks.join(blocks.paragraph(n, cls="kit-alert") for n in notes)

    @property
    def as_of(self):
        """The day recency is counted to: the section's, else the last order's date."""
        return self.section.as_of or self.orders["date"].max().date()

    @cached_property
    def rfm(self) -> domain.Rfm:
        """Scores and segments."""
        return domain.rfm(self.orders, self.as_of, self.section.small_shop,
                          self.section.dormant_days)

    def intro_html(self) -> Markup:
        """Title, purpose and which scoring method was used (and why)."""
        lang, r = self.lang, self.rfm
        method = t(METHOD_WORDS[r.method], lang, n=fmt.number(len(r.customers), 0),
                   gap=fmt.number(r.median_gap, 0))
        return (blocks.section(t("customers.title", lang), t("customers.intro", lang), level=1)
                + blocks.paragraph(method) + blocks.paragraph(
                    t("customers.as_of", lang, date=fmt.day(self.as_of, lang)), cls="kit-muted")
                + self.notes_html())

    def segments_html(self) -> Markup:
        """Per segment: customers, revenue, their shares and the recommended action."""
        lang = self.lang
        summary = self.rfm.summary()
        cols = ("customers.col.segment", "customers.col.customers",
                "customers.col.customer_share", "customers.col.revenue",
                "customers.col.revenue_share", "customers.col.action")
        rows = [(t(SEGMENT_WORDS[seg], lang), fmt.number(r.customers, 0),
                 fmt.pct(r.customer_share), self.money(r.revenue), fmt.pct(r.revenue_share),
                 t(ACTION_WORDS[seg], lang)) for seg, r in summary.iterrows()]

        fig = charts.segment_bars([t(SEGMENT_WORDS[s], lang) for s in summary.index],
                                  summary["customer_share"].tolist(),
                                  summary["revenue_share"].tolist(), lang,
                                  self.client.brand_colour)
        r = self.rfm
        repeat = t("customers.repeat", lang, rate=fmt.pct(r.repeat_rate),
                   repeat=fmt.number(len(r.customers) - r.one_order, 0),
                   n=fmt.number(len(r.customers), 0), one=fmt.number(r.one_order, 0),
                   days=fmt.number(r.at_risk_days, 0))
        return (blocks.section(t("customers.segments.title", lang)) + blocks.paragraph(repeat)
                + blocks.table([t(key, lang) for key in cols], rows)
                + blocks.png(fig, alt=t("customers.chart.title", lang),
                           takeaway=self.segments_takeaway(summary)))

    def segments_takeaway(self, summary: pd.DataFrame) -> str:
        """The segment chart in one sentence: the segment carrying the most revenue."""
        top = summary["revenue_share"].idxmax()
        row = summary.loc[top]
        return t("customers.takeaway", self.lang, segment=t(SEGMENT_WORDS[top], self.lang),
                 people=fmt.pct(row["customer_share"], 0), revenue=fmt.pct(row["revenue_share"], 0))

    @cached_property
    def annual_value(self) -> float:
        """Revenue per customer per year over the order history."""
        o = self.orders
        years = max((o["date"].max() - o["date"].min()).days / 365.25, 1 / 12)
        return float(o["amount"].sum() / o["customer_id"].nunique() / years)

    def retention_html(self) -> Markup:
        """What keeping the at-risk customers is worth against winning new ones; simple LTV."""
        lang, s = self.lang, self.section
        out = blocks.section(t("customers.retention.title", lang))
        if not self.enough_history:  # one order is not a year: no value is annualised
            return out + blocks.paragraph(t("data.one_order", lang) if len(self.orders) == 1 else
                                        t("customers.too_short", lang), cls="kit-alert")
        lapsed = self.rfm.lapsed_repeat
        at_risk = len(lapsed)
        cac, _ = self.cac
        out += blocks.paragraph(self.cac_text(), cls="kit-muted")
        if cac and at_risk:
            v = domain.retention_value(at_risk, self.annual_value, cac)
            gone = int((lapsed["recency_days"] > s.dormant_days).sum())
            out += blocks.paragraph(t(
                "customers.retention.lapsed", lang, n=fmt.number(at_risk, 0),
                days=fmt.number(self.rfm.at_risk_days, 0), gone=fmt.number(gone, 0)))
            out += blocks.paragraph(t(
                "customers.retention.text", lang, n=fmt.number(at_risk, 0),
                annual=self.money(self.annual_value), cac=self.money(cac),
                keep=self.money(cac * domain.RETENTION_COST_RATIO),
                keep_all=self.money(v["cost_to_keep"]),
                replace_all=self.money(v["cost_to_replace"]), saving=self.money(v["saving"])))
        ltv = domain.historical_ltv(self.orders, s.gross_margin)
        revenue = domain.historical_ltv(self.orders)
        out += blocks.paragraph(t("customers.ltv", lang, ltv=self.money(ltv),
                                revenue=self.money(revenue)))
        if cac:
            monthly_profit = self.annual_value * s.gross_margin / 12
            out += blocks.paragraph(t("customers.payback", lang, cac=self.money(cac),
                                    monthly=self.money(monthly_profit),
                                    months=fmt.number(cac / monthly_profit, 1)))
        return out

