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

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from kit.data import (
    DataError,
    Record,
    check_widths,
    nfkc,
    parse_dates,
    parse_months,
    parse_numbers,
    read_records,
)
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
        "date": ("day", "date", "日", "日期", "天"),
        "spend": ("cost", "費用", "成本"),
        "impressions": ("impr.", "impressions", "曝光", "曝光次數"),
        "clicks": ("clicks", "點擊", "點擊次數"),
        "results": ("conversions", "轉換", "轉換次數"),
        "value": ("conv. value", "conversion value", "all conv. value", "轉換價值",
                  "所有轉換價值"),
    },
    "ga4": {
        "date": ("date", "日期"),
        "month": ("year month", "month of the year", "年月", "年份和月份"),
        "sessions": ("sessions", "工作階段"),
        "users": ("total users", "active users", "users", "使用者總數", "活躍使用者", "使用者"),
        "conversions": ("conversions", "key events", "轉換", "重要事件"),
        "revenue": ("total revenue", "purchase revenue", "總收益", "購買收益"),
    },
    "orders": {
        "order_id": ("order_id", "order id", "order number", "order no.", "訂單編號",
                     "訂單號碼"),
        "date": ("date", "order_date", "order date", "created at", "created_at", "訂單日期",
                 "訂單成立日期", "訂購日期", "下單時間", "下單日期"),
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
CANCELLED = ("不成立", "取消", "已取消", "cancelled", "canceled", "退款", "refunded")


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
    text = re.sub(r"\s+", " ", nfkc(str(header)).replace("\ufeff", "")).strip().lower()
    return text.replace("（", "(").replace("）", ")")


def _match(cells: tuple[str, ...], kind: str) -> dict[str, int]:
    """Canonical column -> position for the cells of a candidate header row."""
    found: dict[str, int] = {}
    normed = [_norm(c) for c in cells]
    for canon, names in ALIASES[kind].items():
        for pos, cell in enumerate(normed):
            if cell in names and canon not in found:
                found[canon] = pos
    return found


_NUMERIC_CELL = re.compile(r"^[-+$NT\d.,%/:萬 年月日]+$")


def _header_like(rec: Record) -> bool:
    """True for a row of names (a new table's header), not of numbers or dates."""
    cells = [nfkc(c).strip() for c in rec.cells if c.strip()]
    return bool(cells) and not any(_NUMERIC_CELL.match(c) for c in cells)


def _find_header(records: list[Record], kind: str) -> tuple[int, dict[str, int]]:
    """Index of the best header row and canonical column -> position.

    Candidates are the first rows (title lines may sit above the header) and every row that
    starts a new table (after a blank or ``#`` line): GA4 writes two tables in one file.
    """
    best: tuple[int, dict[str, int]] = (-1, {})
    required = set(REQUIRED[kind]) - {"date"}
    after_break = True
    for idx, rec in enumerate(records):
        if rec.blank or rec.comment:
            after_break = True
            continue
        if idx < 30 or after_break:
            found = _match(rec.cells, kind)
            score = (required <= set(found), "date" in found, len(found))
            if score > (required <= set(best[1]), "date" in best[1], len(best[1])):
                best = (idx, found)
        after_break = False
    return best


def _body(records: list[Record], header_idx: int) -> list[Record]:
    """The header's table: rows below it up to the next table (a header-like row after a
    blank line) or ``#`` comment; blank rows skipped."""
    out, after_blank = [], False
    for rec in records[header_idx + 1:]:
        if rec.comment:
            break
        if rec.blank:
            after_blank = True
            continue
        if after_blank and _header_like(rec):
            break
        out.append(rec)
        after_blank = False
    return out


_TOTALS = re.compile(r"^(total|grand total|總計|合計|小計|總和|總數)", re.IGNORECASE)
_RANGE = re.compile(r"(開始日期|start date|結束日期|end date)\s*[:：]\s*(\d{8})", re.IGNORECASE)


def _report_range(records: list[Record]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """GA4's ``# Start date: 20261101`` / ``# End date: …`` comment lines, if present."""
    found: dict[str, pd.Timestamp] = {}
    for rec in records:
        if rec.comment:
            m = _RANGE.search(nfkc(",".join(rec.cells)))
            if m:
                key = "start" if m.group(1).lower() in ("開始日期", "start date") else "end"
                found[key] = pd.to_datetime(m.group(2), format="%Y%m%d", errors="coerce")
    if "start" in found and "end" in found and not pd.isna(found["start"]):
        return found["start"], found["end"]
    return None


def read_export(path: Path | str, kind: str, name: str | None = None,
                lang: str | None = None) -> pd.DataFrame:
    """Read one export file into the tidy table of ``kind`` (meta, google, ga4, orders).

    The result's ``attrs``: ``lines`` (the file line of each row) and ``notes`` (warnings
    for the reader of the report, e.g. exact duplicate rows dropped).
    """
    path = Path(path)
    name = name or path.name
    records = read_records(path, name, lang)
    if all(r.blank for r in records):
        raise DataError(name, t("data.empty", lang))
    header_idx, columns = _find_header(records, kind)
    missing = [c for c in REQUIRED[kind] if c not in columns and not
               (c == "date" and "month" in columns)]
    span = _report_range(records) if kind == "ga4" else None
    if missing == ["date"] and span is not None:
        if (span[0].year, span[0].month) != (span[1].year, span[1].month):
            raise DataError(name, t("data.ga4_no_date", lang), column="date")
        missing = []
    if header_idx < 0 or missing:
        wanted = " / ".join(ALIASES[kind][missing[0] if missing else REQUIRED[kind][0]][:2])
        raise DataError(name, t("data.no_column", lang, columns=wanted),
                        column=missing[0] if missing else "")
    header = records[header_idx]
    body = _body(records, header_idx)
    keys = [columns[c] for c in ("date", "campaign", "order_id") if c in columns] + [0]
    body = [r for r in body
            if not any(_TOTALS.match(nfkc(r.cells[k]).strip()) for k in keys
                       if k < len(r.cells))]
    if not body:
        raise DataError(name, t("data.no_rows", lang))
    check_widths(body, header, name, lang)
    width = len(header.cells)
    frame = pd.DataFrame([list(r.cells[:width]) + [""] * (width - len(r.cells)) for r in body],
                         index=[r.line for r in body], dtype=str)
    frame = frame.apply(lambda col: col.str.strip())

    def heading(pos: int) -> str:
        return header.cells[pos].strip()

    def dates_in(column: str, parse, message: str) -> pd.Series:
        dates, empty, bad = parse(frame[columns[column]])
        bad |= empty
        if bad.any():
            line = int(bad.idxmax())
            raise DataError(name, t(message, lang, input=frame.at[line, columns[column]]),
                            row=line, column=heading(columns[column]))
        return dates

    granularity = "day"
    if "date" not in columns and "month" in columns:  # GA4 by 年月: each row is a month
        granularity = "month"
        dates = dates_in("month", parse_months, "val.month")
    elif "date" in columns:
        dates = dates_in("date", parse_dates, "val.date")
    else:  # GA4 table without a date column, for one month: its rows are that month's
        granularity = "month"
        dates = pd.Series(span[0], index=frame.index, dtype="datetime64[ns]")
    tidy = pd.DataFrame({"date": dates}, index=frame.index)
    for canon, pos in columns.items():
        if canon in ("date", "month"):
            continue
        if canon in TEXT_COLUMNS:
            tidy[canon] = frame[pos]
            continue
        numbers, unreadable = parse_numbers(frame[pos])
        if unreadable.any():
            line = int(unreadable.idxmax())
            raise DataError(name, t("data.number", lang, input=frame.at[line, pos]),
                            row=line, column=heading(pos))
        tidy[canon] = numbers
    tidy["_line"] = tidy.index
    out = _finish(tidy.reset_index(drop=True), kind, name, lang)
    out.attrs["granularity"] = granularity
    return out


def _finish(tidy: pd.DataFrame, kind: str, name: str, lang: str | None) -> pd.DataFrame:
    """Fill optional columns, drop cancelled orders and exact duplicates, validate."""
    defaults = {"meta": ("reach",), "google": ("value",), "ga4": ("conversions", "revenue")}
    for col in defaults.get(kind, ()):
        if col not in tidy:
            tidy[col] = 0.0
    if kind == "meta":
        tidy["channel"] = "Meta"
    if kind == "google":
        tidy["channel"] = "Google Ads"
    if kind == "orders" and "status" in tidy:
        cancelled = tidy["status"].str.lower().str.contains("|".join(CANCELLED), regex=True)
        tidy = tidy[~cancelled].drop(columns="status")
    tidy["date"] = pd.to_datetime(tidy["date"]).astype("datetime64[ns]")
    schema = SCHEMAS[kind]
    lines = tidy["_line"]
    tidy = tidy[list(schema.columns)].reset_index(drop=True)
    lines = lines.reset_index(drop=True)
    try:
        valid = schema.validate(tidy, lazy=False) if kind != "orders" else _orders_schema(tidy)
    except pa.errors.SchemaError as exc:
        index = exc.failure_cases["index"].iloc[0] if exc.failure_cases is not None else None
        line = int(lines.iloc[int(index)]) if index is not None and not pd.isna(index) else None
        column = getattr(exc.schema, "name", "") or ""
        case = exc.failure_cases["failure_case"].iloc[0] if exc.failure_cases is not None else ""
        message = (t("data.number", lang, input=f"{case:g}") if "greater_than" in str(exc.check)
                   else t("data.invalid", lang, problem=str(exc).splitlines()[0]))
        raise DataError(name, message, row=line, column=column) from exc
    valid.attrs = {"lines": SourceLines((name, int(n)) for n in lines), "notes": []}
    return deduplicate([valid], kind, lang)


class SourceLines(tuple):
    """Where each row came from, ``(file, line)`` per row, kept in a frame's ``attrs``.

    Immutable, so it is shared rather than copied: pandas deep-copies ``attrs`` on nearly
    every operation, which for a plain list of one pair per row cost more than the
    operations themselves (a customers report spent most of its time copying it).
    """

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> SourceLines:
        return self


def _orders_schema(tidy: pd.DataFrame) -> pd.DataFrame:
    """Orders are validated without the unique order id check: duplicates are handled (and
    explained) by :func:`deduplicate`."""
    schema = SCHEMAS["orders"].update_column("order_id", unique=False)
    return schema.validate(tidy, lazy=False)


def deduplicate(frames: list[pd.DataFrame], kind: str, lang: str | None) -> pd.DataFrame:
    """Tables of one kind (from :func:`read_export`) as one: exact duplicate rows (an overlap
    between two downloads) dropped and counted in a note; for orders, one order id with two
    different contents is an error naming both places."""
    lines = [place for f in frames for place in f.attrs.get("lines", [])]
    notes = [note for f in frames for note in f.attrs.get("notes", [])]
    data = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].copy()
    data.attrs = {}
    dup = data.duplicated(keep="first")
    if dup.any():
        first = lines[int(dup.idxmax())]
        notes.append(t("data.duplicates_dropped", lang, n=int(dup.sum()), file=first[0],
                       row=first[1]))
        keep = ~dup
        data = data[keep].reset_index(drop=True)
        lines = [place for place, k in zip(lines, keep, strict=True) if k]
    if kind == "orders":
        clash = data["order_id"].duplicated(keep=False)
        if clash.any():
            order_id = data.loc[clash.idxmax(), "order_id"]
            where = [lines[i] for i in data.index[data["order_id"] == order_id]]
            other = f"{where[0][0]}:{where[0][1]}"
            raise DataError(where[1][0], t("data.duplicate", lang, input=order_id,
                                           other=other), row=where[1][1], column="order_id")
    grains = {f.attrs.get("granularity", "day") for f in frames}
    data.attrs = {"lines": SourceLines(lines), "notes": notes,
                  "granularity": grains.pop() if len(grains) == 1 else "mixed"}
    return data


def read_exports(paths: list[tuple[str, str]], folder: Path, lang: str | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Several exports (kind, relative path) from a client folder, concatenated per kind."""
    out: dict[str, list[pd.DataFrame]] = {}
    for kind, rel in paths:
        out.setdefault(kind, []).append(read_export(folder / rel, kind, rel, lang))
    return {k: deduplicate(v, k, lang) for k, v in out.items()}
