"""The catalogue: one file per language, the same keys in both, every key the code uses exists,
none is left unused, and the views hold no sentence of their own."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import nbformat
import pytest

from kit.i18n import LANGS, catalogue
from kit.narrative import narrative_keys

KIT = Path(__file__).resolve().parents[1] / "kit"
TEMPLATES = KIT.parent / "templates"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    zh, en = catalogue("zh-TW"), catalogue("en")
    assert sorted(set(zh) ^ set(en)) == []
    assert {k: (_fields(zh[k]), _fields(en[k])) for k in zh
            if _fields(zh[k]) != _fields(en[k])} == {}
    assert [k for lang in LANGS for k, v in catalogue(lang).items()
            if not isinstance(v, str) or not v.strip()] == []


def test_english_uses_english_punctuation():
    full_width = set("：、；（）「」，。｜！？")
    assert {k: v for k, v in catalogue("en").items() if full_width & set(v)} == {}


def _sources() -> list[tuple[str, ast.AST]]:
    out = [(str(p.relative_to(KIT.parent)), ast.parse(p.read_text(encoding="utf-8")))
           for p in sorted(KIT.rglob("*.py"))]
    for nb_path in sorted(TEMPLATES.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        out.append((str(nb_path.relative_to(KIT.parent)), ast.parse(code)))
    return out


def _translated(node: ast.Call) -> bool:
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return name == "t"


def test_keys_are_written_out_in_full():
    """``t(f"report.col.{c}")`` hides its keys from a search: every key is a literal
    somewhere in the code (a call, or a mapping from values to keys)."""
    built = [f"{file}:{node.lineno}" for file, tree in _sources() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and _translated(node) and node.args
             and isinstance(node.args[0], ast.JoinedStr | ast.BinOp)]
    assert built == []


def test_every_key_used_exists_and_none_is_unused():
    keys = set(catalogue("zh-TW"))
    literals: dict[str, str] = {}
    for file, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and re.fullmatch(r"[a-z_]+(\.[a-zA-Z0-9_]+)+", node.value):
                literals.setdefault(node.value, f"{file}:{node.lineno}")
            if isinstance(node, ast.Call) and _translated(node) and node.args \
                    and isinstance(node.args[0], ast.Constant):
                assert node.args[0].value in keys, f"{file}:{node.lineno} {node.args[0].value}"
    # the templates' narrative cells name their keys in their metadata
    for nb_path in sorted(TEMPLATES.glob("*.ipynb")):
        for key in narrative_keys(nbformat.read(nb_path, as_version=4)):
            assert key in keys, f"{nb_path.name}: {key}"
            literals.setdefault(key, nb_path.name)
    assert sorted(keys - set(literals)) == []


#: modules that build what people read; their sentences come from the catalogue
VIEWS = ["kit/workbooks", "kit/views", "kit/blocks.py", "kit/charts.py", "kit/portfolio.py",
         "kit/widgets.py", "kit/export.py"]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("where", VIEWS)
def test_views_hold_no_sentence_of_their_own(where):
    """No Chinese literal in the views (docstrings aside): a sentence there would show in
    every language and escape the catalogue's checks."""
    base = KIT.parent / where
    found = []
    for path in ([base] if base.is_file() else sorted(base.rglob("*.py"))):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef) and n.body
                and isinstance(n.body[0], ast.Expr)}
        found += [f"{path.name}:{n.lineno} {n.value!r}" for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)
                  and CJK.search(n.value) and id(n) not in docs]
    assert found == []
