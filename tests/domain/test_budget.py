from datetime import date

import pandas as pd
import pytest

from kit.domain import budget
from kit.domain.budget import Channel, Scenario

FB = Channel("Facebook", cpc=8, cvr=0.02, ctr=0.015, share=0.6)
GOOGLE = Channel("Google Ads", cpa=600, share=0.4)


def test_goal_method_both_ways():
    assert budget.budget_for(60, 382.5) == pytest.approx(22950)
    assert budget.results_for(30000, 400) == pytest.approx(75)
    assert FB.cost_per_result == pytest.approx(400)  # 8 / 0.02


def test_work_back_through_the_funnel():
    # 60 results at 2% CVR = 3,000 clicks; at 1.5% CTR = 200,000 impressions
    out = budget.work_back(60, cvr=0.02, ctr=0.015, cpc=8)
    assert out == pytest.approx({"results": 60, "clicks": 3000, "impressions": 200000,
                                 "cost": 24000})
    assert budget.work_back(60, 0.02, 0.015, cpm=120)["cost"] == pytest.approx(24000)


def test_channel_plan_against_break_even():
    plan = budget.channel_plan([FB, GOOGLE], 30000, gross_margin=0.4, default_aov=1200)
    fb, google = plan.iloc[0], plan.iloc[1]
    # Facebook: 18,000 / 400 = 45 orders, 54,000 revenue, ROAS 3, profit 21,600 - 18,000
    assert fb["budget"] == 18000 and fb["results"] == pytest.approx(45)
    assert fb["clicks"] == pytest.approx(2250) and fb["impressions"] == pytest.approx(150000)
    assert fb["roas"] == pytest.approx(3) and fb["profit"] == pytest.approx(3600)
    assert fb["break_even_cpa"] == pytest.approx(480) and bool(fb["above_break_even"])
    # Google: 12,000 / 600 = 20 orders; CPA 600 > break-even 480 -> losing 2,400
    assert google["results"] == pytest.approx(20) and google["profit"] == pytest.approx(-2400)
    assert not bool(google["above_break_even"])
    assert google["break_even_roas"] == pytest.approx(2.5)


def test_learning_phase_minimum():
    assert budget.learning_phase_minimum(400) == pytest.approx(50 * 400 / 7)


def test_scale_ladder_steps_20_percent_and_caps():
    ladder = budget.scale_ladder(300, 4, step=0.2, max_daily=450)
    assert ladder["daily"].tolist() == pytest.approx([300, 360, 432, 450])
    assert ladder["weekly"].tolist() == pytest.approx([2100, 2520, 3024, 3150])
    assert ladder["cumulative"].tolist() == pytest.approx([2100, 4620, 7644, 10794])


def test_scenarios_side_by_side():
    table = budget.scenarios([FB, GOOGLE], 30000, 0.4, 1200,
                             [Scenario("base"), Scenario("bad", cpc=1.2, cvr=0.8)]).set_index(
        "scenario")
    assert table.loc["base", "results"] == pytest.approx(65)
    assert table.loc["base", "profit"] == pytest.approx(3600 - 2400)
    # CPC x1.2 and CVR x0.8 make every CPA 1.5x: 65 / 1.5 results
    assert table.loc["bad", "results"] == pytest.approx(65 / 1.5)
    assert table.loc["bad", "cpa"] == pytest.approx(30000 / (65 / 1.5))


def test_pacing_warns_before_the_overrun():
    spend = {date(2026, 11, d): 1200 for d in range(1, 11)}
    p = budget.pacing(30000, spend, date(2026, 11, 10))
    assert p.spent == 12000 and p.days_in_month == 30
    assert p.projected == pytest.approx(36000) and p.overrun == pytest.approx(6000)
    assert p.exhausted_on == 25  # 30,000 / 1,200 a day
    assert p.daily_to_stay_within == pytest.approx(900)  # 18,000 left over 20 days


def test_pacing_within_budget_ignores_other_months():
    spend = pd.Series({date(2026, 10, 31): 9999, date(2026, 11, 1): 500, date(2026, 11, 2): 500})
    p = budget.pacing(30000, spend, date(2026, 11, 2))
    assert p.spent == 1000 and p.overrun == 0 and p.exhausted_on is None
