"""A/B tests for message campaigns: how many recipients a test needs, and what a result says.

Sample size per variant for comparing two proportions (two-sided test, normal approximation):

    n = (z(1-alpha/2) * sqrt(2 p q) + z(1-beta) * sqrt(p1 q1 + p2 q2))^2 / (p2 - p1)^2

with p = (p1 + p2) / 2 (Fleiss, *Statistical Methods for Rates and Proportions*). The result
is judged with the pooled two-proportion z-test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from kit.domain.funnel import two_proportion_p


def sample_size(baseline: float, lift: float, power: float = 0.8, alpha: float = 0.05) -> int:
    """Recipients needed per variant to detect ``baseline`` -> ``baseline + lift`` (absolute)."""
    p1, p2 = baseline, baseline + lift
    if not (0 < p1 < 1 and 0 < p2 < 1) or lift == 0:
        raise ValueError("rates must be between 0 and 1 and the lift non-zero")
    z_alpha = NormalDist().inv_cdf(1 - alpha / 2)
    z_beta = NormalDist().inv_cdf(power)
    p = (p1 + p2) / 2
    top = z_alpha * math.sqrt(2 * p * (1 - p)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top**2 / (p2 - p1) ** 2)


@dataclass(frozen=True)
class Verdict:
    """What an A/B result says: the rates, the p-value, and a verdict code for the owner."""

    rate_a: float
    rate_b: float
    p_value: float
    needed: int | None
    code: str  # b_wins | a_wins | no_difference | keep_running

    @property
    def lift(self) -> float:
        """Variant B's rate minus A's."""
        return self.rate_b - self.rate_a


def detectable_lift(baseline: float, per_variant: int, power: float = 0.8,
                    alpha: float = 0.05) -> float:
    """The smallest absolute lift over ``baseline`` a test with ``per_variant`` recipients in
    each group can detect (the inverse of :func:`sample_size`); NaN if even 100% cannot."""
    if per_variant <= 0 or not 0 < baseline < 1:
        return math.nan
    low, high = 1e-6, 1 - baseline - 1e-9
    if sample_size(baseline, high, power, alpha) > per_variant:
        return math.nan
    for _ in range(60):  # bisection: sample_size falls as the lift grows
        mid = (low + high) / 2
        if sample_size(baseline, mid, power, alpha) > per_variant:
            low = mid
        else:
            high = mid
    return high


def judge(sent_a: int, hits_a: int, sent_b: int, hits_b: int, alpha: float = 0.05,
          needed: int | None = None) -> Verdict:
    """Judge a test; ``needed`` is the planned recipients per variant.

    A fixed-sample test may not be read before its planned sample: while either variant has
    fewer recipients than ``needed``, the verdict is ``keep_running`` whatever the p-value
    (peeking at a running test inflates false winners). Once the plan is reached, a result
    significant at ``alpha`` names the better variant, else there is no real difference.
    Without a plan, the result is judged as it stands.
    """
    ra = hits_a / sent_a if sent_a else math.nan
    rb = hits_b / sent_b if sent_b else math.nan
    p = two_proportion_p(hits_b, sent_b, hits_a, sent_a)
    if needed is not None and min(sent_a, sent_b) < needed:
        code = "keep_running"
    elif not math.isnan(p) and p < alpha:
        code = "b_wins" if rb > ra else "a_wins"
    else:
        code = "no_difference"
    return Verdict(ra, rb, p, needed, code)
