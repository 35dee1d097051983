"""Every template read without a kernel: a typo in a template fails here, in a second, not
when a kernel reaches the cell."""

from __future__ import annotations

import ast
import builtins
import importlib
import re
from pathlib import Path

import nbformat
import pytest

from kit.blocks import JARGON
from kit.export import CONSULTANT_ONLY
from kit.i18n import LANGS, catalogue
from kit.narrative import PREFIX, narrative_key
from kit.params import TEMPLATES

REPO = Path(__file__).resolve().parents[1]
SHOW = re.compile(r'book\.show\("(\w+)"\)')


def template_problems(nb: nbformat.NotebookNode) -> list[str]:
    """What would fail in a kernel: a missing parameters cell, an import that does not
    resolve, a name never defined, a ``book.show("x")`` without an ``x_html``, a ``book``
    attribute its class does not have."""
    problems: list[str] = []
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    if len(params) != 1:
        return [f"{len(params)} cells tagged 'parameters' (one expected)"]
    defined = set(dir(builtins))
    book_class = None
    for i, cell in enumerate(code):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = importlib.import_module(node.module or "")
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        problems.append(f"cell {i}: {node.module} has no {alias.name}")
                    defined.add(alias.asname or alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    importlib.import_module(alias.name)
                    defined.add((alias.asname or alias.name).split(".")[0])
        for stmt in tree.body:  # names bound at the top level of the cell, in order
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            defined.add(name.id)
                value = stmt.value
                if (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                        and value.func.attr == "from_params"
                        and isinstance(value.func.value, ast.Name)):
                    cls_name = value.func.value.id
                    for node in ast.walk(ast.parse("\n".join(c.source for c in code[:i + 1]))):
                        if isinstance(node, ast.ImportFrom) and any(
                                a.name == cls_name for a in node.names):
                            book_class = getattr(importlib.import_module(node.module or ""),
                                                 cls_name)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) \
                    and node.id not in defined:
                problems.append(f"cell {i}: name {node.id!r} is not defined")
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "book"):
                if book_class is None:
                    problems.append(f"cell {i}: book used before it is built")
                elif not hasattr(book_class, node.attr):
                    problems.append(f"cell {i}: {book_class.__name__} has no {node.attr!r}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("show", "render") and book_class is not None
                    and node.args and isinstance(node.args[0], ast.Constant)):
                part = node.args[0].value
                if not hasattr(book_class, f"{part}_html"):
                    problems.append(f"cell {i}: {book_class.__name__} has no section {part!r}")
    return problems


def story_problems(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """What the owner would read wrong: a Markdown cell the client sees that is not a
    narrative cell, a key missing from a catalogue or not the template's own, a source that
    drifted from the zh-TW catalogue, a chapter that is not one ``##`` heading and a
    sentence or two, jargon (narrative is not linked to the glossary), a chapter with no
    section under it."""
    problems: list[str] = []
    shown: list[str | None] = []  # per cell: the part it shows, None for a chapter
    for i, cell in enumerate(nb.cells):
        if CONSULTANT_ONLY in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "code":
            shown += SHOW.findall(cell.source)
            continue
        key = narrative_key(cell)
        if key is None:
            problems.append(f"cell {i}: Markdown the client sees without a catalogue key")
            continue
        shown.append(None)
        if not key.startswith(f"{PREFIX}.{name}."):
            problems.append(f"cell {i}: {key} is not under {PREFIX}.{name}.")
        missing = [lang for lang in LANGS if key not in catalogue(lang)]
        if missing:
            problems.append(f"cell {i}: {key} is not in the catalogue ({', '.join(missing)})")
            continue
        if cell.source != catalogue("zh-TW")[key]:
            problems.append(f"cell {i}: {key} differs from the catalogue "
                            "(run kit sync-templates)")
        for lang in LANGS:
            text = catalogue(lang)[key]
            heading, *rest = text.split("\n")
            body = "\n".join(rest).strip()
            if not heading.startswith("## ") or "#" in body or not body or "\n" in body:
                problems.append(f"cell {i}: {key} ({lang}) is not a '## ' heading and a paragraph")
            if "{" in text or "}" in text:
                problems.append(f"cell {i}: {key} ({lang}) has a placeholder")
            if JARGON.search(text):
                problems.append(f"cell {i}: {key} ({lang}) uses jargon {JARGON.search(text)[0]}")
    for n, part in enumerate(shown):
        following = shown[n + 1:]
        until = following.index(None) if None in following else len(following)
        if part is None and not [p for p in following[:until] if p != "glossary"]:
            problems.append(f"chapter {n}: no section under it")
    if None in shown and "intro" in shown and shown.index("intro") > shown.index(None):
        problems.append("a chapter before the title (intro)")
    return problems


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_reads_clean_without_a_kernel(name):
    nb = nbformat.read(REPO / "templates" / f"{name}.ipynb", as_version=4)
    assert template_problems(nb) == []


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_reads_as_a_story(name):
    nb = nbformat.read(REPO / "templates" / f"{name}.ipynb", as_version=4)
    assert story_problems(nb, name) == []
    keys = [narrative_key(c) for c in nb.cells if narrative_key(c)]
    assert len(keys) >= 2 and len(set(keys)) == len(keys)


def _story(name: str = "report") -> nbformat.NotebookNode:
    return nbformat.read(REPO / "templates" / f"{name}.ipynb", as_version=4)


def _chapter(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if narrative_key(c))


@pytest.mark.parametrize(("change", "problem"), [
    (lambda nb: setattr(_chapter(nb), "source", _chapter(nb).source + "！"),
     "story.report.month differs from the catalogue (run kit sync-templates)"),
    (lambda nb: _chapter(nb).metadata.kit.update(text="story.report.mnth"),
     "story.report.mnth is not in the catalogue (zh-TW, en)"),
    (lambda nb: _chapter(nb).metadata.kit.update(text="story.goals.next"),
     "story.goals.next is not under story.report."),
    (lambda nb: _chapter(nb).metadata.pop("kit"),
     "Markdown the client sees without a catalogue key"),
    (lambda nb: nb.cells.remove(next(c for c in nb.cells if 'show("highlights")' in c.source)),
     "no section under it"),
])
def test_a_story_problem_is_named(change, problem):
    nb = _story()
    if problem == "no section under it":  # the first chapter keeps only its highlights
        nb.cells = [c for c in nb.cells
                    if not re.search(r'show\("(changes|followup)"\)', c.source)]
    change(nb)
    assert any(p.endswith(problem) for p in story_problems(nb, "report")), \
        story_problems(nb, "report")


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('book.show("smart")', 'book.show("smrt")', "GoalsBook has no section 'smrt'"),
    ('book.show("kpi")', 'book.shw("kpi")', "GoalsBook has no 'shw'"),
    ("from kit.widgets import editor", "from kit.widgets import editr",
     "kit.widgets has no editr"),
    ("editor(book)", "editr(book)", "name 'editr' is not defined"),
])
def test_a_typo_in_a_template_is_named(old, new, problem):
    nb = nbformat.read(REPO / "templates" / "goals.ipynb", as_version=4)
    for cell in nb.cells:
        if old in cell.source:
            cell.source = cell.source.replace(old, new, 1)
            break
    else:
        pytest.fail(f"{old!r} is not in the template")
    assert any(p.endswith(problem) for p in template_problems(nb)), template_problems(nb)


def test_sync_writes_the_catalogue_text_and_nothing_else(tmp_path):
    from kit.narrative import sync_template

    original = (REPO / "templates" / "report.ipynb").read_bytes()
    path = tmp_path / "report.ipynb"
    path.write_bytes(original)
    assert sync_template(path) is False and path.read_bytes() == original  # in sync: untouched
    nb = _story()
    _chapter(nb).source = "## 舊的標題\n\n舊的句子。"
    nbformat.write(nb, str(path))
    assert sync_template(path) is True
    assert path.read_bytes() == original  # as nbformat writes it, the zh-TW text back
