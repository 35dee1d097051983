import math

import numpy as np
import pandas as pd
import pytest

from kit.domain import metrics as m


def test_rates_and_costs_hand_computed():
    assert m.ctr(50, 2000) == pytest.approx(0.025)
    assert m.cvr(3, 50) == pytest.approx(0.06)
    assert m.cpc(1500, 50) == pytest.approx(30)
    assert m.cpm(1500, 2000) == pytest.approx(750)
    assert m.cpa(1500, 3) == pytest.approx(500)
    assert m.cpl(2000, 8) == pytest.approx(250)
    assert m.cac(30000, 60) == pytest.approx(500)


def test_returns_hand_computed():
    assert m.roas(4500, 1500) == pytest.approx(3.0)
    assert m.roi(4500, 1500) == pytest.approx(2.0)
    assert m.roi(1000, 1500) == pytest.approx(-1 / 3)
    assert m.break_even_roas(0.4) == pytest.approx(2.5)
    assert m.break_even_cpa(1200, 0.4) == pytest.approx(480)


def test_lifetime_value_and_payback():
    assert m.ltv(1200, 3, 2) == pytest.approx(7200)
    assert m.ltv(1200, 3, 2, gross_margin=0.4) == pytest.approx(2880)
    # monthly gross profit per customer = 1200 x 3 / 12 x 0.4 = 120 -> 600 / 120 = 5 months
    assert m.payback_months(600, 1200, 3, 0.4) == pytest.approx(5)


def test_division_by_zero_is_nan_never_an_error():
    for value in (m.ctr(5, 0), m.cpa(100, 0), m.roas(10, 0), m.roi(10, 0),
                  m.break_even_roas(0), m.payback_months(600, 1200, 0)):
        assert isinstance(value, float) and math.isnan(value)


def test_vectorised_over_series_keeps_index_and_gives_nan_for_zero():
    clicks = pd.Series([50, 0, 30], index=["fb", "ig", "line"])
    impressions = pd.Series([2000, 0, 600], index=["fb", "ig", "line"])
    out = m.ctr(clicks, impressions)
    assert list(out.index) == ["fb", "ig", "line"]
    assert out["fb"] == pytest.approx(0.025)
    assert math.isnan(out["ig"])
    assert out["line"] == pytest.approx(0.05)


def test_series_over_scalar_zero_and_numpy_arrays():
    assert m.cpa(pd.Series([100.0, 200.0]), 0).isna().all()
    arr = m.cpc(np.array([100.0, 50.0]), np.array([4.0, 0.0]))
    assert arr[0] == pytest.approx(25) and math.isnan(arr[1])
