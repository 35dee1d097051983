"""The sample clients agree with themselves: every history typed in client.yaml for a goal
measured from a data file equals what that file says, recomputed here with plain pandas
(not the kit's importers), so demos and tests are never built on contradicting numbers."""

from __future__ import annotations

import math
import subprocess
import sys
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


def _raw_ads(slug: str) -> pd.DataFrame:
    """date, platform, campaign, spend, results, value from the raw Meta / Google downloads."""
    folder, frames = REPO / "clients" / slug / "data", []
    meta = folder / "meta_ads.csv"
    if meta.exists():
        raw = pd.read_csv(meta, encoding="utf-8-sig")
        spend_col = next(c for c in raw.columns if "TWD" in c)
        frames.append(pd.DataFrame({
            "date": pd.to_datetime(raw.iloc[:, 0].str.replace("/", "-")),
            "platform": "Meta", "campaign": raw.iloc[:, 1],
            "spend": raw[spend_col].astype(str).str.replace("NT$", "").str.replace(",", "")
            .astype(float),
            "results": raw.iloc[:, -1].astype(float), "value": math.nan}))
    google = folder / "google_ads.csv"
    if google.exists():
        text = google.read_text(encoding="utf-8").splitlines()
        skip = next(i for i, line in enumerate(text) if line.startswith("Day,"))
        raw = pd.read_csv(google, skiprows=skip, thousands=",")
        raw = raw[~raw["Day"].astype(str).str.startswith("Total")]
        frames.append(pd.DataFrame({
            "date": pd.to_datetime(raw["Day"]), "platform": "Google Ads",
            "campaign": raw["Campaign"],
            "spend": raw["Cost"].astype(float), "results": raw["Conversions"].astype(float),
            "value": raw["Conv. value"].astype(float)}))
    return pd.concat(frames, ignore_index=True)


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


def _weekly(slug: str) -> pd.DataFrame:
    weekly = pd.read_csv(REPO / "clients" / slug / "data" / "weekly_ads.csv")
    weekly["week"] = pd.to_datetime(weekly["week"], format="%Y/%m/%d")
    return weekly


# which weekly/daily channels one platform export covers
EXPORT_CHANNELS = {"Meta": ("Facebook", "Instagram"), "Google Ads": ("Google Ads",)}


@pytest.mark.parametrize("slug", ["lin-hardware", "urban-thread"])
def test_weekly_files_imply_the_exports_cpa(slug):
    """The weekly spend/result history implies the CPA the monthly exports show (it was half)."""
    ads, weekly = _raw_ads(slug), _weekly(slug)
    in_export = weekly[weekly["week"].between(ads["date"].min() - pd.Timedelta(days=6),
                                              ads["date"].max())]
    for platform, rows in ads.groupby("platform"):
        export_cpa = rows["spend"].sum() / rows["results"].sum()
        mine = in_export[in_export["channel"].isin(EXPORT_CHANNELS[platform])]
        assert not mine.empty, (slug, platform)
        weekly_cpa = mine["spend"].sum() / mine["results"].sum()
        assert weekly_cpa == pytest.approx(export_cpa, rel=0.10), (slug, platform)
        # and the spend level: a week is about a quarter of the export's month
        per_week = mine.groupby("week")["spend"].sum().mean()
        per_month = rows.groupby(rows["date"].dt.to_period("M"))["spend"].sum().mean()
        assert per_week * 30 / 7 == pytest.approx(per_month, rel=0.15), (slug, platform)


@pytest.mark.parametrize("slug", ["lin-hardware", "mei-dessert", "urban-thread"])
def test_november_daily_spend_follows_the_same_rates(slug):
    """November's daily file: each channel's CPA is the CPA of its export (or of its weekly
    history; or the per-result cost typed in client.yaml, or its CPC / CVR, for a channel with
    neither)."""
    daily = pd.read_csv(REPO / "clients" / slug / "data" / "ad_spend_2026-11.csv")
    profile = YAML(typ="safe").load((REPO / "clients" / slug / "client.yaml").read_text(
        encoding="utf-8"))
    typed = {c["name"]: c.get("cpa") for c in profile["budget"]["channels"]}
    weekly = _weekly(slug) if (REPO / "clients" / slug / "data" / "weekly_ads.csv").exists() \
        else None
    for channel, rows in daily.groupby("channel"):
        cpa = rows["spend"].sum() / rows["results"].sum()
        if typed.get(channel):
            expected = typed[channel]
        elif weekly is not None and channel in set(weekly["channel"]):
            recent = weekly[(weekly["channel"] == channel)
                            & (weekly["week"] >= pd.Timestamp("2026-10-01"))]
            expected = recent["spend"].sum() / recent["results"].sum()
        elif slug != "mei-dessert":  # a channel started in November: the budget's estimate
            plan = next(c for c in profile["budget"]["channels"] if c["name"] == channel)
            expected = plan["cpc"] / (float(plan["cvr"].rstrip("%")) / 100)
        else:  # Instagram / Facebook at the Meta purchase campaign's CPA
            meta = pd.read_csv(REPO / "clients" / slug / "data" / "meta_ads.csv",
                               encoding="utf-8-sig")
            meta = meta[meta["行銷活動名稱"] == "節慶預購"]
            spend = meta["花費金額 (TWD)"].str.replace("NT$", "").str.replace(",", "")
            expected = spend.astype(float).sum() / meta["成果"].sum()
        assert cpa == pytest.approx(expected, rel=0.15), (slug, channel)


def test_mei_dessert_line_rates_agree():
    """The LINE friend ad's cost per friend (Meta export, November's daily file) is the budget's
    NT$180, and the LINE path's friend-to-order share is the budget's to_order rate."""
    profile = YAML(typ="safe").load((REPO / "clients/mei-dessert/client.yaml").read_text(
        encoding="utf-8"))
    line = next(c for c in profile["budget"]["channels"] if c["name"] == "LINE")
    meta = pd.read_csv(REPO / "clients/mei-dessert/data/meta_ads.csv", encoding="utf-8-sig")
    meta = meta[meta["行銷活動名稱"] == "LINE 加好友"]
    spend = meta["花費金額 (TWD)"].str.replace("NT$", "").str.replace(",", "").astype(float)
    assert spend.sum() / meta["成果"].sum() == pytest.approx(line["cpa"], rel=0.05)
    funnel = pd.read_csv(REPO / "clients/mei-dessert/data/line_funnel.csv")
    to_order = float(line["to_order"].rstrip("%")) / 100
    for _, rows in funnel.groupby("period"):
        count = rows.set_index("stage")["count"]
        assert count["下單"] / count["加 LINE 好友"] == pytest.approx(to_order, abs=0.01)
    # the plan's journey map shows November's LINE path
    journey = [s.get("current") for s in profile["plan"]["journey"]]
    assert journey == funnel[funnel["period"] == funnel["period"].max()]["count"].tolist()


def test_generator_rewrites_the_committed_files_byte_for_byte(tmp_path):
    """scripts/make_samples.py is the one source of every sample data file: run again, it
    writes exactly the committed bytes (so the files were not edited by hand since)."""
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_samples.py"), "--out",
                    str(tmp_path)], check=True, timeout=120)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert len(written) >= 14
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (REPO / "clients" / rel).read_bytes(), rel
    committed = {p.relative_to(REPO / "clients") for p in (REPO / "clients").glob("*/data/*")}
    assert committed == set(written)  # no sample data file outside the generator
