"""Small data files a client folder may hold (``data/*.csv``), read and checked strictly.

Each reader returns a tidy DataFrame or raises :class:`DataError` naming the file, the row,
the column and what was expected. Files may be UTF-8 (with or without BOM), UTF-16 (Google
Ads' "Excel CSV") or Big5/CP950 as Excel in Taiwan saves them, comma- or tab-separated.

The record reader and the number and date parsers here are shared with
:mod:`kit.importers`: a row with more or fewer fields than its header is an error (an unquoted
``NT$2,599`` must not shift the columns), a number is only read if it is written as a number
(``1,234``, ``NT$1,234``, ``1.2萬``, full-width ``６３９``), never by dropping characters.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.i18n import t


class DataError(ValueError):
    """A data file that cannot be used as it is."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str = ""):
        self.file, self.row, self.column, self.message = file, row, column, message
        where = file + (f":{row}" if row else "") + (f": {column}" if column else "")
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # pickles across process and Dask boundaries
        return type(self), (self.file, self.message, self.row, self.column)


ENCODINGS = ("utf-8-sig", "cp950")  # UTF-8 with or without BOM, then Big5 as Excel saves it
MAX_DATA_BYTES = 64 * 1024 * 1024  # a month of exports is a few MB; more is not a data file
EMPTY = {"", "--", "-", "—", "n/a", "nan", "none"}


def nfkc(text: str) -> str:
    """Full-width digits and punctuation (``６３９``, ``２０２６／１０／３１``) as ASCII."""
    return unicodedata.normalize("NFKC", text)


def _check_size(path: Path, name: str, lang: str | None) -> None:
    if not path.is_file():
        raise DataError(name, t("data.missing_file", lang))
    if path.stat().st_size > MAX_DATA_BYTES:
        raise DataError(name, t("data.too_large", lang, mb=MAX_DATA_BYTES // 2**20))


def _first_non_utf8_line(raw: bytes) -> int | None:
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def read_text(path: Path, name: str, lang: str | None) -> str:
    """A data file's text: UTF-16 with a BOM, else UTF-8, else Big5; a file mixing UTF-8
    and Big5 lines is an error naming the first line that is not UTF-8."""
    _check_size(path, name, lang)
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataError(name, t("data.encoding", lang)) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    bad = _first_non_utf8_line(raw)
    has_utf8_text = any(not line.isascii() and _decodes(line)
                        for line in raw.split(b"\n"))
    if has_utf8_text:  # some lines UTF-8 with Chinese, others not: two files pasted together
        raise DataError(name, t("data.mixed_encoding", lang), row=bad)
    try:
        return raw.decode("cp950")
    except UnicodeDecodeError as exc:
        raise DataError(name, t("data.encoding", lang), row=bad) from exc


def _decodes(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Record:
    """One row of a data file: its 1-based line, its cells, and its field count as written
    (None for spreadsheets, where every row has the sheet's width)."""

    line: int
    cells: tuple[str, ...]
    width: int | None

    @property
    def blank(self) -> bool:
        """True when every cell is empty."""
        return not any(c.strip() for c in self.cells)

    @property
    def comment(self) -> bool:
        """True for ``#`` comment lines (GA4 writes its report description this way)."""
        return bool(self.cells) and self.cells[0].lstrip().startswith("#")


def _delimiter(text: str) -> str:
    """Tab for tab-separated downloads (Google Ads' Excel CSV), else comma."""
    head = [line for line in text.splitlines()[:40] if not line.lstrip().startswith("#")]
    return "\t" if sum(x.count("\t") for x in head) > sum(x.count(",") for x in head) else ","


def read_records(path: Path, name: str, lang: str | None) -> list[Record]:
    """Every row of a CSV/TSV (any of our encodings) or the first sheet of an XLSX file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_size(path, name, lang)
        try:
            frame = pd.read_excel(path, header=None, dtype=str).fillna("")
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise DataError(name, t("data.xlsx", lang)) from exc
        return [Record(i + 1, tuple(str(v) for v in row), None)
                for i, row in enumerate(frame.itertuples(index=False))]
    text = read_text(path, name, lang)
    if "\x00" in text:  # a binary file, or a UTF-16 file without its BOM
        raise DataError(name, t("data.binary", lang), row=text[:text.index("\x00")].count("\n") + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    records, start = [], 1
    try:
        for cells in reader:
            records.append(Record(start, tuple(cells), len(cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        key = "data.field_limit" if "field limit" in str(exc) else "data.csv"
        raise DataError(name, t(key, lang, limit=f"{csv.field_size_limit():,}",
                                problem=str(exc)), row=start) from exc
    return records


def check_widths(records: list[Record], header: Record, name: str,
                 lang: str | None) -> None:
    """Every row has as many fields as the header (extra empty trailing fields aside)."""
    if header.width is None:
        return
    width = max((i + 1 for i, c in enumerate(header.cells) if c.strip()), default=0)
    for rec in records:
        if rec.width is None:
            continue
        extra = [c for c in rec.cells[width:] if c.strip()]
        if extra:
            raise DataError(name, t("data.too_many_fields", lang, n=rec.width, width=width),
                            row=rec.line)
        if rec.width < width:
            raise DataError(name, t("data.too_few_fields", lang, n=rec.width, width=width),
                            row=rec.line)


_CURRENCY = re.compile(r"^(NT\$|NTD|TWD|US\$|\$)\s*|\s*(元|NTD|TWD)$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$|^[+-]?\.\d+$")
_TIME_OF_DAY = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")
_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y年%m月%d日")
#: A GA4 "Year month" dimension (202610, 2026-10, 2026年10月): the row is that month's total.
_MONTH_FORMATS = ("%Y%m", "%Y-%m", "%Y年%m月")


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text -> floats: '1,234', 'NT$1,234', '1.2萬', '６３９', '--' (0).

    A value is read only when it is written as a number: '1,2,3', '12%' or 'abc' are
    unreadable, never turned into a number by dropping characters.
    Returns (numbers, unreadable mask).
    """
    text = values.astype(str).map(nfkc).str.strip()
    empty = text.str.lower().isin(EMPTY)
    cleaned = text.str.replace(_CURRENCY, "", regex=True).str.strip()
    wan = cleaned.str.endswith("萬")
    cleaned = cleaned.str.removesuffix("萬")
    ok = cleaned.str.match(_NUMBER) | empty
    numbers = pd.to_numeric(cleaned.str.replace(",", "", regex=False).where(ok & ~empty, "0"),
                            errors="coerce")
    numbers = numbers.where(~wan, numbers * 10_000).where(ok)
    return numbers.astype(float), ~ok


def parse_dates(values: pd.Series, formats: tuple[str, ...] | None = None,
                ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text -> dates in any of the accepted forms. Returns (dates, empty mask, unreadable mask)."""
    text = values.astype(str).map(nfkc).str.strip()
    empty = text.str.lower().isin(EMPTY)
    text = (text.str.replace("/", "-").str.replace(".", "-")
            .str.replace(_TIME_OF_DAY, "", regex=True))
    dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in formats or _DATE_FORMATS:
        todo = dates.isna() & ~empty
        if not todo.any():
            break
        dates[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    return dates, empty, dates.isna() & ~empty


def parse_months(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Year-month text (202610, 2026-10, 2026年10月) -> the month's first day."""
    return parse_dates(values, _MONTH_FORMATS)


def _read_csv(path: Path, name: str, columns: tuple[str, ...], lang: str | None) -> pd.DataFrame:
    records = [r for r in read_records(path, name, lang) if not r.blank]
    if not records:
        raise DataError(name, t("data.empty", lang))
    header, body = records[0], records[1:]
    names = [nfkc(c).strip().lower() for c in header.cells]
    for col in columns:
        if col not in names:
            raise DataError(name, t("data.no_column", lang, columns=", ".join(columns)), column=col)
    if not body:
        raise DataError(name, t("data.no_rows", lang))
    check_widths(body, header, name, lang)
    width = len(names)
    frame = pd.DataFrame([list(r.cells[:width]) + [""] * (width - len(r.cells)) for r in body],
                         columns=names, index=[r.line for r in body], dtype=str)
    return frame.apply(lambda col: col.str.strip())


def _numbers(frame: pd.DataFrame, name: str, column: str, lang: str | None) -> pd.Series:
    values, bad = parse_numbers(frame[column])
    bad |= values < 0
    if bad.any():
        line = int(bad.idxmax())
        raise DataError(name, t("data.number", lang, input=frame.at[line, column]),
                        row=line, column=column)
    return values


def _dates(frame: pd.DataFrame, name: str, column: str, lang: str | None) -> pd.Series:
    values, empty, bad = parse_dates(frame[column])
    bad |= empty
    if bad.any():
        line = int(bad.idxmax())
        raise DataError(name, t("val.date", lang, input=frame.at[line, column]),
                        row=line, column=column)
    return values


def _channels(frame: pd.DataFrame, name: str, known: tuple[str, ...] | None,
              lang: str | None) -> pd.Series:
    values = frame["channel"].fillna("").str.strip()
    if known is not None:
        unknown = ~values.isin(known)
        if unknown.any():
            line = int(unknown.idxmax())
            raise DataError(name, t("data.channel", lang, input=values.at[line],
                                    known="、".join(known)), row=line, column="channel")
    return values
def funnel_counts(path: Path, name: str, lang: str | None = None) -> dict[str, list[float]]:
    """``stage,count[,period]`` -> {period: counts in stage order}; no period column: 'current'."""
    frame = _read_csv(path, name, ("stage", "count"), lang)
    frame["count"] = _numbers(frame, name, "count", lang)
    if "period" not in frame.columns:
        return {"current": frame["count"].tolist()}
    return {str(p): g["count"].tolist() for p, g in frame.groupby("period", sort=True)}


def daily_spend(path: Path, name: str, known: tuple[str, ...] | None = None,
                lang: str | None = None) -> pd.DataFrame:
    """``date,channel,spend[,results]`` -> columns date, channel, spend, results."""
    frame = _read_csv(path, name, ("date", "channel", "spend"), lang)
    out = pd.DataFrame({"date": _dates(frame, name, "date", lang),
                        "channel": _channels(frame, name, known, lang),
                        "spend": _numbers(frame, name, "spend", lang)})
    out["results"] = _numbers(frame, name, "results", lang) if "results" in frame else float("nan")
    return out.reset_index(drop=True)


def weekly_history(path: Path, name: str, known: tuple[str, ...] | None = None,
                   lang: str | None = None) -> pd.DataFrame:
    """``week,channel,spend,results`` -> the same columns, week as a date."""
    frame = _read_csv(path, name, ("week", "channel", "spend", "results"), lang)
    return pd.DataFrame({"week": _dates(frame, name, "week", lang),
                         "channel": _channels(frame, name, known, lang),
                         "spend": _numbers(frame, name, "spend", lang),
                         "results": _numbers(frame, name, "results", lang)}
                        ).reset_index(drop=True)
