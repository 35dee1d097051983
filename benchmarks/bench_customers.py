"""How long the customers (RFM) workbook takes on 200,000 order rows.

Prints the import + scoring time in-process, and the whole template run (papermill kernel,
HTML export) for a synthetic client with that many orders.
Run: .venv/bin/python benchmarks/bench_customers.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from kit.domain.rfm import rfm
from kit.importers import read_export
from kit.pipeline import run_workbook

REPO = Path(__file__).resolve().parents[1]
ROWS = 200_000


def main() -> None:
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "templates", root / "templates")
        folder = root / "clients" / "big-shop"
        (folder / "data").mkdir(parents=True)
        orders = pd.DataFrame({
            "訂單編號": [f"B{i:07d}" for i in range(ROWS)],
            "訂單日期": (pd.Timestamp("2024-11-01") + pd.to_timedelta(
                rng.integers(0, 730, ROWS), unit="D")).strftime("%Y/%m/%d"),
            "會員編號": [f"M{v:06d}" for v in rng.integers(0, 45_000, ROWS)],
            "訂單金額": [f"NT${v:,.0f}" for v in rng.gamma(3, 450, ROWS)],
        })
        orders.to_csv(folder / "data" / "orders.csv", index=False, encoding="utf-8-sig")
        (folder / "client.yaml").write_text(
            "client: {name: 大型商店, industry: 電商}\nperiod: 2026-11\n"
            "customers: {orders: [data/orders.csv], as_of: 2026-10-31, cac: 600}\n",
            encoding="utf-8")
        t0 = time.perf_counter()
        frame = read_export(folder / "data" / "orders.csv", "orders")
        t1 = time.perf_counter()
        result = rfm(frame, date(2026, 10, 31))
        t2 = time.perf_counter()
        run = run_workbook("customers", "big-shop", root=root)
        t3 = time.perf_counter()
        print(f"rows: {len(frame):,}  customers: {len(result.customers):,}  "
              f"method: {result.method}")
        print(f"import (parse + validate): {t1 - t0:.2f} s")
        print(f"RFM scoring + segments:    {t2 - t1:.2f} s")
        print(f"whole template run ({run.status}, kernel + export): {t3 - t2:.2f} s")


if __name__ == "__main__":
    main()
