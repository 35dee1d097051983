"""Marketing metrics as plain formulas, vectorised over pandas.

Every function accepts scalars, numpy arrays or pandas Series (aligned by index, as pandas
does) and returns the same kind of thing.

Division by zero is defined, never raised: wherever a denominator is 0 (or missing), the
result is NaN ("not computable"). Presentation code shows NaN as "—". Percent-like metrics
(CTR, CVR, ROI) are returned as fractions: 0.025 means 2.5%.
"""

from __future__ import annotations

from typing import Any, TypeAlias, overload

import numpy as np
import pandas as pd

#: A float, a numpy array or a pandas Series/DataFrame (pandas ships no types: Any).
Values: TypeAlias = Any


@overload
def safe_div(numerator: float, denominator: float | None) -> float: ...
@overload
def safe_div(numerator: Values, denominator: Values) -> Values: ...
def safe_div(numerator: Values, denominator: Values) -> Values:
    """numerator / denominator with NaN where the denominator is 0 or missing."""
    if isinstance(numerator, pd.Series | pd.DataFrame) or isinstance(
        denominator, pd.Series | pd.DataFrame
    ):
        den = denominator
        if isinstance(den, pd.Series | pd.DataFrame):
            den = den.astype(float).where(den != 0)
        elif den == 0 or den is None or pd.isna(den):
            den = np.nan
        return numerator / den
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def ctr(clicks: Values, impressions: Values) -> Values:
    """Click-through rate = clicks / impressions (fraction)."""
    return safe_div(clicks, impressions)


def cvr(conversions: Values, clicks: Values) -> Values:
    """Conversion rate = conversions / clicks (fraction)."""
    return safe_div(conversions, clicks)


def cpc(cost: Values, clicks: Values) -> Values:
    """Cost per click = cost / clicks."""
    return safe_div(cost, clicks)


def cpm(cost: Values, impressions: Values) -> Values:
    """Cost per thousand impressions = cost / impressions x 1000."""
    return safe_div(cost, impressions) * 1000


def cpa(cost: Values, acquisitions: Values) -> Values:
    """Cost per acquisition (purchase or other result) = cost / acquisitions."""
    return safe_div(cost, acquisitions)


def cpl(cost: Values, leads: Values) -> Values:
    """Cost per lead = cost / leads."""
    return safe_div(cost, leads)


def cac(marketing_and_sales_cost: Values, new_customers: Values) -> Values:
    """Customer acquisition cost = all marketing and sales cost / new customers."""
    return safe_div(marketing_and_sales_cost, new_customers)


def roas(revenue: Values, ad_spend: Values) -> Values:
    """Return on ad spend = revenue / ad spend (a multiple: 3.0 means NT$3 back per NT$1)."""
    return safe_div(revenue, ad_spend)


def roi(revenue: Values, cost: Values) -> Values:
    """Return on investment = (revenue - cost) / cost (fraction)."""
    return safe_div(revenue - cost, cost)


def break_even_roas(gross_margin: Values) -> Values:
    """ROAS at which ad spend is paid back by gross profit = 1 / gross margin.

    gross_margin is a fraction (0.4 for 40%); a margin of 0 gives NaN (never breaks even).
    """
    return safe_div(1.0, gross_margin)


def break_even_cpa(average_order_value: Values, gross_margin: Values) -> Values:
    """Highest cost per purchase that still does not lose money = AOV x gross margin."""
    return average_order_value * gross_margin


def ltv(average_order_value: Values, orders_per_year: Values, years: Values,
        gross_margin: Values = 1.0) -> Values:
    """Simple customer lifetime value = AOV x orders per year x years x gross margin.

    With the default margin of 1.0 this is lifetime revenue; pass the margin for lifetime
    gross profit (the figure to compare with CAC).
    """
    return average_order_value * orders_per_year * years * gross_margin


def payback_months(cac_value: Values, average_order_value: Values, orders_per_year: Values,
                   gross_margin: Values = 1.0) -> Values:
    """Months until a customer's gross profit repays what it cost to acquire them.

    = CAC / (AOV x orders per year / 12 x gross margin); NaN when the customer earns nothing.
    """
    monthly_profit = average_order_value * orders_per_year / 12.0 * gross_margin
    return safe_div(cac_value, monthly_profit)
