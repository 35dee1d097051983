"""Platform exports in, one tidy table per kind out.

Kinds and their tidy columns:

- ``meta``   Meta Ads Manager, campaign x day: date, campaign, spend, impressions, reach, clicks,
  results (channel "Meta": Facebook and Instagram together)
- ``google`` Google Ads, campaign x day: date, campaign, spend (cost), impressions, clicks,
  results (conversions), value (conversion value) (channel "Google Ads")
- ``ga4``    GA4 report export (``#`` comment lines above the table): date, sessions, users,
  conversions, revenue
- ``orders`` shop orders, generic or Shopee-style: order_id, date, customer_id, amount
  (cancelled Shopee orders dropped)

Real files are messy and handled here: UTF-8 with or without BOM or Big5/CP950 from Excel,
title lines above the header, thousands separators, "NT$" prefixes, "--" for empty, totals
rows at the bottom, dates as 2026/11/01, 2026-11-01, 20261101 or 2026年11月1日. Headers may be
zh-TW or English. What cannot be read raises :class:`kit.data.DataError` naming file, row,
column and what was expected.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from kit.data import DataError, read_text
from kit.i18n import t

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "meta": {
        "campaign": ("campaign name", "行銷活動名稱", "廣告活動名稱"),
        "date": ("day", "reporting starts", "日", "天", "報告開始"),
        "spend": ("amount spent (twd)", "amount spent", "花費金額 (twd)", "花費金額"),
        "impressions": ("impressions", "曝光次數"),
        "reach": ("reach", "觸及人數"),
        "clicks": ("link clicks", "clicks (all)", "連結點擊次數", "點擊次數（全部）", "點擊次數"),
        "results": ("results", "成果"),
    },
    "google": {
        "campaign": ("campaign", "廣告活動"),
        "date": ("day", "date", "日期", "天"),
        "spend": ("cost", "費用", "成本"),
        "impressions": ("impr.", "impressions", "曝光", "曝光次數"),
        "clicks": ("clicks", "點擊", "點擊次數"),
        "results": ("conversions", "轉換", "轉換次數"),
        "value": ("conv. value", "conversion value", "all conv. value", "轉換價值"),
    },
    "ga4": {
        "date": ("date", "日期"),
        "sessions": ("sessions", "工作階段"),
        "users": ("total users", "active users", "users", "使用者總數", "活躍使用者", "使用者"),
        "conversions": ("conversions", "key events", "轉換", "重要事件"),
        "revenue": ("total revenue", "purchase revenue", "總收益", "購買收益"),
    },
    "orders": {
        "order_id": ("order_id", "order id", "order number", "訂單編號", "訂單號碼"),
        "date": ("date", "order date", "created at", "訂單日期", "訂單成立日期", "下單時間"),
        "customer_id": ("customer_id", "customer id", "customer", "顧客編號", "會員編號",
                        "買家帳號", "顧客"),
        "amount": ("amount", "total", "order total", "訂單金額", "訂單總金額", "總金額",
                   "買家總支付金額", "訂單小計 (twd)"),
        "status": ("status", "order status", "訂單狀態"),
    },
}
REQUIRED = {
    "meta": ("date", "campaign", "spend", "impressions", "clicks", "results"),
    "google": ("date", "campaign", "spend", "impressions", "clicks", "results"),
    "ga4": ("date", "sessions", "users"),
    "orders": ("order_id", "date", "customer_id", "amount"),
}
TEXT_COLUMNS = {"campaign", "order_id", "customer_id", "status"}
TOTAL_WORDS = ("total", "總計", "合計", "小計", "總和")
CANCELLED = ("不成立", "取消", "已取消", "cancelled", "canceled", "退款", "refunded")
EMPTY = {"", "--", "-", "—", "n/a", "nan", "none"}

_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%Y年%m月%d日")


def _number_schema(columns: tuple[str, ...]) -> dict[str, pa.Column]:
    return {c: pa.Column(float, pa.Check.ge(0), nullable=False) for c in columns}


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "meta": pa.DataFrameSchema({
        "date": pa.Column("datetime64[ns]"), "campaign": pa.Column(str), "channel": pa.Column(str),
        **_number_schema(("spend", "impressions", "reach", "clicks", "results"))}),
    "google": pa.DataFrameSchema({
        "date": pa.Column("datetime64[ns]"), "campaign": pa.Column(str), "channel": pa.Column(str),
        **_number_schema(("spend", "impressions", "clicks", "results", "value"))}),
    "ga4": pa.DataFrameSchema({
        "date": pa.Column("datetime64[ns]"),
        **_number_schema(("sessions", "users", "conversions", "revenue"))}),
    "orders": pa.DataFrameSchema({
        "order_id": pa.Column(str, unique=True), "date": pa.Column("datetime64[ns]"),
        "customer_id": pa.Column(str), "amount": pa.Column(float, pa.Check.ge(0))}),
}


def _norm(header: object) -> str:
    text = re.sub(r"\s+", " ", str(header).replace("\ufeff", "")).strip().lower()
    return text.replace("（", "(").replace("）", ")")


def _raw_rows(path: Path, name: str, lang: str | None) -> pd.DataFrame:
    """Every row as text, header not yet found (CSV in any of our encodings, or XLSX)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.is_file():
            raise DataError(name, t("data.missing_file", lang))
        frame = pd.read_excel(path, header=None, dtype=str)
    else:
        text = read_text(path, name, lang)
        lines = text.splitlines()
        frame = pd.read_csv(io.StringIO("\n".join(lines)), header=None, dtype=str,
                            skip_blank_lines=False, keep_default_na=False,
                            names=range(max(_fields(lines), 1)))
    return frame.fillna("")


def _fields(lines: list[str]) -> int:
    import csv

    return max((len(row) for row in csv.reader(lines)), default=0)


def _find_header(frame: pd.DataFrame, kind: str) -> tuple[int, dict[str, int]]:
    """Row index of the header and canonical column -> position, by alias matching."""
    aliases = ALIASES[kind]
    best: tuple[int, dict[str, int]] = (-1, {})
    for idx in range(min(len(frame), 30)):
        cells = [_norm(v) for v in frame.iloc[idx].tolist()]
        if cells and cells[0].startswith("#"):
            continue
        found = {}
        for canon, names in aliases.items():
            for pos, cell in enumerate(cells):
                if cell in names and canon not in found:
                    found[canon] = pos
        if len(found) > len(best[1]):
            best = (idx, found)
    return best


_CURRENCY = re.compile(r"^(NT\$|TWD|NTD|US\$|\$)\s*", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text -> floats: 'NT$1,234', '12.5%', '--' (0). Returns (numbers, unreadable mask)."""
    text = values.astype(str).str.strip()
    empty = text.str.lower().isin(EMPTY)
    cleaned = (text.str.replace(_CURRENCY, "", regex=True)
               .str.replace(r"[,， ]", "", regex=True).str.rstrip("%"))
    numbers = pd.to_numeric(cleaned.where(~empty, "0"), errors="coerce")
    return numbers.astype(float), numbers.isna()


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Text -> dates in any of the accepted forms. Returns (dates, empty mask, unreadable mask)."""
    text = values.astype(str).str.strip()
    empty = text.str.lower().isin(EMPTY)
    text = text.str.replace("/", "-").str.replace(".", "-").str.replace(_TIME_OF_DAY, "",
                                                                        regex=True)
    dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in _DATE_FORMATS:
        todo = dates.isna() & ~empty
        if not todo.any():
            break
        dates[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    return dates, empty, dates.isna() & ~empty


def read_export(path: Path | str, kind: str, name: str | None = None,
                lang: str | None = None) -> pd.DataFrame:
    """Read one export file into the tidy table of ``kind`` (meta, google, ga4, orders)."""
    path = Path(path)
    name = name or path.name
    frame = _raw_rows(path, name, lang)
    header_row, columns = _find_header(frame, kind)
    missing = [c for c in REQUIRED[kind] if c not in columns]
    if header_row < 0 or missing:
        wanted = " / ".join(ALIASES[kind][missing[0] if missing else REQUIRED[kind][0]][:2])
        raise DataError(name, t("data.no_column", lang, columns=wanted),
                        column=missing[0] if missing else "")
    body = frame.iloc[header_row + 1:].astype(str)
    body.index = range(header_row + 2, header_row + 2 + len(body))  # 1-based file lines
    stripped = body.apply(lambda col: col.str.strip())
    keep = ~(stripped == "").all(axis=1) & ~stripped.iloc[:, 0].str.startswith("#")
    keys = [stripped.iloc[:, columns[c]] for c in ("date", "campaign", "order_id")
            if c in columns]
    key_text = keys[0].str.cat(keys[1:], sep=" ").str.lower() if len(keys) > 1 else (
        keys[0].str.lower())
    keep &= ~key_text.str.contains("|".join(TOTAL_WORDS), regex=True)  # totals rows
    body = stripped[keep]

    dates, empty, bad = parse_dates(body.iloc[:, columns["date"]])
    if bad.any():
        line = int(bad.idxmax())
        raise DataError(name, t("val.date", lang, input=body.loc[line].iloc[columns["date"]]),
                        row=line, column=_header_name(frame, header_row, columns["date"]))
    body, dates = body[~empty], dates[~empty]  # summary rows without a date
    tidy = pd.DataFrame({"date": dates}, index=body.index)
    for canon, pos in columns.items():
        if canon == "date":
            continue
        if canon in TEXT_COLUMNS:
            tidy[canon] = body.iloc[:, pos]
            continue
        numbers, unreadable = parse_numbers(body.iloc[:, pos])
        if unreadable.any():
            line = int(unreadable.idxmax())
            raise DataError(name, t("data.number", lang, input=body.loc[line].iloc[pos]),
                            row=line, column=_header_name(frame, header_row, pos))
        tidy[canon] = numbers
    tidy["_line"] = tidy.index
    return _finish(tidy.reset_index(drop=True), kind, name, lang)


def _header_name(frame: pd.DataFrame, header_row: int, pos: int) -> str:
    return str(frame.iloc[header_row, pos]).strip()


def _finish(tidy: pd.DataFrame, kind: str, name: str, lang: str | None) -> pd.DataFrame:
    """Fill optional columns, drop cancelled orders, and validate against the kind's schema."""
    defaults = {"meta": ("reach",), "google": ("value",), "ga4": ("conversions", "revenue")}
    for col in defaults.get(kind, ()):
        if col not in tidy:
            tidy[col] = 0.0
    if kind == "meta":
        tidy["channel"] = "Meta"
    if kind == "google":
        tidy["channel"] = "Google Ads"
    if kind == "orders":
        if "status" in tidy:
            cancelled = tidy["status"].str.lower().str.contains("|".join(CANCELLED), regex=True)
            tidy = tidy[~cancelled].drop(columns="status")
        dup = tidy["order_id"].duplicated()
        if dup.any():
            row = tidy.loc[dup.idxmax()]
            raise DataError(name, t("data.duplicate", lang, input=row["order_id"]),
                            row=int(row["_line"]), column="order_id")
    tidy["date"] = pd.to_datetime(tidy["date"]).astype("datetime64[ns]")
    lines = tidy.pop("_line")
    schema = SCHEMAS[kind]
    tidy = tidy[list(schema.columns)]
    try:
        return schema.validate(tidy.reset_index(drop=True), lazy=False)
    except pa.errors.SchemaError as exc:
        index = exc.failure_cases["index"].iloc[0] if exc.failure_cases is not None else None
        line = int(lines.iloc[int(index)]) if index is not None and not pd.isna(index) else None
        column = getattr(exc.schema, "name", "") or ""
        case = exc.failure_cases["failure_case"].iloc[0] if exc.failure_cases is not None else ""
        message = (t("data.number", lang, input=f"{case:g}") if "greater_than" in str(exc.check)
                   else t("data.invalid", lang, problem=str(exc).splitlines()[0]))
        raise DataError(name, message, row=line, column=column) from exc


def read_exports(paths: list[tuple[str, str]], folder: Path, lang: str | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Several exports (kind, relative path) from a client folder, concatenated per kind."""
    out: dict[str, list[pd.DataFrame]] = {}
    for kind, rel in paths:
        out.setdefault(kind, []).append(read_export(folder / rel, kind, rel, lang))
    return {k: pd.concat(v, ignore_index=True) for k, v in out.items()}
