"""Diminishing returns: a saturating response curve per channel and the budget split that
equalises marginal cost per result, within guardrails.

results(spend) = L x spend / (k + spend)   (Michaelis-Menten: L is the ceiling, k the spend
at which half of it is reached). SME clients have weeks of data, not years, so this is a
directional guide, not a media-mix model; :func:`fit` says when the data is too thin.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

MIN_POINTS = 8
MIN_R2 = 0.5
MIN_SPREAD = 1.5  # highest / lowest weekly spend; a flat history cannot show a curve


def michaelis_menten(spend: ArrayLike, ceiling: float, half: float) -> NDArray[np.float64]:
    """L x spend / (k + spend), vectorised."""
    x = np.asarray(spend, dtype=float)
    return np.asarray(ceiling * x / (half + x), dtype=float)


@dataclass(frozen=True)
class Curve:
    """A fitted response curve with its quality and the reasons not to trust it (if any)."""

    channel: str
    ceiling: float
    half: float
    r2: float
    points: int
    mean_spend: float
    warnings: tuple[str, ...] = ()  # few_points | poor_fit | flat_spend | no_fit

    @property
    def trusted(self) -> bool:
        """True when no warning applies."""
        return not self.warnings

    def results(self, spend: ArrayLike) -> NDArray[np.float64]:
        """Expected results at ``spend``."""
        return michaelis_menten(spend, self.ceiling, self.half)

    def marginal_cpa(self, spend: float) -> float:
        """Cost of one more result at ``spend``: 1 / derivative = (k + x)^2 / (L k)."""
        return (self.half + spend) ** 2 / (self.ceiling * self.half)


def fit(channel: str, spend: Sequence[float], results: Sequence[float]) -> Curve:
    """Least-squares fit of the curve to weekly (or daily) spend and results."""
    from scipy.optimize import curve_fit

    x = np.asarray(spend, dtype=float)
    y = np.asarray(results, dtype=float)
    warnings = []
    if len(x) < MIN_POINTS:
        warnings.append("few_points")
    if len(x) and x.min() > 0 and x.max() / x.min() < MIN_SPREAD:
        warnings.append("flat_spend")
    try:
        (ceiling, half), _ = curve_fit(
            michaelis_menten, x, y, p0=(max(y.max(), 1.0) * 2, max(np.median(x), 1.0)),
            bounds=((0.0, 1e-9), (np.inf, np.inf)), maxfev=20000,
        )
    except (RuntimeError, ValueError):
        return Curve(channel, math.nan, math.nan, math.nan, len(x), float(x.mean()),
                     (*warnings, "no_fit"))
    pred = michaelis_menten(x, ceiling, half)
    ss_res = float(((y - pred) ** 2).sum())
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - ss_res / ss_tot if ss_tot > 0 else math.nan
    if math.isnan(r2) or r2 < MIN_R2:
        warnings.append("poor_fit")
    return Curve(channel, float(ceiling), float(half), r2, len(x), float(x.mean()),
                 tuple(warnings))


@dataclass(frozen=True)
class Allocation:
    """Spend per channel, the results it should bring, and how it compares with the current
    split (each channel at its historical mean spend) and with an equal split."""

    spend: dict[str, float]
    results: float
    equal_split_results: float
    within_guardrails: bool
    current_results: float = math.nan


def allocate(curves: Sequence[Curve], total: float, low: float = 0.5,
             high: float = 2.0) -> Allocation:
    """Split ``total`` to maximise results: equal marginal CPA across channels, each channel
    kept within ``low``-``high`` x its historical mean spend.

    Solved exactly: spend_i(lambda) = clip(sqrt(L_i k_i / lambda) - k_i, lo_i, hi_i) falls as
    lambda rises, so lambda is found by bisection until the spends add up to ``total``.
    """
    usable = [c for c in curves if not math.isnan(c.ceiling)]
    lo = np.array([c.mean_spend * low for c in usable])
    hi = np.array([c.mean_spend * high for c in usable])
    L = np.array([c.ceiling for c in usable])
    k = np.array([c.half for c in usable])
    within = bool(lo.sum() <= total <= hi.sum())

    def spend_at(lam: float) -> NDArray[np.float64]:
        return np.asarray(np.clip(np.sqrt(L * k / lam) - k, lo, hi), dtype=float)

    if total <= lo.sum():
        x = lo * total / lo.sum()
    elif total >= hi.sum():
        x = hi * total / hi.sum()
    else:
        a, b = 1e-12, 1e12
        for _ in range(200):
            mid = math.sqrt(a * b)
            if spend_at(mid).sum() > total:
                a = mid
            else:
                b = mid
        x = spend_at(math.sqrt(a * b))
        x = x * total / x.sum()  # remove the last rounding crumbs
    equal = total / len(usable)
    return Allocation(
        {c.channel: float(v) for c, v in zip(usable, x, strict=True)},
        float(sum(c.results(v) for c, v in zip(usable, x, strict=True))),
        float(sum(c.results(equal) for c in usable)),
        within,
        float(sum(c.results(c.mean_spend) for c in usable)),
    )
