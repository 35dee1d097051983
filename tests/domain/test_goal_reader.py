"""The goal reader on sentences written the way Taiwanese owners and consultants write goals.

Every expected value below was worked out by hand from the sentence and ``AS_OF``
(2026/12/01, a Tuesday): durations in months end with the month that many months after
December 2026; named retail dates are their next occurrence (情人節 2027/02/14, 母親節
2027/05/09, 農曆新年 2027/02/06); targets are absolute values in the metric's own unit.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.domain.goal_reader import GoalReading, normalise, read_goal, reconcile

AS_OF = date(2026, 12, 1)
D = date

# text, metric, direction, baseline, target, change, amount, deadline, question codes
CASES: list[tuple] = [
    # --- from the issue -----------------------------------------------------------------
    ("2027年3月31日前訂單從 60 成長到 120", "orders", "up", 60, 120, "abs", 120, D(2027, 3, 31), ()),
    ("12 月底前營收達到 50 萬", "revenue", "up", None, 500_000, "abs", 500_000, D(2026, 12, 31), ()),
    ("第一季結束前 LINE 好友破 3,000 人", "line_friends", "up", None, 3000, "abs", 3000, D(2027, 3, 31), ()),
    ("購物車轉換率從 2% 提升至 3%", "cvr", "up", 2, 3, "abs", 3, None, ("deadline_missing",)),
    ("提高回購率到 25%", "repeat_rate", "up", None, 25, "abs", 25, None, ("deadline_missing",)),
    ("訂單從 60 成長到 120", "orders", "up", 60, 120, "abs", 120, None, ("deadline_missing",)),
    ("CPA 降 20%", "cpa", "down", None, None, "rel", 20, None, ("baseline_needed", "deadline_missing")),
    ("一年內營收成長 200%", "revenue", "up", None, None, "rel", 200, D(2027, 12, 31), ("baseline_needed",)),
    # --- the sample clients -------------------------------------------------------------
    ("情人節前 LINE 好友從 1,800 人增加到 3,000 人", "line_friends", "up", 1800, 3000, "abs", 3000, D(2027, 2, 14), ()),
    ("每月預購訂單 6 個月內達到 250 筆", "orders", "up", None, 250, "abs", 250, D(2027, 6, 30), ()),
    ("IG 貼文互動率提升 25%", "engagement_rate", "up", None, None, "rel", 25, None,
     ("percent_of_rate", "baseline_needed", "deadline_missing")),
    ("提升品牌知名度", None, "up", None, None, None, None, None, ("metric_vague", "target_missing", "deadline_missing")),
    ("6 個月內網站訪客數提升 30%", "visitors", "up", None, None, "rel", 30, D(2027, 6, 30), ("baseline_needed",)),
    ("一年內線上訂單從每月 60 筆成長到 120 筆", "orders", "up", 60, 120, "abs", 120, D(2027, 12, 31), ()),
    ("經銷商詢價要盡快變多", "inquiries", "up", None, None, None, None, None, ("deadline_vague", "target_missing")),
    ("2027 年 6 月前月營收從 120 萬成長到 150 萬", "revenue", "up", 1_200_000, 1_500_000, "abs", 1_500_000, D(2027, 6, 30), ()),
    ("每筆訂單的廣告成本（CPA）在 3 個月內從 NT$560 降到 NT$450", "cpa", "down", 560, 450, "abs", 450, D(2027, 3, 31), ()),
    ("會員回購率翻倍", "repeat_rate", "up", None, None, "mult", 2, None, ("baseline_needed", "deadline_missing")),
    # --- absolute dates -----------------------------------------------------------------
    ("2027/3/31 前 LINE 好友達到 5,000 人", "line_friends", "up", None, 5000, "abs", 5000, D(2027, 3, 31), ()),
    ("2027-05-31 前月訂單達到 400 筆", "orders", "up", None, 400, "abs", 400, D(2027, 5, 31), ()),
    ("明年 6 月底前營收成長三成", "revenue", "up", None, None, "rel", 30, D(2027, 6, 30), ("baseline_needed",)),
    ("年底前 IG 粉絲增加 1,500 人", "followers", "up", None, None, "add", 1500, D(2026, 12, 31), ("baseline_needed",)),
    ("十二月底前客單價提高到 NT$800", "aov", "up", None, 800, "abs", 800, D(2026, 12, 31), ()),
    ("第二季轉換率提升 2 個百分點", "cvr", "up", None, None, "pp", 2, D(2027, 6, 30), ("baseline_needed",)),
    ("Q1 結束前跳出率降低 5 個百分點", "bounce_rate", "down", None, None, "pp", 5, D(2027, 3, 31), ("baseline_needed",)),
    ("下一季 CPA 壓到 400 元以內", "cpa", "down", None, 400, "abs", 400, D(2027, 3, 31), ()),
    ("明年底營收達到 1,200 萬", "revenue", "up", None, 12_000_000, "abs", 12_000_000, D(2027, 12, 31), ()),
    ("2027 年底前會員數突破 2 萬人", "members", "up", None, 20_000, "abs", 20_000, D(2027, 12, 31), ()),
    ("明年年中前官網訪客數達到每月 8,000 人", "visitors", "up", None, 8000, "abs", 8000, D(2027, 6, 30), ()),
    ("3 月 15 日前預約數達到 120 筆", "bookings", "up", None, 120, "abs", 120, D(2027, 3, 15), ()),
    ("上半年新客數增加 300 人", "customers", "up", None, None, "add", 300, D(2027, 6, 30), ("baseline_needed",)),
    ("今年上半年新客數增加 300 人", "customers", "up", None, None, "add", 300, D(2026, 6, 30), ("baseline_needed", "deadline_past")),
    ("明年上半年新客數增加 300 人", "customers", "up", None, None, "add", 300, D(2027, 6, 30), ("baseline_needed",)),
    ("本季退貨率降到 8% 以下", "return_rate", "down", None, 8, "abs", 8, D(2026, 12, 31), ()),
    ("下個月開信率提升到 25%", "open_rate", "up", None, 25, "abs", 25, D(2027, 1, 31), ()),
    ("2027 年 2 月底前詢價數從 25 件增加到 40 件", "inquiries", "up", 25, 40, "abs", 40, D(2027, 2, 28), ()),
    ("２０２７/１/３１前訂單達到 ９０ 筆", "orders", "up", None, 90, "abs", 90, D(2027, 1, 31), ()),
    # --- durations ----------------------------------------------------------------------
    ("三個月內把廣告投報率從 2.5 提升到 4", "roas", "up", 2.5, 4, "abs", 4, D(2027, 3, 31), ()),
    ("半年內 Google 評分維持 4.5 星以上", "rating", "keep", None, 4.5, "abs", 4.5, D(2027, 6, 30), ()),
    ("兩週內五星評論增加 20 則", "reviews", "up", None, None, "add", 20, D(2026, 12, 14), ("baseline_needed",)),
    ("一個半月內 LINE 好友增加 500 人", "line_friends", "up", None, None, "add", 500, D(2027, 1, 15), ("baseline_needed",)),
    ("90 天內回購率從 14% 提升到 20%", "repeat_rate", "up", 14, 20, "abs", 20, D(2027, 2, 28), ()),
    ("接下來 4 個月每月營收成長 5%", "revenue", "up", None, None, "rel", 5, D(2027, 4, 30), ("baseline_needed",)),
    ("兩季內毛利率以外的利潤增加 NT$30 萬", "profit", "up", None, None, "add", 300_000, D(2027, 6, 30), ("baseline_needed",)),
    ("一年內 Instagram 粉絲翻倍", "followers", "up", None, None, "mult", 2, D(2027, 12, 31), ("baseline_needed",)),
    # --- named dates --------------------------------------------------------------------
    ("母親節前預購訂單達到 300 筆", "orders", "up", None, 300, "abs", 300, D(2027, 5, 9), ()),
    ("農曆新年前營收達到 1.2 萬", "revenue", "up", None, 12_000, "abs", 12_000, D(2027, 2, 6), ()),
    ("過年前 LINE 好友破 4000", "line_friends", "up", None, 4000, "abs", 4000, D(2027, 2, 6), ()),
    ("雙 11 營收 1,200 萬", "revenue", None, None, 12_000_000, "abs", 12_000_000, D(2027, 11, 11), ()),
    ("雙十一前新客數增加 800 人", "customers", "up", None, None, "add", 800, D(2027, 11, 11), ("baseline_needed",)),
    ("618 前新客數增加 500 人", "customers", "up", None, None, "add", 500, D(2027, 6, 18), ("baseline_needed",)),
    ("中秋節前禮盒訂單達到 600 筆", "orders", "up", None, 600, "abs", 600, D(2027, 9, 15), ()),
    ("端午節前粽子預購單達到 1,000 筆", "orders", "up", None, 1000, "abs", 1000, D(2027, 6, 9), ()),
    ("聖誕節前客單價提升到 NT$1,200", "aov", "up", None, 1200, "abs", 1200, D(2026, 12, 25), ()),
    ("週年慶業績成長 20%", "revenue", "up", None, None, "rel", 20, None, ("deadline_unknown", "baseline_needed")),
    # --- numbers, units and change forms ------------------------------------------------
    ("營收提升三成", "revenue", "up", None, None, "rel", 30, None, ("baseline_needed", "deadline_missing")),
    ("訂單減少五成的退貨", "orders", "down", None, None, "rel", 50, None, ("baseline_needed", "deadline_missing")),
    ("月營收從 80 萬成長到 100 萬", "revenue", "up", 800_000, 1_000_000, "abs", 1_000_000, None, ("deadline_missing",)),
    ("營收由 NT$1,500,000 提升到 NT$1,800,000", "revenue", "up", 1_500_000, 1_800_000, "abs", 1_800_000, None, ("deadline_missing",)),
    ("LINE 好友增加 1,500 人", "line_friends", "up", None, None, "add", 1500, None, ("baseline_needed", "deadline_missing")),
    ("目前每月 45 筆詢價，6 個月內增加到 80 筆", "inquiries", "up", 45, 80, "abs", 80, D(2027, 6, 30), ()),
    ("客單價增加 NT$150", "aov", "up", None, None, "add", 150, None, ("baseline_needed", "deadline_missing")),
    ("轉換率提升 20%", "cvr", "up", None, None, "rel", 20, None, ("percent_of_rate", "baseline_needed", "deadline_missing")),
    ("點擊率提升 0.5 個百分點", "ctr", "up", None, None, "pp", 0.5, None, ("baseline_needed", "deadline_missing")),
    ("營收成長 3 倍", "revenue", "up", None, None, "mult", 3, None, ("times_ambiguous", "baseline_needed", "deadline_missing")),
    ("營收成長到 3 倍", "revenue", "up", None, None, "mult", 3, None, ("baseline_needed", "deadline_missing")),
    ("廣告成本減半", "cpa", "down", None, None, "mult", 0.5, None, ("baseline_needed", "deadline_missing")),
    ("ROAS 從 2.5 提升到 4", "roas", "up", 2.5, 4, "abs", 4, None, ("deadline_missing",)),
    ("每次點擊成本從 NT$12 降到 NT$9", "cpc", "down", 12, 9, "abs", 9, None, ("deadline_missing",)),
    ("CPA 控制在 NT$450 以內", "cpa", "down", None, 450, "abs", 450, None, ("deadline_missing",)),
    ("ROAS 維持 3 以上", "roas", "keep", None, 3, "abs", 3, None, ("deadline_missing",)),
    ("退貨率降到 8% 以下", "return_rate", "down", None, 8, "abs", 8, None, ("deadline_missing",)),
    ("跳出率低於 40%", "bounce_rate", "down", None, 40, "abs", 40, None, ("deadline_missing",)),
    ("獲客成本壓到 NT$600", "cac", "down", None, 600, "abs", 600, None, ("deadline_missing",)),
    ("訂單從 120 筆降到 100 筆也沒關係，但營收要維持", "orders", "down", 120, 100, "abs", 100, None,
     ("metrics_several", "deadline_missing")),
    ("營收成長 20%、訂單增加 100 筆", "revenue", "up", None, None, "rel", 20, None,
     ("metrics_several", "numbers_several", "baseline_needed", "deadline_missing")),
    ("訂單從 100 提升到 80 筆", "orders", "down", 100, 80, "abs", 80, None, ("direction_conflict", "deadline_missing")),
    ("兩週內完成官網改版上線", None, None, None, None, None, None, D(2026, 12, 14), ()),
    ("好評數達到兩百則", "reviews", "up", None, 200, "abs", 200, None, ("deadline_missing",)),
    ("LINE 好友從一千八百人增加到三千人", "line_friends", "up", 1800, 3000, "abs", 3000, None, ("deadline_missing",)),
    ("明年 3 月前蝦皮月營收從 30 萬做到 45 萬", "revenue", "up", 300_000, 450_000, "abs", 450_000, D(2027, 3, 31), ()),
    ("每週發 3 則 IG 貼文", "posts", None, None, 3, "abs", 3, None, ("deadline_missing",)),
    ("今年底前官網會員人數從 1.8 萬成長到 2.5 萬", "members", "up", 18_000, 25_000, "abs", 25_000, D(2026, 12, 31), ()),
    ("廣告投報率至少維持 3 倍", "roas", "keep", None, 3, "abs", 3, None, ("deadline_missing",)),
    ("2027 年第一季新客獲客成本低於 NT$500", "cac", "down", None, 500, "abs", 500, D(2027, 3, 31), ()),
    ("一季內加 LINE 好友的轉換率從 1.5% 提升到 2%", "cvr", "up", 1.5, 2, "abs", 2, D(2027, 3, 31), ()),
    ("母親節檔期預購 500 盒", "orders", None, None, 500, "abs", 500, D(2027, 5, 9), ()),
    ("在 2027/06/30 以前，讓網站月訪客數達到 1 萬人", "visitors", "up", None, 10_000, "abs", 10_000, D(2027, 6, 30), ()),
    ("讓廣告 CPA 在年底前降低 15%", "cpa", "down", None, None, "rel", 15, D(2026, 12, 31), ("baseline_needed",)),
    ("今年 12/20 前出貨 300 單", "orders", None, None, 300, "abs", 300, D(2026, 12, 20), ()),
    ("3 月底前轉換率 3%", "cvr", None, None, 3, "abs", 3, D(2027, 3, 31), ()),
    ("明年情人節前把 LINE 好友做到 5000", "line_friends", "up", None, 5000, "abs", 5000, D(2027, 2, 14), ()),
    # --- English ------------------------------------------------------------------------
    ("by end of Q1, lower CPC from NT$15 to NT$11", "cpc", "down", 15, 11, "abs", 11, D(2027, 3, 31), ()),
    ("Increase repeat rate from 14% to 20% within 90 days", "repeat_rate", "up", 14, 20, "abs", 20, D(2027, 2, 28), ()),
    ("Hit NT$2 million in monthly sales by December", "revenue", "up", None, 2_000_000, "abs", 2_000_000, D(2026, 12, 31), ()),
    ("Get the bounce rate under 45%", "bounce_rate", "down", None, 45, "abs", 45, None, ("deadline_missing",)),
    ("Keep CPA below NT$500 for the next six months", "cpa", "keep", None, 500, "abs", 500, D(2027, 6, 30), ()),
    ("Open a Shopee store by January 2027", None, None, None, None, None, None, D(2027, 1, 31), ()),
    ("By the end of March 2027, grow monthly orders from 60 to 120", "orders", "up", 60, 120, "abs", 120, D(2027, 3, 31), ()),
    ("Increase website visitors by 30% within 6 months", "visitors", "up", None, None, "rel", 30, D(2027, 6, 30), ("baseline_needed",)),
    ("Cut CPA by 20% by Q2", "cpa", "down", None, None, "rel", 20, D(2027, 6, 30), ("baseline_needed",)),
    ("Reduce cost per order to NT$450 within 3 months", "cpa", "down", None, 450, "abs", 450, D(2027, 3, 31), ()),
    ("Double the repeat purchase rate by June 2027", "repeat_rate", "up", None, None, "mult", 2, D(2027, 6, 30), ("baseline_needed",)),
    ("Reach 3,000 LINE friends before Valentine's Day", "line_friends", "up", None, 3000, "abs", 3000, D(2027, 2, 14), ()),
    ("Keep ROAS above 3 next quarter", "roas", "keep", None, 3, "abs", 3, D(2027, 3, 31), ()),
    ("Raise the conversion rate from 2% to 3% by 31 March 2027", "cvr", "up", 2, 3, "abs", 3, D(2027, 3, 31), ()),
    ("Grow revenue from NT$1.2M to NT$1.5M by the end of 2027", "revenue", "up", 1_200_000, 1_500_000, "abs", 1_500_000, D(2027, 12, 31), ()),
    ("Increase the click-through rate by 1 percentage point in the next quarter", "ctr", "up", None, None, "pp", 1, D(2027, 3, 31), ("baseline_needed",)),
    ("Lower the return rate to 8% by year-end", "return_rate", "down", None, 8, "abs", 8, D(2026, 12, 31), ()),
    ("Get more followers soon", "followers", "up", None, None, None, None, None, ("deadline_vague", "target_missing")),
    ("Improve brand awareness", None, "up", None, None, None, None, None, ("metric_vague", "target_missing", "deadline_missing")),
    ("Grow revenue by 15% and orders by 10% this year", "revenue", "up", None, None, "rel", 15, D(2026, 12, 31),
     ("metrics_several", "numbers_several", "baseline_needed")),
    ("Add 50k in monthly revenue by Mother's Day", "revenue", "up", None, None, "add", 50_000, D(2027, 5, 9), ("baseline_needed",)),
    ("Halve the cost per acquisition within a year", "cpa", "down", None, None, "mult", 0.5, D(2027, 12, 31), ("baseline_needed",)),
]


def _ids(case: tuple) -> str:
    return case[0][:24]


@pytest.mark.parametrize(
    ("text", "metric", "direction", "baseline", "target", "change", "amount", "deadline", "codes"),
    CASES, ids=[_ids(c) for c in CASES])
def test_reads_like_a_person(text, metric, direction, baseline, target, change, amount, deadline,
                             codes):
    r = read_goal(text, AS_OF)
    got = (r.metric, r.direction, r.baseline, r.target, r.change, r.amount, r.deadline,
           r.codes)
    want = (metric, direction, baseline, target, change, amount, deadline, tuple(codes))
    assert _same(got, want), f"{text}\n got {got}\nwant {want}"


def _same(got: tuple, want: tuple) -> bool:
    return all(g == pytest.approx(w) if isinstance(w, int | float) and isinstance(g, float)
               else g == w for g, w in zip(got, want, strict=True))


def test_table_is_large_and_bilingual():
    assert len(CASES) >= 80
    english = [c for c in CASES if c[0].isascii()]
    assert len(english) >= 15


def test_units_and_kinds():
    assert read_goal("LINE 好友破 3,000 人", AS_OF).unit == "人"
    assert read_goal("月營收從 80 萬成長到 100 萬", AS_OF).unit == "NT$"
    assert read_goal("轉換率從 2% 到 3%", AS_OF).unit == "%"
    assert read_goal("評分維持 4.5 星以上", AS_OF).unit == "星"
    assert read_goal("營收成長 20%", AS_OF).kind == "outcome"
    assert read_goal("IG 粉絲增加 500 人", AS_OF).kind == "activity"
    assert read_goal("兩週內完成官網改版上線", AS_OF).kind == "task"
    assert read_goal("CPA 控制在 NT$450 以內", AS_OF).bound == "max"
    assert read_goal("ROAS 維持 3 以上", AS_OF).bound == "min"


@pytest.mark.parametrize(("text", "expected"), [
    ("１,２００ 萬", "12000000"), ("一千二百萬", "12000000"), ("1.2 萬", "12000"),
    ("三成", "3成"), ("兩週內", "2 週內"), ("NT$1.5M", "NT$1500000"), ("一定要", "一定要"),
])
def test_normalise(text, expected):
    assert normalise(text).replace(" ", "") == expected.replace(" ", "")


def test_durations_count_from_the_baseline_month():
    # goals agreed in September 2026 (baseline = September's value): six months -> March
    assert read_goal("6 個月內訪客數提升 30%", date(2026, 9, 1)).deadline == date(2027, 3, 31)
    assert read_goal("within 4 months", date(2026, 9, 1)).deadline == date(2027, 1, 31)
    # a quarter already over this year means next year's
    assert read_goal("第一季訂單達到 100 筆", date(2026, 5, 1)).deadline == date(2027, 3, 31)
    assert read_goal("第三季訂單達到 100 筆", date(2026, 5, 1)).deadline == date(2026, 9, 30)


def test_a_past_date_is_a_question():
    r = read_goal("2026/10/31 前訂單達到 100 筆", AS_OF)
    assert r.deadline == date(2026, 10, 31) and "deadline_past" in r.codes


# --- structured fields against the sentence ---------------------------------------------


def test_fields_win_and_a_disagreement_is_a_question():
    r = reconcile(read_goal("一年內線上訂單從每月 60 筆成長到 120 筆", date(2026, 8, 1)),
                  metric="線上月訂單數", baseline=60, target=150, deadline=date(2027, 10, 31))
    assert (r.baseline, r.target, r.deadline) == (60, 150, date(2027, 10, 31))
    assert r.codes == ("field_target", "field_deadline")
    assert r.questions[0].params == {"text": 120, "field": 150}
    assert r.questions[1].params == {"text": "2027-08-31", "field": "2027-10-31"}


def test_a_relative_goal_gets_its_target_from_the_baseline_field():
    r = reconcile(read_goal("6 個月內網站訪客數提升 30%", date(2026, 8, 1)), baseline=4200)
    assert r.target == pytest.approx(5460) and r.codes == ()
    down = reconcile(read_goal("CPA 降 20%", AS_OF), baseline=500)
    assert down.target == pytest.approx(400) and down.direction == "down"
    pp = reconcile(read_goal("跳出率降低 5 個百分點", AS_OF), baseline=48)
    assert pp.target == pytest.approx(43)
    assert reconcile(read_goal("會員回購率翻倍", AS_OF), baseline=14).target == 28


def test_field_metric_disagreeing_with_the_sentence_is_asked():
    r = reconcile(read_goal("LINE 好友增加 500 人", AS_OF), metric="IG 粉絲數", baseline=1000)
    assert "field_metric" in r.codes and r.metric == "followers"


# --- properties -------------------------------------------------------------------------

WORDS_UP = ("成長到", "提升到", "增加到", "提高至")
WORDS_DOWN = ("降到", "降低到", "減少到", "壓到")


@settings(max_examples=200, deadline=None)
@given(base=st.integers(1, 9_999_999), target=st.integers(1, 9_999_999),
       day=st.dates(date(2027, 1, 1), date(2029, 12, 31)),
       metric=st.sampled_from(["訂單", "營收", "LINE 好友", "網站訪客數", "詢價數"]),
       commas=st.booleans())
def test_from_to_sentences_read_back_their_numbers_and_date(base, target, day, metric, commas):
    words = WORDS_UP if target >= base else WORDS_DOWN
    fmt = "{:,}" if commas else "{}"
    text = (f"{day.year}年{day.month}月{day.day}日前{metric}從 {fmt.format(base)} "
            f"{words[(base + target) % 4]} {fmt.format(target)}")
    r = read_goal(text, date(2026, 12, 1))
    assert (r.baseline, r.target, r.deadline) == (base, target, day)
    assert r.direction == ("up" if target > base else "down" if target < base else "keep")


@settings(max_examples=100, deadline=None)
@given(base=st.integers(1, 999_999), pct=st.integers(1, 300),
       months=st.integers(1, 24))
def test_relative_sentences_apply_to_the_baseline(base, pct, months):
    r = reconcile(read_goal(f"{months} 個月內訂單成長 {pct}%", date(2026, 12, 1)),
                  baseline=base)
    assert r.target == pytest.approx(base * (1 + pct / 100))
    y, m = divmod(11 + months, 12)
    assert (r.deadline.year, r.deadline.month) == (2026 + y, m + 1)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_reads_without_error(text):
    r = read_goal(text, AS_OF)
    assert isinstance(r, GoalReading)


def test_reading_a_thousand_sentences_is_fast():
    texts = [c[0] for c in CASES] * (1000 // len(CASES) + 1)
    read_goal(texts[0], AS_OF)  # imports
    began = time.perf_counter()
    for text in texts[:1000]:
        read_goal(text, AS_OF)
    assert time.perf_counter() - began < 1.0
