"""Formatting numbers, money, percentages and dates for readers (zh-TW first, en switch).

NaN and None render as an em dash, so a metric that could not be computed never shows "nan".
"""

from __future__ import annotations

import math
from datetime import date

from kit.i18n import normalise_lang

DASH = "—"
CURRENCY_PREFIX = {"TWD": "NT$", "USD": "US$", "HKD": "HK$", "JPY": "¥", "CNY": "RMB ", "EUR": "€"}
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x: float | None, decimals: int | None = None) -> str:
    """4200 -> '4,200'; 3.25 -> '3.3' (one decimal under 100 unless ``decimals`` is given)."""
    if _missing(x):
        return DASH
    if decimals is None:
        decimals = 0 if float(x).is_integer() or abs(x) >= 100 else 1
    return f"{x:,.{decimals}f}"


def money(x: float | None, currency: str = "TWD", decimals: int = 0) -> str:
    """12345 -> 'NT$12,345' (negative: '-NT$500')."""
    if _missing(x):
        return DASH
    prefix = CURRENCY_PREFIX.get(currency, currency + " ")
    sign = "-" if x < 0 else ""
    return f"{sign}{prefix}{abs(x):,.{decimals}f}"


def pct(x: float | None, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.045 -> '4.5%' ('+4.5%' when signed)."""
    if _missing(x):
        return DASH
    return f"{x * 100:+.{decimals}f}%" if signed else f"{x * 100:.{decimals}f}%"


def day(d: date | None, lang: str | None = None) -> str:
    """2026-11-23 -> '2026/11/23' (zh-TW) or '23 Nov 2026' (en)."""
    if d is None:
        return DASH
    if normalise_lang(lang) == "en":
        return f"{d.day} {_EN_MONTHS[d.month - 1][:3]} {d.year}"
    return f"{d.year}/{d.month:02d}/{d.day:02d}"


def month(d: date, lang: str | None = None) -> str:
    """A month: '2026 年 11 月' (zh-TW) or 'November 2026' (en)."""
    if normalise_lang(lang) == "en":
        return f"{_EN_MONTHS[d.month - 1]} {d.year}"
    return f"{d.year} 年 {d.month} 月"


def with_unit(x: float | None, unit: str = "", currency: str = "TWD") -> str:
    """A KPI value with its unit: '4,200 人', '2.5%', 'NT$1,200', '3.2 倍'."""
    if _missing(x):
        return DASH
    if unit in PERCENT_UNITS:
        return f"{number(x)}%"
    if unit in MONEY_UNITS:
        return money(x, currency)
    if unit in WHOLE_UNITS:  # people and orders come whole: never "65.0 位客人"
        return f"{number(round(x), 0)} {unit}"
    return f"{number(x)} {unit}".strip()


#: Units that mean a percentage, and an amount of money.
PERCENT_UNITS = ("%", "％")
MONEY_UNITS = ("NT$", "TWD", "money", "元")
#: Units counted in whole things (people, orders, items).
WHOLE_UNITS = ("人", "位", "名", "筆", "件", "則", "單", "次", "盒", "組", "家")


def points(x: float | None, lang: str | None = None, decimals: int = 1) -> str:
    """A difference of two rates in percentage points: 0.005 -> '+0.5 個百分點' / '+0.5 pts'."""
    if _missing(x):
        return DASH
    unit = " pts" if normalise_lang(lang) == "en" else " 個百分點"
    return f"{x * 100:+.{decimals}f}{unit}"


#: Punctuation by language: full-width in Traditional Chinese, ASCII with spaces in English.
_PUNCT = {"list": ("、", ", "), "colon": ("：", ": "), "semicolon": ("；", "; "),
          "bar": ("｜", " | "), "open": ("（", " ("), "close": ("）", ")"), "ask": ("？", "? "),
          "gap": ("　", " · ")}


def punct(kind: str, lang: str | None = None) -> str:
    """One punctuation mark in the page's language: punct("list", "en") -> ", "."""
    zh, en = _PUNCT[kind]
    return en if normalise_lang(lang) == "en" else zh


def join(items, lang: str | None = None, kind: str = "list") -> str:
    """Items joined the way the language lists them: 甲、乙 / a, b."""
    return punct(kind, lang).join(str(i) for i in items)


def quote(text: str, lang: str | None = None) -> str:
    """Quoted words: 「原話」 / “as written”."""
    return f"“{text}”" if normalise_lang(lang) == "en" else f"「{text}」"


def paren(text: str, lang: str | None = None) -> str:
    """Text in brackets: （說明） / (note)."""
    return f"{punct('open', lang)}{text}{punct('close', lang)}"
