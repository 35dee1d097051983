import math

import pandas as pd
import pytest

from kit.domain import funnel

STAGES = ["a", "b", "c", "d"]


def test_table_definitions_hand_computed():
    table = funnel.funnel_table(STAGES, [1000, 100, 20, 5])
    assert math.isnan(table["step_rate"][0])
    assert table["step_rate"].tolist()[1:] == pytest.approx([0.1, 0.2, 0.25])
    assert table["overall_rate"].tolist() == pytest.approx([1, 0.1, 0.02, 0.005])
    assert table["drop_off"].tolist()[1:] == pytest.approx([0.9, 0.8, 0.75])
    assert table["lost"].tolist()[1:] == [900, 80, 15]


def test_wilson_interval_textbook_value():
    # 20 of 100 at 95%: the Wilson interval is 13.33% - 28.89%
    low, high = funnel.wilson_interval(20, 100)
    assert low == pytest.approx(0.1333, abs=1e-4) and high == pytest.approx(0.2889, abs=1e-4)
    assert all(math.isnan(v) for v in funnel.wilson_interval(0, 0))


def test_two_proportion_test_textbook_value():
    # 45/100 vs 30/100: pooled 0.375, z = 0.15 / 0.06847 = 2.191, two-sided p = 0.0285
    assert funnel.two_proportion_p(45, 100, 30, 100) == pytest.approx(0.02846, abs=1e-4)


@pytest.mark.parametrize("counts", [[100, 120, 10, 1], [100, -1, 0, 0]])
def test_bad_counts_are_rejected(counts):
    with pytest.raises(ValueError):
        funnel.funnel_table(STAGES, counts)


def test_bottleneck_is_not_simply_the_lowest_rate():
    table = funnel.funnel_table(STAGES, [10000, 300, 150, 30])  # rates 3%, 50%, 20%
    ranked = funnel.bottlenecks(table, {"b": 0.035, "c": 0.6, "d": 0.3}, value_per_customer=1000)
    # extra finals: b 30 x (.035/.03 - 1) = 5; c 30 x (.6/.5 - 1) = 6; d 30 x (.3/.2 - 1) = 15
    assert ranked["stage"].tolist() == ["d", "c", "b"]
    assert ranked["extra_customers"].tolist() == pytest.approx([15, 6, 5])
    assert ranked["extra_value"].tolist() == pytest.approx([15000, 6000, 5000])


def test_small_counts_gap_is_noise():
    table = funnel.funnel_table(STAGES, [200, 20, 4, 1])
    ranked = funnel.bottlenecks(table, {"c": 0.3, "d": 0.26}, 100).set_index("stage")
    assert bool(ranked.loc["c", "noise"])  # 4/20 = 20%, interval 8%-42% holds 30%
    assert ranked.loc["b", "gap"] == 0 and ranked.loc["b", "extra_value"] == 0  # no benchmark


def test_what_if_ranks_stage_improvements():
    table = funnel.funnel_table(STAGES, [1000, 100, 20, 5])
    out = funnel.what_if(table, 0.01, value_per_customer=200)
    # +1 point: b .10->.11 gives 5 x .1 = .5; c .20->.21 gives .25; d .25->.26 gives .2
    assert out["stage"].tolist() == ["b", "c", "d"]
    assert out["extra_customers"].tolist() == pytest.approx([0.5, 0.25, 0.2])
    assert out["extra_value"].tolist() == pytest.approx([100, 50, 40])


def test_compare_periods_flags_noise():
    before = funnel.funnel_table(STAGES, [1000, 100, 30, 10])
    after = funnel.funnel_table(STAGES, [1000, 150, 45, 12])
    changes = {c.stage: c for c in funnel.compare_periods(before, after)}
    assert changes["b"].after == pytest.approx(0.15) and not changes["b"].noise  # p = .0011
    assert changes["c"].before == pytest.approx(0.3) and changes["c"].noise  # 30% vs 30%
    assert isinstance(pd.DataFrame([vars(c) for c in changes.values()]), pd.DataFrame)


def test_value_is_carried_through_every_later_money_stage():
    # urban-thread's funnel: exposure -> consideration -> purchase -> repurchase
    table = funnel.funnel_table(["exposure", "consideration", "purchase", "repurchase"],
                                [620000, 24800, 1050, 260])
    ranked = funnel.bottlenecks(table, {"consideration": 0.05}, 1380,
                                money_stages=("purchase", "repurchase"))
    top = ranked.iloc[0]
    # 4% -> 5% is x1.25 downstream: +262.5 purchases and +65 repeat purchases, each NT$1,380
    assert top["stage"] == "consideration"
    assert top["extra_customers"] == pytest.approx(262.5)
    assert top["extra_value"] == pytest.approx((262.5 + 65) * 1380)  # 451,950, not 89,700


def test_what_if_and_bottleneck_come_from_the_same_function():
    table = funnel.funnel_table(STAGES, [10000, 300, 150, 30])
    gap = funnel.bottlenecks(table, {"b": 0.04}, 1000).set_index("stage").loc["b"]
    moved = funnel.what_if(table, 0.01, 1000).set_index("stage").loc["b"]  # 3% -> 4%
    assert moved["extra_value"] == pytest.approx(gap["extra_value"])
    assert moved["extra_value"] == pytest.approx(30 * (0.04 / 0.03 - 1) * 1000)


def test_a_stage_at_zero_is_valued_through_the_benchmarks_not_zero():
    table = funnel.funnel_table(STAGES, [1000, 100, 0, 0])
    ranked = funnel.bottlenecks(table, {"c": 0.2, "d": 0.25}, 500).set_index("stage")
    # c: 0% -> 20% gives 20 people at c; d's own rate is unknown (0 of 0), so its
    # benchmark 25% carries them on: 5 customers x 500
    assert ranked.loc["c", "extra_customers"] == pytest.approx(5)
    assert ranked.loc["c", "extra_value"] == pytest.approx(2500)
    unknown = funnel.lift(table, "c", 0.2, {"d": 500})  # no reference rate for d
    assert math.isnan(unknown.extra_value)


def test_value_stages_default_to_the_preset_or_the_last_stage():
    assert funnel.value_stages(funnel.PRESETS["marketing"], "marketing") == (
        "purchase", "repurchase")
    assert funnel.value_stages(["看到", "加好友", "下單"]) == ("下單",)
