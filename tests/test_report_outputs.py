"""What happens around a sent report: the dated snapshot, the portfolio page, the PDF."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kit.portfolio import portfolio_html
from tests.conftest import SAMPLE_CLIENTS

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches


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


def test_each_month_builds_on_the_last(root):
    """September's report promises next steps; in October the consultant records what became
    of them and a goal revision with its reason: October's report follows the steps up with
    the KPI movement, both the goals workbook and the report show the revision, and the
    consultant's portfolio lists what is overdue or missing."""
    from datetime import date

    from kit.clients import load_client
    from kit.pipeline import run_workbook

    profile = root / "clients/lin-hardware/client.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace(
        "    - 11 月拍 3 支師傅實測短影片（SO 策略），每支片尾導到蝦皮\n",
        "    - {text: 11 月拍 3 支師傅實測短影片（SO 策略）, owner: 林志豪, due: 2026-10-20, "
        "kpi: 網站月訪客數}\n")
    profile.write_text(text, encoding="utf-8")
    september = run_workbook("report", "lin-hardware", period=date(2026, 9, 1), root=root)
    assert september.status == "ok", september.message
    sent = json.loads((root / "clients/lin-hardware/snapshots/2026-09/report.json").read_text(
        encoding="utf-8"))
    assert sent["next_steps"][0] == {"text": "11 月拍 3 支師傅實測短影片（SO 策略）",
                                     "owner": "林志豪", "due": "2026-10-20",
                                     "kpi": "網站月訪客數"}
    # October: the consultant records the follow-up and a revision of the orders goal
    text = profile.read_text(encoding="utf-8")
    text = text.replace("  highlights:\n    - 蝦皮賣場", "  follow_up:\n"
                        "    - {step: 11 月拍 3 支師傅實測短影片（SO 策略）, status: done, "
                        "note: 拍了 2 支}\n  highlights:\n    - 蝦皮賣場", 1)
    text = text.replace("      target: 120\n", "      target: 110\n      revisions:\n"
                        "        - {date: 2026-10-15, field: target, old: 120, new: 110, "
                        "reason: 出貨人力只有志豪一人, agreed_by: 林國雄}\n", 1)
    profile.write_text(text, encoding="utf-8")
    assert load_client("lin-hardware", root).profile.goals.goals[2].target == 110
    october = run_workbook("report", "lin-hardware", period=date(2026, 10, 1), root=root)
    assert october.status == "ok", october.message
    page = re.sub(r"<[^>]+>", "", october.html.read_text(encoding="utf-8"))
    assert "上個月說要做的事" in page and "11 月拍 3 支師傅實測短影片（SO 策略）" in page
    assert "已完成" in page and "拍了 2 支" in page
    # the visitors KPI over the same period: September 4,290 -> October 4,380 (+2.1%)
    assert "同期「網站月訪客數」從 4,290 人 到 4,380 人（+2.1%）" in page
    revision = "2026/10/15 把「線上月訂單數」的目標從 120 筆 降到 110 筆：出貨人力只有志豪一人"
    assert revision in page and "林國雄 同意" in page
    goals = run_workbook("goals", "lin-hardware", root=root)
    assert revision in re.sub(r"<[^>]+>", "", goals.html.read_text(encoding="utf-8"))
    # the portfolio: Facebook has no export (missing data) for the consultant to chase
    glance = re.sub(r"<[^>]+>", " ", portfolio_html(root))
    assert "這個月要處理的事" in glance and "Meta 沒有本月的花費資料" in glance
    assert "「網站月訪客數」連續兩個月明顯落後" in glance  # proposed, never applied
