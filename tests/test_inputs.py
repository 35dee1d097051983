"""What the workbooks do with imperfect inputs (in-process, no kernel), and a property test:
random bytes in any data file never become numbers in a report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.clients import errors, load_client, validate_client
from kit.data import DataError, daily_spend, funnel_counts, weekly_history
from kit.importers import read_export
from kit.params import build_parameters
from tests.conftest import REPO


def _book(root: Path, slug: str, template: str, monkeypatch):
    from kit.workbooks.customers import CustomersBook
    from kit.workbooks.report import ReportBook

    monkeypatch.chdir(root / "clients" / slug)  # as a batch kernel runs
    params = build_parameters(template, load_client(slug, root))
    return (ReportBook if template == "report" else CustomersBook).from_params(**params)


def test_an_unreadable_export_costs_only_its_sections_and_the_report_says_so(
        root, monkeypatch):
    ga4 = root / "clients" / "lin-hardware" / "data" / "ga4_traffic.csv"
    ga4.write_text(ga4.read_text(encoding="utf-8").replace("202511,", "2025-13,"),
                   encoding="utf-8")
    problems = validate_client("lin-hardware", root)
    assert not errors(problems)  # the report still runs
    book = _book(root, "lin-hardware", "report", monkeypatch)
    assert sorted(book.analysis.sources) == ["google", "orders"]
    assert list(book.analysis.missing) == ["data/ga4_traffic.csv:9: 年月: 應為年月，例如 202610 或 2026-10，收到「2025-13」"]
    intro = book.intro_html()
    assert "以下資料無法讀取" in intro and "data/ga4_traffic.csv:9" in intro
    assert book.monthly("orders.count")  # the orders still count
    assert book.monthly("ga4.users") == {}
    measured_by_ga4 = [g.metric for g in book.goals.goals if g.source == "ga4.users"]
    assert measured_by_ga4 and list(book.analysis.unmeasured) == measured_by_ga4
    for metric in measured_by_ga4:
        assert f"「{metric}」本月沒有數字：它的資料檔無法讀取" in book.kpi_html()


def test_one_order_is_not_annualised(root, monkeypatch):
    orders = root / "clients" / "urban-thread" / "data" / "orders.csv"
    orders.write_text("order_id,date,customer_id,amount\nU-1,2026/10/02,U1,2599\n",
                      encoding="utf-8")
    (problem,) = [p for p in validate_client("urban-thread", root) if "customers" in p.field]
    assert problem.level == "warning" and "只有 1 筆訂單" in str(problem)
    book = _book(root, "urban-thread", "customers", monkeypatch)
    assert not book.analysis.retention.history.enough
    text = book.retention_html()
    assert "只有 1 筆訂單：資料太少，無法估計每位顧客一年的價值" in text
    assert "31,188" not in text  # 2,599 x 12 is not shown as a yearly value
    assert "只有 1 筆訂單" in book.intro_html()


# --- property: random bytes never become numbers -----------------------------------------------

READERS = {
    "meta": lambda p: read_export(p, "meta"),
    "google": lambda p: read_export(p, "google"),
    "ga4": lambda p: read_export(p, "ga4"),
    "orders": lambda p: read_export(p, "orders"),
    "orders.xlsx": lambda p: read_export(p, "orders"),
    "spend": lambda p: daily_spend(p, p.name),
    "weekly": lambda p: weekly_history(p, p.name),
    "funnel": lambda p: funnel_counts(p, p.name),
}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reader=st.sampled_from(sorted(READERS)), raw=st.binary(max_size=600))
def test_random_bytes_in_a_data_file_give_a_clear_error(tmp_path, reader, raw):
    path = tmp_path / ("f.xlsx" if reader.endswith("xlsx") else "f.csv")
    path.write_bytes(raw)
    try:
        READERS[reader](path)
    except DataError as exc:
        assert str(exc).startswith(path.name + ":") and exc.message
    else:  # impossible without a matching header: random bytes are not an export
        pytest.fail(f"{reader} read numbers from random bytes {raw!r}")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.sampled_from(["order_id,date,customer_id,amount",
                               "訂單編號,訂單成立日期,買家帳號,買家總支付金額"]),
       rows=st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_random_text_under_a_real_header_is_read_correctly_or_refused(tmp_path, header,
                                                                     rows):
    """Under a real header, random rows are either refused with a row number or read into
    amounts that are exactly what the file says (finite, never negative)."""
    path = tmp_path / "o.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        df = read_export(path, "orders")
    except DataError as exc:
        assert str(exc).startswith("o.csv")
    else:
        assert df["amount"].map(lambda v: v >= 0 and v != float("inf")).all()
        assert len(df) <= len(rows)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("prop")
    shutil.copytree(REPO / "clients" / "lin-hardware", root / "clients" / "lin-hardware")
    return root


FILES = ("data/shopee_orders.csv", "data/ga4_traffic.csv", "data/google_ads.csv",
         "data/ad_spend_2026-11.csv", "data/weekly_ads.csv")


@settings(max_examples=25, deadline=None)
@given(rel=st.sampled_from(FILES), raw=st.binary(max_size=400))
def test_random_bytes_in_any_client_file_never_reach_a_report(scratch, rel, raw):
    path = scratch / "clients" / "lin-hardware" / rel
    original = path.read_bytes()
    try:
        path.write_bytes(raw)
        problems = validate_client("lin-hardware", scratch)
        mine = [p for p in problems if rel in str(p)]
        assert mine, problems
        if rel in ("data/ga4_traffic.csv", "data/google_ads.csv"):
            assert all(p.level == "warning" for p in mine)  # the report runs without them
        else:
            assert errors(mine)
    finally:
        path.write_bytes(original)


def test_period_end_and_empty_frame_helpers():
    from kit.inputs import orders_checks

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-11-01", "2026-11-02"]),
                          "order_id": ["a", "b"], "customer_id": ["c", "c"],
                          "amount": [1.0, 2.0]})
    frame.attrs = {"lines": [("o.csv", 2), ("o.csv", 3)], "notes": []}
    found = list(orders_checks(frame, pd.Timestamp("2026-11-01"), "2026-10", "en"))
    assert found[0] == ("o.csv", 3, "date 2026-11-02 is after the end of the report month "
                        "2026-10: a typo?", "error")
    assert found[1][2] == "only 2 orders over 1 days: segments and yearly value are rough"


def test_emoji_in_chart_text_is_left_out_not_drawn_as_a_box():
    import warnings

    from kit import blocks, charts

    fig = charts.segment_bars(["常客🍰", "新客"], [0.6, 0.4], [0.7, 0.3], "zh-TW", "#C2185B")
    fig.axes[0].set_title("小梅甜點🍰✨")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing from font"
        blocks.png(fig, alt="x", colours=None)
    assert fig.axes[0].get_title() == "小梅甜點"
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels() + fig.axes[0].get_xticklabels()]
    assert not any("🍰" in label for label in labels)
