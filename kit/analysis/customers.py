"""The customers' numbers: RFM scores and segments from the order exports, CAC from the ad
exports (or the profile), what keeping lapsed customers is worth, simple LTV and payback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from kit.analysis.context import Context, client_file
from kit.data import DataError
from kit.domain import rfm as domain
from kit.domain.months import month_starts
from kit.importers import deduplicate, read_export
from kit.profile import ClientInfo, CustomersSection, ExportFile
from kit.renderers import Rendered


@dataclass(frozen=True, slots=True)
class History:
    """How much order history there is (the notes the exports raised, as they were read)."""

    orders: int
    span_days: int  # first to last order
    notes: tuple[str, ...]  # e.g. duplicate rows dropped

    @property
    def enough(self) -> bool:
        """True when the orders span enough time to estimate a yearly value (30 days, 2+)."""
        return self.orders > 1 and self.span_days >= 30


@dataclass(frozen=True, slots=True)
class Scoring(Rendered):
    """Which scoring method was used, on how many customers, to which day."""

    context: Context
    method: str  # quintiles | median_gap
    customers: int
    median_gap: float
    as_of: date
    history: History


@dataclass(frozen=True, slots=True)
class Segment:
    """One RFM segment: its customers and revenue, and their shares."""

    segment: str
    customers: int
    customer_share: float
    revenue: float
    revenue_share: float


@dataclass(frozen=True, slots=True)
class Segments(Rendered):
    """Every segment (empty ones too) and how many customers came back."""

    context: Context
    rows: tuple[Segment, ...]
    customers: int
    one_order: int
    repeat_rate: float
    at_risk_days: int

    @property
    def top(self) -> Segment:
        """The segment carrying the most revenue."""
        return max(self.rows, key=lambda r: r.revenue_share)


@dataclass(frozen=True, slots=True)
class Cac:
    """What winning a customer costs and where the figure comes from: "computed" (ad spend
    over newcomers in the months the exports cover), "typed" (the profile) or "none"."""

    value: float | None
    source: str
    months: tuple[date, ...] = ()  # the ad exports' months, when computed


@dataclass(frozen=True, slots=True)
class Keeping:
    """Lapsed repeat buyers: what keeping them costs against winning new ones."""

    customers: int
    gone: int  # of them, silent past the dormant limit
    cost_to_keep: float
    cost_to_replace: float
    saving: float


@dataclass(frozen=True, slots=True)
class Retention(Rendered):
    """Retention economics (only ``history`` is meaningful when it is not ``enough``)."""

    context: Context
    history: History
    cac: Cac
    at_risk_days: int
    annual_value: float  # revenue per customer per year
    keeping: Keeping | None  # with a CAC and lapsed repeat buyers
    ltv: float  # gross value per customer so far
    revenue_ltv: float  # revenue per customer so far
    gross_margin: float
    keep_ratio: float  # keeping one costs this share of a CAC

    @property
    def payback_months(self) -> float | None:
        """Months of a customer's gross profit that pay back the CAC."""
        if not self.cac.value:
            return None
        return self.cac.value / self.monthly_profit

    @property
    def monthly_profit(self) -> float:
        """A customer's gross profit per month."""
        return self.annual_value * self.gross_margin / 12


@dataclass(frozen=True, slots=True)
class Customers(Rendered):
    """Everything the customers workbook shows."""

    context: Context
    scoring: Scoring
    segments: Segments
    retention: Retention


def read_orders(client: ClientInfo, section: CustomersSection) -> pd.DataFrame:
    """All order exports, concatenated (cancelled orders and duplicates dropped; the notes
    about them in ``attrs["notes"]``)."""
    frames = [read_export(client_file(client, f), "orders", f, client.language)
              for f in section.orders]
    return deduplicate(frames, "orders", client.language)


def as_of(orders: pd.DataFrame, section: CustomersSection) -> date:
    """The day recency is counted to: the section's, else the last order's date."""
    last: date = orders["date"].max().date()
    return section.as_of or last


def scored(orders: pd.DataFrame, section: CustomersSection) -> domain.Rfm:
    """Every customer scored and segmented."""
    return domain.rfm(orders, as_of(orders, section), section.small_shop,
                      section.dormant_days)


def ad_spend(client: ClientInfo, exports: tuple[ExportFile, ...]) -> dict[date, float]:
    """Ad spend per month from the Meta / Google exports (empty when one is unreadable:
    part of the spend would understate CAC)."""
    frames = []
    for e in exports:
        try:
            frames.append(read_export(client_file(client, e.file), e.kind, e.file,
                                      client.language))
        except DataError:
            return {}
    if not frames:
        return {}
    ads = pd.concat(frames, ignore_index=True)
    months = month_starts(ads["date"])
    return {m: float(v) for m, v in ads.groupby(months)["spend"].sum().items()}


def cac(orders: pd.DataFrame, spend: dict[date, float], section: CustomersSection) -> Cac:
    """CAC: ad spend ÷ customers whose first order fell in the months the ad exports cover,
    else the profile's typed value."""
    if spend:
        first = orders.groupby("customer_id")["date"].min()
        new = month_starts(first).value_counts()
        months = [m for m in spend if m in new.index]
        newcomers = int(sum(new[m] for m in months))
        if newcomers:
            return Cac(sum(spend[m] for m in months) / newcomers, "computed",
                       tuple(sorted(spend)))
    if section.cac:
        return Cac(float(section.cac), "typed")
    return Cac(None, "none")


def annual_value(orders: pd.DataFrame) -> float:
    """Revenue per customer per year over the order history."""
    years = max((orders["date"].max() - orders["date"].min()).days / 365.25, 1 / 12)
    return float(orders["amount"].sum() / orders["customer_id"].nunique() / years)


def analyse(client: ClientInfo, section: CustomersSection,
            ad_exports: tuple[ExportFile, ...] = ()) -> Customers:
    """The customers of ``section``, with CAC from ``ad_exports`` where they are readable."""
    context = Context.of(client)
    orders = read_orders(client, section)
    r = scored(orders, section)
    history = History(len(orders), int((orders["date"].max() - orders["date"].min()).days),
                      tuple(str(n) for n in orders.attrs.get("notes", [])))
    summary = r.summary()
    rows = tuple(Segment(str(seg), int(s.customers), float(s.customer_share),
                         float(s.revenue), float(s.revenue_share))
                 for seg, s in summary.iterrows())
    customers = len(r.customers)
    scoring = Scoring(context, r.method, customers, r.median_gap, as_of(orders, section),
                      history)
    segments = Segments(context, rows, customers, r.one_order, r.repeat_rate, r.at_risk_days)
    won = cac(orders, ad_spend(client, ad_exports), section)
    yearly = annual_value(orders)
    lapsed = r.lapsed_repeat
    keeping = None
    if won.value and len(lapsed):
        v = domain.retention_value(len(lapsed), yearly, won.value)
        keeping = Keeping(len(lapsed), int((lapsed["recency_days"] > section.dormant_days).sum()),
                          v["cost_to_keep"], v["cost_to_replace"], v["saving"])
    retention = Retention(context, history, won, r.at_risk_days, yearly, keeping,
                          domain.historical_ltv(orders, section.gross_margin),
                          domain.historical_ltv(orders), section.gross_margin,
                          domain.RETENTION_COST_RATIO)
    return Customers(context, scoring, segments, retention)
