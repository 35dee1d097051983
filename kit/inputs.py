"""Every file a client's templates will read, opened and checked before any kernel starts.

- **Inside the client's folder**: a path named in a profile must resolve, symlinks included,
  to a regular file inside ``clients/<slug>/`` (a link to ``/etc/passwd`` or to another
  client's orders is refused).
- **The logo** is a real PNG, JPEG or WebP image, judged by its content (Pillow), of bounded
  size; SVG (which can carry scripts) is refused.
- **Data files** are read with the same readers the templates use (cached by file identity,
  so a batch that checks many reports of one client reads each file once).
- **Glyphs**: text the chart fonts cannot draw (emoji, rare characters) is reported.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit.data import DataError
from kit.fonts import cjk_family
from kit.i18n import t
from kit.importers import read_export

MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096


def inside(folder: Path, rel: str, lang: str | None) -> Path:
    """``folder/rel`` resolved (symlinks followed); a DataError unless it is a regular file
    inside ``folder``."""
    base = folder.resolve()
    target = (folder / rel).resolve()
    if not target.is_relative_to(base):
        raise DataError(rel, t("data.outside", lang, input=rel))
    if not target.exists():
        raise DataError(rel, t("data.missing_file", lang))
    if not stat.S_ISREG(target.stat().st_mode):
        raise DataError(rel, t("data.not_regular", lang))
    return target


def image_mime(head: bytes) -> str | None:
    """MIME type of a PNG, JPEG or WebP image from its first bytes; None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_logo(folder: Path, rel: str, lang: str | None) -> Path:
    """The logo's resolved path; a DataError unless it is a real, bounded PNG/JPEG/WebP."""
    path = inside(folder, rel, lang)
    size = path.stat().st_size
    limit = f"{MAX_LOGO_PIXELS ** 0.5:.0f}×{MAX_LOGO_PIXELS ** 0.5:.0f}"
    if size > MAX_LOGO_BYTES:
        raise DataError(rel, t("logo.size", lang, kb=size // 1024, limit=MAX_LOGO_BYTES // 1024,
                               pixels=limit))
    with path.open("rb") as fh:
        head = fh.read(16)
    if image_mime(head) is None:
        raise DataError(rel, t("logo.kind", lang))
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for a damaged image
        raise DataError(rel, t("logo.kind", lang)) from exc
    if width * height > MAX_LOGO_PIXELS:
        raise DataError(rel, t("logo.size", lang, kb=size // 1024, limit=MAX_LOGO_BYTES // 1024,
                               pixels=limit))
    return path


def _identity(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


@lru_cache(maxsize=128)
def _cached(reader: Callable, identity: tuple, args: tuple) -> tuple[Any, DataError | None]:
    try:
        return reader(Path(identity[0]), *args), None
    except DataError as exc:
        return None, exc


def read(reader: Callable, folder: Path, rel: str, *args: Any) -> Any:
    """``reader(path, rel, *args)`` on a file inside ``folder``, cached by the file's identity
    (path, modification time, size); raises its DataError."""
    path = inside(folder, rel, args[-1] if args else None)
    value, error = _cached(reader, _identity(path), (rel, *args))
    if error is not None:
        raise error
    return value


# --- glyphs ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _drawable() -> tuple[str, frozenset[int]] | None:
    """(font name, code points) the chart fonts can draw: the CJK font and its fallback."""
    try:
        from matplotlib import font_manager, ft2font

        family = cjk_family()
        codes: set[int] = set()
        for name in (family, "DejaVu Sans"):
            path = font_manager.findfont(font_manager.FontProperties(family=name),
                                         fallback_to_default=False)
            codes.update(ft2font.FT2Font(path).get_charmap())
    except Exception:  # no usable font: the font check of the set-up reports that
        return None
    return family, frozenset(codes)


def undrawable(text: str) -> str:
    """The characters of ``text`` the chart fonts cannot draw (empty when all can)."""
    fonts = _drawable()
    if fonts is None:
        return ""
    seen: list[str] = []
    for ch in text:
        if ord(ch) not in fonts[1] and not ch.isspace() and ch not in seen \
                and ch not in "\u200d\ufe0f\ufe0e":
            seen.append(ch)
    return "".join(seen)


def drawable(text: str) -> str:
    """``text`` without the characters the chart fonts cannot draw (never an empty box)."""
    fonts = _drawable()
    if fonts is None or text.isascii():
        return text
    return "".join(ch for ch in text if ch.isspace() or ord(ch) in fonts[1])


def drop_undrawable(figure) -> None:
    """Remove undrawable characters from every text of a matplotlib figure (``kit validate``
    has already warned about them)."""
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    for artist in figure.findobj(Text):
        text = artist.get_text()
        if text and not text.isascii():
            artist.set_text(drawable(text))
    for ax in figure.axes:  # tick labels are made again from the formatter when drawn
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if isinstance(formatter, FixedFormatter | FuncFormatter | StrCategoryFormatter):
                axis.set_major_formatter(FuncFormatter(
                    lambda x, pos, f=formatter: drawable(str(f(x, pos)))))


def glyph_problems(value: object, lang: str, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(location, message) for every string in a profile dump holding undrawable text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from glyph_problems(item, lang, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from glyph_problems(item, lang, (*loc, i))
    elif isinstance(value, str) and not value.isascii():
        missing = undrawable(value)
        if missing:
            font = (_drawable() or ("?",))[0]
            yield loc, t("val.glyph", lang, font=font, chars=missing)


def orders_checks(frame: pd.DataFrame, period_end: pd.Timestamp, period: str,
                  lang: str) -> Iterator[tuple[str, int | None, str, str]]:
    """(file, line, message, level) for orders that a report would misread: dates after the
    period, too few orders to estimate yearly value, duplicates dropped."""
    lines = frame.attrs.get("lines", [])
    late = frame["date"] > period_end
    if late.any():
        i = int(late.idxmax())
        name, line = lines[i] if i < len(lines) else ("", None)
        yield name, line, t("data.future", lang, date=f"{frame.loc[i, 'date']:%Y-%m-%d}",
                            period=period), "error"
    for note in frame.attrs.get("notes", []):
        yield "", None, note, "warning"
    if len(frame) == 1:
        yield "", None, t("data.one_order", lang), "warning"
    elif len(frame):
        days = (frame["date"].max() - frame["date"].min()).days
        if len(frame) < 30 or days < 30:
            yield "", None, t("data.few_orders", lang, n=len(frame), days=days), "warning"


def export(path: Path, name: str, kind: str, lang: str | None) -> pd.DataFrame:
    """:func:`kit.importers.read_export` with the argument order :func:`read` uses."""
    return read_export(path, kind, name, lang)
