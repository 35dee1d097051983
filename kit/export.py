"""Client-facing HTML from an executed notebook: one exporter configuration, in one place.

What the client sees is decided here: code inputs and prompts are excluded, cells tagged
``consultant-only`` are removed, stderr and error outputs are dropped, and the kit template
(``kit/nbconvert/kit``) supplies a self-contained page (no CDN, no JavaScript).
"""

from __future__ import annotations

import base64
from datetime import date
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from kit import fmt
from kit.i18n import t
from kit.inputs import MAX_LOGO_BYTES, image_mime
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
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=_HIDDEN_CELL_TAGS, enabled=True), enabled=True
    )
    exporter.register_preprocessor(ClientSafePreprocessor(enabled=True), enabled=True)
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
