import pytest

from kit.domain import swot
from kit.domain.swot import Item, Strategy

ITEMS = [
    Item("S1", "S", "品質穩定", 5, factor_weight=0.25, rating=4),
    Item("S2", "S", "可客製", 4, factor_weight=0.15, rating=3),
    Item("W1", "W", "人力不足", 5, factor_weight=0.35, rating=1),
    Item("W2", "W", "沒有能見度", 2, factor_weight=0.25, rating=2),
    Item("O1", "O", "平台成長", 4, factor_weight=0.6, rating=3),
    Item("O2", "O", "YouTube 開箱", 3, factor_weight=0.2, rating=2),
    Item("T1", "T", "低價競爭", 5, factor_weight=0.2, rating=2),
]


def test_strategy_citing_missing_or_wrong_items_is_named():
    strategies = [
        Strategy("SO", "影片導購", ("S1", "O2"), kpi="訪客數"),
        Strategy("SO", "錯字", ("S1", "O9")),
        Strategy("WT", "錯格", ("S1", "T1")),
        Strategy("WO", "只有一邊", ("W1", "W2")),
        Strategy("ST", "不存在的 KPI", ("S2", "T1"), kpi="營收"),
    ]
    problems = swot.strategy_problems(ITEMS, strategies, kpis=["訪客數"])
    assert [(p.index, p.code, p.value) for p in problems] == [
        (1, "unknown_item", "O9"),
        (2, "wrong_quadrant", "S1"),
        (3, "missing_side", "O"),
        (4, "unknown_kpi", "營收"),
    ]


def test_prompts_pair_the_heaviest_items_heaviest_first():
    prompts = swot.tows_prompts(ITEMS, top=1)
    assert [(c, a.id, b.id) for c, a, b in prompts] == [("WT", "W1", "T1"), ("SO", "S1", "O1")]
    assert len(swot.tows_prompts(ITEMS, top=2)) == 4 + 2  # 2x2 S-O pairs, 2x1 W-T pairs


def test_prioritise_by_summed_weights_ties_keep_order():
    strategies = [Strategy("ST", "a", ("S2", "T1")), Strategy("SO", "b", ("S1", "O1")),
                  Strategy("WO", "c", ("W2", "O2")), Strategy("WT", "d", ("W1", "T1"))]
    table = swot.prioritise(ITEMS, strategies)
    # a = 4+5 = 9, b = 5+4 = 9, c = 2+3 = 5, d = 5+5 = 10
    assert table["text"].tolist() == ["d", "a", "b", "c"]
    assert table["priority"].tolist() == [10, 9, 9, 5]
    assert table["rank"].tolist() == [1, 2, 3, 4]


def test_ife_efe_scores_hand_computed():
    ife, efe = swot.factor_scores(ITEMS)
    # IFE = .25x4 + .15x3 + .35x1 + .25x2 = 1 + .45 + .35 + .5 = 2.30
    assert ife.kind == "IFE" and ife.total == pytest.approx(2.30)
    assert ife.weights_ok and not ife.above_average
    # EFE = .6x3 + .2x2 + .2x2 = 2.6; weights sum to 1.0
    assert efe.total == pytest.approx(2.6) and efe.weights_ok and efe.above_average


def test_factor_weights_not_summing_to_one_are_flagged():
    (ife,) = swot.factor_scores([Item("S1", "S", "x", factor_weight=0.5, rating=3),
                                 Item("W1", "W", "y", factor_weight=0.3, rating=2)])
    assert not ife.weights_ok and ife.weight_sum == pytest.approx(0.8)


def test_strategy_becomes_a_goal_draft():
    draft = swot.goal_draft(Strategy("SO", "影片導購", ("S1", "O2"), kpi="網站月訪客數"))
    assert draft["text"] == "影片導購" and draft["metric"] == "網站月訪客數"
    assert draft["why"] == "TOWS SO: S1, O2" and draft["target"] is None
