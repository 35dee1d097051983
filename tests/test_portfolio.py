"""The consultant's portfolio, from the numbers kept with each sent report (built here in
process: the same ReportBook numbers a batch run keeps with its snapshot)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kit.clients import list_clients, load_client
from kit.params import build_parameters
from kit.pipeline import keep_snapshot
from kit.portfolio import portfolio_html, write_portfolio
from kit.workbooks.report import ReportBook
from tests.conftest import make_root
from tests.report_checks import report_problems


@pytest.fixture(scope="module")
def sent_reports(tmp_path_factory):
    """Every sample client's report numbers kept as a sent snapshot, as a batch would."""
    root = make_root(tmp_path_factory.mktemp("portfolio"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KIT_HOME", str(root))
        for slug in list_clients(root):
            client = load_client(slug, root)
            mp.chdir(client.folder)
            book = ReportBook.from_params(**build_parameters("report", client))
            keep_snapshot(client.folder, "report", book.period, "<html></html>", book.numbers())
    return root


def test_portfolio_lists_every_client_for_the_consultant_only(sent_reports):
    root = sent_reports
    page = portfolio_html(root, today=date(2026, 11, 20))
    for name in ("林記五金工具", "小梅甜點工作室", "織日選物 Urban Thread"):
        assert name in page
    # one row per KPI in a report: lin 2, mei 2, urban 3
    kpis, todo = page.split("這個月要處理的事")
    assert len(re.findall(r"<tr>", kpis)) == 1 + 7
    # the month at a glance: lin's visitors far behind twice, platforms without spend data
    # (lin: Meta for Facebook; mei: LINE); urban has nothing to chase
    todo = re.sub(r"<[^>]+>", " ", todo)
    assert len(re.findall(r"<tr>", page.split("這個月要處理的事")[1])) == 1 + 3
    assert "「網站月訪客數」連續兩個月明顯落後" in todo
    assert "Meta 沒有本月的花費資料" in todo and "LINE 沒有本月的花費資料" in todo
    # on 2026-12-01 mei-dessert's two next steps (due 11/25 and 11/30) are overdue
    later = re.sub(r"<[^>]+>", " ", portfolio_html(root, today=date(2026, 12, 1)))
    assert later.count("下一步已逾期") == 2
    assert "12 月聖誕禮盒 11/25 起在 LINE 先開放好友預購（2026/11/25）" in later
    assert "● 落後" in page and "● 正常" in page
    path = write_portfolio(root)
    assert path.parent == root / "workbooks" / "_portfolio"
    assert report_problems(path.read_text(encoding="utf-8")) == []
