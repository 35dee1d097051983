"""The month's report numbers: the exports read (an unreadable one costs only what needs it),
KPI progress against the goals, advertising per channel line, budget against actual, the
automatic findings, the goals to revisit, and the numbers the owner was sent last month.

Names are codes here: an ad line is its platform and result kind (:class:`AdLine`), a KPI is
named by the consultant's metric, else the metric id; the views word both."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from kit import data, domain_inputs
from kit.analysis import goals as goals_analysis
from kit.analysis import plan as plan_analysis
from kit.analysis.context import Context, client_file
from kit.analysis.goals import KpiLine
from kit.data import DataError
from kit.domain import budget as budget_domain
from kit.domain import findings as fnd
from kit.domain import progress
from kit.domain.metrics import break_even_roas, roi, safe_div
from kit.domain.months import first_day, month_starts, next_month, previous_month
from kit.importers import deduplicate, read_export
from kit.profile import (
    BudgetSection,
    ClientInfo,
    GoalSpec,
    GoalsSection,
    PlanSection,
    ReportSection,
)
from kit.renderers import Rendered

#: Measures that count unique people: a month's figure is not the sum of its days (or of its
#: channels), so only an export's own monthly total is used.
NON_ADDITIVE = {("ga4", "users"), ("meta", "reach")}
_AD_COLUMNS = ["date", "channel", "spend", "impressions", "clicks", "results", "value", "result",
               "to_order", "line_result", "month"]


def snapshot_lang(numbers: dict[str, object], page: Path) -> str | None:
    """The language a snapshot was sent in: its numbers say so, an older one's page
    (``<html lang="…">``) does; None when neither is there to tell."""
    if numbers.get("lang"):
        return str(numbers["lang"])
    try:
        found = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8")[:2000])
    except OSError:
        return None
    return found.group(1) if found else None


@dataclass(frozen=True, slots=True)
class AdLine:
    """One line of the advertising table: a platform, and the kind of result its rows bring
    (``mixed`` when the platform brings two kinds: then each kind is its own line)."""

    channel: str
    result: str
    mixed: bool
    to_order: float | None  # the stated share of non-purchase results that order


@dataclass(frozen=True, slots=True)
class AdMonth:
    """One ad line's month: the sums of its rows (NaN when no row gives the figure)."""

    spend: float
    impressions: float
    clicks: float
    results: float
    value: float

    @property
    def cpa(self) -> float:
        """Spend per result."""
        return safe_div(self.spend, self.results)

    @property
    def roas(self) -> float:
        """Purchase value per unit of spend."""
        return safe_div(self.value, self.spend)


@dataclass(frozen=True, slots=True)
class AdHistory:
    """An ad line's months, oldest first; ROI and CPL of the report's month."""

    line: AdLine
    months: tuple[tuple[date, AdMonth], ...]
    roi: float  # NaN: unknown
    cpl: float  # NaN for purchases

    def month(self, which: date) -> AdMonth | None:
        """The line's figures for ``which`` (None when it did not run)."""
        return dict(self.months).get(which)


@dataclass(frozen=True, slots=True)
class KpiEntry:
    """A goal's KPI this month: its plan (from the goals analysis), status and monthly
    series (oldest first as they were found)."""

    plan: KpiLine
    status: progress.KpiStatus  # named like ``plan.kpi``
    series: tuple[tuple[date, float], ...]

    @property
    def spec(self) -> GoalSpec:
        """The goal as written."""
        return self.plan.check.spec


@dataclass(frozen=True, slots=True)
class AdFindings:
    """The findings of one ad line (their ``channel`` parameter is the line's platform)."""

    line: AdLine
    findings: tuple[fnd.Finding, ...]


@dataclass(frozen=True, slots=True)
class Sales:
    """The month's orders from the order export."""

    orders: int
    revenue: float
    customers: int


@dataclass(frozen=True, slots=True)
class Report(Rendered):
    """Everything the monthly report shows."""

    context: Context
    period: date
    section: ReportSection
    goals: tuple[GoalSpec, ...]
    sources: tuple[str, ...]  # export kinds read, in profile order
    missing: tuple[str, ...]  # one line per export that could not be read
    notes: tuple[str, ...]  # e.g. duplicate rows dropped
    unmeasured: tuple[str, ...]  # goals whose export could not be read this time
    not_addable: tuple[str, ...]  # goals on unique people whose export is daily
    kpis: tuple[KpiEntry, ...]
    ads: tuple[AdHistory, ...]
    break_even: float | None  # break-even ROAS from the budget's gross margin
    kpi_findings: tuple[fnd.Finding, ...]
    ad_findings: tuple[AdFindings, ...]
    overrun: fnd.Finding | None
    spend: tuple[budget_domain.PlanVsActual, ...]
    pilots: plan_analysis.Pilots | None  # the plan's pilots that ran this month
    proposals: tuple[tuple[KpiEntry, str], ...]  # goals to revisit: off_track_twice | met_early
    sales: Sales | None
    sent_json: str | None  # the numbers sent last month (its snapshot), when there is one

    @property
    def sent(self) -> dict[str, Any] | None:
        """The numbers sent last month, parsed."""
        if self.sent_json is None:
            return None
        found: dict[str, Any] = json.loads(self.sent_json)
        return found


class _Exports:
    """The report's export files read once: tables per kind, what failed and why."""

    def __init__(self, client: ClientInfo, section: ReportSection):
        lang = client.language
        out: dict[str, list[pd.DataFrame]] = {}
        self.missing: list[str] = []
        self.failed: set[str] = set()  # half of a kind's files would give wrong totals: none
        for e in section.exports:
            try:
                frame = read_export(client_file(client, e.file), e.kind, e.file, lang)
                if e.kind in ("meta", "google"):  # each row knows what its results are
                    frame["result"] = [e.campaigns.get(str(c), e.result) for c in
                                       frame.get("campaign", pd.Series(index=frame.index))]
                    frame["to_order"] = e.to_order if e.to_order is not None else math.nan
                out.setdefault(e.kind, []).append(frame)
            except DataError as exc:
                self.missing.append(str(exc))
                self.failed.add(e.kind)
        self.tables: dict[str, pd.DataFrame] = {}
        self.notes: list[str] = []
        for kind, frames in out.items():
            if kind in self.failed:
                continue
            try:
                self.tables[kind] = deduplicate(frames, kind, lang)
            except DataError as exc:
                self.missing.append(str(exc))
                self.failed.add(kind)
                continue
            self.notes += [str(n) for n in self.tables[kind].attrs.get("notes", [])]
        self.ads = self._ads()

    def _ads(self) -> pd.DataFrame:
        """Meta and Google rows together. Meta's export carries no revenue, so its value is
        NaN (no ROAS is invented from results that may be friend-adds, not purchases)."""
        frames = []
        for kind in ("meta", "google"):
            if kind in self.tables:
                frame = self.tables[kind].copy()
                if "value" not in frame:
                    frame["value"] = math.nan
                frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=_AD_COLUMNS)
        ads = pd.concat(frames, ignore_index=True)
        ads["month"] = month_starts(ads["date"])
        # a platform whose campaigns bring two kinds of result shows one line per kind:
        # friends and orders are never added up into one "results" figure
        kinds = ads.groupby("channel")["result"].nunique()
        mixed = ads["channel"].map(kinds) > 1
        ads["line_result"] = ads["result"].where(mixed, "")
        return ads

    def monthly(self, source: str) -> dict[date, float]:
        """A KPI source summed (or computed) per month: ga4.users, orders.count, ads.cpa, …"""
        kind, measure = source.split(".")
        if kind == "ads":
            g = self.ads.groupby("month")[["spend", "results"]].sum()
            values = safe_div(g["spend"], g["results"]) if measure == "cpa" else g[measure]
            return {m: float(v) for m, v in values.items() if not pd.isna(v)}
        frame = self.tables.get(kind)
        if frame is None:
            return {}
        months = month_starts(frame["date"])
        if (kind, measure) in NON_ADDITIVE and not (
                frame.attrs.get("granularity") == "month" and not months.duplicated().any()):
            return {}  # unique people per day or per channel do not add up to a month
        grouped = frame.groupby(months)
        if kind == "orders":
            values = {"count": grouped.size(), "revenue": grouped["amount"].sum(),
                      "customers": grouped["customer_id"].nunique()}[measure]
        else:
            values = grouped[measure].sum()
        return {m: float(v) for m, v in values.items()}


def monthly(client: ClientInfo, section: ReportSection, source: str) -> dict[date, float]:
    """A KPI source per month from the report's exports (ga4.users, orders.count, ads.cpa…)."""
    return _Exports(client, section).monthly(source)


def _lines(ads: pd.DataFrame) -> list[AdLine]:
    stated = ads[ads["to_order"].notna() & (ads["result"] != "purchase")]
    rates = {(str(c), str(r)): float(v) for c, r, v in zip(
        stated["channel"], stated["line_result"], stated["to_order"], strict=True)}
    kinds = {(str(c), str(r)): str(k) for c, r, k in zip(
        ads["channel"], ads["line_result"], ads["result"], strict=True)}
    return [AdLine(c, kinds[c, r], bool(r), rates.get((c, r))) for c, r in kinds]


def _ad_histories(exports: _Exports, period: date,
                  budget: BudgetSection | None) -> tuple[AdHistory, ...]:
    ads = exports.ads
    lines = {(a.channel, a.result if a.mixed else ""): a for a in _lines(ads)}
    cols = ["spend", "impressions", "clicks", "results", "value"]
    months: dict[tuple[str, str], list[tuple[date, AdMonth]]] = {}
    for (channel, kind, month), g in ads.groupby(["channel", "line_result", "month"]):
        sums = g[cols].sum(min_count=1)
        months.setdefault((str(channel), str(kind)), []).append(
            (month, AdMonth(*(float(sums[c]) for c in cols))))
    out = []
    for key, found in months.items():
        line = lines[key]
        now = dict(found).get(period)
        value_roi = cpl = math.nan
        if now is not None:
            value_roi, cpl = roi_cpl(line, now, budget)
        out.append(AdHistory(line, tuple(found), value_roi, cpl))
    return tuple(out)


def roi_cpl(line: AdLine, m: AdMonth, budget: BudgetSection | None) -> tuple[float, float]:
    """(ROI, CPL) of one ad line's month. ROI = (revenue - spend) / spend, with revenue the
    export's purchase value, or for another result type results x the stated share who order
    x the budget's order value; NaN (unknown) otherwise, never assumed. CPL (spend per
    friend, lead, inquiry…) only for non-purchase results."""
    if line.result == "purchase":
        return roi(m.value, m.spend), math.nan
    revenue = (m.results * line.to_order * budget.aov if line.to_order is not None and budget
               else math.nan)
    return roi(revenue, m.spend), safe_div(m.spend, m.results)


def _kpis(client: ClientInfo, period: date, section: ReportSection, goals: GoalsSection | None,
          exports: _Exports) -> tuple[KpiEntry, ...]:
    if not goals:
        return ()
    plan = goals_analysis.analyse(client, period, goals).kpis
    out = []
    bands = section.bands.model_dump()
    for line in plan.lines:
        spec, kpi = line.check.spec, line.kpi
        series = exports.monthly(spec.source) if spec.source else {}
        series.update({date.fromisoformat(f"{k}-01"): v for k, v in spec.actuals.items()})
        series.setdefault(first_day(kpi.start), kpi.baseline)
        if period not in series:
            continue
        status = progress.kpi_status(kpi.name, kpi.baseline, kpi.target, kpi.start,
                                     kpi.deadline, period, series, bands)
        out.append(KpiEntry(line, status, tuple(series.items())))
    return tuple(out)


def _spend(client: ClientInfo, period: date, budget: BudgetSection | None,
           ads: pd.DataFrame) -> tuple[budget_domain.PlanVsActual, ...]:
    """Planned vs actual spend per platform this month (every planned channel listed)."""
    if not budget:
        return ()
    planned = budget_domain.budget_split(domain_inputs.channels(budget), budget.monthly_budget)
    month = ads[ads["month"] == period]
    exported = month.groupby("channel")["spend"].sum().to_dict()
    weekly = None
    if budget.history:
        try:
            history = data.weekly_history(client_file(client, budget.history), budget.history,
                                          lang=client.language)
        except DataError:  # validated before the kernel; unreadable here means no data
            history = None
        if history is not None:
            weekly = budget_domain.month_share_of_weeks(history, period).to_dict()
    return tuple(budget_domain.plan_vs_actual(planned, exported, weekly))


def _proposals(period: date, section: ReportSection,
               kpis: tuple[KpiEntry, ...]) -> tuple[tuple[KpiEntry, str], ...]:
    """Goals the kit suggests revisiting: far off track this month and last, or met early
    (for the consultant to decide, never applied)."""
    out = []
    bands = section.bands.model_dump()
    before = previous_month(period)
    for k in kpis:
        s, kpi, series = k.status, k.plan.kpi, dict(k.series)
        if before in series and kpi.start <= before:
            last = progress.kpi_status(kpi.name, kpi.baseline, kpi.target, kpi.start,
                                       kpi.deadline, before, series, bands)
            if s.status == "off_track" and last.status == "off_track":
                out.append((k, "off_track_twice"))
                continue
        if kpi.deadline > period and not math.isnan(s.progress) and s.progress >= 1:
            out.append((k, "met_early"))
    return tuple(out)


def _sent(client: ClientInfo, period: date) -> str | None:
    """The numbers sent to the owner last month (its snapshot, in the same language)."""
    before = previous_month(period)
    lang = client.language
    # the same language's snapshot: report.en.json beside report.json (the client's own)
    for name in (f"report.{lang}", "report"):
        try:
            path = client_file(client, f"snapshots/{before:%Y-%m}/{name}.json")
        except DataError:
            continue
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            numbers = json.loads(text)
        except (OSError, ValueError):
            continue
        if snapshot_lang(numbers, path.with_suffix(".html")) in (lang, None):
            return text
    return None


def analyse(client: ClientInfo, period: date, section: ReportSection,
            goals: GoalsSection | None = None, budget: BudgetSection | None = None,
            plan: PlanSection | None = None) -> Report:
    """The report of ``period`` from the section's exports, against the goals, budget and plan."""
    context = Context.of(client)
    exports = _Exports(client, section)
    specs = tuple(goals.goals) if goals else ()
    kinds = {"ga4": {"ga4"}, "orders": {"orders"}, "ads": {"meta", "google"}}
    unmeasured = tuple(g.metric for g in specs if g.metric and g.source
                       and kinds[g.source.split(".")[0]] & exports.failed)
    not_addable = tuple(g.metric for g in specs if g.metric and g.source
                        and tuple(g.source.split(".")) in NON_ADDITIVE
                        and g.source.split(".")[0] in exports.tables
                        and not exports.monthly(g.source))
    kpis = _kpis(client, period, section, goals, exports)
    ads = _ad_histories(exports, period, budget)
    be = break_even_roas(budget.gross_margin) if budget else None
    before = previous_month(period)
    ad_findings = []
    for h in ads:
        now, last = h.month(period), h.month(before)
        if now is not None and last is not None:
            ad_findings.append(AdFindings(h.line, tuple(fnd.ad_findings(
                h.line.channel, _sums(now), _sums(last), be))))
    spend = _spend(client, period, budget, exports.ads)
    spent = sum(r.actual for r in spend if r.source != "none")
    overrun = None
    if budget and spent > budget.monthly_budget:
        overrun = fnd.Finding("challenge", "finding.overrun", {
            "spent": spent, "budget": budget.monthly_budget,
            "over": spent - budget.monthly_budget})
    pilots = (plan_analysis.pilots_between(context, plan, period, next_month(period))
              if plan else None)
    orders = exports.tables.get("orders")
    sales = None
    if orders is not None:
        month = orders[month_starts(orders["date"]) == period]
        sales = Sales(len(month), float(month["amount"].sum()),
                      int(month["customer_id"].nunique()))
    return Report(context, period, section, specs, tuple(exports.tables), tuple(exports.missing),
                  tuple(exports.notes), unmeasured, not_addable, kpis, ads, be,
                  tuple(fnd.kpi_findings([k.status for k in kpis])), tuple(ad_findings), overrun,
                  spend, pilots, _proposals(period, section, kpis), sales, _sent(client, period))


def _sums(m: AdMonth) -> dict[str, float]:
    return {"spend": m.spend, "impressions": m.impressions, "clicks": m.clicks,
            "results": m.results, "value": m.value}
