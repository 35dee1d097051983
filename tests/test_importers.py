"""Importers on hand-written fixture files, one per format and per kind of mess."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kit.data import DataError
from kit.importers import read_export

FIX = Path(__file__).parent / "fixtures" / "exports"


def test_meta_zh_headers_bom_currency_dashes_and_totals():
    df = read_export(FIX / "meta_zh_bom.csv", "meta")
    assert len(df) == 3  # blank line and the 總計 row dropped
    assert df["spend"].tolist() == [1250, 830, 1180]  # "NT$1,250"
    assert df["impressions"].tolist() == [48213, 52004, 45002]  # "52,004"
    assert df.loc[1, "clicks"] == 0 and df.loc[1, "results"] == 0  # "--"
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-01", "2026-11-01",
                                                          "2026-11-02"]
    assert set(df["channel"]) == {"Meta"} and df["campaign"][0] == "節慶預購"


def test_google_title_lines_english_headers_and_total_rows():
    df = read_export(FIX / "google_en_title.csv", "google")
    assert df["campaign"].tolist() == ["Search - brand", "Search - brand", "Shopping"]
    assert df["spend"].sum() == pytest.approx(2824.5)  # "1,234.50" + 980 + 610
    assert df["results"].tolist() == [6, 4, 2.5]
    assert df["value"].sum() == pytest.approx(18125)


def test_ga4_comment_lines_and_compact_dates():
    df = read_export(FIX / "ga4_comments.csv", "ga4")
    assert df["date"].dt.day.tolist() == [1, 2, 3]  # 20261101 ...
    assert df["sessions"].tolist() == [1204, 1150, 1302]
    assert df["users"].sum() == 2920 and df["revenue"].tolist() == [15600, 11700, 0]


def test_shopee_big5_drops_cancelled_orders_and_times_of_day():
    df = read_export(FIX / "shopee_big5.csv", "orders")
    assert df["order_id"].tolist() == ["2611010AB1", "2611020CD3", "2611030EF4"]
    assert df["customer_id"].tolist() == ["lin_tools", "lin_tools", "王小明"]
    assert df["amount"].tolist() == [1260, 510, 2360]  # 買家總支付金額, "2,360"
    assert df["date"].dt.strftime("%Y/%m/%d").tolist() == ["2026/11/01", "2026/11/02",
                                                          "2026/11/03"]


def test_generic_orders_from_xlsx_with_english_headers(tmp_path):
    path = tmp_path / "orders.xlsx"
    pd.DataFrame({"Order ID": ["A1", "A2"], "Order date": ["2026/11/01", "2026-11-02"],
                  "Customer ID": ["c1", "c2"], "Total": ["NT$1,200", "800"]}).to_excel(
        path, index=False)
    df = read_export(path, "orders")
    assert df["amount"].tolist() == [1200, 800] and df["order_id"].tolist() == ["A1", "A2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Day,Campaign name,Amount spent (TWD),Impressions,Link clicks,Results\n"
         "2026-11-01,A,abc,10,1,0\n", "bad.csv:2: Amount spent (TWD): 應為 0 以上的數字，收到「abc」"),
        ("Day,Campaign name,Amount spent (TWD),Impressions,Link clicks,Results\n"
         "2026-11-01,A,10,10,1,0\n11/02/2026,A,10,10,1,0\n", "bad.csv:3: Day: 應為日期"),
        ("Day,Campaign name,Impressions,Link clicks,Results\n2026-11-01,A,10,1,0\n",
         "bad.csv: spend: 缺少這個欄位（需要：amount spent (twd) / amount spent）"),
        ("Day,Campaign name,Amount spent (TWD),Impressions,Link clicks,Results\n"
         "2026-11-01,A,-5,10,1,0\n", "bad.csv:2: spend: 應為 0 以上的數字，收到「-5」"),
    ],
)
def test_unreadable_files_get_one_message_naming_file_row_column(tmp_path, text, expected):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_export(path, "meta")
    assert str(exc.value).startswith(expected)


def test_duplicate_order_ids_are_rejected(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("order_id,date,customer_id,amount\nA,2026-11-01,c,1\nA,2026-11-02,c,2\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"o\.csv:3: order_id: 訂單編號「A」重複出現，內容卻不同（另見 o\.csv:2）"):
        read_export(path, "orders")


# --- real downloads as the platforms write them ------------------------------------------------


def test_google_ads_zh_excel_csv_utf16_tabs_day_column_and_totals():
    """Google Ads' zh-TW "Excel CSV": UTF-16 with BOM, tab-separated, title lines, date
    column 日, a currency column and a 總計 row."""
    df = read_export(FIX / "google_zh_utf16_tab.csv", "google")
    assert df["campaign"].tolist() == ["搜尋-品牌字", "搜尋-品牌字", "購物廣告"]
    assert df["spend"].sum() == pytest.approx(1234.5 + 980 + 610)
    assert df["impressions"].tolist() == [2400, 2100, 9800]
    assert df["results"].tolist() == [6, 4, 2.5]
    assert df["date"].dt.day.tolist() == [1, 2, 2]


@pytest.mark.parametrize("name", ["ga4_traffic_acquisition_zh.csv",
                                  "ga4_traffic_acquisition_en.csv"])
def test_ga4_traffic_acquisition_comment_block_and_two_tables(name):
    """GA4's download: a # block with the date range, the 'Nth day' chart table, a blank
    line, then the table by channel group (no date column: one month, so its start)."""
    df = read_export(FIX / name, "ga4")
    assert len(df) == 3
    assert set(df["date"].dt.strftime("%Y-%m-%d")) == {"2026-11-01"}
    assert df["sessions"].sum() == 2840 + 1210 + 760
    assert df["users"].sum() == 2105 + 980 + 620
    assert df["conversions"].sum() == 31 + 12 + 9
    assert df["revenue"].sum() == 38500 + 15200 + 11900


def test_ga4_table_without_dates_over_several_months_is_refused(tmp_path):
    text = (FIX / "ga4_traffic_acquisition_en.csv").read_text(encoding="utf-8")
    path = tmp_path / "ga4.csv"
    path.write_text(text.replace("End date: 20261130", "End date: 20261231"), encoding="utf-8")
    with pytest.raises(DataError, match=r"ga4\.csv: date: .*跨了好幾個月"):
        read_export(path, "ga4")


def test_generic_orders_full_width_digits_wan_and_overlapping_rows():
    df = read_export(FIX / "orders_generic_fullwidth.csv", "orders")
    assert df["order_id"].tolist() == ["A1", "A2", "A3"]
    assert df["amount"].tolist() == [639, 12000, 2599]  # ６３９, 1.2萬, "NT$2,599"
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-10-31", "2026-11-01",
                                                          "2026-11-02"]
    assert df.attrs["notes"] == [
        "1 列與前面完全相同（兩次下載重疊），已略過；第一筆在 orders_generic_fullwidth.csv 第 5 行"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1,234", 1234), ("NT$1,234", 1234), ("１，２３４", 1234), ("3.5萬", 35000), ("--", 0),
     ("1234元", 1234), ("1.5E+03", 1500), ("1,2,3", None), ("12%", None), ("1 2", None),
     ("12,34", None), ("inf", None), ("0x10", None), ("$", None)],
)
def test_numbers_are_read_only_as_written(cell, expected):
    from kit.data import parse_numbers

    numbers, bad = parse_numbers(pd.Series([cell]))
    if expected is None:
        assert bad.iloc[0]
    else:
        assert not bad.iloc[0] and numbers.iloc[0] == expected


def test_row_shifted_by_an_unquoted_amount_is_an_error(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("order_id,date,customer_id,amount\nA,2026-11-01,c,NT$2,599\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_export(path, "orders")
    assert str(exc.value).startswith("o.csv:2: 這一列有 5 個欄位，標題列只有 4 個")


def test_duplicate_across_two_downloads_is_dropped_with_a_note(tmp_path):
    from kit.importers import read_exports

    (tmp_path / "a.csv").write_text("order_id,date,customer_id,amount\nA,2026-11-01,c,1\n"
                                    "B,2026-11-02,c,2\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("order_id,date,customer_id,amount\nB,2026-11-02,c,2\n"
                                    "C,2026-11-03,d,3\n", encoding="utf-8")
    df = read_exports([("orders", "a.csv"), ("orders", "b.csv")], tmp_path)["orders"]
    assert df["order_id"].tolist() == ["A", "B", "C"] and df["amount"].sum() == 6
    assert df.attrs["notes"] == ["1 列與前面完全相同（兩次下載重疊），已略過；第一筆在 b.csv 第 2 行"]


def test_meta_zh_xlsx_and_google_en_xlsx_as_downloaded(tmp_path):
    """XLSX downloads: real dates and numbers in the cells, a title row, a totals row."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["報告開始", "報告結束", "行銷活動名稱", "花費金額 (TWD)", "曝光次數", "觸及人數",
                  "連結點擊次數", "成果", "成果指標"])
    sheet.append([datetime(2026, 11, 1), datetime(2026, 11, 1), "節慶預購", 1250, 48213, 30110,
                  612, 14, "actions:onsite_conversion.messaging_conversation_started_7d"])
    sheet.append([datetime(2026, 11, 2), datetime(2026, 11, 2), "節慶預購", 1180.5, 45002, 29800,
                  590, 12, "actions:onsite_conversion.messaging_conversation_started_7d"])
    book.save(tmp_path / "meta.xlsx")
    meta = read_export(tmp_path / "meta.xlsx", "meta")
    assert meta["spend"].tolist() == [1250, 1180.5]
    assert meta["date"].dt.day.tolist() == [1, 2] and meta["results"].sum() == 26

    book = Workbook()
    sheet = book.active
    sheet.append(["Campaign performance report"])
    sheet.append(["November 1, 2026 - November 30, 2026"])
    sheet.append(["Day", "Campaign", "Currency code", "Cost", "Impr.", "Clicks", "Conversions",
                  "Conv. value"])
    sheet.append(["2026-11-01", "Search - brand", "TWD", 1234.5, 2400, 120, 6, 8700])
    sheet.append(["Total: Account", None, "TWD", 1234.5, 2400, 120, 6, 8700])
    book.save(tmp_path / "google.xlsx")
    google = read_export(tmp_path / "google.xlsx", "google")
    assert google["spend"].tolist() == [1234.5] and google["value"].tolist() == [8700]
