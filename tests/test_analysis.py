"""The analysis layer: results are computed from the validated parameters and the client's
files (values checked by hand or by plain pandas on the sample clients), are immutable, hold
no words, and display themselves exactly as their view renders them."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from kit import renderers
from kit.analysis import budget, customers, funnel, goals, plan, report, swot
from kit.clients import load_client
from kit.params import TEMPLATES, build_parameters
from kit.views import budget as budget_views
from kit.views import customers as customers_views
from kit.views import funnel as funnel_views
from kit.views import goals as goals_views
from kit.views import plan as plan_views
from kit.views import report as report_views
from kit.views import swot as swot_views
from tests.conftest import REPO

ANALYSIS = REPO / "kit" / "analysis"


def _params(template: str, slug: str, monkeypatch):
    """The template's validated parameters for a sample client, run from its folder."""
    monkeypatch.setenv("KIT_HOME", str(REPO))
    monkeypatch.chdir(REPO / "clients" / slug)
    raw = build_parameters(template, load_client(slug, REPO))
    return TEMPLATES[template].params.model_validate(raw)


def _shown(result) -> str:
    """What a notebook shows for ``result``."""
    return result._repr_html_()


def test_the_analysis_holds_no_words_and_no_markup():
    """Codes and numbers only: no catalogue, formatting, markup or chart module is imported."""
    banned = {"kit.i18n", "kit.fmt", "kit.blocks", "kit.charts", "kit.show", "kit.glossary",
              "markupsafe", "kit.views"}
    found = []
    for path in sorted(ANALYSIS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}: {n}" for n in names if n in banned
                      or any(n.startswith(b + ".") for b in banned)]
    assert found == []


# --- funnel ---------------------------------------------------------------------------------


def test_funnel_from_counts_in_the_profile(monkeypatch):
    p = _params("funnel", "lin-hardware", monkeypatch)
    f = funnel.analyse(p.client, p.funnel)
    # counts: 185000 impressions, 5200 clicks, 410 carts, 62 orders (client.yaml)
    assert f.stages.keys == ("impressions", "clicks", "add_to_cart", "order")
    assert [s.count for s in f.stages.stages] == [185000, 5200, 410, 62]
    assert [s.step_rate for s in f.stages.stages[1:]] == pytest.approx(
        [5200 / 185000, 410 / 5200, 62 / 410])
    assert [s.lost for s in f.stages.stages[1:]] == [179800, 4790, 348]
    assert f.stages.stages[-1].overall_rate == pytest.approx(62 / 185000)
    # every step is under its reference rate; the order step (15.1% vs 25%) is worth most:
    # 410 x 25% - 62 = 40.5 more orders x NT$1,450
    top = f.bottlenecks.top
    assert top is not None and top.stage == "order" and top.benchmark == 0.25
    assert (top.extra_customers, top.extra_value) == pytest.approx((40.5, 40.5 * 1450))
    # carts at the profile's 10%: 520 carts instead of 410, orders x 520/410
    cart = next(r for r in f.bottlenecks.rows if r.stage == "add_to_cart")
    assert cart.extra_customers == pytest.approx(62 * 110 / 410)
    assert f.value_stages == ("order",)
    # the previous period is there, so is the comparison
    assert f.comparison is not None
    assert [c.before for c in f.comparison.changes] == pytest.approx(
        [4300 / 160000, 330 / 4300, 48 / 330])


def test_funnel_from_a_data_file(monkeypatch):
    import pandas as pd

    p = _params("funnel", "mei-dessert", monkeypatch)
    f = funnel.analyse(p.client, p.funnel)
    raw = pd.read_csv(REPO / "clients" / "mei-dessert" / "data" / "line_funnel.csv")
    latest = raw[raw["period"] == raw["period"].max()]
    assert [s.count for s in f.stages.stages] == latest["count"].tolist()
    assert f.stages.keys == ("廣告觸及", "加 LINE 好友", "私訊詢問", "下單")
    assert f.what_if.points == 0.01
    assert [r.new_rate - r.step_rate for r in f.what_if.rows] == pytest.approx([0.01] * 3)


def test_funnel_combined_lift(monkeypatch):
    p = _params("funnel", "urban-thread", monkeypatch)
    stages = funnel.analyse(p.client, p.funnel).stages
    same = funnel.combined_lift(stages, tuple(s.step_rate for s in stages.stages[1:]), 1380)
    assert same.extra_customers == pytest.approx(0)
    doubled = tuple(2 * s.step_rate if s.key == "purchase" else s.step_rate
                    for s in stages.stages[1:])
    lifted = funnel.combined_lift(stages, doubled, 1380)
    assert (lifted.extra_customers, lifted.extra_value) == pytest.approx((260, 260 * 1380))


def test_funnel_results_are_immutable(monkeypatch):
    p = _params("funnel", "lin-hardware", monkeypatch)
    f = funnel.analyse(p.client, p.funnel)
    for target, field in ((f, "stages"), (f.stages, "stages"), (f.stages.stages[0], "count"),
                          (f.bottlenecks.rows[0], "gap"), (f.context, "lang")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert isinstance(f.stages.stages, tuple) and isinstance(f.bottlenecks.rows, tuple)


def test_funnel_results_display_as_their_views_render(monkeypatch):
    p = _params("funnel", "lin-hardware", monkeypatch)
    f = funnel.analyse(p.client, p.funnel)
    assert _shown(f.stages) == renderers.displayed(funnel_views.table(f.stages))
    assert _shown(f.bottlenecks) == renderers.displayed(funnel_views.bottleneck(f.bottlenecks))
    assert _shown(f.what_if) == renderers.displayed(funnel_views.what_if(f.what_if))
    assert _shown(f.comparison) == renderers.displayed(funnel_views.compare(f.comparison))
    assert "NT$58,725" in _shown(f.bottlenecks)  # the currency travels with the result
    assert renderers.NO_MATH in _shown(f)


# --- swot -----------------------------------------------------------------------------------


def test_swot_ranks_strategies_and_finds_uncovered_pairings(monkeypatch):
    p = _params("swot", "urban-thread", monkeypatch)
    s = swot.analyse(p.client, p.swot)
    # ids in written order per quadrant; the board ranks heaviest first
    assert [i.id for i in s.board.ranked("S")] == ["S1", "S2"]
    assert [q for q, _ in s.board.quadrants] == ["S", "W", "O", "T"]
    # priorities: ST S1+T1 = 10, WO W1+O1 = 9, SO S2+O2 = 8, WT W2+T2 = 8 (ties: written order)
    assert [(a.rank, a.strategy.cell, a.priority) for a in s.actions.actions] == [
        (1, "ST", 10), (2, "WO", 9), (3, "SO", 8), (4, "WT", 8)]
    # the heaviest uncovered pairing is W1 x T1 (5 + 5); the covered S2 x O2, W2 x T2 are not
    first = s.prompts.prompts[0]
    assert (first.cell, first.internal.id, first.external.id) == ("WT", "W1", "T1")
    pairs = {(p.internal.id, p.external.id) for p in s.prompts.prompts}
    assert not pairs & {("S2", "O2"), ("W2", "T2")}
    so = next(c for c in s.tows.cells if c.cell == "SO")
    assert [i.id for i in so.strategies[0].cited] == ["S2", "O2"]
    assert s.factors.scores == ()  # no factor weights in this profile
    assert [d["metric"] for d in swot.goal_drafts(s)] == ["月營收", "廣告 CPA", "90 天回購率",
                                                          None]


def test_swot_results_are_immutable_and_display_as_their_views(monkeypatch):
    p = _params("swot", "urban-thread", monkeypatch)
    s = swot.analyse(p.client, p.swot)
    for target, field in ((s, "board"), (s.actions.actions[0], "rank"), (s.items[0], "weight")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert _shown(s.tows) == renderers.displayed(swot_views.tows(s.tows))
    assert _shown(s.actions) == renderers.displayed(swot_views.actions(s.actions))
    assert _shown(s.prompts) == renderers.displayed(swot_views.prompts(s.prompts))
    assert _shown(s.factors) == renderers.displayed(swot_views.factors(s.factors))


# --- customers ------------------------------------------------------------------------------


def test_customers_from_the_order_file(monkeypatch):
    import pandas as pd

    p = _params("customers", "urban-thread", monkeypatch)
    c = customers.analyse(p.client, p.customers, tuple(p.ad_exports))
    raw = pd.read_csv(REPO / "clients" / "urban-thread" / "data" / "orders.csv")
    raw["date"] = pd.to_datetime(raw["date"])
    span = (raw["date"].max() - raw["date"].min()).days
    buyers = raw["customer_id"].nunique()
    assert (c.scoring.history.orders, c.scoring.history.span_days) == (len(raw), span)
    assert c.scoring.history.enough and c.scoring.as_of.isoformat() == "2026-10-31"
    assert c.scoring.customers == buyers == sum(r.customers for r in c.segments.rows)
    assert [r.segment for r in c.segments.rows] == [
        "champions", "loyal", "new", "promising", "needs_attention", "at_risk", "dormant"]
    assert sum(r.revenue for r in c.segments.rows) == pytest.approx(raw["amount"].sum())
    assert sum(r.revenue_share for r in c.segments.rows) == pytest.approx(1)
    r = c.retention
    assert r.annual_value == pytest.approx(raw["amount"].sum() / buyers / (span / 365.25))
    assert r.revenue_ltv == pytest.approx(raw["amount"].sum() / buyers)
    assert r.ltv == pytest.approx(r.revenue_ltv * 0.5)  # gross margin 50%
    assert r.monthly_profit == pytest.approx(r.annual_value * 0.5 / 12)
    assert r.payback_months == pytest.approx(r.cac.value / r.monthly_profit)
    # the ad exports' spend over the newcomers of their months (else the typed NT$650)
    assert r.cac.source == "computed" and r.cac.months
    assert r.keeping is not None
    assert r.keeping.cost_to_keep == pytest.approx(r.keeping.customers * r.cac.value * 0.2)
    assert r.keeping.saving == pytest.approx(r.keeping.cost_to_replace - r.keeping.cost_to_keep)


def test_customers_typed_cac_without_ad_exports(monkeypatch):
    p = _params("customers", "urban-thread", monkeypatch)
    c = customers.analyse(p.client, p.customers)
    assert (c.retention.cac.value, c.retention.cac.source) == (650, "typed")


def test_customers_results_are_immutable_and_display_as_their_views(monkeypatch):
    p = _params("customers", "urban-thread", monkeypatch)
    c = customers.analyse(p.client, p.customers, tuple(p.ad_exports))
    for target, field in ((c, "segments"), (c.segments.rows[0], "customers"),
                          (c.retention.cac, "value"), (c.scoring.history, "notes")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert _shown(c.scoring) == renderers.displayed(customers_views.intro(c.scoring))
    assert _shown(c.retention) == renderers.displayed(customers_views.retention(c.retention))


# --- plan -----------------------------------------------------------------------------------


def test_plan_against_budget_and_funnel(monkeypatch):
    from datetime import date

    p = _params("plan", "urban-thread", monkeypatch)
    result = plan.analyse(p.client, p.period, p.plan, tuple(p.funded), p.funnel)
    # the budget funds Facebook, Instagram and Google Ads; Amy is also on TikTok
    assert result.personas.funded == ("Facebook", "Instagram", "Google Ads")
    assert result.personas.personas[0].unfunded == ("TikTok",)
    # journey stages linked to the funnel take its counts
    assert [r.current for r in result.journey.rows] == [620000, 24800, 1050, 260]
    cal = result.calendar
    assert cal.weeks == tuple(date(2026, 10, 26) + (date(2026, 11, 2) - date(2026, 10, 26)) * i
                              for i in range(4))
    assert cal.channels == ("Facebook", "Instagram", "Google Ads")
    # 3 funded channels x 4 weeks = 12 cells, 5 of them planned
    assert len(cal.gaps) == 7 and (date(2026, 11, 16), "Facebook") in cal.gaps
    assert cal.cells[0][1] is not None and cal.cells[0][1].topic == "雙 11 穿搭提案"
    assert [(d.key, d.offer) for d in cal.dates][:2] == [("double_11", "全館 88 折"),
                                                        ("double_12", "會員滿額贈")]
    (card,) = result.campaigns.campaigns
    assert card.size is not None and card.size.per_variant == 3156  # 4% -> 5.5%, 80%, 5%
    assert card.reach is not None and (card.reach.code, card.reach.total) == ("small", 6312)
    v = card.verdict
    assert v is not None and v.code == "too_small"  # 1,400 a variant; the plan needs 3,156
    assert (v.rate_a, v.rate_b, v.least_sent) == pytest.approx((56 / 1400, 71 / 1400, 1400))
    assert [x.name for x in result.pilots.pilots] == ["尺寸對照表上線"]
    inside = plan.pilots_between(result.context, p.plan, date(2026, 11, 16), date(2026, 12, 1))
    assert inside.pilots == ()


def test_plan_results_are_immutable_and_display_as_their_views(monkeypatch):
    p = _params("plan", "urban-thread", monkeypatch)
    result = plan.analyse(p.client, p.period, p.plan, tuple(p.funded), p.funnel)
    for target, field in ((result, "calendar"), (result.calendar, "gaps"),
                          (result.personas.personas[0], "unfunded"),
                          (result.campaigns.campaigns[0], "verdict")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert _shown(result.calendar) == renderers.displayed(plan_views.calendar(result.calendar))
    assert _shown(result.pilots) == renderers.displayed(plan_views.pilots(result.pilots))
    verdict = result.campaigns.campaigns[0].verdict
    assert _shown(verdict) == renderers.displayed(plan_views.verdict(verdict))


# --- budget ---------------------------------------------------------------------------------


def test_budget_plan_by_hand(monkeypatch):
    p = _params("ad_budget", "urban-thread", monkeypatch)
    b = budget.analyse(p.client, p.period, p.budget)
    # NT$180,000 at 45/30/25%; CPA = CPC / CVR: 9 / 1.8% = 500, 11 / 1.6% = 687.5, 14 / 3.2%
    lines = b.plan.lines
    assert [r.channel for r in lines] == ["Facebook", "Instagram", "Google Ads"]
    assert [r.budget for r in lines] == pytest.approx([81000, 54000, 45000])
    assert [r.cpa for r in lines] == pytest.approx([500, 687.5, 437.5])
    assert [r.results for r in lines] == pytest.approx([162, 54000 / 687.5, 45000 / 437.5])
    orders = 162 + 54000 / 687.5 + 45000 / 437.5
    assert b.plan.blended_cpa == pytest.approx(180000 / orders)
    assert b.plan.break_even == 690  # NT$1,380 x 50%
    assert [r.above_break_even for r in lines] == [True, True, True]
    # the goal method: 380 orders at the blended CPA, and what the budget buys
    assert b.goal.needed_budget == pytest.approx(380 * 180000 / orders)
    assert b.goal.affordable_results == pytest.approx(orders)
    assert b.work_back is not None
    assert sum(r.results for r in b.work_back.lines) == pytest.approx(380)
    fb = b.work_back.lines[0]
    assert fb.clicks == pytest.approx(fb.results / 0.018)
    assert fb.impressions == pytest.approx(fb.clicks / 0.016)
    # the ladder never spends more than a channel's plan in a day
    days = 30  # November
    for week in b.ladder.weeks:
        for line, daily in zip(lines, week.daily, strict=True):
            assert daily <= line.budget / days + 1e-9
    assert [s.scenario for s in b.scenarios.lines] == ["保守", "基準", "樂觀"]
    base = b.scenarios.lines[1]
    assert (base.spend, base.results) == pytest.approx((180000, orders))
    assert b.pacing is not None and b.pacing.pacing.budget == 180000


def test_budget_editor_section(monkeypatch):
    p = _params("ad_budget", "urban-thread", monkeypatch)
    context = budget.analyse(p.client, p.period, p.budget).context
    half = budget.channel_plan(context, budget.with_budget(p.budget, 90000, (0.45, 0.3, 0.25)))
    assert sum(r.results for r in half.lines) == pytest.approx(
        (162 + 54000 / 687.5 + 45000 / 437.5) / 2)
    # shares as typed (not adding up to 100%) are normalised
    even = budget.channel_plan(context, budget.with_budget(p.budget, 90000, (1, 1, 1)))
    assert [r.budget for r in even.lines] == pytest.approx([30000] * 3)


def test_budget_results_are_immutable_and_display_as_their_views(monkeypatch):
    p = _params("ad_budget", "urban-thread", monkeypatch)
    b = budget.analyse(p.client, p.period, p.budget)
    for target, field in ((b, "plan"), (b.plan.lines[0], "budget"), (b.ladder.weeks[0], "week"),
                          (b.scenarios, "lines")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert _shown(b.plan) == renderers.displayed(budget_views.plan(b.plan))
    assert _shown(b.ladder) == renderers.displayed(budget_views.scale(b.ladder))
    assert _shown(b.goal) == renderers.displayed(budget_views.goal(b.goal))


# --- goals ----------------------------------------------------------------------------------


def test_goals_kpi_plan_by_hand(monkeypatch):
    from datetime import date

    p = _params("goals", "lin-hardware", monkeypatch)
    g = goals.analyse(p.client, p.period, p.goals, tuple(p.levers))
    assert g.start == date(2026, 8, 1)  # the goals were agreed in August
    assert {"visitors", "orders", "cpa", "roas"} <= g.levers
    assert len(g.smart.checks) == 4 and g.smart.checks[1].unit == "人"
    # visitors 4,200 -> 5,460 (+30%) in 6 months; orders 60 -> 120 in 12 months
    visitors, orders = g.kpis.lines
    assert (visitors.kpi.name, visitors.months) == ("網站月訪客數", 6)
    assert visitors.required_rate == pytest.approx(1.3 ** (1 / 6) - 1)
    assert (orders.kpi.baseline, orders.kpi.target, orders.months) == (60, 120, 12)
    assert orders.required_rate == pytest.approx(2 ** (1 / 12) - 1)
    assert g.kpis.paths == g.kpis.lines
    assert not g.smart.checks[0].complete and g.smart.checks[2].complete


def test_goals_results_are_immutable_and_display_as_their_views(monkeypatch):
    p = _params("goals", "lin-hardware", monkeypatch)
    g = goals.analyse(p.client, p.period, p.goals, tuple(p.levers))
    for target, field in ((g, "kpis"), (g.kpis.lines[0], "flag"), (g.smart.checks[0], "unit"),
                          (g.brief, "audience"), (g.smart.checks[0].spec, "text")):
        with pytest.raises((dataclasses.FrozenInstanceError, ValueError)):
            setattr(target, field, None)
    assert _shown(g.kpis) == renderers.displayed(goals_views.kpi(g.kpis))
    assert _shown(g.smart) == renderers.displayed(goals_views.smart(g.smart))


# --- report ---------------------------------------------------------------------------------


def _report(slug: str, monkeypatch):
    p = _params("report", slug, monkeypatch)
    return report.analyse(p.client, p.period, p.report, p.goals, p.budget, p.plan)


@pytest.mark.parametrize("slug", ["mei-dessert", "urban-thread"])
def test_report_sales_and_ad_spend_from_the_raw_files(slug, monkeypatch):
    from tests.test_sample_consistency import _monthly_orders, _raw_ads

    r = _report(slug, monkeypatch)
    month = pd.Period(r.period, freq="M")
    orders, revenue = _monthly_orders(slug)
    assert r.sales is not None
    assert (r.sales.orders, r.sales.revenue) == (orders[month], pytest.approx(revenue[month]))
    raw = _raw_ads(slug)
    raw = raw[raw["date"].dt.to_period("M") == month]
    spend = {(h.line.channel, h.line.result): h.month(r.period).spend for h in r.ads}
    for platform, g in raw.groupby("platform"):
        assert sum(v for (c, _), v in spend.items() if c == platform) == pytest.approx(
            g["spend"].sum())


def test_report_lines_keep_result_kinds_apart_and_name_them_in_views(monkeypatch):
    r = _report("mei-dessert", monkeypatch)
    # Meta brings LINE friends and purchases: two lines, never added up
    assert [(h.line.channel, h.line.result, h.line.mixed) for h in r.ads] == [
        ("Meta", "line_friend", True), ("Meta", "purchase", True)]
    assert [report_views.line_label(h.line, "zh-TW") for h in r.ads] == [
        "Meta（LINE 好友）", "Meta（訂單）"]
    assert [report_views.line_label(h.line, "en") for h in r.ads] == [
        "Meta (LINE friends)", "Meta (orders)"]


def test_report_kpis_and_proposals(monkeypatch):
    r = _report("lin-hardware", monkeypatch)
    assert [k.status.name for k in r.kpis] == ["網站月訪客數", "線上月訂單數"]
    assert [(k.status.name, reason) for k, reason in r.proposals] == [
        ("網站月訪客數", "off_track_twice")]
    visitors = r.kpis[0]
    assert dict(visitors.series)[r.period] == visitors.status.actual
    assert r.break_even == pytest.approx(1 / r_margin("lin-hardware", monkeypatch))
    assert r.sent is None  # no snapshot of last month in the sample


def r_margin(slug: str, monkeypatch) -> float:
    return _params("report", slug, monkeypatch).budget.gross_margin


def test_report_results_are_immutable_and_display_as_their_view(monkeypatch):
    r = _report("urban-thread", monkeypatch)
    for target, field in ((r, "kpis"), (r.ads[0], "roi"), (r.ads[0].line, "channel"),
                          (r.kpis[0], "status")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(target, field, None)
    assert _shown(r) == renderers.displayed(report_views.page(r))


def test_show_displays_a_result_as_it_displays_itself(monkeypatch):
    import IPython.display

    from kit import show

    p = _params("funnel", "lin-hardware", monkeypatch)
    stages = funnel.analyse(p.client, p.funnel).stages
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    show.show(stages)
    assert shown == [_shown(stages)]


def test_a_result_without_a_view_shows_its_repr():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Unviewed(renderers.Rendered):
        x: int

    assert Unviewed(1)._repr_html_() is None


@pytest.mark.parametrize("path", sorted(p.name for p in ANALYSIS.glob("*.py")))
def test_analysis_modules_have_docstrings(path):
    assert ast.get_docstring(ast.parse((ANALYSIS / path).read_text(encoding="utf-8")))


def test_analysis_folder_exists():
    assert Path(funnel.__file__).parent == ANALYSIS
