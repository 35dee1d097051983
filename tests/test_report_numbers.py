"""The report's figures against a second, plain-pandas route from the client's own files
(in process, no kernel): unique people are not added up, every planned channel's spend is
counted or said to be missing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from kit.clients import load_client
from kit.domain.budget import month_share_of_weeks, plan_vs_actual
from kit.params import build_parameters
from kit.workbooks.report import ReportBook
from tests.test_sample_consistency import _monthly_orders

DAILY_GA4 = """# 開始日期: 20261001
# 結束日期: 20261031

日期,工作階段,使用者總數,重要事件,總收益
""" + "\n".join(f"202610{d:02d},200,150,2,--" for d in range(1, 32)) + "\n"


def _report(root: Path, slug: str, monkeypatch) -> ReportBook:
    monkeypatch.chdir(root / "clients" / slug)
    return ReportBook.from_params(**build_parameters("report", load_client(slug, root)))


def _text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def test_monthly_users_come_from_the_exports_own_month_rows(root, monkeypatch):
    book = _report(root, "lin-hardware", monkeypatch)
    raw = pd.read_csv(root / "clients/lin-hardware/data/ga4_traffic.csv", comment="#",
                      thousands=",", dtype={"年月": str})
    expected = {m: float(u) for m, u in zip(raw["年月"], raw["使用者總數"], strict=True)}
    got = {f"{m:%Y%m}": v for m, v in book.monthly("ga4.users").items()}
    assert got == expected and got["202610"] == 4380


def test_daily_unique_users_are_never_summed_into_a_month(root, monkeypatch):
    (root / "clients/lin-hardware/data/ga4_traffic.csv").write_text(DAILY_GA4, encoding="utf-8")
    book = _report(root, "lin-hardware", monkeypatch)
    assert book.monthly("ga4.users") == {}  # 31 x 150 = 4,650 would count people twice
    assert book.monthly("ga4.sessions")[pd.Timestamp("2026-10-01").date()] == 31 * 200
    page = _text(book.kpi_html())
    assert "「網站月訪客數」本月沒有數字" in page and "年月" in page
    assert "4,650" not in page


def test_every_planned_channel_is_in_budget_vs_actual(root, monkeypatch):
    book = _report(root, "lin-hardware", monkeypatch)
    folder = root / "clients/lin-hardware/data"
    # second route: Google Ads spend in October from the raw export, Shopee from the weekly
    # file spread over its days, Facebook nowhere
    google = pd.read_csv(folder / "google_ads.csv", skiprows=2, thousands=",")
    google = google[google["Day"].str.startswith("2026-10")]
    weekly = pd.read_csv(folder / "weekly_ads.csv", parse_dates=["week"])
    shopee = 0.0
    for row in weekly[weekly["channel"] == "Shopee"].itertuples():
        days = pd.date_range(row.week, periods=7)
        shopee += row.spend * ((days.year == 2026) & (days.month == 10)).sum() / 7
    rows = {r.platform: r for r in book.analysis.spend}
    assert rows["Google Ads"].actual == pytest.approx(google["Cost"].sum())
    assert rows["Google Ads"].source == "export"
    assert rows["Shopee"].actual == pytest.approx(shopee) and rows["Shopee"].source == "weekly"
    assert rows["Meta"].source == "none" and rows["Meta"].verdict == "no_data"
    assert [r.planned for r in rows.values()] == [15000, 9000, 6000]  # 50/30/20% of 30,000
    page = _text(book.spend_html())
    assert "還沒有資料" in page and "由週報估算" in page
    spent = google["Cost"].sum() + shopee
    assert f"NT${spent:,.0f}" in page and f"{spent / 30000:.0%}" in page


def test_plan_vs_actual_counts_planned_channels_without_data():
    rows = plan_vs_actual({"Facebook": 600, "Instagram": 400, "LINE": 500}, {"Meta": 900})
    first = rows[0]
    assert (first.platform, first.planned, first.actual, first.verdict) == (
        "Meta", 1000, 900, "on_plan")
    assert rows[1].platform == "LINE" and rows[1].verdict == "no_data"


def test_weeks_are_spread_over_their_days():
    weekly = pd.DataFrame({"week": pd.to_datetime(["2026-09-28", "2026-10-26"]),
                           "channel": ["Shopee", "Shopee"], "spend": [700.0, 1400.0]})
    # 2026-09-28 week: 4 days in October (1-4); 2026-10-26 week: 6 days (26-31)
    got = month_share_of_weeks(weekly, pd.Timestamp("2026-10-01").date())
    assert got["Shopee"] == pytest.approx(700 * 4 / 7 + 1400 * 6 / 7)


def test_kpi_rows_answer_the_owners_questions(root, monkeypatch):
    page = _text(_report(root, "lin-hardware", monkeypatch).kpi_html())
    # start -> now -> target on every row; a change says whether it is good news
    assert "起點" in page and "4,200 人 4,380 人 5,460 人" in page
    assert "+32.7% 變好" in page  # visitors 4,380 vs 3,300 a year earlier
    mei = _report(root, "mei-dessert", monkeypatch)
    ads = _text(mei.ads_html())
    # Meta's "LINE 加好友" campaign brings LINE friends and "節慶預購" brings orders (said in
    # the profile): two lines, never one sum of friends and orders; a cheaper friend is better
    raw = pd.read_csv(root / "clients/mei-dessert/data/meta_ads.csv", encoding="utf-8-sig")
    month = raw["報告開始"].str[:7]
    spend = raw["花費金額 (TWD)"].str.replace("NT$", "").str.replace(",", "").astype(float)
    friends = raw["行銷活動名稱"] != "節慶預購"
    cpa = (spend[friends].groupby(month[friends]).sum()
           / raw.loc[friends, "成果"].groupby(month[friends]).sum())
    october = month == "2026/10"
    assert "Meta（LINE 好友） NT$" in ads and "Meta（訂單） NT$" in ads
    assert f"{raw.loc[october & friends, '成果'].sum()} 位 LINE 好友" in ads
    assert f"{raw.loc[october & ~friends, '成果'].sum()} 筆訂單" in ads
    assert f"{cpa['2026/10'] / cpa['2026/09'] - 1:+.1%} 變" in ads


def test_a_past_deadline_is_flagged_in_the_report(root, monkeypatch):
    profile = root / "clients/urban-thread/client.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("deadline: 2027-02-28", "deadline: 2026-09-30"),
                       encoding="utf-8")
    page = _text(_report(root, "urban-thread", monkeypatch).kpi_html())
    assert "期限 2026/09/30 已過" in page


def test_a_figure_changed_since_it_was_sent_is_flagged(root, monkeypatch):
    """October's report compares September's figures with September's snapshot."""
    folder = root / "clients/lin-hardware/snapshots/2026-09"
    folder.mkdir(parents=True)
    counts, _ = _monthly_orders("lin-hardware")
    sent = {"period": "2026-09-01", "client": "林記五金工具",
            "kpis": [{"name": "線上月訂單數", "actual": float(counts["2026-09"]) - 4},
                     {"name": "網站月訪客數", "actual": 4290.0}],
            "ads": [{"channel": "Google Ads", "spend": 9000.0}]}
    (folder / "report.json").write_text(json.dumps(sent, ensure_ascii=False), encoding="utf-8")
    book = _report(root, "lin-hardware", monkeypatch)
    page = _text(book.changes_html())
    # September's orders in the file today: 4 more than the owner was sent (a late export)
    assert f"2026 年 9 月的「線上月訂單數」：寄出時是 {counts['2026-09'] - 4} 筆，現在是 {counts['2026-09']} 筆" in page
    assert "網站月訪客數" not in page and "Google Ads 廣告花費" not in page  # unchanged
    sent["kpis"][0]["actual"] = float(counts["2026-09"])
    (folder / "report.json").write_text(json.dumps(sent, ensure_ascii=False), encoding="utf-8")
    assert "都沒有變動" in _text(_report(root, "lin-hardware", monkeypatch).changes_html())


def test_no_snapshot_means_no_comparison(root, monkeypatch):
    assert _report(root, "mei-dessert", monkeypatch).changes_html() == ""


def test_a_revision_is_proposed_when_a_goal_is_far_behind_two_months_running(root, monkeypatch):
    # visitors 4,200 -> 5,460 by 2027-02 needs 1.3 ** (1/6) = +4.47% a month:
    # September should be 4,388 (4,290 is 48% of the expected progress), October 4,584
    # (4,380 is 47%): both under the 70% "off track" band
    book = _report(root, "lin-hardware", monkeypatch)
    assert book.proposals() == [("網站月訪客數", "off_track_twice")]
    assert book.numbers()["proposals"] == [{"name": "網站月訪客數", "reason": "off_track_twice"}]
