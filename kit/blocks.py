"""HTML building blocks for workbook sections (headings, tables, badges, glossary, charts).

Every builder returns :class:`markupsafe.Markup`; every argument that is not already
``Markup`` is text and is escaped when it is put in place. A view never escapes by hand:
it passes text to a builder, or fills a template with ``Markup("<p>{}</p>").format(text)``,
which escapes ``text``. Adding a ``str`` to ``Markup`` escapes the ``str``, so a forgotten step
shows tags as text instead of injecting them. :mod:`kit.show` puts the markup into the notebook.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from kit.glossary import entry as glossary_entry
from kit.glossary import names as glossary_names
from kit.inputs import drop_undrawable

__all__ = ["Markup", "badge", "bullet_list", "definition_list", "glossary", "join", "linkify",
           "paragraph", "png", "section", "spaced", "table", "term"]


def join(parts: Iterable[Markup | str], sep: Markup | str = "") -> Markup:
    """Pieces of markup (text pieces escaped) joined into one."""
    return Markup(escape(sep)).join(escape(p) for p in parts)


def section(title: str, intro: str | None = None, level: int = 2) -> Markup:
    """A heading with an optional plain-language paragraph under it."""
    out = Markup("<h{0} class='kit-h'>{1}</h{0}>").format(level, title)
    if intro:
        out += Markup("<p class='kit-intro'>{}</p>").format(intro)
    return out


def paragraph(text: str, cls: str = "") -> Markup:
    """One paragraph of text (or markup)."""
    if cls:
        return Markup("<p class='{}'>{}</p>").format(cls, text)
    return Markup("<p>{}</p>").format(text)


def bullet_list(items: Iterable[str], ordered: bool = False) -> Markup:
    """A list of items (text, or markup a builder made)."""
    tag = Markup("ol" if ordered else "ul")
    inner = join(Markup("<li>{}</li>").format(i) for i in items)
    return Markup("<{0} class='kit-list'>{1}</{0}>").format(tag, inner)


def table(header: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "") -> Markup:
    """A table of pre-formatted cells: text is escaped, ``Markup`` (a badge) is kept.

    On a phone a table of 3+ named columns becomes one card per row, every cell labelled, so
    no verdict is ever off-screen; on paper a table of 7+ columns does the same.
    """
    head = join(Markup("<th>{}</th>").format(h) for h in header)
    labels = list(header)
    body = join(Markup("<tr>{}</tr>").format(join(
        _cell(c, labels[i] if i < len(labels) else "") for i, c in enumerate(row)))
        for row in rows)
    named = sum(1 for h in header if h)
    wrap = "kit-table" + (" kit-stack" if named >= 3 else "") + (" kit-wide" if named >= 7
                                                                  else "")
    return Markup("<div class='{}'><table class='{}'><thead><tr>{}</tr></thead>"
                  "<tbody>{}</tbody></table></div>").format(wrap, cls, head, body)


def _cell(value: object, label: str = "") -> Markup:
    """A table cell: short values (numbers, labels) never wrap, long text gets room to wrap;
    ``data-label`` names its column for the stacked phone layout."""
    attr = Markup(" data-label='{}'").format(label) if label else Markup()
    if isinstance(value, Markup):
        return Markup("<td{}>{}</td>").format(attr, value)
    text = "" if value is None else str(value)
    cls = "kit-txt" if len(text) > 14 else "kit-nw"
    return Markup("<td class='{}'{}>{}</td>").format(cls, attr, text)


def badge(text: str, tone: str) -> Markup:
    """A coloured label: tone is good | warn | bad | neutral."""
    return Markup("<span class='kit-badge kit-{}'>{}</span>").format(tone, text)


def definition_list(pairs: Iterable[tuple[str, str]]) -> Markup:
    """Label / value pairs as a definition list (stacks nicely on a phone)."""
    inner = join(Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in pairs if v)
    return Markup("<dl class='kit-dl'>{}</dl>").format(inner)


def term(word: str, lang: str = "zh-TW") -> Markup:
    """A jargon word that opens its plain-language explanation in place: a tap (or click)
    shows the page's popover for the term, no JavaScript; hovering shows the short form."""
    item = glossary_entry(word, lang)
    if item is None:
        return escape(word)
    return Markup("<button type='button' class='kit-term' popovertarget='tip-{}' "
                  "title='{}'>{}</button>").format(item.key, item.short, word)


#: Jargon linked to the glossary wherever it appears in report text.
#: Statistics words are linked by every name their glossary entry gives (信賴區間, p-value…),
#: so the owner can tap the technical term beside its plain words.
STATISTICS_TERMS = ("confidence_interval", "power", "significance", "p_value", "R2")
_STATISTICS = sorted({n for key in STATISTICS_TERMS for n in glossary_names(key)}, key=len,
                     reverse=True)
JARGON = re.compile(r"(?<![A-Za-z])(KPI|SMART|CPA|ROAS|CPC|CPM|CTR|CVR|AOV|CAC|LTV|ROI|CPL|RFM|"
                    + "|".join(re.escape(n) for n in _STATISTICS) + r")(?![A-Za-z])")


def linkify(markup: Markup, lang: str, seen: set[str]) -> Markup:
    """Make every mention of a jargon term in ``markup``'s text explainable where it is met
    (headings, table headers and labels included).

    Only text between tags is touched (never attributes, an existing link or button);
    every term is added to ``seen`` so the page's glossary and popovers list it.
    """
    out: list[str] = []
    skip = None
    for part in re.split(r"(<[^>]+>)", str(escape(markup))):
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

        def link(match: re.Match[str]) -> str:
            word = match.group(1)
            seen.add(word)
            return str(term(word, lang))

        out.append(JARGON.sub(link, part))  # text between tags is escaped already
    return Markup("".join(out))


def glossary(words: Iterable[str], lang: str = "zh-TW", title: str = "") -> Markup:
    """The glossary block listing ``words`` with their plain-language explanations, and one
    popover per term for the in-place explanations (:func:`term`)."""
    items = [i for i in (glossary_entry(w, lang) for w in dict.fromkeys(words)) if i]
    items = list({i.key: i for i in items}.values())
    if not items:
        return Markup()
    body = join(Markup("<dt id='glossary-{0}'>{1}</dt><dd>{2}</dd>").format(
        i.key, i.name, i.explain) for i in items)
    tips = join(Markup("<div popover id='tip-{0}' class='kit-tip'><strong>{1}</strong>"
                       "<br>{2}</div>").format(i.key, i.name, i.explain) for i in items)
    heading = section(title) if title else Markup()
    return Markup("<section class='kit-glossary'>{}<dl>{}</dl>{}</section>").format(
        heading, body, tips)


_LATIN_CJK = re.compile(r"([A-Za-z0-9%)])([\u4e00-\u9fff])|([\u4e00-\u9fff])([A-Za-z0-9(])")


def spaced(text: str) -> str:
    """A space between Latin letters or digits and Chinese characters, as zh-TW pages write
    them ("廣告 CPA 每月", "最高是 Instagram")."""
    return _LATIN_CJK.sub(lambda m: f"{m.group(1) or m.group(3)} {m.group(2) or m.group(4)}",
                          text)


def png(figure: Any, alt: str, dpi: int = 144, colours: int | None = 96,
        takeaway: str | None = None) -> Markup:
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
    encoded = base64.b64encode(data).decode("ascii")
    if takeaway:
        takeaway = spaced(takeaway)
    caption = (Markup("<figcaption class='kit-takeaway'>{}</figcaption>").format(takeaway)
               if takeaway else Markup())
    return Markup("<figure class='kit-figure'>{}<img alt='{}' width='{}' height='{}' "
                  "src='data:image/png;base64,{}'></figure>").format(
        caption, takeaway or alt, width, height, encoded)
