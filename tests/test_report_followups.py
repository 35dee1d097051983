"""Report sections that appear only after a report was sent the month before: what became of
last month's next steps, and figures corrected since. The "sent" snapshot is made in process
(the previous month's ReportBook numbers, kept with kit.pipeline.keep_snapshot), then edited
to say what the test needs."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date

import pandas as pd
import pytest

from kit.clients import load_client
from kit.params import build_parameters
from kit.pipeline import keep_snapshot
from kit.profile import FollowUp
from kit.views import report as report_views
from kit.workbooks.report import ReportBook

OCT, SEP = date(2026, 10, 1), date(2026, 9, 1)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip())


@pytest.fixture
def mei(root, monkeypatch):
    """(client, book for a month) of mei-dessert, in English, run from the client's folder."""
    client = load_client("mei-dessert", root)
    monkeypatch.chdir(client.folder)

    def book(period: date) -> ReportBook:
        return ReportBook.from_params(**build_parameters("report", client, period, "en"))

    return client, book


def test_no_snapshot_no_follow_up_and_no_corrections(mei):
    _, book = mei
    october = book(OCT)
    assert october.analysis.sent is None
    assert report_views.follow_ups(october.analysis) == [] and october.followup_html() == ""
    assert report_views.changed_since_sent(october.analysis) == [] and october.changes_html() == ""


def test_an_unreadable_snapshot_counts_as_none(mei):
    client, book = mei
    folder = keep_snapshot(client.folder, "report", SEP, "<html></html>", {})
    (folder / "report.json").write_text("{half", encoding="utf-8")
    assert book(OCT).analysis.sent is None


def test_unchanged_figures_say_so(mei):
    client, book = mei
    keep_snapshot(client.folder, "report", SEP, "<html></html>", book(SEP).numbers())
    october = book(OCT)
    assert report_views.changed_since_sent(october.analysis) == []
    assert _text(october.changes_html()) == (
        "Nothing in last month's report has changed since it was sent.")


def test_last_months_steps_followed_up_with_status_overdue_and_kpi_movement(mei):
    client, book = mei
    sent = book(SEP).numbers()
    # the figures sent in September: friends 1,800 and 180 pre-orders (from the sample data)
    actual = {k["name"]: k["actual"] for k in sent["kpis"]}
    assert actual == {"LINE 好友數": 1800.0, "月預購訂單數": 180.0}
    sent["next_steps"] = [
        {"text": "Open pre-orders", "owner": "Mei", "due": "2026-10-15", "kpi": "月預購訂單數"},
        {"text": "New order form", "due": "2026-12-01", "kpi": "LINE 好友數"},
        {"text": "Shoot a video"},
        {"text": "Print flyers", "due": "2026-10-01"},
    ]
    keep_snapshot(client.folder, "report", SEP, "<html></html>", sent)
    october = book(OCT)
    october = dataclasses.replace(october, section=october.section.model_copy(update={
        "follow_up": [FollowUp(step="Open pre-orders", status="not_done"),
                      FollowUp(step="New order form", status="moved",
                               moved_to=date(2026, 12, 15), note="waiting for packaging"),
                      FollowUp(step="Print flyers", status="done")]}))
    items = {f["text"]: f for f in report_views.follow_ups(october.analysis)}
    assert [(t, f["status"], f["overdue"]) for t, f in items.items()] == [
        ("Open pre-orders", "not_done", True),  # due 10/15, before November, not done
        ("New order form", "moved", False),  # due in December
        ("Shoot a video", "unknown", False),  # no due date, nothing recorded
        ("Print flyers", "done", False),  # due 10/1 but done
    ]
    assert items["Open pre-orders"]["kpi"] == ("月預購訂單數", 180.0, 186.0, "筆")
    assert items["New order form"]["kpi"] == ("LINE 好友數", 1800.0, 2050.0, "人")
    assert items["Shoot a video"]["kpi"] is None
    page = _text(october.followup_html())
    assert page.startswith("What we said last month")
    assert "Open pre-orders Not done Overdue since 15 Oct 2026" in page
    # 180 → 186 is +3.3%; 1,800 → 2,050 is +13.9%
    assert "月預購訂單數 went from 180 筆 to 186 筆 over the same period (+3.3%)" in page
    assert ("New order form Moved moved to 15 Dec 2026; waiting for packaging; "
            "LINE 好友數 went from 1,800 人 to 2,050 人 over the same period (+13.9%)") in page
    assert "Shoot a video Not yet reported" in page
    assert "Print flyers Done" in page and "Print flyers Done Overdue" not in page


def test_figures_corrected_since_they_were_sent_are_listed(mei):
    client, book = mei
    sent = book(SEP).numbers()
    for k in sent["kpis"]:
        if k["name"] == "LINE 好友數":
            k["actual"] = 1750.0  # the owner was told 1,750; the data now says 1,800
        else:
            k["actual"] = 180.1  # within 0.1%: not a correction
    sent["kpis"].append({"name": "A goal since removed", "actual": 5.0})
    # Meta's friend campaign and its orders campaign are two lines (client.yaml says so)
    assert [a["channel"] for a in sent["ads"]] == ["Meta (LINE friends)", "Meta (orders)"]
    sent["ads"][0]["spend"] = 8000.0  # the owner was told 8,000
    keep_snapshot(client.folder, "report", SEP, "<html></html>", sent)
    raw = pd.read_csv(client.folder / "data/meta_ads.csv", encoding="utf-8-sig")
    friends = (raw["報告開始"].str[:7] == "2026/09") & (raw["行銷活動名稱"] != "節慶預購")
    now = raw.loc[friends, "花費金額 (TWD)"].str.replace("NT$", "").str.replace(",", "").astype(
        float).sum()
    october = book(OCT)
    assert report_views.changed_since_sent(october.analysis) == [
        ("LINE 好友數", SEP, 1750.0, 1800.0, "人"),
        ("Meta (LINE friends) ad spend", SEP, 8000.0, pytest.approx(now), "NT$"),
    ]
    page = _text(october.changes_html())
    assert page.startswith("Figures corrected since last month's report")
    assert "LINE 好友數 for " in page and ": 1,750 人 when sent, 1,800 人 now" in page
    assert "Meta (LINE friends) ad spend for " in page and "8,000" in page
    assert f"{now:,.0f}" in page
