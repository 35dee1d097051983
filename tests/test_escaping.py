"""Text from a client's files is text on the page, never markup: every free-text field of
every sample profile gets a payload of HTML, and every section of every workbook is rendered
(in process) with it."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from kit.clients import ProfileError, load_client
from kit.params import build_parameters
from tests.conftest import SAMPLE_CLIENTS, make_root
from tests.test_sections import CASES, template_sections

PAYLOAD = "<i class=x>注入</i>\"'&"
#: fields that name files, ids, enums or numbers: the schema refuses HTML there (tested in
#: test_bad_inputs); everything else a consultant types is free text
NOT_TEXT = re.compile(r"\.(csv|xlsx|xls|png|jpe?g|svg|webp)$|^\d{4}-\d{2}(-\d{2})?$|^#[0-9A-Fa-f]{6}$")


def _poison(node: Any, path: str = "") -> int:
    """Append the payload to every free-text string under ``node`` (in place); a count."""
    n = 0
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in list(items):
        here = f"{path}.{key}"
        if isinstance(value, str):
            if NOT_TEXT.search(value) or key in ("slug", "language", "currency", "preset",
                                                   "cadence", "kind", "cell", "status",
                                                   "field", "result", "source", "quadrant",
                                                   "method", "brand_colour", "logo", "start",
                                                   "period", "reach"):
                continue
            node[key] = value + PAYLOAD
            n += 1
        elif isinstance(value, dict | list):
            n += _poison(value, here)
    return n


def _unpoison(doc: Any, field: str) -> None:
    """Take the payload off the field the schema refused ("budget.channels[0].cvr")."""
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", field)]
    node = doc
    for key in keys[:-1]:
        node = node[key]
    value = node[keys[-1]]
    if isinstance(value, str):
        node[keys[-1]] = value.removesuffix(PAYLOAD)
    elif isinstance(value, list | dict):
        for key in (range(len(value)) if isinstance(value, list) else list(value)):
            _unpoison(value, str(key))


@pytest.fixture(scope="module")
def poisoned_root(tmp_path_factory):
    """The sample clients with the payload in every field the schema takes as free text
    (a field that must be a rate, a choice or a file keeps its value: the schema refuses)."""
    root = make_root(tmp_path_factory.mktemp("escaping"))
    yaml = YAML(typ="rt")
    for slug in SAMPLE_CLIENTS:
        path = root / "clients" / slug / "client.yaml"
        doc = yaml.load(path.read_text(encoding="utf-8"))
        assert _poison(doc) > 20
        for _ in range(5):
            with path.open("w", encoding="utf-8") as fh:
                yaml.dump(doc, fh)
            try:
                load_client(slug, root)
                break
            except ProfileError as exc:
                for problem in exc.problems:
                    _unpoison(doc, problem.field)
        load_client(slug, root)
    return root


@pytest.mark.parametrize(("slug", "template"), CASES)
def test_text_from_the_profile_is_never_markup(slug, template, poisoned_root, monkeypatch):
    client = load_client(slug, poisoned_root)
    monkeypatch.setenv("KIT_HOME", str(poisoned_root))
    monkeypatch.chdir(client.folder)
    book_class, parts = template_sections(template)
    book = book_class.from_params(**build_parameters(template, client))
    page = "".join(book.render(part) for part in parts)
    assert "<i class=x>" not in page and "<i class='x'>" not in page
    if template in ("goals", "swot", "plan", "report"):  # pages that quote the profile
        assert "&lt;i class=x&gt;注入&lt;/i&gt;" in page  # the text is there, as text


KIT = Path(__file__).resolve().parents[1] / "kit"
#: where a string is trusted as markup as it is: the kit's own stylesheet and the jargon
#: linker (whose input is markup a builder made, re-escaped first)
TRUSTED = {("portfolio.py", "Markup"), ("blocks.py", "Markup")}


def test_no_hand_escaping_and_no_markup_from_formatted_strings():
    """Text becomes markup only through markupsafe: no ``esc``/``html.escape`` calls, and no
    ``Markup(f"...")`` or ``Markup(x + y)``, which would trust whatever was interpolated."""
    found = []
    for path in sorted(KIT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "html":
                found.append(f"{path.name}:{node.lineno} imports the html module")
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name.split(".")[-1] in ("esc", "escape") and not name.startswith("re.") \
                    and path.name != "blocks.py":
                found.append(f"{path.name}:{node.lineno} {name}()")
            if name == "Markup" and node.args and not isinstance(node.args[0], ast.Constant) \
                    and (path.name, name) not in TRUSTED:
                found.append(f"{path.name}:{node.lineno} Markup({ast.unparse(node.args[0])})")
            if name == "Markup" and node.args and isinstance(node.args[0],
                                                             ast.JoinedStr | ast.BinOp):
                found.append(f"{path.name}:{node.lineno} Markup({ast.unparse(node.args[0])})")
    assert found == []


@pytest.mark.parametrize(("slug", "template"), CASES[:7])
def test_every_section_is_markup(slug, template, monkeypatch):
    """Sections are ``Markup``: adding text to one escapes the text."""
    from markupsafe import Markup

    client = load_client(slug)
    monkeypatch.chdir(client.folder)
    book_class, parts = template_sections(template)
    book = book_class.from_params(**build_parameters(template, client))
    for part in parts:
        page = book.render(part)
        assert isinstance(page, Markup), part
        assert "&lt;b&gt;" in page + "<b>"
