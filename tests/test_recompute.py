"""Every headline figure, recomputed by a second route: plain pandas on the raw files and
arithmetic on client.yaml, compared with what the report's numbers snapshot and the budget,
funnel and customers workbooks show (in process, no kernel)."""

from __future__ import annotations

import math
import re
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from ruamel.yaml import YAML

from kit.clients import load_client
from kit.params import build_parameters
from kit.workbooks.budget import BudgetBook
from kit.workbooks.customers import CustomersBook
from kit.workbooks.funnel import FunnelBook
from kit.workbooks.report import ReportBook
from tests.test_sample_consistency import _monthly_orders, _raw_ads

REPO = Path(__file__).resolve().parents[1]
SLUGS = ("lin-hardware", "mei-dessert", "urban-thread")
PLATFORM = {"meta": "Meta", "google": "Google Ads"}
LABELS = {"purchase": "訂單", "line_friend": "LINE 好友", "lead": "名單"}


def _yaml(slug: str) -> dict:
    return YAML(typ="safe").load((REPO / "clients" / slug / "client.yaml").read_text(
        encoding="utf-8"))


def _pct(text) -> float:
    return float(str(text).rstrip("%")) / 100 if str(text).endswith("%") else float(text)


def _book(cls, template: str, slug: str, monkeypatch):
    monkeypatch.chdir(REPO / "clients" / slug)
    return cls.from_params(**build_parameters(template, load_client(slug, REPO)))


@pytest.mark.parametrize("slug", SLUGS)
def test_report_snapshot_figures(slug, monkeypatch):
    book = _book(ReportBook, "report", slug, monkeypatch)
    numbers = book.numbers()
    period = pd.Period(numbers["period"][:7], freq="M")
    raw = _raw_ads(slug)
    raw = raw[raw["date"].dt.to_period("M") == period].copy()
    # each row's result type from client.yaml (export default, campaigns named otherwise);
    # a platform with two types is reported one line per type, never added up
    types = {}
    for e in _yaml(slug)["report"]["exports"]:
        if e["kind"] in PLATFORM:
            types[PLATFORM[e["kind"]]] = (e.get("result", "purchase"), e.get("campaigns", {}))
    raw["type"] = [types[p][1].get(c, types[p][0]) for p, c in zip(raw["platform"],
                                                                    raw["campaign"],
                                                                    strict=True)]
    mixed = raw.groupby("platform")["type"].nunique() > 1
    raw["line"] = [f"{p}（{LABELS[k]}）" if mixed[p] else p
                   for p, k in zip(raw["platform"], raw["type"], strict=True)]
    ads = raw.groupby("line").sum(numeric_only=True, min_count=1)
    got = {a["channel"]: a for a in numbers["ads"]}
    assert set(got) == set(ads.index)
    for platform, row in ads.iterrows():
        assert got[platform]["spend"] == pytest.approx(row["spend"])
        assert got[platform]["results"] == pytest.approx(row["results"])
        assert got[platform]["cpa"] == pytest.approx(row["spend"] / row["results"])
        roas = row["value"] / row["spend"]
        assert (got[platform]["roas"] is None) == math.isnan(roas)
        if not math.isnan(roas):
            assert got[platform]["roas"] == pytest.approx(roas)
    counts, revenue = _monthly_orders(slug)
    assert numbers["sales"]["orders"] == counts[period]
    assert numbers["sales"]["revenue"] == pytest.approx(revenue[period])
    # every planned channel is listed; platforms with an export carry its exact spend
    profile = _yaml(slug)
    planned = sum(profile["budget"]["monthly_budget"] * _pct(c["share"])
                  for c in profile["budget"]["channels"])
    spend = {s["platform"]: s for s in numbers["spend"]}
    assert sum(s["planned"] for s in spend.values()) == pytest.approx(planned)
    for platform, row in raw.groupby("platform").sum(numeric_only=True).iterrows():
        assert spend[platform]["actual"] == pytest.approx(row["spend"])
    # KPI actuals: the same monthly figure from the raw files
    for kpi, spec in zip(numbers["kpis"], [k.spec for k in book.analysis.kpis], strict=True):
        if spec.source == "orders.count":
            assert kpi["actual"] == counts[period]
        elif spec.source == "orders.revenue":
            assert kpi["actual"] == pytest.approx(revenue[period])


@pytest.mark.parametrize("slug", SLUGS)
def test_budget_plan_and_pacing(slug, monkeypatch):
    book = _book(BudgetBook, "ad_budget", slug, monkeypatch)
    b = _yaml(slug)["budget"]
    margin, aov = _pct(b["gross_margin"]), b["aov"]
    for c, row in zip(b["channels"], book.analysis.plan.lines, strict=True):
        budget = b["monthly_budget"] * _pct(c["share"])
        cpa = c["cpa"] if "cpa" in c else c["cpc"] / _pct(c["cvr"])
        orders = budget / cpa * (_pct(c["to_order"]) if "to_order" in c else 1.0)
        assert (row.budget, row.cpa, row.orders) == pytest.approx((budget, cpa, orders))
        assert row.roas == pytest.approx(orders * aov / budget)
        assert row.profit == pytest.approx(orders * aov * margin - budget)
        assert row.above_break_even == (budget / orders <= aov * margin)
    spend = pd.read_csv(REPO / "clients" / slug / b["actual"], parse_dates=["date"])
    as_of = pd.Timestamp(b["as_of"])
    assert book.analysis.pacing.pacing.spent == pytest.approx(spend.loc[spend["date"] <= as_of, "spend"].sum())


def test_mei_dessert_line_friends_lose_money(monkeypatch):
    plan = _book(BudgetBook, "ad_budget", "mei-dessert", monkeypatch).analysis.plan
    line = next(r for r in plan.lines if r.channel == "LINE")
    # 4,500 / 180 = 25 friends x 16% = 4 orders x NT$680 = 2,720: ROAS 0.60, -NT$3,004
    assert (line.results, line.orders, line.revenue) == pytest.approx((25, 4, 2720))
    assert line.roas == pytest.approx(0.6044, abs=1e-4)
    assert line.profit == pytest.approx(-3004) and not line.above_break_even


@pytest.mark.parametrize("slug", SLUGS)
def test_funnel_rates_and_values(slug, monkeypatch):
    result = _book(FunnelBook, "funnel", slug, monkeypatch).analysis
    counts = [s.count for s in result.stages.stages]
    f = _yaml(slug)["funnel"]
    if "counts" in f:
        assert counts == f["counts"]
    else:
        raw = pd.read_csv(REPO / "clients" / slug / f["data"])
        assert counts == raw[raw["period"] == raw["period"].max()]["count"].tolist()
    rates = [b / a for a, b in pairwise(counts)]
    assert [s.step_rate for s in result.stages.stages[1:]] == pytest.approx(rates)
    top = result.bottlenecks.rows[0]
    keys = result.stages.keys
    k = keys.index(top.stage)
    # the top stage lifted to its benchmark carries everyone after it: x (bench / rate)
    factor = top.benchmark / rates[k - 1]
    money = [i for i, key in enumerate(keys) if key in result.value_stages and i >= k]
    value = sum(counts[i] * (factor - 1) for i in money) * f["value_per_customer"]
    assert top.extra_value == pytest.approx(value)


def _raw_orders(slug: str, as_of) -> pd.DataFrame:
    """order_id, date, customer_id, amount from the raw order file up to as_of (whole day),
    Shopee's cancelled orders left out."""
    folder = REPO / "clients" / slug / "data"
    name = {"mei-dessert": "orders.xlsx", "urban-thread": "orders.csv"}.get(
        slug, "shopee_orders.csv")
    raw = pd.read_excel(folder / name) if name.endswith("xlsx") else pd.read_csv(folder / name)
    raw.columns = ["order_id", "date", "customer_id", "amount"] if len(raw.columns) == 4 else \
        ["order_id", "status", "date", "customer_id", "items", "amount"]
    if "status" in raw:
        raw = raw[raw["status"] != "不成立"]
    raw["date"] = pd.to_datetime(raw["date"].astype(str).str.replace("/", "-"))
    return raw[raw["date"].dt.normalize() <= pd.Timestamp(as_of)]


def _score(values: pd.Series) -> pd.Series:
    """Quintile score 1-5 by mid-rank: 1 + floor(5 x (rank - 0.5) / n) (the documented rule)."""
    ranks = values.rank(method="average")
    return ((ranks - 0.5) * 5 // len(values) + 1).clip(1, 5).astype(int)


def _segment_sizes(raw: pd.DataFrame, as_of, small_shop: int) -> dict[str, int]:
    """RFM segments by the rules documented in kit/domain/rfm.py, one customer at a time."""
    end = pd.Timestamp(as_of)
    per = {cid: g.sort_values("date") for cid, g in raw.groupby("customer_id")}
    gaps = [d.days for g in per.values() for d in g["date"].diff().dropna()]
    gap = float(pd.Series(gaps).median()) if gaps else math.nan
    customers = pd.DataFrame({
        "recency": [(end - g["date"].max().normalize()).days for g in per.values()],
        "frequency": [len(g) for g in per.values()],
        "monetary": [g["amount"].sum() for g in per.values()]})
    if len(customers) < small_shop and gap > 0:  # the shop's own rhythm: 1, 2, 3, 6 gaps
        r = customers["recency"].map(lambda d: next(
            (s for s, k in ((5, 1), (4, 2), (3, 3), (2, 6)) if d <= k * gap), 1))
    else:
        r = _score(-customers["recency"])
    f, m = _score(customers["frequency"]), _score(customers["monetary"])
    window = 180 if math.isnan(gap) else int(max(2 * gap, 60))
    sizes = dict.fromkeys(("champions", "loyal", "new", "promising", "needs_attention",
                           "at_risk", "dormant"), 0)
    for i, c in customers.iterrows():
        if c["recency"] > 365:
            name = "dormant"
        elif c["frequency"] == 1:
            name = "new" if r[i] >= 4 else "promising" if r[i] == 3 else "needs_attention"
        elif r[i] <= 2 or c["recency"] > window:
            name = "at_risk"
        elif r[i] >= 4 and f[i] >= 4 and m[i] >= 4:
            name = "champions"
        elif f[i] >= 4 and r[i] >= 3:
            name = "loyal"
        else:
            name = "promising" if r[i] >= 3 else "needs_attention"
        sizes[name] += 1
    return sizes


@pytest.mark.parametrize("slug", SLUGS)
def test_rfm_segment_sizes(slug, monkeypatch):
    """Each segment's size in the customers workbook equals a per-customer recomputation from
    the raw order file, and the table the owner sees carries those numbers."""
    book = _book(CustomersBook, "customers", slug, monkeypatch)
    small_shop = _yaml(slug)["customers"].get("small_shop", 500)
    as_of = book.analysis.scoring.as_of
    expected = _segment_sizes(_raw_orders(slug, as_of), as_of, small_shop)
    assert book.rfm.summary()["customers"].to_dict() == expected
    assert sum(expected.values()) == book.rfm.customers.shape[0]
    page = re.sub(r"<[^>]+>", " ", book.segments_html())
    for size in expected.values():
        assert f" {size:,} " in page


@pytest.mark.parametrize("slug", SLUGS)
def test_customers_cac_and_repeat(slug, monkeypatch):
    book = _book(CustomersBook, "customers", slug, monkeypatch)
    raw = _raw_orders(slug, book.analysis.scoring.as_of)
    first = raw.groupby("customer_id")["date"].min().dt.to_period("M")
    ads = _raw_ads(slug)
    spend = ads.groupby(ads["date"].dt.to_period("M"))["spend"].sum()
    new = first[first.isin(spend.index)].size
    cac = book.analysis.retention.cac
    assert (cac.value, cac.source) == (pytest.approx(spend.sum() / new), "computed")
    per_customer = raw.groupby("customer_id").size()
    assert book.rfm.repeat_rate == pytest.approx((per_customer >= 2).mean())
    assert book.rfm.one_order == (per_customer == 1).sum()
    segments = book.analysis.segments
    assert segments.repeat_rate == pytest.approx((per_customer >= 2).mean())
    assert segments.one_order == (per_customer == 1).sum()
