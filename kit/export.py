"""Client-facing HTML from an executed notebook: one exporter configuration, in one place.

What the client sees is decided here: code inputs and prompts are excluded, cells tagged
``consultant-only`` are removed, stderr and error outputs are dropped, and the kit template
(``kit/nbconvert/kit``) supplies a self-contained page (no CDN, no JavaScript).
"""

from __future__ import annotations

import base64
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from kit import fmt
from kit.i18n import t
from kit.inputs import MAX_LOGO_BYTES, image_mime
from kit.narrative import narrative_key
from kit.paths import NBCONVERT_TEMPLATES
from kit.profile import ClientInfo

CONSULTANT_ONLY = "consultant-only"
_HIDDEN_CELL_TAGS = {CONSULTANT_ONLY, "parameters", "injected-parameters"}


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class ClientSafePreprocessor(Preprocessor):
    """Drop what an owner must never see: stderr streams, error tracebacks, and live widget
    views (which would render as "Loading widget…"; every workbook also shows its numbers
    as static tables and charts)."""

    def preprocess_cell(self, cell, resources, index):
        """Keep only stdout streams and static rich display outputs."""
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs
                if o.output_type != "error"
                and not (o.output_type == "stream" and o.name == "stderr")
                and WIDGET_VIEW not in o.get("data", {})
            ]
        return cell, resources


_KIT_HEADING = re.compile(r"<h([2-5]) class=(['\"])kit-h\2>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
GLOSSARY = "kit-glossary"


def _html(cell: Any) -> list[tuple[dict[str, Any], str]]:
    """A code cell's HTML outputs: (the output's data, its HTML as one string)."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data:
            html = data["text/html"]
            found.append((data, html if isinstance(html, str) else "".join(html)))
    return found


def _shows_something(cell: Any) -> bool:
    """True if a code cell shows the reader anything besides the glossary (an empty section
    shows nothing)."""
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if any(k.startswith("image/") for k in data) or output.get("output_type") == "stream":
            return True
    return any(GLOSSARY not in html and (_TAG.sub("", html).strip() or "<img" in html)
               for _, html in _html(cell))


def _demoted(match: re.Match[str]) -> str:
    """A section heading one level down, classed by the level it is styled as."""
    level = int(match[1])
    return f"<h{level + 1} class='kit-h kit-h{level}'>{match[3]}</h{level + 1}>"


class ChapterPreprocessor(Preprocessor):
    """Chapters above sections: a template's narrative cell (a ``##`` heading, see
    :mod:`kit.narrative`) opens a chapter, so the kit's section headings after it go one
    level down (a section's ``h2`` becomes ``h3``, styled as before); the glossary, the page's
    appendix, stays at the chapter level. A chapter with nothing under it (every section
    empty for this client) is left out."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Drop empty chapters, then move the sections under the chapters."""
        cells = list(nb.cells)
        chapters = [i for i, c in enumerate(cells) if narrative_key(c)]
        empty = set()
        for n, start in enumerate(chapters):
            end = chapters[n + 1] if n + 1 < len(chapters) else len(cells)
            if not any(c.cell_type == "code" and _shows_something(c) for c in cells[start:end]):
                empty.add(start)
        nb.cells = [c for i, c in enumerate(cells) if i not in empty]
        first = min(chapters, default=len(cells))
        for cell in cells[first:]:
            for data, html in _html(cell) if cell.cell_type == "code" else []:
                if GLOSSARY not in html:
                    data["text/html"] = _KIT_HEADING.sub(_demoted, html)
        return nb, resources


_ANCHOR = re.compile(r'<a class="anchor-link" href="[^"]*"\s*(?:/>|>.*?</a>)', re.S)
_MD_HEADING = re.compile(r'<h([1-6]) id="[^"]*">')


def markdown_headings(html: str) -> str:
    """A Markdown cell's HTML without nbconvert's heading ids and empty anchor links (its
    ids are the heading percent-encoded); a ``##`` heading is a chapter (``kit-chapter``)."""
    html = _ANCHOR.sub("", html)
    return _MD_HEADING.sub(
        lambda m: f'<h{m[1]} class="kit-chapter">' if m[1] == "2" else f"<h{m[1]}>", html)


@lru_cache(maxsize=1)
def client_exporter() -> HTMLExporter:
    """The HTML exporter with the kit template (built once per process: loading is the cost)."""
    exporter = HTMLExporter(
        template_name="kit",
        extra_template_basedirs=[str(NBCONVERT_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
        filters={"kit_markdown_headings": markdown_headings},
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=_HIDDEN_CELL_TAGS, enabled=True), enabled=True
    )
    exporter.register_preprocessor(ClientSafePreprocessor(enabled=True), enabled=True)
    exporter.register_preprocessor(ChapterPreprocessor(enabled=True), enabled=True)
    return exporter


def _logo_data_uri(logo: Path | None) -> str:
    """The logo as a data URI, typed by its content; nothing unless it is a bounded PNG,
    JPEG or WebP (the pre-flight has already said why, see :func:`kit.inputs.check_logo`)."""
    if logo is None or not logo.is_file() or logo.stat().st_size > MAX_LOGO_BYTES:
        return ""
    raw = logo.read_bytes()
    mime = image_mime(raw[:16])
    return f"data:{mime};base64," + base64.b64encode(raw).decode("ascii") if mime else ""


def export_html(
    notebook: nbformat.NotebookNode,
    client: ClientInfo,
    period: date,
    title: str,
    logo: Path | None = None,
    prepared: date | None = None,
) -> str:
    """The client-facing HTML page for an executed notebook."""
    lang = client.language
    resources = {
        "kit": {
            "lang": lang,
            "title": f"{client.name}{fmt.punct('bar', lang)}{title}",
            "client": client.name,
            "brand_colour": client.brand_colour,
            "logo": _logo_data_uri(logo),
            # "期間：2026 年 10 月　製作：…" / "Period: October 2026 · Prepared: …"
            "meta": (f"{t('report.period', lang)}{fmt.punct('colon', lang)}"
                     f"{fmt.month(period, lang)}{fmt.punct('gap', lang)}"
                     f"{t('report.prepared', lang)}{fmt.punct('colon', lang)}"
                     f"{fmt.day(prepared or date.today(), lang)}"),
            "footer": t("report.footer", lang, client=client.name),
        }
    }
    body, _ = client_exporter().from_notebook_node(notebook, resources=resources)
    return body
