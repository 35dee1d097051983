"""Read a goal the way the owner wrote it: metric, direction, baseline → target, deadline.

``read_goal("情人節前 LINE 好友從 1,800 人增加到 3,000 人", date(2026, 9, 1))`` gives
metric ``line_friends``, baseline 1800, target 3000, deadline 2027-02-14. What the reader
cannot pin down is never guessed silently: it becomes a :class:`Question` (a code plus
parameters) that the goals workbook turns into a question for the consultant.

Conventions (documented in the README):

- goals are monthly values and ``as_of``'s month is the baseline month (month 0), so a
  duration of months ends with the month that many months later: "三個月內" read in
  December 2026 ends 2027/03/31; days and weeks count from ``as_of`` ("兩週內" from
  2026/12/01 ends 2026/12/14);
- a month named without a day means its last day ("12 月底前", "2027 年 6 月前" → 6/30); a
  month without a year is its next occurrence on or after ``as_of``; "第二季" likewise;
- named retail dates (情人節, 母親節, 雙 11, 農曆新年…) are their next occurrence;
- a percentage on a metric that is itself a rate ("轉換率提升 20%") is read as relative and
  asked about (20% of the rate, or 20 percentage points?);
- numbers are in the metric's own unit: percent metrics in percent (3% → 3.0), money in NT$.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal, TypedDict

from kit.domain.metric_catalogue import (
    BY_ID,
    TASK_WORDS,
    Kind,
    Metric,
    find_metrics,
    metric_of,
    vague_terms,
)
from kit.domain.months import add_months, last_day
from kit.domain.retail_dates import RETAIL_DATES

Direction = Literal["up", "down", "keep"]
Change = Literal["abs", "add", "rel", "pp", "mult"]
Bound = Literal["min", "max"]


@dataclass(frozen=True)
class Question:
    """Something the reader could not pin down, as a code the workbook translates."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class GoalReading:
    """What a goal sentence says, in numbers.

    ``target`` is always the absolute value to reach (``None`` when it depends on a baseline
    the sentence does not give); ``change``/``amount`` keep how the sentence said it: 15 for
    "+15%" (``rel``), 2 for "翻倍" (``mult``), 1500 for "增加 1,500 人" (``add``), 2 for
    "2 個百分點" (``pp``), the target itself for ``abs``.
    """

    text: str
    metric: str | None = None
    metric_term: str | None = None
    direction: Direction | None = None
    baseline: float | None = None
    target: float | None = None
    change: Change | None = None
    amount: float | None = None
    unit: str | None = None
    bound: Bound | None = None
    deadline: date | None = None
    kind: Kind | None = None
    questions: tuple[Question, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """The question codes, in order."""
        return tuple(q.code for q in self.questions)

    def target_from(self, baseline: float | None) -> float | None:
        """The absolute target this reading implies from ``baseline``."""
        return _apply(self.change, self.amount, self.direction, baseline, self.target)


def _apply(change: Change | None, amount: float | None, direction: Direction | None,
           baseline: float | None, target: float | None) -> float | None:
    if change in (None, "abs"):
        return target
    if baseline is None or amount is None:
        return None
    sign = -1.0 if direction == "down" else 1.0
    if change == "rel":
        return baseline * (1 + sign * amount / 100)
    if change in ("add", "pp"):
        return baseline + sign * amount
    return baseline * amount  # mult


# --- normalising ------------------------------------------------------------------------

_CN_RUN = re.compile(r"[零〇一二兩三四五六七八九十百千萬億]+")
_CN_KEEP = ("一定", "一直", "一起", "一般", "統一", "唯一", "萬一", "一些", "一點", "一下", "一律",
            "一致", "千萬", "一口氣", "下一", "這一", "每一", "同一", "任一", "五星", "一半", "一成不變", "第一線", "一次性", "一人", "萬全")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_MAGNITUDE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(萬|億|千|k\b|m\b|million\b|thousand\b|mn\b)", re.IGNORECASE)
_MAGNITUDES = {"萬": 1e4, "億": 1e8, "千": 1e3, "k": 1e3, "thousand": 1e3, "m": 1e6,
               "million": 1e6, "mn": 1e6}


@cache
def _cn2an() -> Any:  # cn2an takes ~0.1 s to import: only when a sentence has Chinese numerals
    import cn2an

    return cn2an


def _cn_to_digits(run: str) -> str | None:
    if run in ("萬", "億", "千", "百", "十") or run.startswith(("萬", "億", "千", "百")):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = _cn2an().cn2an(run, "smart")
        except (ValueError, KeyError, IndexError):
            return None
    return _plain(float(value))


def _plain(value: float) -> str:
    """A number as plain digits (no exponent): 12000000.0 -> "12000000", 2.5 -> "2.5"."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def normalise(text: str) -> str:
    """Full-width forms to ASCII, Chinese numerals to digits, 萬/k/million expanded,
    thousands separators dropped: "１,２００ 萬" and "一千二百萬" both become "12000000"."""
    s = unicodedata.normalize("NFKC", text)

    def cn(match: re.Match[str]) -> str:
        run = match.group(0)
        around = s[max(match.start() - 2, 0):match.end() + 2]
        if any(word in around and run in word for word in _CN_KEEP):
            return run
        digits = _cn_to_digits(run)
        return f" {digits} " if digits is not None else run

    if _CN_RUN.search(s):
        s = _CN_RUN.sub(cn, s)
    s = _THOUSANDS.sub("", s)
    s = _MAGNITUDE.sub(lambda m: _plain(float(m.group(1)) * _MAGNITUDES[m.group(2).lower()]) + " ", s)
    return re.sub(r"[ \t]+", " ", s).strip()


# --- deadlines --------------------------------------------------------------------------

_MONTHS_EN = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS_EN.update({name[:3]: i for name, i in list(_MONTHS_EN.items())})
_MONTHS_EN["sept"] = 9
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|" \
       r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_REL_YEAR = {"今年": 0, "本年": 0, "明年": 1, "隔年": 1, "後年": 2, "this year": 0,
             "next year": 1}

#: Retail dates not in the plan calendar's table: fixed month/day.
_FIXED_DAYS = {"mid_year_sale": (6, 18), "fathers_day": (8, 8), "christmas": (12, 25)}
_NAMED = (  # longest first where one name holds another
    ("中國情人節", "qixi"), ("七夕情人節", "qixi"), ("七夕", "qixi"),
    ("西洋情人節", "valentines"), ("情人節", "valentines"), ("valentine's day", "valentines"),
    ("valentines day", "valentines"), ("valentine's", "valentines"),
    ("農曆新年", "lunar_new_year"), ("農曆年", "lunar_new_year"), ("春節", "lunar_new_year"),
    ("過年", "lunar_new_year"), ("chinese new year", "lunar_new_year"),
    ("lunar new year", "lunar_new_year"),
    ("母親節", "mothers_day"), ("mother's day", "mothers_day"), ("mothers day", "mothers_day"),
    ("父親節", "fathers_day"), ("father's day", "fathers_day"),
    ("端午節", "dragon_boat"), ("端午", "dragon_boat"), ("dragon boat festival", "dragon_boat"),
    ("中秋節", "mid_autumn"), ("中秋", "mid_autumn"), ("mid-autumn festival", "mid_autumn"),
    ("mid-autumn", "mid_autumn"), ("moon festival", "mid_autumn"),
    ("雙11", "double_11"), ("雙 11", "double_11"), ("11.11", "double_11"),
    ("singles' day", "double_11"), ("singles day", "double_11"), ("double 11", "double_11"),
    ("雙12", "double_12"), ("雙 12", "double_12"), ("12.12", "double_12"),
    ("double 12", "double_12"),
    ("聖誕節", "christmas"), ("聖誕", "christmas"), ("耶誕", "christmas"), ("christmas", "christmas"),
    ("年中慶", "mid_year_sale"), ("6.18", "mid_year_sale"),
)
_NAMED_RE = re.compile("|".join(re.escape(n) for n, _ in _NAMED) + r"|(?<!\d)618(?=\s*(?:前|檔期|大促|活動|購物節|年中慶))",
                       re.IGNORECASE)
_NAMED_KEYS = {n.lower(): k for n, k in _NAMED} | {"618": "mid_year_sale"}
#: Named dates whose day depends on the shop or the department store.
_STORE_DATES = re.compile(r"週年慶|周年慶|店慶|anniversary sale|black friday|黑色星期五", re.IGNORECASE)

_UNITS_ZH = {"月": "m", "週": "w", "周": "w", "星期": "w", "禮拜": "w", "天": "d", "日": "d",
             "年": "y", "季": "q"}
_UNITS_EN = {"month": "m", "week": "w", "day": "d", "year": "y", "quarter": "q"}
_EN_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
             "eighteen": 18, "half a": 0.5, "a half": 0.5}
_EN_NUM = r"(\d+(?:\.\d+)?|half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|" \
          r"eleven|twelve|eighteen)"

_DATE_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.IGNORECASE), kind) for p, kind in (
    # 2027/3/31, 2027-03-31, 2027年3月31日, 2027.3.31
    (r"(?<!\d)(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*[日號]?(?!\d)", "ymd"),
    # 31 March 2027 / March 31, 2027 / March 31
    (rf"(?<![\d\w])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\s*,?\s*(\d{{4}})?(?![\w])", "dmy_en"),
    (rf"(?<![\w]){_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)?(\d{{4}})?(?![\d\w])", "mdy_en"),
    # the end of March 2027 / March 2027 / end of March
    (rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?{_MON}(?:\s+(\d{{4}}))?(?![\w])", "my_en"),
    # 2027 年 6 月(底/前), 2027/06
    (r"(?<!\d)(\d{4})\s*(?:年|/|-)\s*(\d{1,2})\s*月?\s*(底|初|中|上旬|中旬|下旬)?(?![\d/])", "ym"),
    # (明年) 3 月 31 日, 3/31 前
    (r"(今年|明年|隔年|後年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日號]", "md"),
    (r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?=\s*(?:前|之前|以前|止|為止|到期))", "md_slash"),
    # quarters: 第二季, Q1, 明年第一季, Q1 2027, 2027 Q1, 上半年
    (r"(今年|明年|隔年|後年|(?:\d{4})\s*年?)?\s*(?:第\s*([1-4])\s*季|Q([1-4])|([1-4])Q)(?:\s*(\d{4}))?", "quarter"),
    (r"(今年|明年|後年|(?:\d{4})\s*年)?\s*(上|下)半年", "half"),
    (r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(\d{4}|next year|this year))?", "half_en"),
    (r"下一?個?季度?|next quarter|下季", "next_quarter"),
    (r"本季|這一?季|this quarter|end of the quarter|季底|季末", "this_quarter"),
    # 年底 / 明年底 / 2027 年底 / end of 2027 / year-end / mid-2027
    (r"(今|明|隔|後|(\d{4})\s*)?年\s*年?(底|末|終|中)(?![旬秋])", "year_part"),
    (r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?year|year[-\s]end)(?:\s+(\d{4}))?|end\s+of\s+(\d{4})|(mid)[-\s](\d{4})|(?:end\s+of\s+)?(this|next)\s+year", "year_en"),
    # 12 月底前 / 十二月 (a month without a year)
    (r"(今年|明年|隔年|後年)?\s*(?<!個)(?<!\d)(\d{1,2})\s*月\s*(底|初|中|上旬|中旬|下旬)?(?!\s*(?:內|之內|以內|份?[的]?(?:營收|訂單)))", "month"),
    (r"下個?月|next month", "next_month"),
    (r"(?:這個月|本月|月底)|this month|end of the month", "this_month"),
)]

_DURATION_ZH = re.compile(
    r"(?<!每)(?<!連續)(?<![\d.])(\d+(?:\.\d+)?|半)\s*(個)?\s*(半)?\s*(月|週|周|星期|禮拜|天|日|年|季)\s*(半)?"
    r"\s*(內|之內|以內|裡|後|當中|的時間)?")
_DURATION_EN = re.compile(
    rf"\b(within|in|over|during|inside|for)?\s*(?:the\s+)?(?:next\s+|coming\s+)?{_EN_NUM}\s*"
    r"(month|week|day|year|quarter)s?\b", re.IGNORECASE)
_VAGUE_TIME = re.compile(r"盡快|儘快|近期|未來|早日|有空|慢慢|\bsoon\b|\basap\b|\beventually\b|"
                         r"\bsomeday\b|\bat some point\b", re.IGNORECASE)


def _end_of_month(year: int, month: int) -> date:
    return last_day(date(year, month, 1))


def _part_of_month(year: int, month: int, part: str | None) -> date:
    if part in ("初", "上旬"):
        return date(year, month, 10)
    if part in ("中", "中旬"):
        return date(year, month, 20)
    return _end_of_month(year, month)


def _year_of(word: str | None, as_of: date) -> int | None:
    if not word:
        return None
    word = word.strip()
    if word in _REL_YEAR:
        return as_of.year + _REL_YEAR[word]
    digits = re.sub(r"\D", "", word)
    return int(digits) if digits else None


def _next_month(month: int, as_of: date, part: str | None = None) -> date:
    year = as_of.year if _part_of_month(as_of.year, month, part) >= as_of else as_of.year + 1
    return _part_of_month(year, month, part)


def _quarter_end(year: int, quarter: int) -> date:
    return _end_of_month(year, quarter * 3)


def _named_date(key: str, as_of: date) -> date | None:
    for year in (as_of.year, as_of.year + 1):
        day = (date(year, *_FIXED_DAYS[key]) if key in _FIXED_DAYS
               else RETAIL_DATES.get(year, {}).get(key))
        if day is not None and day >= as_of:
            return day
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _rule_date(kind: str, m: re.Match[str], as_of: date) -> date | None:
    g = m.groups()
    if kind == "ymd":
        return _safe_date(int(g[0]), int(g[1]), int(g[2]))
    if kind in ("dmy_en", "mdy_en"):
        day, mon, year = (g[0], g[1], g[2]) if kind == "dmy_en" else (g[1], g[0], g[2])
        month = _MONTHS_EN[mon.lower().rstrip(".")]
        if year:
            return _safe_date(int(year), month, int(day))
        this = _safe_date(as_of.year, month, int(day))
        return this if this and this >= as_of else _safe_date(as_of.year + 1, month, int(day))
    if kind == "my_en":
        month = _MONTHS_EN[g[0].lower().rstrip(".")]
        return _end_of_month(int(g[1]), month) if g[1] else _next_month(month, as_of)
    if kind == "ym":
        month = int(g[1])
        return _part_of_month(int(g[0]), month, g[2]) if 1 <= month <= 12 else None
    if kind == "md":
        year = _year_of(g[0], as_of)
        month, day = int(g[1]), int(g[2])
        if year is not None:
            return _safe_date(year, month, day)
        this = _safe_date(as_of.year, month, day)
        return this if this and this >= as_of else _safe_date(as_of.year + 1, month, day)
    if kind == "md_slash":
        month, day = int(g[0]), int(g[1])
        this = _safe_date(as_of.year, month, day)
        return this if this and this >= as_of else _safe_date(as_of.year + 1, month, day)
    if kind == "quarter":
        quarter = int(g[1] or g[2] or g[3])
        year = _year_of(g[0], as_of) or (int(g[4]) if g[4] else None)
        if year is not None:
            return _quarter_end(year, quarter)
        end = _quarter_end(as_of.year, quarter)
        return end if end >= as_of else _quarter_end(as_of.year + 1, quarter)
    if kind == "half":
        month = 6 if g[1] == "上" else 12
        year = _year_of(g[0], as_of)
        if year is None:
            year = as_of.year if _end_of_month(as_of.year, month) >= as_of else as_of.year + 1
        return _end_of_month(year, month)
    if kind == "half_en":
        half = 1 if g[0].lower() in ("first", "1st") else 2
        year = (_year_of(g[1].lower(), as_of) if g[1] else None) or as_of.year
        return _end_of_month(year, 6 * half)
    if kind == "next_quarter":
        quarter = (as_of.month - 1) // 3 + 2
        return _quarter_end(as_of.year + (quarter > 4), (quarter - 1) % 4 + 1)
    if kind == "this_quarter":
        return _quarter_end(as_of.year, (as_of.month - 1) // 3 + 1)
    if kind == "year_part":
        year = _year_of(g[0] and (g[0].strip() + ("年" if not g[1] else "")), as_of) or as_of.year
        return date(year, 6, 30) if g[2] == "中" else date(year, 12, 31)
    if kind == "year_en":
        if g[2]:
            return date(int(g[3]), 6, 30)
        if g[1]:
            return date(int(g[1]), 12, 31)
        if g[4]:
            return date(as_of.year + (g[4].lower() == "next"), 12, 31)
        return date(int(g[0]) if g[0] else as_of.year, 12, 31)
    if kind == "month":
        month = int(g[1])
        if not 1 <= month <= 12:
            return None
        year = _year_of(g[0], as_of)
        return _part_of_month(year, month, g[2]) if year else _next_month(month, as_of, g[2])
    if kind == "next_month":
        return _end_of_month(*divmod_month(as_of, 1))
    if kind == "this_month":
        return _end_of_month(as_of.year, as_of.month)
    return None


def divmod_month(day: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after ``day``'s month."""
    y, m = divmod(day.month - 1 + months, 12)
    return day.year + y, m + 1


def _duration(number: float, unit: str, as_of: date) -> date:
    """Days and weeks count from ``as_of``; months, quarters and years count whole months
    after ``as_of``'s month (the baseline month): "6 個月內" from 2026-09 ends 2027-03-31."""
    if unit == "d":
        return as_of + timedelta(days=round(number) - 1)
    if unit == "w":
        return as_of + timedelta(days=round(number * 7) - 1)
    months = number * {"m": 1, "q": 3, "y": 12}[unit]
    if float(months).is_integer():
        return _end_of_month(*divmod_month(as_of, int(months)))
    return add_months(as_of, months) - timedelta(days=1)


@dataclass
class _Scan:
    """Working state of one reading: the text with consumed spans blanked out."""

    text: str
    deadlines: list[date] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    def blank(self, start: int, end: int) -> None:
        self.text = self.text[:start] + "§" * (end - start) + self.text[end:]


def _read_deadline(scan: _Scan, as_of: date) -> None:
    for m in list(_NAMED_RE.finditer(scan.text)):
        key = _NAMED_KEYS.get(m.group(0).lower().replace("雙 ", "雙"), _NAMED_KEYS.get(m.group(0).lower()))
        day = _named_date(key, as_of) if key else None
        if day is None:
            scan.questions.append(Question("deadline_unknown", {"name": m.group(0)}))
        else:
            scan.deadlines.append(day)
        scan.blank(m.start(), m.end())
    for m in list(_STORE_DATES.finditer(scan.text)):
        scan.questions.append(Question("deadline_unknown", {"name": m.group(0)}))
        scan.blank(m.start(), m.end())
    for pattern, kind in _DATE_RULES:
        for m in list(pattern.finditer(scan.text)):
            if not m.group(0).strip():
                continue
            day = _rule_date(kind, m, as_of)
            if day is not None:
                scan.deadlines.append(day)
                scan.blank(m.start(), m.end())
    for m in list(_DURATION_ZH.finditer(scan.text)):
        number, _, half_before, unit, half_after, inside = m.groups()
        # a bare "90 天" qualifies a metric (90 天回購率); a deadline says 內/後 or opens the sentence
        at_start = not scan.text[:m.start()].strip(" §，,")
        if not inside and not at_start and not re.search(r"(?:在|於|未來|接下來|用|花)\s*$",
                                                          scan.text[:m.start()]):
            continue
        if unit == "日" and not inside:
            continue
        value = 0.5 if number == "半" else float(number)
        if half_before or half_after:
            value += 0.5
        scan.deadlines.append(_duration(value, _UNITS_ZH[unit], as_of))
        scan.blank(m.start(), m.end())
    for m in list(_DURATION_EN.finditer(scan.text)):
        prep, number, unit = m.groups()
        if not prep and not re.search(r"\b(?:over|for|in)\s*$", scan.text[:m.start()]):
            continue
        said = _EN_SMALL.get(number.lower()) if not number[0].isdigit() else float(number)
        if said is None:
            continue
        scan.deadlines.append(_duration(said, _UNITS_EN[unit.lower()], as_of))
        scan.blank(m.start(), m.end())
    vague = _VAGUE_TIME.search(scan.text)
    if not scan.deadlines and vague:
        scan.questions.append(Question("deadline_vague", {"term": vague.group(0)}))


# --- numbers ----------------------------------------------------------------------------

_UNIT = (r"%|個百分點|百分點|percentage points?|pp\b|points?\b|成(?![長交本功為員])|倍|x\b|times\b|"
         r"人次|人|位|名|筆|件|則|篇|顆星|星|元|塊|次|個|組|家|單|張|支|份|盒|訂單|"
         r"orders?\b|visitors?\b|customers?\b|friends?\b|followers?\b|leads?\b|reviews?\b|"
         r"stars?\b|members?\b|posts?\b|bookings?\b|inquiries\b|sessions?\b|users?\b|%")
_QTY = re.compile(
    rf"(NT\$|US\$|\$|新台幣|台幣)?\s*(?<![\d.])(\d+(?:\.\d+)?)\s*({_UNIT})?", re.IGNORECASE)
_UP = r"提升|提高|增加|成長|增長|上升|拉高|拉升|衝高|擴大|加到|達到|達成|突破|衝|破|多|增|漲|升|翻|" \
      r"increase|grow|raise|boost|lift|improve|double|reach|hit|get|gain|win|collect|" \
      r"earn|add|more|up"
_DOWN = r"降低|降到|降至|下降|減少|減到|減|縮短|縮減|壓低|壓到|壓在|壓|少於|低於|節省|省下|砍|降|少|" \
        r"cut|reduce|lower|decrease|drop|shrink|bring down|halve|trim|less"
_KEEP = r"維持|保持|穩定|守住|不低於|不少於|maintain|keep|sustain|stay|hold"
_UP_RE = re.compile(_UP, re.IGNORECASE)
_DOWN_RE = re.compile(_DOWN, re.IGNORECASE)
_KEEP_RE = re.compile(_KEEP, re.IGNORECASE)
_TO = r"(?:到|至|為|成為|變成|→|->|to|into)"
_FROM = r"(?:從|由|from|目前|現在|現有|原本|currently|now|today)"
_MIN = re.compile(r"^\s*(?:以上|或以上|起跳|\+|or more|and above|plus)|(?:至少|不低於|不少於|超過|多於|破|突破|"
                  r"at least|more than|over|above|no less than|minimum of|exceed)\s*(?:維持|保持|要有)?\s*$",
                  re.IGNORECASE)
_MAX = re.compile(r"^\s*(?:以內|以下|之內|內|or less|and below|or lower|max)|(?:不超過|不高於|少於|低於|控制在|"
                  r"壓在|壓到|at most|less than|under|below|no more than|within|maximum of|cap at)\s*$",
                  re.IGNORECASE)
_MULT_WORDS: tuple[tuple[re.Pattern[str], float, Direction], ...] = (
    (re.compile(r"翻倍|加倍|倍增|翻一番|\bdoubl(?:e|ed|ing)\b", re.IGNORECASE), 2.0, "up"),
    (re.compile(r"\btripl(?:e|ed|ing)\b", re.IGNORECASE), 3.0, "up"),
    (re.compile(r"減半|砍半|少一半|\bhalve\b|\bcut (?:\w+ )*in half\b", re.IGNORECASE), 0.5, "down"),
)


@dataclass(frozen=True)
class _Qty:
    value: float
    kind: str  # "pct" | "pp" | "mult" | "money" | "count"
    unit: str | None
    start: int
    end: int


def _quantities(text: str) -> list[_Qty]:
    out = []
    for m in _QTY.finditer(text):
        money, number, unit = m.group(1), float(m.group(2)), (m.group(3) or "").lower()
        if unit in ("%",):
            kind, u = "pct", "%"
        elif unit in ("個百分點", "百分點", "pp", "percentage point", "percentage points",
                      "point", "points"):
            kind, u = "pp", "%"
        elif unit == "成":
            kind, u, number = "pct", "%", number * 10
        elif unit in ("倍", "x", "times"):
            kind, u = "mult", None
        elif money or unit in ("元", "塊"):
            kind, u = "money", "NT$"
        else:
            kind, u = "count", {"顆星": "星", "stars": "星", "star": "星"}.get(unit, unit or None)
        out.append(_Qty(number, kind, u, m.start(), m.end()))
    return out


def _direction_words(text: str) -> Direction | None:
    down, up, keep = _DOWN_RE.search(text), _UP_RE.search(text), _KEEP_RE.search(text)
    if keep and not (up and up.start() < keep.start()):
        return "keep"
    if down and up:
        # "降低…提升" is rare in one goal: the verb nearest the first number wins
        return "down" if down.start() < up.start() else "up"
    return "down" if down else "up" if up else None


def _bound(text: str, q: _Qty) -> Bound | None:
    before, after = text[max(q.start - 8, 0):q.start], text[q.end:q.end + 6]
    if _MAX.search(before) or re.match(r"^\s*(?:以內|以下|or less|and below|or lower)", after,
                                       re.IGNORECASE):
        return "max"
    if _MIN.search(before) or re.match(r"^\s*(?:以上|或以上|起跳|or more|and above|plus|\+)",
                                       after, re.IGNORECASE):
        return "min"
    return None


class _Numbers(TypedDict, total=False):
    """What the numbers of a sentence say (each key only when they say it)."""

    baseline: float
    target: float
    change: Change
    amount: float
    unit: str | None
    direction: Direction | None
    bound: Bound | None
    rest: list[_Qty]


def _read_numbers(scan: _Scan, metric: Metric | None) -> _Numbers:
    text = scan.text
    qtys = _quantities(text)
    out: _Numbers = {}
    words = _direction_words(text)
    # 1. from → to: a quantity after 從/from (or a bare one) then 到/至/to and another
    for i, q in enumerate(qtys[:-1]):
        nxt = qtys[i + 1]
        between = text[q.end:nxt.start]
        before = text[max(q.start - 10, 0):q.start]
        if re.search(_TO + r"\s*$", between, re.IGNORECASE) and len(between) <= 14 and \
                q.kind == nxt.kind and q.kind in ("pct", "money", "count") and \
                (re.search(_FROM + r"[^§\d]{0,6}$", before, re.IGNORECASE)
                 or re.search(rf"(?:{_UP}|{_DOWN}|{_TO})", between, re.IGNORECASE)):
            out.update({"baseline": q.value, "target": nxt.value, "change": "abs",
                        "amount": nxt.value, "unit": nxt.unit or q.unit})
            out["direction"] = "up" if nxt.value > q.value else "down" if nxt.value < q.value \
                else "keep"
            if words in ("up", "down") and words != out["direction"]:
                scan.questions.append(Question("direction_conflict"))
            out["bound"] = _bound(text, nxt)
            out["rest"] = [x for x in qtys if x not in (q, nxt)]
            return out
    # 2. a baseline stated as 目前/from X, then a change or a target
    baseline = None
    for q in qtys:
        if re.search(_FROM + r"[^§\d]{0,6}$", text[max(q.start - 10, 0):q.start], re.IGNORECASE):
            baseline = q
            break
    rest = [q for q in qtys if q is not baseline]
    if baseline is not None:
        out.update({"baseline": baseline.value, "unit": baseline.unit})
    mult = next(((value, d) for rx, value, d in _MULT_WORDS if rx.search(text)), None)
    if mult and not any(q.kind == "mult" for q in rest):
        out.update({"change": "mult", "amount": mult[0], "direction": mult[1], "rest": rest})
        return out
    if not rest:
        out["direction"] = words
        out["rest"] = []
        return out
    q = rest[0]
    before = text[max(q.start - 12, 0):q.start]
    bound = _bound(text, q)
    out["bound"] = bound
    out["rest"] = rest[1:]
    to_before = re.search(rf"(?:{_TO}|達到|達成|達|衝到|衝上|reach|hit|get to|at|above|below|under|"
                          r"over|at least|at most|控制在|維持在|保持在|穩定在|守住|破|突破|在)\s*"
                          r"(?:每[月週天日年]|monthly|a month|per month)?\s*$",
                          before, re.IGNORECASE)
    if q.kind == "mult" and metric is not None and metric.unit == "倍":
        q = _Qty(q.value, "count", "倍", q.start, q.end)  # ROAS 3 倍 is a level, not a multiple
    if q.kind == "mult":
        # "成長到 3 倍" is x3; "成長 3 倍" could be x3 or x4
        out.update({"change": "mult", "amount": q.value,
                    "direction": "up" if q.value >= 1 else "down"})
        if not to_before:
            scan.questions.append(Question("times_ambiguous", {"amount": q.value}))
        return out
    if q.kind == "pp":
        out.update({"change": "pp", "amount": q.value, "unit": "%", "direction": words or "up"})
        return out
    rate_level = q.kind == "pct" and metric is not None and metric.is_rate
    if to_before or bound or (words in (None, "keep") and (q.kind != "pct" or rate_level)):
        direction = words
        if bound and direction != "keep":
            direction = "down" if bound == "max" else "up"
        elif direction is None and to_before:
            direction = "up"
        if direction not in ("keep",) and baseline is not None:
            direction = "up" if q.value > baseline.value else "down" if q.value < baseline.value \
                else "keep"
        out.update({"target": q.value, "change": "abs", "amount": q.value, "direction": direction,
                    "unit": q.unit or out.get("unit")})
        return out
    # a change by an amount: +30%, 三成, 增加 1,500 人, 降 NT$50
    direction = words if words in ("up", "down") else "up"
    if q.kind == "pct":
        out.update({"change": "rel", "amount": q.value, "direction": direction})
        if metric is not None and metric.is_rate:
            scan.questions.append(Question("percent_of_rate", {"amount": q.value}))
    else:
        out.update({"change": "add", "amount": q.value, "direction": direction, "unit": q.unit})
    return out


# --- the reader -------------------------------------------------------------------------


def _metrics(text: str) -> list[tuple[Metric, str]]:
    """Distinct metrics named, compounds read head-last ("會員回購率" is a repeat rate)."""
    mentions = find_metrics(text)
    kept = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and re.fullmatch(r"[\s的之]*", text[m.end:nxt.start]):
            continue  # a modifier of the next metric
        kept.append((m.metric, m.term))
    seen: dict[str, tuple[Metric, str]] = {}
    for metric, term in kept:
        seen.setdefault(metric.id, (metric, term))
    return list(seen.values())


def read_goal(text: str, as_of: date, lang: str | None = None) -> GoalReading:
    """Read a goal sentence (zh-TW or English) as of ``as_of`` (durations count from it).

    ``lang`` is accepted for symmetry with the rest of the kit; the reader recognises both
    languages in any sentence. Pure and fast: about 0.1 ms a sentence.
    """
    del lang
    scan = _Scan(normalise(text or ""))
    _read_deadline(scan, as_of)
    metrics = _metrics(scan.text)
    for _, term in metrics:  # metric names hold no numbers to read
        for m in re.finditer(re.escape(term), scan.text):
            scan.blank(m.start(), m.end())
    metric = metrics[0][0] if metrics else None
    questions = list(scan.questions)
    if len(metrics) > 1:
        questions.append(Question("metrics_several", {"metrics": [m.id for m, _ in metrics]}))
    if metric is None:
        vague = vague_terms(text)
        questions.append(Question("metric_vague", {"term": vague[0]}) if vague
                         else Question("metric_missing"))
    nums = _read_numbers(scan, metric)
    questions.extend(q for q in scan.questions if q not in questions)
    if nums.get("rest"):
        questions.append(Question("numbers_several"))
    change = nums.get("change")
    baseline = nums.get("baseline")
    direction = nums.get("direction")
    target = nums.get("target")
    if change not in (None, "abs"):
        target = _apply(change, nums.get("amount"), direction, baseline, None)
        if baseline is None:
            questions.append(Question("baseline_needed"))
    if change is None and target is None:
        questions.append(Question("target_missing"))
    deadlines = sorted(set(scan.deadlines))
    deadline = deadlines[0] if len(deadlines) == 1 else None
    if len(deadlines) > 1:
        questions.append(Question("deadlines_several",
                                  {"dates": [d.isoformat() for d in deadlines]}))
    elif not deadlines and not any(q.code.startswith("deadline_") for q in questions):
        questions.append(Question("deadline_missing"))
    if deadline is not None and deadline < as_of:
        questions.append(Question("deadline_past", {"deadline": deadline.isoformat()}))
    unit = nums.get("unit") or (metric.unit if metric else None)
    if metric is not None and unit and metric.unit == "NT$" and unit != "NT$" and \
            unit not in ("%",):
        unit = "NT$"
    kind: Kind | None = metric.kind if metric else (
        "task" if any(w in text.lower() for w in TASK_WORDS) else None)
    if kind == "task":
        questions = [q for q in questions if q.code not in ("metric_missing", "target_missing")]
    return GoalReading(
        text=text, metric=metric.id if metric else None,
        metric_term=metrics[0][1] if metrics else None,
        direction=direction, baseline=_num(baseline), target=_num(target), change=change,
        amount=_num(nums.get("amount")), unit=unit, bound=nums.get("bound"),
        deadline=deadline, kind=kind, questions=tuple(questions),
    )


def _num(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


# --- the sentence against the consultant's fields ----------------------------------------


def differs(a: float, b: float) -> bool:
    """True when two figures differ by more than half a percent of the larger."""
    return abs(a - b) > max(abs(a), abs(b)) * 0.005


def reconcile(reading: GoalReading, *, metric: str | None = None, baseline: float | None = None,
              target: float | None = None, deadline: date | None = None) -> GoalReading:
    """The reading with the consultant's structured fields applied: a field always wins, and
    a field that disagrees with the sentence adds a question instead of passing silently."""
    questions = [q for q in reading.questions
                 if not (q.code == "baseline_needed" and baseline is not None)
                 and not (q.code == "target_missing" and target is not None)
                 and not (q.code.startswith("deadline_") and q.code != "deadline_past"
                          and deadline is not None)
                 and not (q.code in ("metric_missing", "metric_vague") and metric)]
    field_metric = metric_of(metric)
    if field_metric is not None and reading.metric and field_metric.id != reading.metric:
        questions.append(Question("field_metric", {"text": reading.metric,
                                                   "field": field_metric.id}))
    if baseline is not None and reading.baseline is not None and \
            differs(baseline, reading.baseline):
        questions.append(Question("field_baseline", {"text": reading.baseline,
                                                     "field": baseline}))
    base = baseline if baseline is not None else reading.baseline
    implied = reading.target_from(base)
    if target is not None and implied is not None and differs(target, implied):
        questions.append(Question("field_target", {"text": implied, "field": target}))
    if deadline is not None and reading.deadline is not None and \
            abs((deadline - reading.deadline).days) > 3:
        questions.append(Question("field_deadline", {"text": reading.deadline.isoformat(),
                                                     "field": deadline.isoformat()}))
    final_deadline = deadline or reading.deadline
    questions = [q for q in questions if q.code != "deadline_past" or
                 (final_deadline is not None and deadline is None)]
    final_target = target if target is not None else implied
    direction = reading.direction
    if base is not None and final_target is not None and direction != "keep":
        direction = "up" if final_target > base else "down" if final_target < base else "keep"
    resolved_metric = field_metric or (BY_ID.get(reading.metric) if reading.metric else None)
    return replace(
        reading, metric=resolved_metric.id if resolved_metric else reading.metric,
        baseline=base, target=final_target, deadline=final_deadline, direction=direction,
        kind=resolved_metric.kind if resolved_metric else reading.kind,
        unit=reading.unit or (resolved_metric.unit if resolved_metric else None),
        questions=tuple(questions),
    )
