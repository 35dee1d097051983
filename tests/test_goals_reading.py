"""The sample clients' goals read exactly as a person reads them, in the goals workbook
(in process, no kernel), and every word the reader can ask exists in both languages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kit.clients import load_client
from kit.domain import goal_reader, smart
from kit.domain.metric_catalogue import CATALOGUE
from kit.i18n import catalogue
from kit.params import build_parameters
from kit.views import goals as goals_views
from kit.workbooks.goals import GoalsBook

REPO = Path(__file__).resolve().parents[1]

# slug -> per goal: (metric, baseline, target, deadline, question codes), read by hand from
# clients/<slug>/client.yaml (goals agreed in the `start` month; fields win over sentences)
SAMPLES = {
    "lin-hardware": [  # start 2026-08
        (None, None, None, None, ("metric_vague", "target_missing", "deadline_missing")),
        # "6 個月內…提升 30%" on the 4,200 baseline field: 5,460 by the end of 2027-02
        ("visitors", 4200, 5460, date(2027, 2, 28), ()),
        # "一年內…從每月 60 筆成長到 120 筆": 2027-08, and the deadline field agrees
        ("orders", 60, 120, date(2027, 8, 31), ()),
        ("inquiries", 25, None, None, ("deadline_vague", "target_missing")),
    ],
    "mei-dessert": [  # start 2026-09
        ("line_friends", 1800, 3000, date(2027, 2, 14), ()),
        ("orders", 180, 250, date(2027, 3, 31), ()),  # "6 個月內" from September
        # "+25%" on a rate: relative (3.2% -> 4.0%) and asked
        ("engagement_rate", 3.2, 4.0, None, ("percent_of_rate", "deadline_missing")),
    ],
    "urban-thread": [  # start 2026-08
        ("revenue", 1_200_000, 1_500_000, date(2027, 6, 30), ()),
        ("cpa", 560, 450, date(2026, 11, 30), ()),  # "3 個月內" from August
        ("repeat_rate", 14, 28, date(2027, 2, 28), ()),  # 翻倍, deadline from the field
    ],
}


def _book(slug: str, lang: str | None = None) -> GoalsBook:
    params = build_parameters("goals", load_client(slug, REPO), lang=lang)
    return GoalsBook.from_params(**params)


@pytest.mark.parametrize("slug", sorted(SAMPLES))
def test_sample_goals_read_as_a_person_reads_them(slug):
    book = _book(slug)
    got = [(r.reading.metric, r.reading.baseline, r.reading.target, r.reading.deadline,
            r.reading.codes) for r in (c.result for c in book.analysis.smart.checks)]
    assert got == [(m, b, pytest.approx(t) if t else t, d, q) for m, b, t, d, q in SAMPLES[slug]]


@pytest.mark.parametrize("slug", sorted(SAMPLES))
def test_no_number_on_the_page_contradicts_the_goals_sentence(slug):
    """Every KPI row uses the reading's numbers; the reading line states them."""
    book = _book(slug)
    html = book.smart_html() + book.kpi_html()
    lines = book.analysis.kpis.lines
    kpis = {k.kpi.name: (k.kpi.baseline, k.kpi.target, k.kpi.deadline) for k in lines}
    for k in lines:
        res = k.check.result
        assert (k.kpi.baseline, k.kpi.target, k.kpi.deadline) == (
            res.reading.baseline, res.reading.target, res.reading.deadline)
    for c in book.analysis.smart.checks:
        res = c.result
        line = goals_views.describe(c.spec, res.reading, book.lang, book.client.currency)
        assert line in html.replace("&gt;", ">")
        if res.reading.deadline:
            assert f"{res.reading.deadline:%Y/%m/%d}" in line
    assert len(kpis) == len(lines)


def test_questions_are_shown_to_the_consultant():
    book = _book("mei-dessert")
    html = book.smart_html()
    assert "請顧問確認" in html
    assert "「25%」是原本的 25%，還是 25 個百分點？" in html
    en = _book("mei-dessert", lang="en").smart_html()
    assert "For the consultant to confirm" in en and "We read this as" in en


def test_levers_come_from_strategies_funnel_and_budget():
    book = _book("lin-hardware")
    # SWOT strategy KPIs name 網站月訪客數 and 線上月訂單數; the budget funds ads
    assert {"visitors", "orders", "cpa", "roas"} <= book.analysis.levers


def test_unrealistic_goal_and_plan_agree():
    book = _book("mei-dessert")
    plan = {k.kpi.name: k.flag for k in book.analysis.kpis.lines}
    for k in book.analysis.kpis.lines:
        res = k.check.result
        assert plan[k.check.spec.metric] == res.flag
        if res.flag == "unrealistic":
            assert res.total <= smart.UNREALISTIC_CAP


def _codes_in(module) -> set[str]:
    source = Path(module.__file__).read_text(encoding="utf-8")
    return set(re.findall(r'Question\(\s*"([a-z_]+)"', source))


def test_every_question_and_metric_has_words_in_both_languages():
    codes = _codes_in(goal_reader)
    assert {"baseline_needed", "percent_of_rate", "field_deadline"} <= codes
    keys = [f"goal.q.{c}" for c in codes] + [f"metric.{m.id}" for m in CATALOGUE]
    keys += [f"smart.m.{c}" for c in smart.NUMBER_QUESTIONS]
    keys += [f"smart.a.{k}{s}" for k in ("stretch", "unrealistic", "no_history")
             for s in ("", "_down")]
    keys += ["smart.t.past", "smart.t.unknown", "smart.s.split", "smart.s.task",
             "smart.rewrite_keep"]
    for key in keys:
        assert key in catalogue("zh-TW") and key in catalogue("en"), key


def test_english_words_use_english_punctuation():
    full_width = set("：、；（）「」，。｜")
    bad = {k: v for k, v in catalogue("en").items() if full_width & set(v)}
    assert bad == {}
