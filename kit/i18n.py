"""Every sentence a user reads, from one catalogue file per language: ``kit/locales/zh-TW.yaml``
(the default) and ``kit/locales/en.yaml``.

``t(key, lang, **params)`` formats a message; unknown languages fall back to zh-TW. Keys are
written out in full in the code, so a search for a key finds where it is used; the tests check
that every key used exists in both files and that no key is left unused. Numbers inside
messages are formatted by the caller (see :mod:`kit.fmt`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

LANGS = ("zh-TW", "en")
DEFAULT_LANG = "zh-TW"
LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every message of one language (read once, on first use)."""
    messages: dict[str, str] = YAML(typ="safe").load(
        (LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))
    return messages


def has(key: str) -> bool:
    """True if ``key`` is in the catalogue."""
    return key in catalogue(DEFAULT_LANG)


def normalise_lang(lang: str | None) -> str:
    """Map 'zh', 'zh_TW', 'EN' … to a supported language; default zh-TW."""
    if not lang:
        return DEFAULT_LANG
    low = lang.replace("_", "-").lower()
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANG


def consultant_lang() -> str:
    """The consultant's own language for CLI messages: $KIT_LANG, default zh-TW."""
    return normalise_lang(os.environ.get("KIT_LANG"))


def t(message: str, lang: str | None = None, /, **params: object) -> str:
    """The catalogue entry ``message`` in ``lang``, formatted with ``params``."""
    text = catalogue(normalise_lang(lang)).get(message) or catalogue(DEFAULT_LANG)[message]
    return text.format(**params) if params else text
