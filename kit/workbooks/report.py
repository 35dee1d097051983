"""The periodic client report: KPI progress against the goals, trends, advertising by channel,
budget vs actual, findings in plain words, the consultant's own text, and a glossary."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, data, domain_inputs, fmt
from kit.analysis import goals as goals_analysis
from kit.analysis import plan as plan_analysis
from kit.analysis.context import Context
from kit.data import DataError
from kit.domain import budget as budget_domain
from kit.domain import findings as fnd
from kit.domain import progress
from kit.domain.kpi import monthly_path, required_monthly_rate
from kit.domain.metrics import break_even_roas, roi, safe_div
from kit.domain.months import (
    a_year_before,
    first_day,
    month_starts,
    months_between,
    next_month,
    previous_month,
)
from kit.i18n import t
from kit.importers import deduplicate, read_export
from kit.params import ReportParams
from kit.profile import (
    RESULT_LABELS,
    RESULT_WORDS,
    BudgetSection,
    GoalsSection,
    PlanSection,
    ReportSection,
)
from kit.views import goals as goals_views
from kit.views import plan as plan_views
from kit.workbooks.base import Book

GLOSSARY_TERMS = ("KPI", "CPA", "ROAS", "break_even_roas")
NUMBERS_MIME = "application/vnd.kit.numbers+json"
#: Measures that count unique people: a month's figure is not the sum of its days (or of its
#: channels), so only an export's own monthly total is used.
NON_ADDITIVE = {("ga4", "users"), ("meta", "reach")}
STATUS_TONE = {"on_track": "good", "at_risk": "warn", "off_track": "bad", "unknown": "neutral"}
STATUS_WORDS = {"on_track": "report.status.on_track", "at_risk": "report.status.at_risk",
                "off_track": "report.status.off_track", "unknown": "report.status.unknown"}
SOURCE_WORDS = {"meta": "report.source.meta", "google": "report.source.google",
                "ga4": "report.source.ga4", "orders": "report.source.orders"}
TAKEAWAY_WORDS = {"on_track": "report.takeaway.on_track", "at_risk": "report.takeaway.at_risk",
                  "off_track": "report.takeaway.off_track", "unknown": "report.takeaway.unknown"}
SPEND_WORDS = {"under": "report.spend.under", "on_plan": "report.spend.on_plan",
               "over": "report.spend.over", "no_data": "report.spend.no_data",
               "estimated": "report.spend.estimated", "missing": "report.spend.missing"}
FOLLOWUP_WORDS = {"done": "report.followup.done", "not_done": "report.followup.not_done",
                  "moved": "report.followup.moved", "dropped": "report.followup.dropped",
                  "unknown": "report.followup.unknown"}


def snapshot_lang(numbers: dict[str, object], page: Path) -> str | None:
    """The language a snapshot was sent in: its numbers say so, an older one's page
    (``<html lang="…">``) does; None when neither is there to tell."""
    import re

    if numbers.get("lang"):
        return str(numbers["lang"])
    try:
        found = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8")[:2000])
    except OSError:
        return None
    return found.group(1) if found else None


@dataclass(frozen=True)
class ReportBook(Book):
    """The month's report for one client."""

    section: ReportSection
    goals: GoalsSection | None = None
    budget: BudgetSection | None = None
    plan: PlanSection | None = None
    PARAMS = ReportParams
    SECTION = "report"
    GLOSSARY_TERMS = GLOSSARY_TERMS

    @classmethod
    def from_params(cls, **parameters: object) -> ReportBook:
        """Build from the template's parameters (goals and budget sections included)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.report, p.goals, p.budget, p.plan)

    # --- data -------------------------------------------------------------------------

    @cached_property
    def _loaded(self) -> tuple[dict[str, pd.DataFrame], list[str], list[str]]:
        """(tidy tables per kind, exports that could not be read, notes such as duplicate
        rows dropped). An unreadable export costs only the sections that need its data."""
        out: dict[str, list[pd.DataFrame]] = {}
        missing: list[str] = []
        failed: set[str] = set()  # half of a kind's files would give wrong totals: none
        for e in self.section.exports:
            try:
                frame = read_export(self.data_path(e.file), e.kind, e.file, self.lang)
                if e.kind in ("meta", "google"):  # each row knows what its results are
                    frame["result"] = [e.campaigns.get(str(c), e.result) for c in
                                       frame.get("campaign", pd.Series(index=frame.index))]
                    frame["to_order"] = e.to_order if e.to_order is not None else math.nan
                out.setdefault(e.kind, []).append(frame)
            except DataError as exc:
                missing.append(str(exc))
                failed.add(e.kind)
        tables, notes = {}, []
        self._failed_kinds.update(failed)
        for kind, frames in out.items():
            if kind in failed:
                continue
            try:
                tables[kind] = deduplicate(frames, kind, self.lang)
            except DataError as exc:
                missing.append(str(exc))
                self._failed_kinds.add(kind)
                continue
            notes += tables[kind].attrs.get("notes", [])
        return tables, missing, notes

    @property
    def exports(self) -> dict[str, pd.DataFrame]:
        """Tidy tables per export kind (files relative to the client's folder)."""
        return self._loaded[0]

    @cached_property
    def _failed_kinds(self) -> set[str]:
        return set()

    def unmeasured(self) -> list[str]:
        """Goals whose actuals come from an export that could not be read this time."""
        self._loaded  # noqa: B018 - reading the exports fills _failed_kinds
        goals = self.goals.goals if self.goals else []
        kinds = {"ga4": {"ga4"}, "orders": {"orders"}, "ads": {"meta", "google"}}
        return [g.metric for g in goals if g.metric and g.source
                and kinds[g.source.split(".")[0]] & self._failed_kinds]

    def not_addable(self) -> list[str]:
        """Goals on unique people (GA4 users) whose export is daily: no monthly figure."""
        goals = self.goals.goals if self.goals else []
        return [g.metric for g in goals if g.metric and g.source
                and tuple(g.source.split(".")) in NON_ADDITIVE
                and g.source.split(".")[0] in self.exports and not self.monthly(g.source)]

    @property
    def missing(self) -> list[str]:
        """One line per export that could not be read (file, row, column, why)."""
        return self._loaded[1]

    @cached_property
    def ads(self) -> pd.DataFrame:
        """Meta and Google rows together. Meta's export carries no revenue, so its value is
        NaN (no ROAS is invented from results that may be friend-adds, not purchases)."""
        frames = []
        for kind in ("meta", "google"):
            if kind in self.exports:
                frame = self.exports[kind].copy()
                if "value" not in frame:
                    frame["value"] = math.nan
                frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=["date", "channel", "spend", "impressions", "clicks",
                                         "results", "value", "result", "to_order", "label",
                                         "month"])
        ads = pd.concat(frames, ignore_index=True)
        ads["month"] = month_starts(ads["date"])
        # a platform whose campaigns bring two kinds of result shows one line per kind:
        # friends and orders are never added up into one "results" figure
        kinds = ads.groupby("channel")["result"].nunique()
        mixed = ads["channel"].map(kinds) > 1
        ads["label"] = ads["channel"].where(~mixed, ads["channel"] + ads["result"].map(
            lambda r: fmt.paren(t(RESULT_LABELS[r], self.lang), self.lang)))
        return ads

    def monthly(self, source: str) -> dict[date, float]:
        """A KPI source summed (or computed) per month: ga4.users, orders.count, ads.cpa, …"""
        kind, measure = source.split(".")
        if kind == "ads":
            g = self.ads.groupby("month")[["spend", "results"]].sum()
            values = safe_div(g["spend"], g["results"]) if measure == "cpa" else g[measure]
            return {m: float(v) for m, v in values.items() if not pd.isna(v)}
        frame = self.exports.get(kind)
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

    @cached_property
    def kpis(self) -> list[tuple[object, progress.KpiStatus, dict[date, float]]]:
        """(goal spec, status, monthly series) for every goal with a plan and some actuals."""
        if not self.goals:
            return []
        plan = goals_analysis.analyse(self.client, self.period, self.goals).kpis
        out = []
        bands = self.section.bands.model_dump()
        for line in plan.lines:
            spec, kpi = line.check.spec, replace(line.kpi,
                                                 name=goals_views.kpi_name(line, self.lang))
            series = self.monthly(spec.source) if spec.source else {}
            series.update({date.fromisoformat(f"{k}-01"): v for k, v in spec.actuals.items()})
            series.setdefault(first_day(kpi.start), kpi.baseline)
            if self.period not in series:
                continue
            status = progress.kpi_status(kpi.name, kpi.baseline, kpi.target, kpi.start,
                                       kpi.deadline, self.period, series, bands)
            out.append((spec, status, series, kpi))
        return out

    @cached_property
    def result_types(self) -> dict[str, str]:
        """What each ad line's "results" are (from the exports and their campaigns)."""
        return dict(zip(self.ads["label"], self.ads["result"], strict=True))

    @cached_property
    def channel_months(self) -> dict[str, dict[date, dict[str, float]]]:
        """Per channel, per month: spend, impressions, clicks, results, value."""
        out: dict[str, dict[date, dict[str, float]]] = {}
        cols = ["spend", "impressions", "clicks", "results", "value"]
        for (label, month), g in self.ads.groupby(["label", "month"]):
            out.setdefault(label, {})[month] = g[cols].sum(min_count=1).to_dict()
        return out

    @cached_property
    def order_rates(self) -> dict[str, float]:
        """The stated share of a non-purchase line's results that order, per ad line."""
        stated = self.ads[self.ads["to_order"].notna() & (self.ads["result"] != "purchase")]
        return dict(zip(stated["label"], stated["to_order"].astype(float), strict=True))

    def roi_cpl(self, channel: str, m: dict[str, float]) -> tuple[float, float]:
        """(ROI, CPL) of one channel's month. ROI = (revenue - spend) / spend, with revenue
        the export's purchase value, or for another result type results x the stated share
        who order x the budget's order value; NaN (unknown) otherwise, never assumed. CPL
        (spend per friend, lead, inquiry…) only for non-purchase results."""
        kind = self.result_types.get(channel, "purchase")
        if kind == "purchase":
            return roi(m["value"], m["spend"]), math.nan
        rate = self.order_rates.get(channel)
        revenue = (m["results"] * rate * self.budget.aov if rate is not None and self.budget
                   else math.nan)
        return roi(revenue, m["spend"]), safe_div(m["spend"], m["results"])

    @property
    def break_even(self) -> float | None:
        """Break-even ROAS from the budget section's gross margin, when known."""
        return break_even_roas(self.budget.gross_margin) if self.budget else None

    @cached_property
    def findings(self) -> list[fnd.Finding]:
        """Automatic findings: ad channels month on month, KPIs, budget overrun."""
        out = fnd.kpi_findings([s for _, s, _, _ in self.kpis])
        before = previous_month(self.period)
        for channel, months in self.channel_months.items():
            if self.period in months and before in months:
                out += fnd.ad_findings(channel, months[self.period], months[before],
                                       self.break_even)
        spent = sum(r.actual for r in self.spend_plan if r.source != "none")
        if self.budget and spent > self.budget.monthly_budget:
            out.append(fnd.Finding("challenge", "finding.overrun", {
                "spent": spent, "budget": self.budget.monthly_budget,
                "over": spent - self.budget.monthly_budget}))
        return out

    def finding_text(self, f: fnd.Finding) -> str:
        """A finding as a sentence with its numbers formatted."""
        p = dict(f.params)
        for key in ("cpa", "ctr", "cvr"):
            if key in p:
                p[key] = fmt.pct(abs(p[key]), 0)
        for key in ("progress", "expected"):
            if key in p:
                p[key] = fmt.pct(p[key], 0)
        for key in ("roas", "be"):
            if key in p:
                p[key] = fmt.number(p[key], 2)
        for key in ("spent", "budget", "over"):
            if key in p:
                p[key] = self.money(p[key])
        return t(f.code, self.lang, **p)

    # --- sections ---------------------------------------------------------------------

    def intro_html(self) -> Markup:
        """Title with the month, what the report is, where the numbers come from."""
        lang = self.lang
        sources = fmt.join((t(SOURCE_WORDS[k], lang) for k in self.exports), lang)
        out = blocks.section(t("report.title", lang, month=fmt.month(self.period, lang)),
                           t("report.intro", lang), level=1)
        out += (blocks.paragraph(t("report.sources", lang, sources=sources), cls="kit-muted")
                if sources else "")
        if self.missing:
            out += blocks.paragraph(t("report.missing", lang), cls="kit-alert")
            out += blocks.bullet_list(self.missing)
        for note in self._loaded[2]:
            out += blocks.paragraph(note, cls="kit-muted")
        return out

    def _list(self, title: str, auto: list[str], own: list[str]) -> str:
        items = auto + own
        return blocks.section(t(title, self.lang)) + (
            blocks.bullet_list(items) if items else blocks.paragraph(t("report.none", self.lang)))

    def highlights_html(self) -> Markup:
        """Good news: automatic highlights, then the consultant's."""
        auto = [self.finding_text(f) for f in self.findings if f.kind == "highlight"]
        return self._list("report.highlights.title", auto, self.section.highlights)

    def challenges_html(self) -> Markup:
        """Problems and what the numbers suggest, then the consultant's own notes."""
        auto = [self.finding_text(f) for f in self.findings if f.kind == "challenge"]
        return self._list("report.challenges.title", auto, self.section.challenges)

    def step_text(self, step) -> str:
        """A next step with who does it, by when and the KPI it should move."""
        lang, parts = self.lang, []
        if step.owner:
            parts.append(t("report.step.owner", lang, owner=step.owner))
        if step.due:
            parts.append(t("report.step.due", lang, due=fmt.day(step.due, lang)))
        if step.kpi:
            parts.append(t("report.step.kpi", lang, kpi=step.kpi))
        return step.text + (fmt.paren(fmt.join(parts, lang), lang) if parts else "")

    def next_html(self) -> Markup:
        """The consultant's next steps, each with owner, due date and KPI when given."""
        return self._list("report.next.title", [],
                          [self.step_text(s) for s in self.section.next_steps])

    def follow_ups(self) -> list[dict]:
        """Last month's next steps (from what the owner was sent) with their status this
        month, the KPI movement since, and whether they are overdue."""
        sent = self.sent_before
        if not sent or not sent.get("next_steps"):
            return []
        recorded = {f.step: f for f in self.section.follow_up}
        month = date.fromisoformat(sent["period"][:10])
        series = {s.name: (values, spec.unit) for spec, s, values, _ in self.kpis}
        end = next_month(self.period)
        out = []
        for step in sent["next_steps"]:
            follow = recorded.get(step["text"])
            status = follow.status if follow else "unknown"
            due = date.fromisoformat(step["due"]) if step.get("due") else None
            moved = None
            if step.get("kpi") in series:
                values, unit = series[step["kpi"]]
                before, now = values.get(month), values.get(self.period)
                if before is not None and now is not None:
                    moved = (step["kpi"], before, now, unit)
            out.append({"text": step["text"], "owner": step.get("owner"), "due": due,
                        "status": status, "note": follow.note if follow else "",
                        "moved_to": follow.moved_to if follow else None, "kpi": moved,
                        "overdue": bool(due and due < end and status not in ("done",
                                                                             "dropped"))})
        return out

    def followup_html(self) -> Markup:
        """"Last month we said … — done / not done / moved, and what it changed"."""
        items = self.follow_ups()
        if not items:
            return Markup()
        lang, cur = self.lang, self.client.currency
        tone = {"done": "good", "not_done": "bad", "moved": "warn", "dropped": "neutral",
                "unknown": "neutral"}
        out = blocks.section(t("report.followup.title", lang), t("report.followup.intro", lang))
        for f in items:
            line = blocks.join((f["text"], blocks.badge(t(FOLLOWUP_WORDS[f["status"]], lang),
                                                    tone[f["status"]])), " ")
            if f["overdue"]:
                line += Markup(" ") + blocks.badge(t("report.followup.overdue", lang, due=fmt.day(
                    f["due"], lang)), "bad")
            details = []
            if f["moved_to"]:
                details.append(t("report.followup.moved_to", lang,
                                 due=fmt.day(f["moved_to"], lang)))
            if f["note"]:
                details.append(f["note"])
            if f["kpi"]:
                name, before, now, unit = f["kpi"]
                details.append(t("report.followup.kpi", lang, kpi=name,
                                 before=fmt.with_unit(before, unit, cur),
                                 now=fmt.with_unit(now, unit, cur),
                                 change=fmt.pct(progress.change(now, before), 1, True)))
            if details:
                line += Markup("<br><span class='kit-muted'>{}</span>").format(
                    fmt.join(details, lang, "semicolon"))
            out += blocks.paragraph(line, "kit-followup")
        return out

    def revisions_html(self) -> Markup:
        """Every recorded change of a goal's target or deadline, with its reason."""
        goals = self.goals.goals if self.goals else []
        lines = [goals_views.revision_text(g, r, self.lang, self.client.currency)
                 for g in goals for r in g.revisions]
        if not lines:
            return Markup()
        return (blocks.section(t("goals.revisions.title", self.lang), level=3)
                + blocks.bullet_list(lines))

    def proposals(self) -> list[tuple[str, str]]:
        """Goals the kit suggests revisiting: far off track this month and last, or met
        early. (name, reason code) — for the consultant to decide, never applied."""
        out = []
        bands = self.section.bands.model_dump()
        before = previous_month(self.period)
        for _, s, series, kpi in self.kpis:
            if before in series and kpi.start <= before:
                last = progress.kpi_status(kpi.name, kpi.baseline, kpi.target, kpi.start,
                                         kpi.deadline, before, series, bands)
                if s.status == "off_track" and last.status == "off_track":
                    out.append((s.name, "off_track_twice"))
                    continue
            if kpi.deadline > self.period and not math.isnan(s.progress) and s.progress >= 1:
                out.append((s.name, "met_early"))
        return out

    def kpi_html(self) -> Markup:
        """KPI table with progress, expected progress, traffic light and projection."""
        lang = self.lang
        out = blocks.section(t("report.kpi.title", lang), t("report.kpi.intro", lang))
        for metric in self.unmeasured():
            out += blocks.paragraph(t("report.kpi.no_data", lang, kpi=metric), cls="kit-alert")
        for metric in self.not_addable():
            out += blocks.paragraph(t("report.nonadditive", lang, kpi=metric), cls="kit-alert")
        if not self.kpis:
            return out + blocks.paragraph(t("report.none", lang))
        cols = ("report.col.kpi", "report.col.baseline", "report.col.actual", "report.col.target",
                "report.col.progress", "report.col.expected", "report.col.status",
                "report.col.projected", "report.col.vs_previous", "report.col.vs_last_year")
        cur = self.client.currency
        rows = []
        for spec, s, _, kpi in self.kpis:
            down = s.target < s.baseline  # a falling KPI (a lower CPA) is good when it falls
            status = blocks.badge(t(STATUS_WORDS[s.status], lang), STATUS_TONE[s.status])
            if kpi.deadline < self.period:  # the deadline passed before this month began
                status = blocks.badge(t("report.status.past", lang, deadline=fmt.day(
                    kpi.deadline, lang)), "bad")
            rows.append((s.name, fmt.with_unit(s.baseline, spec.unit, cur),
                         fmt.with_unit(s.actual, spec.unit, cur),
                         fmt.with_unit(s.target, spec.unit, cur), fmt.pct(s.progress, 0),
                         fmt.pct(s.expected_progress, 0), status,
                         fmt.with_unit(s.projected, spec.unit, cur),
                         self.change_badge(s.vs_previous, down),
                         self.change_badge(s.vs_last_year, down)))
        return out + blocks.table([t(key, lang) for key in cols], rows)

    def change_badge(self, change: float, good_when_down: bool) -> Markup | str:
        """A change with its colour and word: better or worse for this business."""
        if change is None or math.isnan(change) or abs(change) < 0.0005:
            return fmt.pct(change, 1, True)
        better = (change < 0) == good_when_down
        word = t("report.change.better" if better else "report.change.worse", self.lang)
        return blocks.badge(f"{fmt.pct(change, 1, True)} {word}", "good" if better else "bad")

    def trends_html(self) -> Markup:
        """One chart per KPI: the last 12 months of actuals against the planned path."""
        if not self.kpis:
            return Markup()
        out = blocks.section(t("report.trend.title", self.lang))
        for spec, status, series, kpi in self.kpis:
            since = a_year_before(self.period)
            recent = {m: v for m, v in series.items() if since <= m <= self.period}
            months = months_between(kpi.start, kpi.deadline)
            rate = required_monthly_rate(kpi.baseline, kpi.target, months)
            path = dict(zip(pd.date_range(pd.Timestamp(kpi.start), periods=months + 1,
                                          freq="MS").date, monthly_path(kpi.baseline, rate, months),
                            strict=False))
            fig = charts.kpi_trend(status.name, recent, path, kpi.target, kpi.deadline,
                                   spec.unit, self.lang, self.client.brand_colour,
                                   self.client.currency)
            takeaway = t(TAKEAWAY_WORDS[status.status], self.lang, name=status.name,
                         actual=fmt.with_unit(status.actual, spec.unit, self.client.currency),
                         expected=fmt.with_unit(status.expected, spec.unit,
                                                self.client.currency))
            out += blocks.png(fig, alt=status.name, takeaway=takeaway)
        return out

    def ads_html(self) -> Markup:
        """Spend, results, CPA and ROAS per channel this month, against break-even."""
        lang = self.lang
        rows = []
        before = previous_month(self.period)
        for channel, months in self.channel_months.items():
            m = months.get(self.period)
            if m is None:
                continue
            cpa = safe_div(m["spend"], m["results"])
            prev = months.get(before)
            cpa_prev = safe_div(prev["spend"], prev["results"]) if prev else math.nan
            roas = safe_div(m["value"], m["spend"])
            roas_text = fmt.number(roas, 2)
            be = self.break_even
            verdict = ("—" if be is None or math.isnan(roas) else blocks.badge(
                t("budget.status.above" if roas >= be else "budget.status.below", lang),
                "good" if roas >= be else "bad"))
            kind = self.result_types.get(channel, "purchase")
            results = f"{fmt.number(m['results'], 0)} {t(RESULT_WORDS[kind], lang)}"
            channel_roi, cpl = self.roi_cpl(channel, m)
            rows.append((channel, self.money(m["spend"]), results,
                         self.money(cpa),
                         self.change_badge(progress.change(cpa, cpa_prev), good_when_down=True),
                         "—" if kind == "purchase" else self.money(cpl),
                         roas_text,
                         t("value.unknown", lang) if math.isnan(channel_roi)
                         else fmt.pct(channel_roi, 0, signed=True),
                         verdict))
        if not rows:
            return Markup()
        cols = ("report.col.channel", "report.col.spend", "report.col.results", "report.col.cpa",
                "report.col.cpa_change", "report.col.cpl", "report.col.roas", "report.col.roi",
                "report.col.vs_break_even")
        out = (blocks.section(t("report.ads.title", lang), t("report.ads.intro", lang))
               + blocks.table([t(key, lang) for key in cols], rows))
        if self.break_even:
            out += blocks.paragraph(t("report.roas.note", lang,
                                    be=fmt.number(self.break_even, 2)), cls="kit-muted")
        out += blocks.paragraph(t("report.roi.note", lang), cls="kit-muted")
        return out

    @cached_property
    def spend_plan(self) -> list[budget_domain.PlanVsActual]:
        """Planned vs actual spend per platform this month (every planned channel listed)."""
        if not self.budget:
            return []
        planned = budget_domain.budget_split(
            domain_inputs.channels(self.budget),
            self.budget.monthly_budget)
        month = self.ads[self.ads["month"] == self.period]
        exported = month.groupby("channel")["spend"].sum().to_dict()
        weekly = None
        if self.budget.history:
            try:
                history = data.weekly_history(self.data_path(self.budget.history),
                                              self.budget.history, lang=self.lang)
            except DataError:  # validated before the kernel; unreadable here means no data
                history = None
            if history is not None:
                weekly = budget_domain.month_share_of_weeks(history, self.period).to_dict()
        return budget_domain.plan_vs_actual(planned, exported, weekly)

    def spend_html(self) -> Markup:
        """Budget vs actual per platform, with a verdict per row and in total."""
        if not self.spend_plan:
            return Markup()
        lang = self.lang
        tone = {"under": "warn", "on_plan": "good", "over": "bad", "no_data": "neutral"}
        rows = []
        for r in self.spend_plan:
            name = r.platform if r.channels in ((), (r.platform,)) else (
                r.platform + fmt.paren(fmt.join(r.channels, lang), lang))
            actual = self.money(r.actual)
            if r.source == "weekly":
                actual = t("report.spend.estimated", lang, amount=actual)
            rows.append((name, self.money(r.planned), actual, fmt.pct(r.share, 0),
                         blocks.badge(t(SPEND_WORDS[r.verdict], lang), tone[r.verdict])))
        known = [r for r in self.spend_plan if r.source != "none"]
        spent = sum(r.actual for r in known)
        planned = sum(r.planned for r in self.spend_plan)
        missing = [r.platform for r in self.spend_plan if r.source == "none"]
        total = t("report.budget.line", lang, spent=self.money(spent),
                  budget=self.money(planned), share=fmt.pct(spent / planned, 0))
        if missing:
            total += t("report.spend.missing", lang, platforms=fmt.join(missing, lang))
        cols = ("report.spend.col.channel", "report.spend.col.planned", "report.spend.col.spend",
                "report.spend.col.share", "report.spend.col.verdict")
        cls = "kit-alert" if spent > planned else ""
        return (blocks.section(t("report.spend.title", lang), t("report.spend.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows)
                + blocks.paragraph(total, cls=cls))

    def pilots_html(self) -> Markup:
        """The pilots that ran during the report's month (from the plan's pilot log)."""
        if not self.plan:
            return Markup()
        start = self.period
        end = next_month(start)
        pilots = plan_analysis.pilots_between(Context.of(self.client), self.plan, start, end)
        if not pilots.pilots:
            return Markup()
        return plan_views.pilots(pilots, "report.pilots.title", intro=False)

    @cached_property
    def sent_before(self) -> dict | None:
        """The numbers sent to the owner last month (its snapshot), when there is one."""
        before = previous_month(self.period)
        # the same language's snapshot: report.en.json beside report.json (the client's own)
        for name in (f"report.{self.lang}", "report"):
            try:
                path = self.data_path(f"snapshots/{before:%Y-%m}/{name}.json")
            except DataError:
                continue
            if not path.is_file():
                continue
            try:
                numbers = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if snapshot_lang(numbers, path.with_suffix(".html")) in (self.lang, None):
                return numbers
        return None

    def changed_since_sent(self) -> list[tuple[str, date, float, float, str]]:
        """Last month's figures that differ now from what the owner was sent (late data,
        corrected exports): (name, month, sent, now, unit)."""
        sent = self.sent_before
        if not sent:
            return []
        month = date.fromisoformat(sent["period"][:10])
        out = []
        series = {s.name: (series, spec.unit) for spec, s, series, _ in self.kpis}
        for k in sent.get("kpis", []):
            if k.get("actual") is None or k["name"] not in series:
                continue
            values, unit = series[k["name"]]
            now = values.get(month)
            if now is not None and abs(now - k["actual"]) > max(abs(k["actual"]) * 0.001, 1e-9):
                out.append((k["name"], month, k["actual"], now, unit))
        ads = {(a["channel"]): a for a in sent.get("ads", [])}
        for channel, months in self.channel_months.items():
            m, was = months.get(month), ads.get(channel)
            if m is not None and was and was.get("spend") is not None and \
                    abs(m["spend"] - was["spend"]) > 0.5:
                out.append((t("report.changed.spend", self.lang, channel=channel), month,
                            was["spend"], m["spend"], "NT$"))
        return out

    def changes_html(self) -> Markup:
        """Figures the owner was sent last month that have changed since, in plain words."""
        if not self.sent_before:
            return Markup()
        lang, cur = self.lang, self.client.currency
        changed = self.changed_since_sent()
        if not changed:
            return blocks.paragraph(t("report.changed.none", lang), cls="kit-muted")
        items = [t("report.changed.item", lang, name=name, month=fmt.month(month, lang),
                   sent=fmt.with_unit(was, unit, cur), now=fmt.with_unit(now, unit, cur))
                 for name, month, was, now, unit in changed]
        return (blocks.section(t("report.changed.title", lang), t("report.changed.intro", lang))
                + blocks.bullet_list(items))

    def numbers_html(self) -> Markup:
        """Nothing visible: the numbers go out as a kit-only output the pipeline keeps."""
        return Markup()

    def publish_numbers(self) -> None:
        """Emit the numbers as an output only the kit reads (nbconvert renders nothing for it)."""
        from IPython.display import display

        display({NUMBERS_MIME: self.numbers()}, raw=True)

    def numbers(self) -> dict:
        """The numbers behind this report (kept with the sent snapshot)."""
        def clean(x: float) -> float | None:
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

        ads = []
        for channel, months in self.channel_months.items():
            m = months.get(self.period)
            if m is not None:
                ads.append({"channel": channel, "spend": clean(m["spend"]),
                            "results": clean(m["results"]),
                            "cpa": clean(safe_div(m["spend"], m["results"])),
                            "roas": clean(safe_div(m["value"], m["spend"])),
                            "roi": clean(self.roi_cpl(channel, m)[0]),
                            "cpl": clean(self.roi_cpl(channel, m)[1])})
        orders = self.exports.get("orders")
        sales = {}
        if orders is not None:
            month = orders[month_starts(orders["date"])
                           == self.period]
            sales = {"orders": len(month), "revenue": float(month["amount"].sum()),
                     "customers": int(month["customer_id"].nunique())}
        return {"period": self.period.isoformat(), "client": self.client.name,
                "kpis": [{"name": s.name, "unit": spec.unit, "actual": clean(s.actual),
                          "target": s.target, "progress": clean(s.progress),
                          "expected_progress": clean(s.expected_progress), "status": s.status}
                         for spec, s, _, _ in self.kpis],
                "ads": ads, "sales": sales,
                "next_steps": [s.model_dump(mode="json") for s in self.section.next_steps],
                "proposals": [{"name": n, "reason": r} for n, r in self.proposals()],
                "spend": [{"platform": r.platform, "planned": r.planned,
                           "actual": clean(r.actual), "source": r.source}
                          for r in self.spend_plan]}
