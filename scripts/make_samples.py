"""Generate every sample client's data files from one seeded generator (deterministic).

    .venv/bin/python scripts/make_samples.py            # rewrite clients/<slug>/data/
    .venv/bin/python scripts/make_samples.py --out DIR  # write DIR/<slug>/data/ instead

One small set of underlying rates per client (``RATES``: monthly orders and order value, repeat
behaviour, traffic, spend and CPA per channel, the LINE path's step rates) feeds every file: the
order history, the platform exports, the weekly spend/result history, November's daily spend
and the funnel file. So the CPA a weekly file implies is the CPA the monthly exports show, and
the histories typed in client.yaml are the order file's own monthly figures.

client.yaml is not rewritten: its numbers are the source (histories, baselines, the budget's
planned CPAs); the order counts below are those histories, and ``check_profiles`` stops the
script if a generated file disagrees with a figure typed there. Running it twice writes
byte-identical files (tests/test_sample_consistency.py regenerates into a temporary folder and
compares).
"""

from __future__ import annotations

import argparse
import calendar
import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261123
ROOT = Path(__file__).resolve().parents[1] / "clients"
rng = np.random.default_rng(SEED)   # orders and platform exports (drawn in this order)
noise = np.random.default_rng(SEED + 1)   # weekly and daily spend files

# The underlying rates. Spend is per month; a CPA is spend per result of the channel's own
# conversion type (LINE: per new friend). "cpa" None: the channel's platform export is the
# source, so its CPA is the export's own spend / results that month.
RATES: dict[str, dict] = {
    "lin-hardware": {
        # monthly orders 2025-03..2026-10 (2026-03..08 are client.yaml's history), order value
        "orders": {"first": "2025-03", "aov": 1450, "customers": 420, "loyal_share": 0.6,
                   "counts": [22, 24, 21, 26, 25, 27, 29, 31, 33, 28, 30, 35,
                              38, 41, 47, 50, 55, 60, 64, 69]},
        "users": {"first": "2025-10", "sessions_per_user": 1.3,
                  "counts": [3300, 3380, 3450, 3520, 3560, 3600, 3710, 3880, 3950, 4080, 4200,
                             4290, 4380]},
        "channels": {
            "Google Ads": {"spend": {"2026-09": 9000, "2026-10": 9100, "2026-11": 8800},
                           "cpa": None},
            # the October pilot: NT$300 a day, CPA NT$410 (client.yaml plan.pilots)
            "Shopee": {"spend": {"2026-09": 9000, "2026-10": 9020, "2026-11": 16400},
                       "cpa": {"2026-09": 410, "2026-10": 410, "2026-11": 410}},
            # started in November; the budget's own estimate NT$7 / 1% = NT$700
            "Facebook": {"spend": {"2026-11": 5900}, "cpa": {"2026-11": 700}},
        },
        "google": {"搜尋-品牌字": {"spend": (4200.0, 4500.0), "results": (10, 11),
                                  "impressions": 9000, "clicks": 420},
                   "購物廣告": {"spend": (4800.0, 4600.0), "results": (9, 8),
                                "impressions": 26000, "clicks": 610}},
        "weekly": ["Google Ads", "Shopee"],
        "daily": ["Shopee", "Google Ads", "Facebook"],
    },
    "mei-dessert": {
        "orders": {"first": "2025-09", "aov": 680, "customers": 380, "loyal_share": 0.5,
                   "counts": [120, 96, 110, 160, 150, 105, 88, 92, 118, 140, 150, 170, 180,
                              186]},
        "channels": {
            # the Meta campaign 節慶預購 runs on Instagram and Facebook (purchases)
            "Instagram": {"spend": {"2026-11": 7600}, "cpa": {"2026-11": 235}},
            "Facebook": {"spend": {"2026-11": 2800}, "cpa": {"2026-11": 240}},
            # LINE friend ads: NT$180 per new friend (client.yaml budget, LINE cpa)
            "LINE": {"spend": {"2026-09": 3900, "2026-10": 4100, "2026-11": 4300},
                     "cpa": {"2026-09": 180, "2026-10": 180, "2026-11": 180}},
        },
        "meta": {"節慶預購": {"spend": (5200.0, 5600.0), "cpa": 235,
                             "impressions": (61000, 64000), "clicks": (980, 1010)},
                 "LINE 加好友": {"spend": (3900.0, 4100.0), "cpa": 180,
                               "impressions": (40000, 41000), "clicks": (700, 740)}},
        # LINE path: new friends a month (ads and organic), then friend -> inquiry -> order;
        # 33% x 50% = about 16% of friends order (client.yaml budget, LINE to_order)
        "line_path": {"reach": {"2026-10": 47000, "2026-11": 52000},
                      "friends": {"2026-10": 980, "2026-11": 1150},
                      "to_inquiry": 0.33, "to_order": 0.5},
        "daily": ["Instagram", "Facebook", "LINE"],
    },
    "urban-thread": {
        "orders": {"first": "2024-11", "aov": 1380, "customers": 7000, "loyal_share": 0.35,
                   "trend": (700, 8, 40),   # 700 orders a month + 8 a month, +-40 noise
                   "revenue": {"2026-08": 1_200_000, "2026-09": 1_231_000,
                               "2026-10": 1_262_000}},
        "channels": {
            # Meta (Facebook 60%, Instagram 40% of its spend): creative fatigue in October
            "Facebook": {"spend": {"2026-09": 76800, "2026-10": 78600, "2026-11": 98000},
                         "cpa": {"2026-09": 552, "2026-10": 636, "2026-11": 600}},
            "Instagram": {"spend": {"2026-09": 51200, "2026-10": 52400, "2026-11": 62000},
                          "cpa": {"2026-09": 552, "2026-10": 636, "2026-11": 600}},
            "Google Ads": {"spend": {"2026-09": 41000, "2026-10": 43000, "2026-11": 49700},
                           "cpa": {"2026-09": 432, "2026-10": 426, "2026-11": 430}},
        },
        "weekly": ["Facebook", "Google Ads", "Instagram"],
        "daily": ["Facebook", "Instagram", "Google Ads"],
    },
}


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


def results_for(spend: np.ndarray, cpa: np.ndarray) -> np.ndarray:
    """Whole results per row whose running total follows spend / CPA exactly (rounded), so any
    run of rows implies the channel's CPA."""
    expected = np.floor(np.cumsum(spend / cpa) + 0.5)
    return np.diff(np.concatenate([[0.0], expected])).astype(int)


def channel_cpa(rates: dict, channel: str, month: str, export_cpa: dict[str, float]) -> float:
    cpa = rates["channels"][channel]["cpa"]
    if cpa is None:  # the export's own CPA; a month after the export keeps its last month's
        return export_cpa.get(month, export_cpa[max(export_cpa)])
    return cpa[month]


def weekly(rates: dict, export_cpa: dict[str, float], path: Path) -> None:
    """Weekly spend and results per channel, Monday 2026-08-31 to 2026-11-16."""
    weeks = pd.date_range("2026-08-31", "2026-11-16", freq="7D")
    frames = []
    for channel in rates["weekly"]:
        spend_rates = rates["channels"][channel]["spend"]
        month = [max(f"{w:%Y-%m}", min(spend_rates)) for w in weeks]  # Aug 31 at September's
        spend = np.array([round(spend_rates[m] * 7 / 30 * noise.uniform(0.75, 1.25), -1)
                          for m in month])
        cpa = np.array([channel_cpa(rates, channel, m, export_cpa) for m in month])
        frames.append(pd.DataFrame({"week": weeks.strftime("%Y/%m/%d"), "channel": channel,
                                    "spend": spend.astype(int),
                                    "results": results_for(spend, cpa)}))
    out = pd.concat(frames).sort_values(["week", "channel"], kind="stable")
    out.to_csv(path, index=False, lineterminator="\n")


def daily(rates: dict, export_cpa: dict[str, float], path: Path) -> None:
    """November's daily spend and results per channel up to the 20th (the budget's as_of)."""
    days = pd.date_range("2026-11-01", "2026-11-20")
    columns = {}
    for channel in rates["daily"]:
        monthly = rates["channels"][channel]["spend"]["2026-11"]
        spend = np.round(monthly / 30 * noise.uniform(0.7, 1.3, len(days)))
        cpa = channel_cpa(rates, channel, "2026-11", export_cpa)
        columns[channel] = (spend.astype(int), results_for(spend, np.full(len(days), cpa)))
    rows = [(f"{d:%Y-%m-%d}", c, columns[c][0][i], columns[c][1][i])
            for i, d in enumerate(days) for c in rates["daily"]]
    pd.DataFrame(rows, columns=["date", "channel", "spend", "results"]).to_csv(
        path, index=False, lineterminator="\n")


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """An .xlsx with fixed timestamps (openpyxl stamps the time of writing), so a rerun is
    byte-identical."""
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    fixed = b"2026-11-01T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                for tag in (b"dcterms:created", b"dcterms:modified"):
                    start = data.index(b">", data.index(b"<" + tag)) + 1
                    data = data[:start] + fixed + data[data.index(b"</" + tag):]
            dst.writestr(zipfile.ZipInfo(item.filename, (2026, 11, 1, 0, 0, 0)), data,
                         zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


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


def month_list(first: str, n: int) -> list[date]:
    return [p.to_timestamp().date() for p in pd.period_range(first, periods=n, freq="M")]


def export_cpa(spend: pd.Series, results: pd.Series, dates: pd.Series) -> dict[str, float]:
    month = pd.to_datetime(dates).dt.strftime("%Y-%m")
    return (spend.groupby(month).sum() / results.groupby(month).sum()).to_dict()


def counted_orders(slug: str, prefix: str) -> tuple[dict, dict, pd.DataFrame]:
    """A client's rates, its order rates and the orders drawn from its monthly counts."""
    rates = RATES[slug]
    r = rates["orders"]
    counts = dict(zip(month_list(r["first"], len(r["counts"])), r["counts"], strict=True))
    return rates, r, orders(counts, r["customers"], r["aov"], r["loyal_share"], prefix)


def lin(root: Path) -> None:
    rates, r, o = counted_orders("lin-hardware", "L")
    folder = root / "lin-hardware" / "data"
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
    shopee.to_csv(folder / "shopee_orders.csv", index=False, encoding="utf-8-sig",
                  lineterminator="\n")
    u = rates["users"]
    users = dict(zip(month_list(u["first"], len(u["counts"])), u["counts"], strict=True))
    ga4(users, u["sessions_per_user"], folder / "ga4_traffic.csv", "流量開發：林記五金官網")
    sep_oct = months("2026-09", "2026-10")
    g = ads({name: {m: {"spend": s, "impressions": c["impressions"], "clicks": c["clicks"],
                        "results": n, "value": n * r["aov"]}
                    for m, s, n in zip(sep_oct, c["spend"], c["results"], strict=True)}
             for name, c in rates["google"].items()}, sep_oct)
    lines = ["Campaign performance report", '"September 1, 2026 - October 31, 2026"',
             "Day,Campaign,Clicks,Impr.,Cost,Conversions,Conv. value"]
    for row in g.itertuples():
        lines.append(f'{row.date:%Y-%m-%d},{row.campaign},{row.clicks},"{row.impressions:,}",'
                     f'"{row.spend:,.2f}",{row.results},"{row.value:,.2f}"')
    lines.append(f'Total: Account,,{g.clicks.sum()},"{g.impressions.sum():,}",'
                 f'"{g.spend.sum():,.2f}",{g.results.sum()},"{g.value.sum():,.2f}"')
    (folder / "google_ads.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cpa = export_cpa(g["spend"], g["results"], g["date"])
    weekly(rates, cpa, folder / "weekly_ads.csv")
    daily(rates, cpa, folder / "ad_spend_2026-11.csv")


def mei(root: Path) -> None:
    rates, _, o = counted_orders("mei-dessert", "M")
    folder = root / "mei-dessert" / "data"
    write_xlsx(o.rename(columns={"order_id": "訂單編號", "date": "訂單日期",
                                 "customer_id": "會員編號", "amount": "訂單金額"}),
               folder / "orders.xlsx")
    sep_oct = months("2026-09", "2026-10")
    m = ads({name: {mm: {"spend": s, "impressions": i, "clicks": c,
                         "results": round(s / spec["cpa"])}
                    for mm, s, i, c in zip(sep_oct, spec["spend"], spec["impressions"],
                                           spec["clicks"], strict=True)}
             for name, spec in rates["meta"].items()}, sep_oct)
    out = pd.DataFrame({"報告開始": m["date"].map(lambda d: f"{d:%Y/%m/%d}"),
                        "行銷活動名稱": m["campaign"],
                        "花費金額 (TWD)": m["spend"].map(lambda v: f"NT${v:,.0f}"),
                        "曝光次數": m["impressions"], "觸及人數": (m["impressions"] * 0.7).round(),
                        "連結點擊次數": m["clicks"], "成果": m["results"]})
    out.to_csv(folder / "meta_ads.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
    daily(rates, {}, folder / "ad_spend_2026-11.csv")
    path = rates["line_path"]
    rows = []
    for period, friends in path["friends"].items():
        inquiries = round(friends * path["to_inquiry"])
        rows += [(period, "廣告觸及", path["reach"][period]), (period, "加 LINE 好友", friends),
                 (period, "私訊詢問", inquiries),
                 (period, "下單", round(inquiries * path["to_order"]))]
    pd.DataFrame(rows, columns=["period", "stage", "count"]).to_csv(
        folder / "line_funnel.csv", index=False, lineterminator="\n")


def urban(root: Path) -> None:
    rates = RATES["urban-thread"]
    folder = root / "urban-thread" / "data"
    r = rates["orders"]
    ms = months(r["first"], "2026-10")
    revenue = {pd.Period(k).to_timestamp().date(): v for k, v in r["revenue"].items()}
    base, step, spread = r["trend"]
    counts = {m: int(base + step * i + rng.integers(-spread, spread)) for i, m in enumerate(ms)}
    counts.update({m: round(v / r["aov"]) for m, v in revenue.items()})
    o = orders(counts, r["customers"], r["aov"], r["loyal_share"], "U", revenue)
    o.assign(date=o["date"].map(lambda d: f"{d:%Y/%m/%d}")).to_csv(
        folder / "orders.csv", index=False, lineterminator="\n")
    ch = rates["channels"]
    sep_oct = months("2026-09", "2026-10")
    keys = [f"{m:%Y-%m}" for m in sep_oct]
    # Meta: one campaign on Facebook and Instagram; creative fatigue in October
    meta_spend = [ch["Facebook"]["spend"][k] + ch["Instagram"]["spend"][k] for k in keys]
    m = ads({"秋冬新品": {mm: {"spend": float(s), "impressions": i, "clicks": c,
                           "results": round(s / ch["Facebook"]["cpa"][k])}
                      for mm, k, s, i, c in zip(sep_oct, keys, meta_spend, (880000, 940000),
                                                (12300, 10900), strict=True)}}, sep_oct)
    pd.DataFrame({"Reporting starts": m["date"].map(lambda d: f"{d:%Y-%m-%d}"),
                  "Campaign name": m["campaign"], "Amount spent (TWD)": m["spend"],
                  "Impressions": m["impressions"], "Reach": (m["impressions"] * 0.6).round(),
                  "Link clicks": m["clicks"], "Results": m["results"]}).to_csv(
        folder / "meta_ads.csv", index=False, lineterminator="\n")
    google = ch["Google Ads"]
    g = ads({"Search - 通勤穿搭": {mm: {"spend": float(google["spend"][k]), "impressions": 60000,
                                      "clicks": 3200, "results": n, "value": n * 1420}
                                 for mm, k in zip(sep_oct, keys, strict=True)
                                 for n in [round(google["spend"][k] / google["cpa"][k])]}},
            sep_oct)
    g.rename(columns={"date": "Day", "campaign": "Campaign", "spend": "Cost",
                      "impressions": "Impr.", "clicks": "Clicks", "results": "Conversions",
                      "value": "Conv. value"}).to_csv(folder / "google_ads.csv", index=False,
                                                      lineterminator="\n")
    weekly(rates, {}, folder / "weekly_ads.csv")
    daily(rates, {}, folder / "ad_spend_2026-11.csv")


def generate(root: Path) -> None:
    """Every sample client's data files under root/<slug>/data/ (the same bytes every run)."""
    global rng, noise
    rng, noise = np.random.default_rng(SEED), np.random.default_rng(SEED + 1)
    for slug in RATES:
        (root / slug / "data").mkdir(parents=True, exist_ok=True)
    lin(root)
    mei(root)
    urban(root)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT,
                        help="folder to write <slug>/data/ into (default: clients/)")
    generate(parser.parse_args().out)
