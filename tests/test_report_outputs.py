"""What happens around a sent report: the dated snapshot, the portfolio page, the PDF."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kit.portfolio import portfolio_html, write_portfolio
from tests.conftest import SAMPLE_CLIENTS
from tests.report_checks import report_problems


def test_each_sent_report_is_kept_with_its_numbers(batch_reports):
    root, results = batch_reports
    for slug in SAMPLE_CLIENTS:
        folder = root / "clients" / slug / "snapshots" / "2026-10"
        sent = results[slug, "report"].html.read_text(encoding="utf-8")
        assert (folder / "report.html").read_text(encoding="utf-8") == sent
        numbers = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        assert numbers["period"] == "2026-10-01"
        assert {k["status"] for k in numbers["kpis"]} <= {"on_track", "at_risk", "off_track"}
    urban = json.loads((root / "clients/urban-thread/snapshots/2026-10/report.json")
                       .read_text(encoding="utf-8"))
    revenue = next(k for k in urban["kpis"] if k["name"] == "月營收")
    assert revenue["actual"] == 1262000 and revenue["status"] == "on_track"
    assert revenue["progress"] == pytest.approx(62000 / 300000)


def test_snapshot_numbers_never_show_in_the_html(batch_reports):
    _, results = batch_reports
    page = results["urban-thread", "report"].html.read_text(encoding="utf-8")
    assert "vnd.kit.numbers" not in page and "expected_progress" not in page


def test_portfolio_lists_every_client_for_the_consultant_only(batch_reports):
    root, _ = batch_reports
    page = portfolio_html(root)
    for name in ("林記五金工具", "小梅甜點工作室", "織日選物 Urban Thread"):
        assert name in page
    # one row per KPI in a report: lin 2, mei 2, urban 3
    assert len(re.findall(r"<tr>", page)) == 1 + 7
    assert "● 落後" in page and "● 正常" in page
    path = write_portfolio(root)
    assert path.parent == root / "workbooks" / "_portfolio"
    assert report_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() and not os.environ.get("CI"),
                    reason="Debian chromium not installed (make test installs it)")
def test_pdf_keeps_traditional_chinese(batch_reports):
    from kit.pdf import to_pdf

    _, results = batch_reports
    (pdf,) = to_pdf([results["urban-thread", "report"].html])
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 2
    fonts = set(re.findall(rb"FontName\s*/[A-Z]{6}\+([^/\s]+)", data))
    assert any(b"CJKtc" in f or b"TC" in f for f in fonts), fonts


def test_next_month_flags_a_figure_changed_since_it_was_sent(root):
    """Two consecutive months: September's report is sent, a late order for September
    arrives in the export, and October's report says September's figure changed."""
    from datetime import date

    from kit.pipeline import run_workbook

    september = run_workbook("report", "lin-hardware", period=date(2026, 9, 1), root=root)
    assert september.status == "ok", september.message
    sent = json.loads((root / "clients/lin-hardware/snapshots/2026-09/report.json").read_text(
        encoding="utf-8"))
    orders_sent = next(k["actual"] for k in sent["kpis"] if k["name"] == "線上月訂單數")
    orders = root / "clients/lin-hardware/data/shopee_orders.csv"
    with orders.open("a", encoding="utf-8") as f:  # a late order for 2026-09
        f.write("2611099999,已完成,2026-09-30 21:00,l09999,800,860\n")
    october = run_workbook("report", "lin-hardware", period=date(2026, 10, 1), root=root)
    assert october.status == "ok", october.message
    text = re.sub(r"<[^>]+>", "", october.html.read_text(encoding="utf-8"))
    assert "上個月寄出後有更正的數字" in text
    assert (f"2026 年 9 月的「線上月訂單數」：寄出時是 {orders_sent:.0f} 筆，"
            f"現在是 {orders_sent + 1:.0f} 筆") in text
