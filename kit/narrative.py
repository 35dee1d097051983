"""The templates' own words: short chapters that tell the owner what the next sections answer.

A narrative cell is a Markdown cell whose metadata names its catalogue key,
``{"kit": {"text": "story.report.money"}}``. The catalogue is the one source of its words; the
template keeps the zh-TW text as the cell's source, so it reads as a story where it is written
(``kit sync-templates`` rewrites those sources from the catalogue; a test fails on any drift).
:func:`localise` puts the catalogue text of the report's language in each narrative cell of
an executed report before it is exported and kept (Markdown runs no code, so before or after
the kernel is the same) and of a workshop's copy, so an English report has no Chinese
narrative and the other way round.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.i18n import DEFAULT_LANG, t

#: Where a cell's metadata keeps kit's own settings, and the field naming the catalogue key.
META = "kit"
FIELD = "text"
#: Every narrative key starts with ``story.<template>.``.
PREFIX = "story"


def narrative_key(cell: Any) -> str | None:
    """The catalogue key of a narrative Markdown cell; None for any other cell."""
    if cell.get("cell_type") != "markdown":
        return None
    key = (cell.get("metadata", {}).get(META) or {}).get(FIELD)
    return key if isinstance(key, str) else None


def narrative_keys(nb: Any) -> list[str]:
    """The catalogue keys of a notebook's narrative cells, in order."""
    return [k for k in (narrative_key(c) for c in nb.cells) if k]


def localise(nb: Any, lang: str | None) -> bool:
    """In place: every narrative cell's source in ``lang``; True if any cell changed."""
    changed = False
    for cell in nb.cells:
        key = narrative_key(cell)
        if key and cell.source != t(key, lang):
            cell.source = t(key, lang)
            changed = True
    return changed


def sync_template(path: Path) -> bool:
    """Write the zh-TW catalogue text into a template's narrative cells; True if it changed
    (the file is written as nbformat writes it, only when something differs)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if not localise(nb, DEFAULT_LANG):
        return False
    nbformat.write(nb, str(path))
    return True
