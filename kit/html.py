"""Small HTML builders for client-facing output. Every user-supplied string is escaped here.

Functions return strings (easy to test); :mod:`kit.show` puts them into the notebook.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterable, Sequence
from html import escape

from kit.glossary import entry as glossary_entry
from kit.inputs import drop_undrawable


def esc(value: object) -> str:
    """HTML-escape any value's text (quotes included)."""
    return escape("" if value is None else str(value), quote=True)


def section(title: str, intro: str | None = None, level: int = 2) -> str:
    """A heading with an optional plain-language paragraph under it."""
    out = f"<h{level} class='kit-h'>{esc(title)}</h{level}>"
    if intro:
        out += f"<p class='kit-intro'>{esc(intro)}</p>"
    return out


def paragraph(text: str, cls: str = "") -> str:
    """One paragraph of escaped text."""
    return f"<p class='{esc(cls)}'>{esc(text)}</p>" if cls else f"<p>{esc(text)}</p>"


def bullet_list(items: Iterable[str], ordered: bool = False) -> str:
    """A list of escaped items."""
    tag = "ol" if ordered else "ul"
    return f"<{tag} class='kit-list'>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def table(header: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "") -> str:
    """A table of pre-formatted cells (escaped), wrapped so it scrolls on a phone, not the page.

    A cell given as ``Raw(html)`` is inserted unescaped (for kit-built badges only).
    """
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    labels = list(header)
    body = "".join("<tr>" + "".join(_cell(c, labels[i] if i < len(labels) else "")
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    # on a phone a table of 3+ named columns becomes one card per row, every cell labelled,
    # so no verdict is ever off-screen; on paper a table of 7+ columns does the same
    named = sum(1 for h in header if h)
    wrap = "kit-table" + (" kit-stack" if named >= 3 else "") + (" kit-wide" if named >= 7
                                                                  else "")
    return (f"<div class='{wrap}'><table class='{esc(cls)}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _cell(value: object, label: str = "") -> str:
    """A table cell: short values (numbers, labels) never wrap, long text gets room to wrap;
    ``data-label`` names its column for the stacked phone layout."""
    attr = f" data-label='{esc(label)}'" if label else ""
    if isinstance(value, Raw):
        return f"<td{attr}>{value.html}</td>"
    text = "" if value is None else str(value)
    cls = "kit-txt" if len(text) > 14 else "kit-nw"
    return f"<td class='{cls}'{attr}>{esc(text)}</td>"


class Raw:
    """Markup built by the kit itself (never from user text) to place in a table cell."""

    def __init__(self, html: str):
        self.html = html


def badge(text: str, tone: str) -> Raw:
    """A coloured label: tone is good | warn | bad | neutral."""
    return Raw(f"<span class='kit-badge kit-{esc(tone)}'>{esc(text)}</span>")


def definition_list(pairs: Iterable[tuple[str, str]]) -> str:
    """Label / value pairs as a definition list (stacks nicely on a phone)."""
    inner = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in pairs if v)
    return f"<dl class='kit-dl'>{inner}</dl>"


def term(word: str, lang: str = "zh-TW") -> str:
    """A jargon word that opens its plain-language explanation in place: a tap (or click)
    shows the page's popover for the term, no JavaScript; hovering shows the short form."""
    item = glossary_entry(word, lang)
    if item is None:
        return esc(word)
    return (f"<button type='button' class='kit-term' popovertarget='tip-{esc(item.key)}' "
            f"title='{esc(item.short)}'>{esc(word)}</button>")


#: Jargon linked to the glossary wherever it appears in report text.
JARGON = re.compile(r"(?<![A-Za-z])(KPI|SMART|CPA|ROAS|CPC|CPM|CTR|CVR|AOV|CAC|LTV|ROI|CPL|RFM"
                    r"|95% 信賴區間|信賴區間|檢定力|顯著水準|p 值|R²"
                    r"|95% confidence interval|statistical power|significance level|p-value)"
                    r"(?![A-Za-z])")


def linkify(markup: str, lang: str, seen: set[str]) -> str:
    """Make every mention of a jargon term in ``markup``'s text explainable where it is met
    (headings, table headers and labels included).

    Only text between tags is touched (never attributes, an existing link or button);
    every term is added to ``seen`` so the page's glossary and popovers list it.
    """
    out, skip = [], None
    for part in re.split(r"(<[^>]+>)", markup):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if skip is None and tag in ("a", "button", "title") and not part.startswith("</"):
                skip = tag
            elif skip == tag and part.startswith("</"):
                skip = None
            out.append(part)
            continue
        if skip:
            out.append(part)
            continue

        def link(match: re.Match) -> str:
            word = match.group(1)
            seen.add(word)
            return term(word, lang)

        out.append(JARGON.sub(link, part))
    return "".join(out)


def glossary(words: Iterable[str], lang: str = "zh-TW", title: str = "") -> str:
    """The glossary block listing ``words`` with their plain-language explanations, and one
    popover per term for the in-place explanations (:func:`term`)."""
    items = [i for i in (glossary_entry(w, lang) for w in dict.fromkeys(words)) if i]
    items = list({i.key: i for i in items}.values())
    if not items:
        return ""
    body = "".join(
        f"<dt id='glossary-{esc(i.key)}'>{esc(i.name)}</dt><dd>{esc(i.explain)}</dd>"
        for i in items)
    tips = "".join(
        f"<div popover id='tip-{esc(i.key)}' class='kit-tip'><strong>{esc(i.name)}</strong>"
        f"<br>{esc(i.explain)}</div>" for i in items)
    heading = section(title) if title else ""
    return f"<section class='kit-glossary'>{heading}<dl>{body}</dl>{tips}</section>"


_LATIN_CJK = re.compile(r"([A-Za-z0-9%)])([\u4e00-\u9fff])|([\u4e00-\u9fff])([A-Za-z0-9(])")


def spaced(text: str) -> str:
    """A space between Latin letters or digits and Chinese characters, as zh-TW pages write
    them ("廣告 CPA 每月", "最高是 Instagram")."""
    return _LATIN_CJK.sub(lambda m: f"{m.group(1) or m.group(3)} {m.group(2) or m.group(4)}",
                          text)


def png(figure, alt: str, dpi: int = 144, colours: int | None = 96,
        takeaway: str | None = None) -> str:
    """A matplotlib figure as an inline, palette-compressed PNG ``<figure>`` (no external file).

    ``takeaway`` is what the chart shows, in one sentence computed from the same numbers: it
    is the figure's visible title (``<figcaption>``) and its alt text; the chart's own title
    is then only a label.

    Quantising to a small palette keeps antialiased text crisp and makes charts 3-4x smaller
    than matplotlib's truecolour PNG. ``colours=None`` skips it (live previews, where speed
    matters more than bytes).
    """
    drop_undrawable(figure)  # an emoji in a label would be an empty box: leave it out
    raw = io.BytesIO()
    figure.savefig(raw, format="png", dpi=dpi, facecolor="white")
    if colours:
        from PIL import Image

        image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
        small = image.quantize(
            colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        data, (width, height) = out.getvalue(), image.size
    else:
        data = raw.getvalue()
        width, height = (round(v * dpi) for v in figure.get_size_inches())
    data = base64.b64encode(data).decode("ascii")
    if takeaway:
        takeaway = spaced(takeaway)
    caption = (f"<figcaption class='kit-takeaway'>{esc(takeaway)}</figcaption>"
               if takeaway else "")
    return (f"<figure class='kit-figure'>{caption}<img alt='{esc(takeaway or alt)}' "
            f"width='{width}' height='{height}' src='data:image/png;base64,{data}'></figure>")
