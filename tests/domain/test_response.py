"""The response-curve fit must recover a known curve; the optimiser must beat an equal split."""

import numpy as np
import pytest

from kit.domain import response

TRUE = {"fb": (400.0, 8000.0), "google": (150.0, 1500.0)}


def _weekly(name, lo, hi, noise, seed=7, n=12):
    rng = np.random.default_rng(seed)
    x = np.linspace(lo, hi, n)
    y = response.michaelis_menten(x, *TRUE[name]) * (1 + rng.normal(0, noise, n))
    return x, y


def test_fit_recovers_the_true_curve_exactly_without_noise():
    x, y = _weekly("fb", 2000, 12000, noise=0)
    curve = response.fit("fb", x, y)
    assert curve.ceiling == pytest.approx(400, rel=1e-4)
    assert curve.half == pytest.approx(8000, rel=1e-4)
    assert curve.r2 == pytest.approx(1.0) and curve.trusted


def test_fit_recovers_the_curve_within_tolerance_with_noise():
    # 12 weeks, 3% noise: ceiling and half-saturation within 15%, marginal CPA at the mean
    # spend within 10%
    x, y = _weekly("fb", 2000, 12000, noise=0.03)
    curve = response.fit("fb", x, y)
    assert curve.ceiling == pytest.approx(400, rel=0.15)
    assert curve.half == pytest.approx(8000, rel=0.15)
    true_marginal = (8000 + 7000) ** 2 / (400 * 8000)
    assert curve.marginal_cpa(7000) == pytest.approx(true_marginal, rel=0.10)
    assert curve.r2 > 0.95


def test_thin_data_is_flagged():
    x, y = _weekly("fb", 2000, 12000, noise=0.03, n=5)
    assert "few_points" in response.fit("fb", x, y).warnings
    flat_x = np.full(10, 5000.0) + np.arange(10)
    flat = response.fit("fb", flat_x, response.michaelis_menten(flat_x, 400, 8000))
    assert "flat_spend" in flat.warnings and not flat.trusted


def test_allocation_beats_equal_split_within_guardrails_and_equalises_marginal_cpa():
    curves = [response.fit("fb", *_weekly("fb", 2000, 12000, 0.03)),
              response.fit("google", *_weekly("google", 1000, 6000, 0.03, seed=3))]
    total = 14000.0
    alloc = response.allocate(curves, total)
    assert sum(alloc.spend.values()) == pytest.approx(total)
    assert alloc.results > alloc.equal_split_results
    # the gain is judged against what the channels spend now, not an equal split
    now = sum(c.results(c.mean_spend) for c in curves)
    assert alloc.current_results == pytest.approx(now) and alloc.results >= now
    for c in curves:
        assert 0.5 * c.mean_spend <= alloc.spend[c.channel] <= 2 * c.mean_spend
    fb, google = curves
    assert fb.marginal_cpa(alloc.spend["fb"]) == pytest.approx(
        google.marginal_cpa(alloc.spend["google"]), rel=1e-3)
