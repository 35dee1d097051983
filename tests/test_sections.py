"""Every section of every workbook for every sample client, rendered in this process (no
kernel), in the order its template shows them, compared with a reviewed snapshot
(``tests/__snapshots__/``; after an intended change: ``pytest tests/test_sections.py
--snapshot-update`` and read the diff)."""

from __future__ import annotations

import ast
import re
from importlib import import_module

import nbformat
import pytest

from kit.clients import load_client
from kit.params import TEMPLATES, applies_to, build_parameters
from tests.conftest import REPO, SAMPLE_CLIENTS, make_root

_PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
_BLOCK = re.compile(r"(?=<(?:h\d|p|tr|li|dt|dd|div|figure|section|table|ul|ol|dl)[ >])")


def reviewable(markup: str) -> str:
    """One block element per line and charts as a placeholder: a snapshot diff a person reads."""
    return _BLOCK.sub("\n", _PNG.sub("data:image/png;base64,…", markup)).strip()


def template_sections(template: str) -> tuple[type, list[str]]:
    """The template's Book class and the sections its cells show, in order."""
    nb = nbformat.read(REPO / "templates" / f"{template}.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code"
                       and "parameters" not in c.metadata.get("tags", []))
    book_class = next(getattr(import_module(n.module), a.name)
                      for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)
                      and n.module and n.module.startswith("kit.workbooks") for a in n.names)
    parts = re.findall(r'book\.show\("(\w+)"\)', source)
    return book_class, parts


CASES = [(slug, name) for slug in SAMPLE_CLIENTS for name in sorted(TEMPLATES)
         if applies_to(name, load_client(slug, REPO))]


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory):
    return make_root(tmp_path_factory.mktemp("sections"))


@pytest.mark.parametrize(("slug", "template"), CASES)
def test_every_section_renders_in_process(slug, template, sample_root, monkeypatch, snapshot):
    client = load_client(slug, sample_root)
    monkeypatch.setenv("KIT_HOME", str(sample_root))
    monkeypatch.chdir(client.folder)  # as a batch run executes: in the client's folder
    book_class, parts = template_sections(template)
    book = book_class.from_params(**build_parameters(template, client))
    pages = {part: reviewable(book.render(part)) for part in parts}
    assert pages == snapshot
