"""The sample clients agree with themselves: every history typed in client.yaml for a goal
measured from a data file equals what that file says, recomputed here with plain pandas
(not the kit's importers), so demos and tests are never built on contradicting numbers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]


def _monthly_orders(slug: str) -> tuple[pd.Series, pd.Series]:
    """(orders, revenue) per month from the raw order file, cancelled orders left out."""
    folder = REPO / "clients" / slug / "data"
    if slug == "mei-dessert":
        raw = pd.read_excel(folder / "orders.xlsx")
        dates, amounts = pd.to_datetime(raw["訂單日期"]), raw["訂單金額"]
    elif slug == "urban-thread":
        raw = pd.read_csv(folder / "orders.csv")
        dates, amounts = pd.to_datetime(raw["date"], format="%Y/%m/%d"), raw["amount"]
    else:
        raw = pd.read_csv(folder / "shopee_orders.csv")
        raw = raw[raw["訂單狀態"] != "不成立"]  # Shopee: an order that never went through
        dates, amounts = pd.to_datetime(raw["訂單成立日期"]), raw["買家總支付金額"]
    month = dates.dt.to_period("M")
    return month.value_counts().sort_index(), amounts.groupby(month).sum()


def _monthly_users(slug: str) -> pd.Series:
    raw = pd.read_csv(REPO / "clients" / slug / "data" / "ga4_traffic.csv", comment="#",
                      thousands=",", dtype={"年月": str})
    return pd.Series(raw["使用者總數"].to_numpy(dtype=float),
                     index=pd.PeriodIndex(raw["年月"], freq="M"))


def _goals(slug: str) -> tuple[date, list[dict]]:
    profile = YAML(typ="safe").load((REPO / "clients" / slug / "client.yaml").read_text(
        encoding="utf-8"))
    start = pd.Period(str(profile["goals"]["start"]), freq="M")
    return start, [g for g in profile["goals"]["goals"] if g.get("source")]


CASES = [(slug, i) for slug in ("lin-hardware", "mei-dessert", "urban-thread")
         for i, g in enumerate(_goals(slug)[1]) if g["source"] != "ads.cpa"]


@pytest.mark.parametrize(("slug", "index"), CASES)
def test_typed_history_equals_the_data_file(slug, index):
    start, goals = _goals(slug)
    goal = goals[index]
    orders, revenue = _monthly_orders(slug)
    series = {"orders.count": orders, "orders.revenue": revenue}.get(goal["source"])
    if series is None:
        series = _monthly_users(slug)
    months = pd.period_range(end=start, periods=len(goal["history"]), freq="M")
    from_file = [float(series.get(m, float("nan"))) for m in months]
    assert from_file == [float(v) for v in goal["history"]], (slug, goal["metric"])
    assert float(goal["baseline"]) == from_file[-1]  # the baseline is the start month's value
