"""A/B statistics checked against hand computation and scipy (computed independently)."""

import math

import pytest
from scipy import stats

from kit.domain import abtest


def _scipy_sample_size(p1, p2, power=0.8, alpha=0.05):
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    p = (p1 + p2) / 2
    top = za * math.sqrt(2 * p * (1 - p)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top**2 / (p2 - p1) ** 2)


def test_sample_size_textbook_case():
    # 10% -> 12%, alpha 5% two-sided, power 80%:
    # (1.95996 x 0.44249 + 0.84162 x 0.44227)^2 / 0.02^2 = 1.23949^2 / 0.0004 = 3,841
    assert abtest.sample_size(0.10, 0.02) == 3841


@pytest.mark.parametrize(("base", "lift", "power", "alpha"),
                         [(0.03, 0.02, 0.8, 0.05), (0.12, 0.03, 0.9, 0.05),
                          (0.04, 0.015, 0.8, 0.01), (0.5, -0.05, 0.8, 0.05)])
def test_sample_size_matches_scipy(base, lift, power, alpha):
    assert abtest.sample_size(base, lift, power, alpha) == _scipy_sample_size(
        base, base + lift, power, alpha)


def test_two_proportion_p_matches_scipy_chi_square():
    v = abtest.judge(1000, 120, 1000, 158)
    table = [[158, 1000 - 158], [120, 1000 - 120]]
    p = stats.chi2_contingency(table, correction=False)[1]
    assert v.p_value == pytest.approx(p, rel=1e-9)
    assert v.code == "b_wins" and v.lift == pytest.approx(0.038)


def test_no_verdict_before_the_planned_sample():
    # p = 0.014 at 1,000 of a planned 2,036 per variant: peeking would declare B the winner
    early = abtest.judge(1000, 120, 1000, 158, needed=2036)
    assert early.p_value < 0.05 and early.code == "keep_running"
    assert abtest.judge(2036, 244, 2036, 322, needed=2036).code == "b_wins"


@pytest.mark.parametrize(("base", "n"), [(0.12, 1025), (0.04, 1400), (0.3, 500)])
def test_detectable_lift_inverts_the_sample_size(base, n):
    lift = abtest.detectable_lift(base, n)
    assert abtest.sample_size(base, lift) <= n < abtest.sample_size(base, lift * 0.99)


def test_verdicts():
    assert abtest.judge(1400, 56, 1400, 71, needed=3156).code == "keep_running"
    assert abtest.judge(4000, 160, 4000, 170, needed=3156).code == "no_difference"
    assert abtest.judge(1000, 158, 1000, 120).code == "a_wins"
    with pytest.raises(ValueError):
        abtest.sample_size(0.1, 0)
