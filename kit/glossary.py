"""The plain-language glossary (data in ``glossary.yaml``), looked up by any of a term's names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

from kit.i18n import normalise_lang

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")


@dataclass(frozen=True)
class Entry:
    """One glossary entry in one language."""

    key: str
    name: str
    short: str
    explain: str


@lru_cache(maxsize=1)
def _data() -> dict:
    return YAML(typ="safe").load(GLOSSARY_FILE.read_text(encoding="utf-8"))


def keys() -> list[str]:
    """Every entry's key."""
    return list(_data())


def entry(word: str, lang: str | None = None) -> Entry | None:
    """The entry one of whose names is ``word`` (case-insensitive), or None."""
    low = word.lower()
    for key, item in _data().items():
        names = [n.lower() for n in item["names"]]
        if low == key.lower() or low in names:
            text = item[normalise_lang(lang)]
            shown = word if low in names else item["names"][0]
            return Entry(key, shown, text["short"], text["explain"])
    return None


def names(key: str) -> list[str]:
    """Every name of one entry (both languages): the words that point to it."""
    return [str(n) for n in _data()[key]["names"]]
