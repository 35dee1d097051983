"""Pick and register a CJK font with Traditional Chinese glyph forms for matplotlib.

matplotlib's font cache is built once; a font installed afterwards (``apt-get install
fonts-noto-cjk``) is invisible to it until registered with ``fontManager.addfont``. We scan
the usual font folders for the preferred families and register what we find, so charts
render Traditional Chinese on a machine whose cache predates the install.

Preference: Traditional Chinese (Taiwan) faces first. TTC collections hold several faces
(Noto Sans CJK JP/SC/TC/…); matplotlib >= 3.11 selects the named face, so "Noto Sans CJK TC"
really gives Taiwanese glyph forms and punctuation, not the Japanese default face.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from kit.i18n import consultant_lang, t

PREFERRED = (
    "PingFang TC",
    "Microsoft JhengHei",
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Source Han Sans TW",
    "Heiti TC",
    "AR PL UMing TW",
)
_SEARCH_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/System/Library/Fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
_FILE_HINTS = ("cjk", "pingfang", "msjh", "jhenghei", "notosanstc", "sourcehan", "uming", "heiti")


class FontNotFound(RuntimeError):
    """No font with Traditional Chinese glyphs is installed."""


def _register_candidates() -> None:
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for folder in _SEARCH_DIRS:
        base = Path(folder).expanduser()
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            name = path.name.lower()
            is_font = path.suffix.lower() in (".ttc", ".otf", ".ttf", ".otc")
            if is_font and any(h in name for h in _FILE_HINTS) and str(path) not in known:
                font_manager.fontManager.addfont(str(path))


def _available() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


@lru_cache(maxsize=1)
def cjk_family() -> str:
    """Name of the best installed Traditional Chinese font family (registering it if needed)."""
    names = _available()
    for family in PREFERRED:
        if family in names:
            return family
    _register_candidates()
    names = _available()
    for family in PREFERRED:
        if family in names:
            return family

    raise FontNotFound(t("font.missing", consultant_lang(), names=", ".join(PREFERRED[:3])))


def main() -> int:
    """``python -m kit.fonts``: print the font in use; exit 1 if none (used by the set-up)."""
    try:
        print(cjk_family())
    except FontNotFound as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
