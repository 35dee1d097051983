"""What people type into an editor, read as they mean it: amounts with NT$, commas, 萬 or
Chinese numerals, full-width digits, percentages; and a goal sentence's number rewritten in
the sentence's own style. Input in, numbers out: no widgets here."""

from __future__ import annotations

import re

from kit.domain.goal_reader import differs, normalise
from kit.i18n import t


class InputProblem(ValueError):
    """A typed value the editor cannot use; the message names the field and what it expects."""


_CURRENCY = re.compile(r"(?i)NT\$|NTD|TWD|US\$|HK\$|[$＄¥€]|元|塊")


def parse_number(text: str, label: str, lang: str, *, negative: bool = False,
                 percent: bool = False) -> float | None:
    """What people type, as a number: ``25,000``, ``NT$25,000``, ``2.5 萬``, ``兩萬``,
    full-width digits; ``3%`` (or ``3`` in a percentage field) as 0.03 when ``percent``.
    Empty text is ``None``. Raises :class:`InputProblem` naming the field otherwise."""
    raw = (text or "").strip()
    if not raw:
        return None
    s = normalise(raw)
    s = _CURRENCY.sub("", s).replace(" ", "")
    is_pct = s.endswith("%")
    s = s.rstrip("%")
    try:
        value = float(s)
    except ValueError:
        key = "workshop.input.rate" if percent else "workshop.input.number"
        raise InputProblem(t(key, lang, field=label, text=raw)) from None
    if value < 0 and not negative:
        raise InputProblem(t("workshop.input.negative", lang, field=label, text=raw))
    if percent or is_pct:
        value /= 100
    if percent and value > 1:
        raise InputProblem(t("workshop.input.rate", lang, field=label, text=raw))
    return value


def number_text(value: float | None) -> str:
    """A number as an editor shows it: 25000 -> '25,000', 3.2 -> '3.2', None -> ''."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6f}".rstrip("0")


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def updated_sentence(text: str, old: float, new: float) -> str | None:
    """``text`` with the number that says ``old`` replaced by ``new`` in the same style
    ('3,000 人' -> '3,500 人', '150 萬' -> '180 萬'); None if the sentence does not say it."""
    for m in _NUMBER.finditer(text):
        value = float(m.group(0).replace(",", ""))
        wan = text[m.end():].lstrip().startswith("萬")
        said = value * 10_000 if wan else value
        if differs(said, old):
            continue
        amount = new / 10_000 if wan else new
        shown = (f"{amount:,.6f}" if "," in m.group(0) or (amount >= 10_000 and not wan)
                 else f"{amount:.6f}").rstrip("0").rstrip(".")
        return text[:m.start()] + shown + text[m.end():]
    return None
