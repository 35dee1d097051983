from datetime import date

import pytest

from kit.domain import smart
from kit.domain.smart import Goal, score_goal

START = date(2026, 11, 1)


def test_vague_wish_scores_low_with_concrete_hints():
    res = score_goal(Goal("提升品牌知名度"), START)
    assert res.total == 0
    assert res.level == "vague"
    s = res.criteria[0]
    assert (s.letter, s.score, s.hint, s.params) == ("S", 0, "smart.s.vague", {"term": "知名度"})
    assert [c.hint for c in res.criteria[1:]] == [
        "smart.m.number", "smart.a.numbers", "smart.r.link", "smart.t.deadline"]


def test_seed_example_is_smart_once_fields_are_filled():
    goal = Goal("6 個月內網站訪客數提升 30%", metric="網站月訪客數", baseline=4200,
                owner="林志豪", why="官網帶來新訂單")
    res = score_goal(goal, START)
    # target from the text: 4200 x 1.3; deadline from "6 個月內" after 2026-11
    assert res.target == pytest.approx(5460)
    assert res.deadline == date(2027, 5, 1)
    assert res.required_rate == pytest.approx(0.044698, abs=1e-6)  # under the modest 5%
    assert [c.score for c in res.criteria] == [2, 2, 2, 2, 2]
    assert res.total == 10 and res.level == "smart"


def test_history_makes_the_same_goal_a_stretch():
    goal = Goal("6 個月內網站訪客數提升 30%", metric="網站月訪客數", baseline=4200,
                owner="林志豪", why="新訂單", history=(3600, 3710, 3880, 3950, 4080, 4200))
    res = score_goal(goal, START)
    a = res.criteria[2]
    # past pace (4200/3600)^(1/5) - 1 = 3.13% a month < needed 4.47% <= 3.13% + 5 points
    assert res.historical_rate == pytest.approx(0.031310, abs=1e-6)
    assert (a.score, a.hint) == (1, "smart.a.stretch")


def test_unrealistic_against_history():
    goal = Goal("情人節前 LINE 好友從 1,800 人增加到 3,000 人", metric="LINE 好友數", baseline=1800,
                target=3000, deadline=date(2027, 2, 14), owner="小梅", why="預購",
                history=(1420, 1500, 1580, 1650, 1730, 1800))
    res = score_goal(goal, START)
    # needs (3000/1800)^(1/3) - 1 = 18.56% a month; the past pace was 4.87%
    assert res.required_rate == pytest.approx(0.185631, abs=1e-6)
    assert res.score("A") == 0 and res.criteria[2].hint == "smart.a.unrealistic"


def test_english_goal_is_parsed():
    res = score_goal(Goal("Increase monthly website visitors by 30% within 6 months",
                          baseline=1000), START)
    assert res.score("S") == 1  # names a metric but no owner
    assert res.criteria[0].hint == "smart.s.owner"
    assert res.score("M") == 2 and res.target == pytest.approx(1300)
    assert res.score("T") == 2 and res.deadline == date(2027, 5, 1)
    assert res.score("R") == 0


def test_vague_time_and_missing_target():
    res = score_goal(Goal("經銷商詢價要盡快變多", metric="經銷詢價數", baseline=25), START)
    assert [(c.letter, c.score, c.hint) for c in res.criteria] == [
        ("S", 1, "smart.s.owner"), ("M", 1, "smart.m.target"), ("A", 0, "smart.a.numbers"),
        ("R", 1, "smart.r.why"), ("T", 1, "smart.t.vague")]


def test_explicit_date_in_text_is_time_bound():
    res = score_goal(Goal("2027 年 6 月前月營收從 120 萬成長到 150 萬"), START)
    assert res.score("T") == 2
    assert res.score("M") == 1  # numbers, but no baseline field


def test_falling_target_and_modest_default():
    res = score_goal(Goal("CPA 降到 NT$450", metric="CPA", baseline=560, target=450,
                          deadline=date(2027, 2, 1), owner="哲維", why="成本"), START)
    # needs -7.03% a month: beyond twice the modest 5% would be 10%, so it is a stretch
    assert res.required_rate == pytest.approx((450 / 560) ** (1 / 3) - 1)
    assert res.score("A") == 1


@pytest.mark.parametrize(
    ("text", "months"),
    [("6 個月內", 6), ("半年內", 6), ("一年內", 12), ("三個月", 3), ("兩季", 6),
     ("within 3 months", 3), ("in two quarters", 6), ("over a year", 12), ("沒有期限", None)],
)
def test_timeframe_months(text, months):
    got = smart.timeframe_months(text)
    assert got == (pytest.approx(months) if months is not None else None)


@pytest.mark.parametrize(
    ("text", "change"),
    [("提升 30%", 0.3), ("降低 2 成", -0.2), ("reduce CPA by 20%", -0.2), ("翻倍", None)],
)
def test_percent_change(text, change):
    got = smart.percent_change(text)
    assert got == (pytest.approx(change) if change is not None else None)
