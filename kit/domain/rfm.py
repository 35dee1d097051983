"""RFM customer segmentation from orders: recency, frequency, monetary scores 1-5, segments.

Scoring by quintiles: score = 1 + floor(5 x (rank - 0.5) / n) with rank = the mid-rank of
equal values, so equal values always share a score and a block of ties is placed by its
middle (a tie at the top is not pushed down to the lowest rank of its block). Recency is
reversed (fewer days since the last order scores higher).

Segments use absolute recency windows from the shop's own rhythm beside the quintiles: a
repeat buyer silent for more than twice the median gap between purchases (at least
``MIN_AT_RISK_DAYS``) is at risk, whatever the quintiles say, so a shop where most
customers have lapsed still shows its lapsed repeat buyers instead of an empty segment.

Small shops (under ``SMALL_SHOP`` customers) do not have enough customers for stable
quintiles; their recency uses fixed day thresholds from the shop's own median gap between
purchases instead: <= 1 gap: 5, <= 2: 4, <= 3: 3, <= 6: 2, else 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

SMALL_SHOP = 500
DORMANT_DAYS = 365
#: The at-risk window never starts earlier than this many days without an order.
MIN_AT_RISK_DAYS = 60
SEGMENTS = ("champions", "loyal", "new", "promising", "needs_attention", "at_risk", "dormant")
#: Keeping a customer costs about a fifth of winning a new one (the 1:5 rule of thumb).
RETENTION_COST_RATIO = 0.2


def quintile_scores(values: pd.Series, reverse: bool = False) -> pd.Series:
    """Scores 1-5 by position; equal values share the mid-rank of their group."""
    ranked = (-values if reverse else values).rank(method="average")
    n = len(values)
    return (1 + np.floor(5 * (ranked - 0.5) / n)).clip(1, 5).astype(int) if n else \
        ranked.astype(int)


def median_gap_days(orders: pd.DataFrame) -> float:
    """Median days between consecutive orders of the same customer (NaN if nobody reordered)."""
    ordered = orders.sort_values(["customer_id", "date"])
    gaps = ordered.groupby("customer_id")["date"].diff().dt.days.dropna()
    return float(gaps.median()) if len(gaps) else float("nan")


def recency_scores_by_gap(recency_days: pd.Series, gap: float) -> pd.Series:
    """Fixed thresholds in multiples of the median gap: 1, 2, 3, 6 gaps."""
    bins = [-np.inf, gap, 2 * gap, 3 * gap, 6 * gap, np.inf]
    return pd.cut(recency_days, bins=bins, labels=[5, 4, 3, 2, 1]).astype(int)


def customer_table(orders: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per customer: recency_days, frequency (orders), monetary (total amount),
    first and last order dates."""
    grouped = orders.groupby("customer_id", sort=False).agg(
        last=("date", "max"), first=("date", "min"), frequency=("order_id", "count"),
        monetary=("amount", "sum"))
    grouped["recency_days"] = (pd.Timestamp(as_of) - grouped["last"].dt.normalize()).dt.days
    return grouped


def at_risk_after(median_gap: float) -> int:
    """Days without an order after which a repeat buyer is at risk: twice the shop's median
    gap between purchases, at least ``MIN_AT_RISK_DAYS`` (180 when nobody reordered)."""
    if np.isnan(median_gap):
        return 180
    return int(max(2 * median_gap, MIN_AT_RISK_DAYS))


def segment(r: pd.Series, f: pd.Series, m: pd.Series, frequency: pd.Series,
            recency_days: pd.Series, dormant_days: int = DORMANT_DAYS,
            at_risk_days: int | None = None) -> pd.Series:
    """Named segment per customer (rules applied in order, first match wins):

    dormant: no order for more than ``dormant_days``; one order only: new (R >= 4),
    promising (R = 3) or needs_attention; at_risk: a repeat buyer with no order for more
    than ``at_risk_days`` (an absolute window from the shop's rhythm), or R <= 2; champions:
    R, F, M all >= 4; loyal: F >= 4 and R >= 3; promising: R >= 3; else needs_attention.
    """
    one = frequency == 1
    lapsed = r <= 2
    if at_risk_days is not None:
        lapsed = lapsed | (recency_days > at_risk_days)
    conditions = [
        recency_days > dormant_days,
        one & (r >= 4),
        one & (r == 3),
        one,
        lapsed,
        (r >= 4) & (f >= 4) & (m >= 4),
        (f >= 4) & (r >= 3),
        r >= 3,
    ]
    choices = ["dormant", "new", "promising", "needs_attention", "at_risk", "champions",
               "loyal", "promising"]
    return pd.Series(np.select(conditions, choices, default="needs_attention"), index=r.index)


@dataclass(frozen=True)
class Rfm:
    """Scored customers, the method used, and the median purchase gap."""

    customers: pd.DataFrame  # recency_days, frequency, monetary, r, f, m, segment
    method: str  # quintiles | median_gap
    median_gap: float
    at_risk_days: int = 180

    @property
    def repeat_rate(self) -> float:
        """Share of customers who ordered more than once."""
        c = self.customers
        return float((c["frequency"] >= 2).mean()) if len(c) else float("nan")

    @property
    def one_order(self) -> int:
        """Customers with exactly one order."""
        return int((self.customers["frequency"] == 1).sum())

    @property
    def lapsed_repeat(self) -> pd.DataFrame:
        """Repeat buyers silent for longer than the at-risk window (at risk or dormant)."""
        c = self.customers
        return c[(c["frequency"] >= 2) & (c["recency_days"] > self.at_risk_days)]

    def summary(self) -> pd.DataFrame:
        """Per segment: customers, customer share, revenue, revenue share (all segments listed)."""
        c = self.customers
        table = c.groupby("segment").agg(customers=("frequency", "size"),
                                         revenue=("monetary", "sum"))
        table = table.reindex(list(SEGMENTS), fill_value=0)
        table["customer_share"] = table["customers"] / max(len(c), 1)
        total = c["monetary"].sum()
        table["revenue_share"] = table["revenue"] / total if total else 0.0
        return table


def rfm(orders: pd.DataFrame, as_of: date, small_shop: int = SMALL_SHOP,
        dormant_days: int = DORMANT_DAYS) -> Rfm:
    """Score and segment every customer in ``orders`` (order_id, date, customer_id, amount)."""
    # the whole as_of day counts: Shopee's order times (17:56) are not after it
    orders = orders[orders["date"] < pd.Timestamp(as_of) + pd.Timedelta(days=1)]
    c = customer_table(orders, as_of)
    gap = median_gap_days(orders)
    if len(c) < small_shop and not np.isnan(gap) and gap > 0:
        method = "median_gap"
        c["r"] = recency_scores_by_gap(c["recency_days"], gap)
    else:
        method = "quintiles"
        c["r"] = quintile_scores(c["recency_days"], reverse=True)
    c["f"] = quintile_scores(c["frequency"])
    c["m"] = quintile_scores(c["monetary"])
    window = at_risk_after(gap)
    c["segment"] = segment(c["r"], c["f"], c["m"], c["frequency"], c["recency_days"],
                           dormant_days, window)
    return Rfm(c, method, gap, window)


def historical_ltv(orders: pd.DataFrame, gross_margin: float = 1.0) -> float:
    """Average gross value a customer has brought so far (revenue per customer x margin)."""
    customers = orders["customer_id"].nunique()
    return float(orders["amount"].sum() / customers * gross_margin) if customers else float("nan")


def retention_value(at_risk_customers: int, annual_value: float, cac: float,
                    retention_ratio: float = RETENTION_COST_RATIO) -> dict[str, float]:
    """What keeping the at-risk customers is worth against replacing them with new ones.

    Keeping one costs ``retention_ratio`` x CAC (1:5 rule by default); replacing costs a CAC.
    """
    keep = at_risk_customers * cac * retention_ratio
    replace = at_risk_customers * cac
    return {"customers": at_risk_customers, "value_at_stake": at_risk_customers * annual_value,
            "cost_to_keep": keep, "cost_to_replace": replace, "saving": replace - keep}
