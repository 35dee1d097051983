"""Small data files a client folder may hold (``data/*.csv``), read and checked strictly.

Each reader returns a tidy DataFrame or raises :class:`DataError` naming the file, the row,
the column and what was expected. Files may be UTF-8 (with or without BOM) or Big5/CP950 as
Excel in Taiwan saves them.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from kit.i18n import t


class DataError(ValueError):
    """A data file that cannot be used as it is."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str = ""):
        self.file, self.row, self.column, self.message = file, row, column, message
        where = file + (f":{row}" if row else "") + (f": {column}" if column else "")
        super().__init__(f"{where}: {message}")


ENCODINGS = ("utf-8-sig", "cp950")  # UTF-8 with or without BOM, then Big5 as Excel saves it


def read_text(path: Path, name: str, lang: str | None) -> str:
    """A data file's text in whichever of :data:`ENCODINGS` reads it."""
    if not path.is_file():
        raise DataError(name, t("data.missing_file", lang))
    raw = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(name, t("data.encoding", lang))


def _read_csv(path: Path, name: str, columns: tuple[str, ...], lang: str | None) -> pd.DataFrame:
    text = read_text(path, name, lang)
    frame = pd.read_csv(io.StringIO(text), dtype=str, skipinitialspace=True)
    frame.columns = [c.strip().lower() for c in frame.columns]
    for col in columns:
        if col not in frame.columns:
            raise DataError(name, t("data.no_column", lang, columns=", ".join(columns)), column=col)
    return frame


def _numbers(frame: pd.DataFrame, name: str, column: str, lang: str | None) -> pd.Series:
    text = frame[column].fillna("").str.replace(",", "").str.replace("NT$", "").str.strip()
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        row = int(bad.idxmax())
        raise DataError(name, t("data.number", lang, input=frame[column].iloc[row]),
                        row=row + 2, column=column)
    return values.astype(float)


def _dates(frame: pd.DataFrame, name: str, column: str, lang: str | None) -> pd.Series:
    text = frame[column].fillna("").str.strip().str.replace("/", "-")
    values = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    if values.isna().any():
        row = int(values.isna().idxmax())
        raise DataError(name, t("val.date", lang, input=frame[column].iloc[row]),
                        row=row + 2, column=column)
    return values


def _channels(frame: pd.DataFrame, name: str, known: tuple[str, ...] | None,
              lang: str | None) -> pd.Series:
    values = frame["channel"].fillna("").str.strip()
    if known is not None:
        unknown = ~values.isin(known)
        if unknown.any():
            row = int(unknown.idxmax())
            raise DataError(name, t("data.channel", lang, input=values.iloc[row],
                                    known="、".join(known)), row=row + 2, column="channel")
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
    return out


def weekly_history(path: Path, name: str, known: tuple[str, ...] | None = None,
                   lang: str | None = None) -> pd.DataFrame:
    """``week,channel,spend,results`` -> the same columns, week as a date."""
    frame = _read_csv(path, name, ("week", "channel", "spend", "results"), lang)
    return pd.DataFrame({"week": _dates(frame, name, "week", lang),
                         "channel": _channels(frame, name, known, lang),
                         "spend": _numbers(frame, name, "spend", lang),
                         "results": _numbers(frame, name, "results", lang)})
