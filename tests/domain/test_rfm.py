from datetime import date

import numpy as np
import pandas as pd
import pytest

from kit.domain import rfm


def test_quintile_scores_split_evenly_and_keep_ties_together():
    assert rfm.quintile_scores(pd.Series(range(1, 11))).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    # six customers with one order share a score, placed by the middle of their block:
    # mid-rank 3.5 of 10 -> 1 + floor(5 x 3 / 10) = 2; the split moves instead of cutting it
    scores = rfm.quintile_scores(pd.Series([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).tolist()
    assert scores == [2, 2, 2, 2, 2, 2, 4, 4, 5, 5]
    # four customers who all bought on the last day are top of recency, not pushed to 4
    days = pd.Series([0, 0, 0, 0, 10, 20, 30, 40, 50, 60])
    assert rfm.quintile_scores(days, reverse=True).tolist()[:4] == [5, 5, 5, 5]
    # recency reversed: fewer days scores higher
    assert rfm.quintile_scores(pd.Series([5, 400, 40, 90, 200]), reverse=True).tolist() == [
        5, 1, 4, 3, 2]


def _orders(rows):
    return pd.DataFrame(rows, columns=["order_id", "customer_id", "date", "amount"]).assign(
        date=lambda d: pd.to_datetime(d["date"]))


def test_median_gap_and_fixed_thresholds():
    orders = _orders([("1", "a", "2026-01-01", 100), ("2", "a", "2026-01-31", 100),
                      ("3", "b", "2026-02-01", 100), ("4", "b", "2026-03-03", 100),
                      ("5", "b", "2026-05-02", 100), ("6", "c", "2026-06-01", 100)])
    # gaps: a 30; b 30, 60 -> median 30 days
    assert rfm.median_gap_days(orders) == 30
    days = pd.Series([10, 30, 31, 75, 150, 181])
    assert rfm.recency_scores_by_gap(days, 30).tolist() == [5, 5, 4, 3, 2, 1]


def test_segments_by_rule():
    r = pd.Series([5, 5, 3, 2, 4, 3, 1, 4])
    f = pd.Series([1, 5, 1, 1, 5, 4, 4, 2])
    m = pd.Series([3, 5, 2, 1, 4, 3, 5, 2])
    freq = pd.Series([1, 9, 1, 1, 7, 5, 5, 2])
    days = pd.Series([3, 2, 60, 200, 10, 50, 400, 20])
    got = rfm.segment(r, f, m, freq, days).tolist()
    assert got == ["new", "champions", "promising", "needs_attention", "champions", "loyal",
                   "dormant", "promising"]


def test_one_order_is_never_loyal():
    r, f, m = pd.Series([5]), pd.Series([5]), pd.Series([5])
    assert rfm.segment(r, f, m, pd.Series([1]), pd.Series([2])).tolist() == ["new"]


def test_rfm_small_shop_uses_median_gap_and_summary_shares_add_up():
    rows, n = [], 0
    for c in range(40):
        for k in range(1 + c % 4):
            n += 1
            rows.append((str(n), f"c{c}", f"2026-{1 + (c + 3 * k) % 10:02d}-15", 100 + c))
    result = rfm.rfm(_orders(rows), date(2026, 11, 1))
    assert result.method == "median_gap"
    s = result.summary()
    assert s["customers"].sum() == 40
    assert s["customer_share"].sum() == pytest.approx(1)
    assert s["revenue_share"].sum() == pytest.approx(1)
    assert list(s.index) == list(rfm.SEGMENTS)


def test_large_shop_uses_quintiles():
    rng = np.random.default_rng(1)
    n = 3000
    orders = pd.DataFrame({"order_id": np.arange(n).astype(str),
                           "customer_id": rng.integers(0, 900, n).astype(str),
                           "date": pd.Timestamp("2025-01-01")
                           + pd.to_timedelta(rng.integers(0, 600, n), unit="D"),
                           "amount": rng.gamma(2, 500, n)})
    result = rfm.rfm(orders, date(2026, 11, 1), small_shop=500)
    assert result.method == "quintiles"
    assert result.customers["r"].between(1, 5).all()


def test_retention_economics_one_to_five():
    v = rfm.retention_value(at_risk_customers=100, annual_value=3000, cac=650)
    assert v["cost_to_replace"] == 65000 and v["cost_to_keep"] == pytest.approx(13000)
    assert v["saving"] == pytest.approx(52000) and v["value_at_stake"] == 300000
    orders = _orders([("1", "a", "2026-01-01", 100), ("2", "a", "2026-02-01", 300),
                      ("3", "b", "2026-01-01", 200)])
    assert rfm.historical_ltv(orders, 0.5) == pytest.approx(150)  # 600 / 2 customers x 50%


def test_a_lapsed_shop_still_shows_its_lapsed_repeat_buyers():
    """65% of customers silent for over a year, repeat buyers gone quiet for ~200 days:
    quintiles alone would put every low-recency customer in dormant and at_risk at 0."""
    rows, n = [], 0
    as_of = pd.Timestamp("2026-10-31")
    for c in range(1000):
        if c < 650:  # one order 400-700 days ago
            days = [400 + c % 300]
        elif c < 850:  # repeat buyers: two orders 30 days apart, last one ~200 days ago
            days = [230 + c % 40, 200 + c % 40]
        else:  # recent repeat buyers
            days = [60 + c % 20, 30 + c % 20, c % 20]
        for d in days:
            n += 1
            rows.append((str(n), f"c{c}", as_of - pd.Timedelta(days=d), 500.0))
    orders = _orders(rows)
    result = rfm.rfm(orders, as_of.date())
    assert result.method == "quintiles" and result.at_risk_days == 60  # median gap 30 days
    # plain pandas: repeat buyers whose last order is more than 60 days old
    last = orders.groupby("customer_id")["date"].agg(["max", "count"])
    expected = ((last["count"] >= 2) & ((as_of - last["max"]).dt.days > 60)).sum()
    assert len(result.lapsed_repeat) == expected == 200
    assert result.summary().loc["at_risk", "customers"] == 200
    assert result.repeat_rate == pytest.approx(0.35) and result.one_order == 650
