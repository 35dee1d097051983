"""Regenerate the sample clients' fictional platform exports (deterministic, seeded).

Run from the repository root: .venv/bin/python scripts/make_sample_data.py
Monthly totals are fixed below so the reports' numbers can be checked by hand in the tests.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261123)
ROOT = Path(__file__).resolve().parents[1] / "clients"


def months(start: str, end: str) -> list[date]:
    return [p.to_timestamp().date() for p in pd.period_range(start, end, freq="M")]


def split(total: float, parts: int, integer: bool = True) -> np.ndarray:
    """``total`` spread over ``parts`` days with noise, summing exactly to ``total``."""
    w = rng.uniform(0.7, 1.3, parts)
    raw = total * w / w.sum()
    if not integer:
        out = np.round(raw, 2)
        out[-1] = round(total - out[:-1].sum(), 2)
        return out
    out = np.floor(raw).astype(int)
    out[: int(total - out.sum())] += 1
    return out


def days_of(month: date) -> list[date]:
    n = calendar.monthrange(month.year, month.month)[1]
    return [month + timedelta(days=d) for d in range(n)]


def orders(monthly: dict[date, int], customers: int, aov: float, loyal_share: float,
           prefix: str, revenue: dict[date, float] | None = None) -> pd.DataFrame:
    """Orders with fixed counts per month (and fixed revenue where given)."""
    weights = rng.pareto(1.6, customers) + 1
    weights /= weights.sum()
    ids = [f"{prefix}{i:05d}" for i in range(customers)]
    rows, n = [], 0
    for month, count in monthly.items():
        days = days_of(month)
        buyers = rng.choice(customers, size=count, p=weights * loyal_share
                            + (1 - loyal_share) / customers)
        amounts = np.round(rng.gamma(4, aov / 4, count))
        if revenue and month in revenue:
            amounts = np.round(amounts * revenue[month] / amounts.sum())
            amounts[-1] += revenue[month] - amounts.sum()
        for b, amt in zip(buyers, amounts, strict=True):
            n += 1
            rows.append((f"{prefix}-{n:06d}", days[rng.integers(len(days))], ids[b], amt))
    return pd.DataFrame(rows, columns=["order_id", "date", "customer_id", "amount"]).sort_values(
        "date", kind="stable")


def ads(campaigns: dict[str, dict], month_list: list[date]) -> pd.DataFrame:
    """Daily campaign rows: spend, impressions, clicks, results (and value) per month targets."""
    rows = []
    for name, spec in campaigns.items():
        for month in month_list:
            m = spec[month]
            days = days_of(month)
            for col in ("spend", "impressions", "clicks", "results", "value"):
                if col in m:
                    spec.setdefault("_split", {})[col] = split(m[col], len(days),
                                                               integer=col != "spend")
            for i, day in enumerate(days):
                rows.append({"date": day, "campaign": name,
                             **{c: spec["_split"][c][i] for c in spec["_split"]}})
            spec.pop("_split")
    return pd.DataFrame(rows)


def ga4(monthly_users: dict[date, int], sessions_per_user: float, path: Path, title: str) -> None:
    """A GA4 report downloaded with "年月" (Year month) as the dimension: one row a month, so
    "使用者總數" is each month's own count of unique users (daily users do not add up)."""
    lines = ["# ----------------------------------------", f"# {title}",
             f"# 開始日期: {min(monthly_users):%Y%m%d}",
             f"# 結束日期: {days_of(max(monthly_users))[-1]:%Y%m%d}",
             "# ----------------------------------------", "",
             "年月,工作階段,使用者總數,重要事件,總收益"]
    for month, users in monthly_users.items():
        split(users, len(days_of(month)))  # keep the seeded draws of the other files unchanged
        sessions = round(users * sessions_per_user)
        lines.append(f"{month:%Y%m},\"{sessions:,}\",\"{users:,}\",{round(users * 0.012)},--")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lin() -> None:
    folder = ROOT / "lin-hardware" / "data"
    counts = dict(zip(months("2025-03", "2026-10"),
                      [22, 24, 21, 26, 25, 27, 29, 31, 33, 28, 30, 35,
                       38, 41, 47, 50, 55, 60, 64, 69], strict=True))
    o = orders(counts, 420, 1450, 0.6, "L")
    # Shopee-style export: zh headers, a status column with cancelled orders, times of day
    shopee = pd.DataFrame({
        "訂單編號": o["order_id"].str.replace("L-", "2611"),
        "訂單狀態": "已完成",
        "訂單成立日期": [f"{d:%Y-%m-%d} {rng.integers(8, 23):02d}:{rng.integers(60):02d}"
                   for d in o["date"]],
        "買家帳號": o["customer_id"].str.lower(),
        "商品總價": o["amount"].astype(int) - 60,
        "買家總支付金額": o["amount"].astype(int),
    })
    cancelled = shopee.sample(12, random_state=3).copy()
    cancelled["訂單編號"] = cancelled["訂單編號"] + "X"
    cancelled["訂單狀態"] = "不成立"
    shopee = pd.concat([shopee, cancelled]).sort_values("訂單成立日期", kind="stable")
    shopee.to_csv(folder / "shopee_orders.csv", index=False, encoding="utf-8-sig")
    users = dict(zip(months("2025-10", "2026-10"),
                     [3300, 3380, 3450, 3520, 3560, 3600, 3710, 3880, 3950, 4080, 4200, 4290,
                      4380], strict=True))
    ga4(users, 1.3, folder / "ga4_traffic.csv", "流量開發：林記五金官網")
    g = ads({"搜尋-品牌字": {m: {"spend": s, "impressions": 9000, "clicks": 420, "results": r,
                                "value": r * 1450} for m, s, r in
                            zip(months("2026-09", "2026-10"), (4200.0, 4500.0), (10, 11),
                                strict=True)},
             "購物廣告": {m: {"spend": s, "impressions": 26000, "clicks": 610, "results": r,
                              "value": r * 1450} for m, s, r in
                          zip(months("2026-09", "2026-10"), (4800.0, 4600.0), (9, 8),
                              strict=True)}},
            months("2026-09", "2026-10"))
    lines = ["Campaign performance report", '"September 1, 2026 - October 31, 2026"',
             "Day,Campaign,Clicks,Impr.,Cost,Conversions,Conv. value"]
    for r in g.itertuples():
        lines.append(f'{r.date:%Y-%m-%d},{r.campaign},{r.clicks},"{r.impressions:,}",'
                     f'"{r.spend:,.2f}",{r.results},"{r.value:,.2f}"')
    lines.append(f'Total: Account,,{g.clicks.sum()},"{g.impressions.sum():,}",'
                 f'"{g.spend.sum():,.2f}",{g.results.sum()},"{g.value.sum():,.2f}"')
    (folder / "google_ads.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def mei() -> None:
    folder = ROOT / "mei-dessert" / "data"
    counts = dict(zip(months("2025-09", "2026-10"),
                      [120, 96, 110, 160, 150, 105, 88, 92, 118, 140, 150, 170, 180, 186],
                      strict=True))
    o = orders(counts, 380, 680, 0.5, "M")
    o.rename(columns={"order_id": "訂單編號", "date": "訂單日期", "customer_id": "會員編號",
                      "amount": "訂單金額"}).to_excel(folder / "orders.xlsx", index=False)
    m = ads({"節慶預購": {mm: {"spend": s, "impressions": i, "clicks": c, "results": r} for
                      mm, s, i, c, r in zip(months("2026-09", "2026-10"), (5200.0, 5600.0),
                                            (61000, 64000), (980, 1010), (22, 24), strict=True)},
             "LINE 加好友": {mm: {"spend": s, "impressions": i, "clicks": c, "results": r} for
                           mm, s, i, c, r in zip(months("2026-09", "2026-10"), (3900.0, 4100.0),
                                                 (40000, 41000), (700, 740), (210, 250),
                                                 strict=True)}},
            months("2026-09", "2026-10"))
    out = pd.DataFrame({"報告開始": m["date"].map(lambda d: f"{d:%Y/%m/%d}"),
                        "行銷活動名稱": m["campaign"],
                        "花費金額 (TWD)": m["spend"].map(lambda v: f"NT${v:,.0f}"),
                        "曝光次數": m["impressions"], "觸及人數": (m["impressions"] * 0.7).round(),
                        "連結點擊次數": m["clicks"], "成果": m["results"]})
    out.to_csv(folder / "meta_ads.csv", index=False, encoding="utf-8-sig")


def urban() -> None:
    folder = ROOT / "urban-thread" / "data"
    ms = months("2024-11", "2026-10")
    revenue = dict(zip(ms[-3:], (1_200_000, 1_231_000, 1_262_000), strict=True))
    counts = {m: int(700 + 8 * i + rng.integers(-40, 40)) for i, m in enumerate(ms)}
    counts.update({m: round(v / 1380) for m, v in revenue.items()})
    o = orders(counts, 7000, 1380, 0.35, "U", revenue)
    o.assign(date=o["date"].map(lambda d: f"{d:%Y/%m/%d}")).to_csv(
        folder / "orders.csv", index=False)
    # Meta: creative fatigue in October (CPA up, CTR down); Google steady
    m = ads({"秋冬新品": {mm: {"spend": s, "impressions": i, "clicks": c, "results": r} for
                      mm, s, i, c, r in zip(months("2026-09", "2026-10"), (128000.0, 131000.0),
                                            (880000, 940000), (12300, 10900), (232, 206),
                                            strict=True)}},
            months("2026-09", "2026-10"))
    pd.DataFrame({"Reporting starts": m["date"].map(lambda d: f"{d:%Y-%m-%d}"),
                  "Campaign name": m["campaign"], "Amount spent (TWD)": m["spend"],
                  "Impressions": m["impressions"], "Reach": (m["impressions"] * 0.6).round(),
                  "Link clicks": m["clicks"], "Results": m["results"]}).to_csv(
        folder / "meta_ads.csv", index=False)
    g = ads({"Search - 通勤穿搭": {mm: {"spend": s, "impressions": 60000, "clicks": 3200,
                                      "results": r, "value": r * 1420} for mm, s, r in
                                 zip(months("2026-09", "2026-10"), (41000.0, 43000.0),
                                     (95, 101), strict=True)}},
            months("2026-09", "2026-10"))
    g.rename(columns={"date": "Day", "campaign": "Campaign", "spend": "Cost",
                      "impressions": "Impr.", "clicks": "Clicks", "results": "Conversions",
                      "value": "Conv. value"}).to_csv(folder / "google_ads.csv", index=False)


if __name__ == "__main__":
    lin()
    mei()
    urban()
