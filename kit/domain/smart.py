"""SMART checker: score a goal as written (zh-TW or English) plus its structured fields.

Each of S, M, A, R, T scores 0 (missing), 1 (partly there) or 2 (met), with a hint code that
says what to add. Hint codes are translated by :mod:`kit.i18n`; parameters for the message
travel with the code, so this module stays free of wording and I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from kit.domain import kpi as kpi_mod

# --- text analysis ----------------------------------------------------------------------

_ZH_NUM = {"一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9, "十": 10, "十一": 11, "十二": 12, "十八": 18, "二十四": 24, "半": 0.5}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9,
           "twelve": 12, "eighteen": 18, "a": 1, "half a": 0.5}
_UNIT_MONTHS = {"月": 1.0, "週": 12 / 52, "周": 12 / 52, "星期": 12 / 52, "天": 12 / 365,
                "日": 12 / 365, "年": 12.0, "季": 3.0,
                "month": 1.0, "week": 12 / 52, "day": 12 / 365, "year": 12.0, "quarter": 3.0}

_ZH_DURATION = re.compile(
    r"(\d+(?:\.\d+)?|十[一二]?|二十四|[一二兩三四五六七八九]|半)\s*(?:個)?\s*(月|週|周|星期|天|日|年|季)"
)
_EN_DURATION = re.compile(
    r"\b(\d+(?:\.\d+)?|one|two|three|four|five|six|nine|twelve|eighteen|half a|a)\s*"
    r"(month|week|day|year|quarter)s?\b",
    re.IGNORECASE,
)
_EXPLICIT_DATE = re.compile(
    r"\d{4}\s*[/\-年.]\s*\d{1,2}|年底|年中|年初|月底|第[一二三四1-4]季|\bQ[1-4]\b|"
    r"\bend of (?:the )?(?:year|month|quarter)\b|"
    r"\bby (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_VAGUE_TIME = re.compile(
    r"盡快|儘快|近期|未來|早日|\bsoon\b|\basap\b|\beventually\b", re.IGNORECASE
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|％|個百分點)|(\d+(?:\.\d+)?)\s*成")
_QUANTITY = re.compile(
    r"(?:NT\$|\$)\s*\d|\d[\d,]*(?:\.\d+)?\s*(?:%|％|成|倍|萬|千|人|筆|件|位|元|名|次|則|個|組|家|"
    r"visitors|orders|leads|customers|followers|times|x\b)",
    re.IGNORECASE,
)
_DOWN_WORDS = re.compile(r"降低|減少|下降|縮短|壓低|reduce|lower|cut|decrease|drop", re.IGNORECASE)

METRIC_TERMS_ZH = (
    "訪客", "流量", "瀏覽", "營收", "營業額", "銷售額", "訂單", "轉換率", "點擊率", "粉絲", "追蹤",
    "好友", "會員", "名單", "潛在客戶", "詢價", "詢問", "回購", "客單價", "排名", "提及", "互動率",
    "開信率", "留存", "客戶數", "來客", "預約", "下載", "評論", "評價", "廣告投報", "成交",
)
METRIC_TERMS_EN = (
    "visitor", "traffic", "session", "revenue", "sales", "order", "conversion", "click-through",
    "ctr", "follower", "friend", "member", "lead", "sign-up", "signup", "subscriber", "repeat",
    "aov", "ranking", "mention", "engagement", "roas", "cpa", "booking", "review", "inquir",
)
VAGUE_TERMS = ("知名度", "形象", "品牌力", "口碑", "業績", "更好", "更多", "awareness",
               "brand image", "better", "more people")
OUTCOME_TERMS = ("營收", "營業額", "銷售", "訂單", "客戶", "成交", "詢價", "名單", "回購", "利潤",
                 "revenue", "sales", "order", "customer", "lead", "profit", "repeat")


def _to_number(token: str, table: dict[str, float]) -> float:
    try:
        return float(token)
    except ValueError:
        return float(table[token.lower() if table is _EN_NUM else token])


def timeframe_months(text: str) -> float | None:
    """Months in a duration written in the goal ("6 個月內", "半年", "within 3 months")."""
    m = _ZH_DURATION.search(text)
    if m:
        return _to_number(m.group(1), _ZH_NUM) * _UNIT_MONTHS[m.group(2)]
    m = _EN_DURATION.search(text)
    if m:
        return _to_number(m.group(1), _EN_NUM) * _UNIT_MONTHS[m.group(2).lower()]
    return None


def has_explicit_date(text: str) -> bool:
    """True if the text names a calendar point (2027/05, 年底, Q2, end of year)."""
    return bool(_EXPLICIT_DATE.search(text))


def percent_change(text: str) -> float | None:
    """Relative change asked for, as a signed fraction: "提升 30%" -> 0.3, "降低 2 成" -> -0.2."""
    m = _PERCENT.search(text)
    if not m:
        return None
    value = float(m.group(1)) / 100 if m.group(1) else float(m.group(2)) / 10
    return -value if _DOWN_WORDS.search(text) else value


def has_quantity(text: str) -> bool:
    """True if the text holds a number with a unit, once durations are taken out."""
    stripped = _ZH_DURATION.sub(" ", _EN_DURATION.sub(" ", text))
    return bool(_QUANTITY.search(stripped))


def metric_terms(text: str) -> list[str]:
    """Measurable things the text names (訪客, revenue, ...)."""
    low = text.lower()
    return [t for t in METRIC_TERMS_ZH if t in text] + [t for t in METRIC_TERMS_EN if t in low]


def vague_terms(text: str) -> list[str]:
    """Words that sound like a goal but cannot be counted as written (知名度, awareness)."""
    low = text.lower()
    return [t for t in VAGUE_TERMS if t in low]


# --- scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """A goal as the owner said it, plus the structured fields the consultant fills in."""

    text: str
    metric: str | None = None
    baseline: float | None = None
    target: float | None = None
    deadline: date | None = None
    owner: str | None = None
    why: str | None = None
    history: tuple[float, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """Score of one SMART letter: 0 missing, 1 partly, 2 met; hint code + params if not met."""

    letter: str
    score: int
    hint: str | None = None
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SmartResult:
    """A scored goal, with the numbers the scoring derived (target, deadline, rates)."""

    goal: Goal
    criteria: tuple[Criterion, ...]
    target: float | None
    deadline: date | None
    required_rate: float
    historical_rate: float

    @property
    def total(self) -> int:
        """Sum of the five letters, 0-10."""
        return sum(c.score for c in self.criteria)

    @property
    def level(self) -> str:
        """'smart' (9-10), 'almost' (6-8) or 'vague' (0-5)."""
        return "smart" if self.total >= 9 else "almost" if self.total >= 6 else "vague"

    def score(self, letter: str) -> int:
        """Score of one letter."""
        return next(c.score for c in self.criteria if c.letter == letter)


def _add_months(start: date, months: float) -> date:
    whole = round(months)
    y, m = divmod(start.month - 1 + whole, 12)
    return date(start.year + y, m + 1, 1)


def score_goal(
    goal: Goal,
    start: date,
    modest_rate: float = kpi_mod.DEFAULT_MODEST_RATE,
    stretch_margin: float = kpi_mod.DEFAULT_STRETCH_MARGIN,
) -> SmartResult:
    """Score a goal on S, M, A, R, T. ``start`` is when the goal starts (the period's first day).

    A target may come from the fields or from the text ("提升 30%" on a known baseline); a
    deadline from the fields or from a duration in the text ("6 個月內" from ``start``).
    Achievable compares the compound monthly rate the goal needs with the client's own
    history when given, else with ``modest_rate`` (modest up to it, stretch up to twice it).
    """
    text = goal.text or ""
    terms = metric_terms(text)
    vague = vague_terms(text)
    pct = percent_change(text)
    months_text = timeframe_months(text)

    # S: a countable thing, and someone who owns it
    named = bool(goal.metric) or bool(terms)
    if named and goal.owner:
        s = Criterion("S", 2)
    elif named:
        s = Criterion("S", 1, "smart.s.owner")
    elif vague:
        s = Criterion("S", 0, "smart.s.vague", {"term": vague[0]})
    else:
        s = Criterion("S", 0, "smart.s.metric")

    # M: a target number and a baseline to measure from
    target = goal.target
    if target is None and pct is not None and goal.baseline:
        target = goal.baseline * (1 + pct)
    has_target = target is not None or pct is not None or has_quantity(text)
    if has_target and goal.baseline is not None:
        m = Criterion("M", 2)
    elif has_target:
        m = Criterion("M", 1, "smart.m.baseline")
    elif goal.baseline is not None:
        m = Criterion("M", 1, "smart.m.target", {"baseline": goal.baseline})
    else:
        m = Criterion("M", 0, "smart.m.number")

    # T: a date, or a duration from the start
    deadline = goal.deadline
    if deadline is None and months_text is not None:
        deadline = _add_months(start, months_text)
    if deadline is not None or has_explicit_date(text):
        t = Criterion("T", 2)
    elif _VAGUE_TIME.search(text):
        t = Criterion("T", 1, "smart.t.vague")
    else:
        t = Criterion("T", 0, "smart.t.deadline")

    # A: the monthly pace the goal needs, against history or a modest default
    req = hist = math.nan
    if goal.baseline and target is not None and deadline is not None:
        req = kpi_mod.required_monthly_rate(
            goal.baseline, target, kpi_mod.months_between(start, deadline)
        )
    if math.isnan(req):
        a = Criterion("A", 0, "smart.a.numbers")
    else:
        hist = kpi_mod.historical_monthly_rate(goal.history)
        flag = kpi_mod.achievability(req, hist, stretch_margin)
        if flag == "no_history":
            pace = abs(req)
            flag = ("realistic" if pace <= modest_rate
                    else "stretch" if pace <= 2 * modest_rate else "unrealistic")
            params = {"rate": req, "modest": modest_rate}
            hint_stretch, hint_bad = "smart.a.stretch_nohist", "smart.a.unrealistic_nohist"
        else:
            params = {"rate": req, "history": hist}
            hint_stretch, hint_bad = "smart.a.stretch", "smart.a.unrealistic"
        a = {
            "realistic": Criterion("A", 2),
            "stretch": Criterion("A", 1, hint_stretch, params),
            "unrealistic": Criterion("A", 0, hint_bad, params),
        }[flag]

    # R: why it matters to the business
    outcome = any(term in text.lower() or term in (goal.metric or "").lower()
                  for term in OUTCOME_TERMS)
    if goal.why:
        r = Criterion("R", 2)
    elif outcome:
        r = Criterion("R", 1, "smart.r.why")
    else:
        r = Criterion("R", 0, "smart.r.link")

    return SmartResult(goal, (s, m, a, r, t), target, deadline, req, hist)
