"""SMART scoring on top of the goal reader: honest achievability, caps, past deadlines,
relevance from the client's levers, hints that read right for falling KPIs."""

from datetime import date

import pytest

from kit.domain.smart import UNREALISTIC_CAP, Goal, levers_in, score_goal

START = date(2026, 11, 1)


def test_vague_wish_scores_low_with_concrete_hints():
    res = score_goal(Goal("提升品牌知名度"), START)
    assert res.total == 0
    assert res.level == "vague"
    s = res.criteria[0]
    assert (s.letter, s.score, s.hint, s.params) == ("S", 0, "smart.s.vague", {"term": "知名度"})
    assert [c.hint for c in res.criteria[1:]] == [
        "smart.m.number", "smart.a.numbers", "smart.r.link", "smart.t.deadline"]


def test_seed_example_is_smart_once_fields_and_history_are_filled():
    goal = Goal("6 個月內網站訪客數提升 30%", metric="網站月訪客數", baseline=4200,
                owner="林志豪", why="官網帶來新訂單", history=(3000, 3300, 3600, 3900, 4200))
    res = score_goal(goal, START)
    # target from the text: 4200 x 1.3; six months after November 2026 is May 2027
    assert res.target == pytest.approx(5460)
    assert res.deadline == date(2027, 5, 31)
    assert res.required_rate == pytest.approx(1.3 ** (1 / 6) - 1)  # 4.47% a month
    # past pace (4200/3000)^(1/4) - 1 = 8.8% a month: faster than needed
    assert res.historical_rate == pytest.approx(1.4 ** 0.25 - 1)
    assert [c.score for c in res.criteria] == [2, 2, 2, 2, 2]
    assert res.total == 10 and res.level == "smart"


def test_without_history_achievability_is_unknown_not_modest():
    goal = Goal("6 個月內網站訪客數提升 30%", metric="網站月訪客數", baseline=4200,
                owner="林志豪", why="新訂單")
    res = score_goal(goal, START)
    a = res.criteria[2]
    assert res.flag == "no_history"
    assert (a.score, a.hint) == (1, "smart.a.no_history")
    assert a.params["rate"] == pytest.approx(1.3 ** (1 / 6) - 1)


def test_history_makes_the_same_goal_a_stretch():
    goal = Goal("6 個月內網站訪客數提升 30%", metric="網站月訪客數", baseline=4200,
                owner="林志豪", why="新訂單", history=(3600, 3710, 3880, 3950, 4080, 4200))
    res = score_goal(goal, START)
    a = res.criteria[2]
    # past pace (4200/3600)^(1/5) - 1 = 3.13% a month < needed 4.47% <= 3.13% + 5 points
    assert res.historical_rate == pytest.approx(0.031310, abs=1e-6)
    assert (a.score, a.hint) == (1, "smart.a.stretch")


def test_unrealistic_goal_cannot_score_above_half():
    goal = Goal("情人節前 LINE 好友從 1,800 人增加到 3,000 人", metric="LINE 好友數", baseline=1800,
                target=3000, deadline=date(2027, 2, 14), owner="小梅", why="預購",
                history=(1420, 1500, 1580, 1650, 1730, 1800))
    res = score_goal(goal, START)
    # needs (3000/1800)^(1/3) - 1 = 18.56% a month (Nov -> Feb); the past pace was 4.87%
    assert res.required_rate == pytest.approx(0.185631, abs=1e-6)
    assert res.score("A") == 0 and res.criteria[2].hint == "smart.a.unrealistic"
    assert sum(c.score for c in res.criteria) == 8
    assert res.total == UNREALISTIC_CAP == 5 and res.level == "vague"


def test_tripling_revenue_in_a_year_is_not_nine_out_of_ten():
    goal = Goal("一年內營收成長 200%", metric="月營收", baseline=1_000_000, owner="王", why="擴張",
                history=(900_000, 930_000, 950_000, 980_000, 1_000_000))
    res = score_goal(goal, START)
    assert res.target == pytest.approx(3_000_000)
    assert res.flag == "unrealistic" and res.total <= 5


def test_seasonality_last_year_makes_a_peak_season_goal_realistic():
    # flat trend, but last November -> February grew 50% (a holiday peak)
    history = (100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100)
    seasonal = (100, 120, 140, 150, 100, 100, 100, 100, 100, 100, 100, 100, 100)
    goal = dict(text="2027/2/28 前訂單從 100 成長到 140 筆", metric="訂單", baseline=100,
                owner="店長", why="旺季")
    assert score_goal(Goal(**goal, history=history), START).flag == "unrealistic"
    res = score_goal(Goal(**goal, history=seasonal), START)
    # needs (1.4)^(1/3) - 1 = 11.9% a month; last year's same months: (1.5)^(1/3) - 1 = 14.5%
    assert res.flag == "realistic" and res.score("A") == 2


def test_past_deadline_is_t_zero_with_a_hint():
    goal = Goal("每筆訂單的廣告成本（CPA）在 3 個月內從 NT$560 降到 NT$450", metric="廣告 CPA",
                baseline=560, target=450, owner="哲維", why="成本")
    res = score_goal(goal, date(2026, 8, 1), today=date(2026, 11, 1))
    t = res.criteria[4]
    assert res.deadline == date(2026, 11, 30)  # three months after August
    assert (t.score, t.hint) == (2, None)
    late = score_goal(goal, date(2026, 7, 1), today=date(2026, 11, 1))
    assert late.deadline == date(2026, 10, 31)
    assert (late.criteria[4].score, late.criteria[4].hint) == (0, "smart.t.past")


def test_falling_kpi_hints_read_as_falling():
    goal = Goal("CPA 降到 NT$450", metric="CPA", baseline=560, target=450,
                deadline=date(2027, 2, 1), owner="哲維", why="成本", history=(520, 535, 548, 560))
    res = score_goal(goal, START)
    assert res.required_rate == pytest.approx((450 / 560) ** (1 / 3) - 1)
    a = res.criteria[2]
    # CPA rose 2.5% a month in the past: falling 7% a month is far from that pace
    assert (a.score, a.hint) == (0, "smart.a.unrealistic_down")
    assert a.params["rate"] == pytest.approx(1 - (450 / 560) ** (1 / 3))
    assert a.params["history"] == pytest.approx((560 / 520) ** (1 / 3) - 1)


def test_relevance_follows_the_clients_levers():
    goal = Goal("6 個月內網站訪客數提升 30%", baseline=4200, owner="志豪")
    assert score_goal(goal, START).score("R") == 0
    levers = levers_in(["拍攝師傅實測影片放上 YouTube", "網站月訪客數"])
    assert levers == {"visitors"}
    assert score_goal(goal, START, levers=levers).score("R") == 2
    cvr = Goal("購物車轉換率從 2% 提升至 3%", owner="志豪")
    assert score_goal(cvr, START, levers=frozenset({"cvr"})).score("R") == 2


def test_english_goal_is_read():
    res = score_goal(Goal("Increase monthly website visitors by 30% within 6 months",
                          baseline=1000), START)
    assert res.score("S") == 1  # names a metric but no owner
    assert res.criteria[0].hint == "smart.s.owner"
    assert res.score("M") == 2 and res.target == pytest.approx(1300)
    assert res.score("T") == 2 and res.deadline == date(2027, 5, 31)
    assert res.score("R") == 0


def test_vague_time_and_missing_target():
    res = score_goal(Goal("經銷商詢價要盡快變多", metric="經銷詢價數", baseline=25), START)
    assert [(c.letter, c.score, c.hint) for c in res.criteria] == [
        ("S", 1, "smart.s.owner"), ("M", 1, "smart.m.target"), ("A", 0, "smart.a.numbers"),
        ("R", 1, "smart.r.why"), ("T", 1, "smart.t.vague")]


def test_ambiguous_percent_of_a_rate_is_asked_not_scored_as_measurable():
    res = score_goal(Goal("IG 貼文互動率提升 25%", metric="IG 平均互動率", baseline=3.2), START)
    m = res.criteria[1]
    assert (m.score, m.hint, m.params) == (1, "smart.m.percent_of_rate", {"amount": 25.0})
    assert "percent_of_rate" in res.reading.codes


def test_two_metrics_ask_to_split():
    res = score_goal(Goal("營收成長 20%、訂單增加 100 筆", owner="王"), START)
    assert (res.score("S"), res.criteria[0].hint) == (1, "smart.s.split")


def test_field_disagreeing_with_sentence_is_a_question_and_field_wins():
    res = score_goal(Goal("一年內線上訂單從每月 60 筆成長到 120 筆", metric="線上月訂單數",
                          baseline=60, target=120, deadline=date(2027, 10, 31), owner="志豪",
                          why="零售"), date(2026, 8, 1))
    assert res.deadline == date(2027, 10, 31)
    assert res.reading.codes == ("field_deadline",)
