"""The monthly report's sections: intro, changes since last month, follow-ups, highlights,
KPI table and trends, advertising, budget against actual, pilots, challenges, next steps; and
the numbers kept with the sent snapshot (named as the owner read them)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.report import AdHistory, AdLine, KpiEntry, Report
from kit.domain import findings as fnd
from kit.domain import progress
from kit.domain.kpi import monthly_path, required_monthly_rate
from kit.domain.months import a_year_before, months_between, next_month, previous_month
from kit.i18n import t
from kit.profile import RESULT_LABELS, RESULT_WORDS, NextStep
from kit.renderers import renders
from kit.views import goals as goals_views
from kit.views import plan as plan_views

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


# --- names ----------------------------------------------------------------------------------


def line_label(line: AdLine, lang: str) -> str:
    """An ad line's name: the platform, with its kind of result when it brings two."""
    if not line.mixed:
        return line.channel
    return line.channel + fmt.paren(t(RESULT_LABELS[line.result], lang), lang)


def ads_in_order(result: Report) -> list[AdHistory]:
    """The ad lines in the order of their names."""
    lang = result.context.lang
    return sorted(result.ads, key=lambda h: line_label(h.line, lang))


def named(entry: KpiEntry, lang: str) -> progress.KpiStatus:
    """A KPI's status under its name for the reader."""
    return replace(entry.status, name=goals_views.kpi_name(entry.plan, lang))


def _names(result: Report) -> dict[str, str]:
    lang = result.context.lang
    return {k.status.name: goals_views.kpi_name(k.plan, lang) for k in result.kpis}


def findings(result: Report) -> list[fnd.Finding]:
    """The automatic findings as the page words them: KPIs, ad lines (by name), overrun."""
    lang, names = result.context.lang, _names(result)
    out = [replace(f, params={**f.params, "kpi": names.get(f.params["kpi"], f.params["kpi"])})
           if "kpi" in f.params else f for f in result.kpi_findings]
    for group in sorted(result.ad_findings, key=lambda g: line_label(g.line, lang)):
        label = line_label(group.line, lang)
        out += [replace(f, params={**f.params, "channel": label}) for f in group.findings]
    if result.overrun is not None:
        out.append(result.overrun)
    return out


def finding_text(f: fnd.Finding, lang: str, currency: str) -> str:
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
            p[key] = fmt.money(p[key], currency)
    return t(f.code, lang, **p)


# --- sections -------------------------------------------------------------------------------


def intro(result: Report) -> Markup:
    """Title with the month, what the report is, where the numbers come from."""
    lang = result.context.lang
    sources = fmt.join((t(SOURCE_WORDS[k], lang) for k in result.sources), lang)
    out = blocks.section(t("report.title", lang, month=fmt.month(result.period, lang)),
                         t("report.intro", lang), level=1)
    out += (blocks.paragraph(t("report.sources", lang, sources=sources), cls="kit-muted")
            if sources else "")
    if result.missing:
        out += blocks.paragraph(t("report.missing", lang), cls="kit-alert")
        out += blocks.bullet_list(result.missing)
    for note in result.notes:
        out += blocks.paragraph(note, cls="kit-muted")
    return out


def _list(title: str, auto: list[str], own: list[str], lang: str) -> Markup:
    items = auto + own
    return blocks.section(t(title, lang)) + (
        blocks.bullet_list(items) if items else blocks.paragraph(t("report.none", lang)))


def highlights(result: Report) -> Markup:
    """Good news: automatic highlights, then the consultant's."""
    c = result.context
    auto = [finding_text(f, c.lang, c.currency) for f in findings(result)
            if f.kind == "highlight"]
    return _list("report.highlights.title", auto, list(result.section.highlights), c.lang)


def challenges(result: Report) -> Markup:
    """Problems and what the numbers suggest, then the consultant's own notes."""
    c = result.context
    auto = [finding_text(f, c.lang, c.currency) for f in findings(result)
            if f.kind == "challenge"]
    return _list("report.challenges.title", auto, list(result.section.challenges), c.lang)


def step_text(step: NextStep, lang: str) -> str:
    """A next step with who does it, by when and the KPI it should move."""
    parts = []
    if step.owner:
        parts.append(t("report.step.owner", lang, owner=step.owner))
    if step.due:
        parts.append(t("report.step.due", lang, due=fmt.day(step.due, lang)))
    if step.kpi:
        parts.append(t("report.step.kpi", lang, kpi=step.kpi))
    return step.text + (fmt.paren(fmt.join(parts, lang), lang) if parts else "")


def next_steps(result: Report) -> Markup:
    """The consultant's next steps, each with owner, due date and KPI when given."""
    lang = result.context.lang
    return _list("report.next.title", [],
                 [step_text(s, lang) for s in result.section.next_steps], lang)


def follow_ups(result: Report) -> list[dict[str, Any]]:
    """Last month's next steps (from what the owner was sent) with their status this
    month, the KPI movement since, and whether they are overdue."""
    sent = result.sent
    if not sent or not sent.get("next_steps"):
        return []
    lang = result.context.lang
    recorded = {f.step: f for f in result.section.follow_up}
    month = date.fromisoformat(sent["period"][:10])
    series = {named(k, lang).name: (dict(k.series), k.spec.unit) for k in result.kpis}
    end = next_month(result.period)
    out = []
    for step in sent["next_steps"]:
        follow = recorded.get(step["text"])
        status = follow.status if follow else "unknown"
        due = date.fromisoformat(step["due"]) if step.get("due") else None
        moved = None
        if step.get("kpi") in series:
            values, unit = series[step["kpi"]]
            before, now = values.get(month), values.get(result.period)
            if before is not None and now is not None:
                moved = (step["kpi"], before, now, unit)
        out.append({"text": step["text"], "owner": step.get("owner"), "due": due,
                    "status": status, "note": follow.note if follow else "",
                    "moved_to": follow.moved_to if follow else None, "kpi": moved,
                    "overdue": bool(due and due < end and status not in ("done",
                                                                         "dropped"))})
    return out


def followup(result: Report) -> Markup:
    """"Last month we said … — done / not done / moved, and what it changed"."""
    items = follow_ups(result)
    if not items:
        return Markup()
    lang, cur = result.context.lang, result.context.currency
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


def revisions(result: Report) -> Markup:
    """Every recorded change of a goal's target or deadline, with its reason."""
    lang, cur = result.context.lang, result.context.currency
    lines = [goals_views.revision_text(g, r, lang, cur) for g in result.goals
             for r in g.revisions]
    if not lines:
        return Markup()
    return (blocks.section(t("goals.revisions.title", lang), level=3)
            + blocks.bullet_list(lines))


def proposals(result: Report) -> list[tuple[str, str]]:
    """Goals the kit suggests revisiting: (name, reason code)."""
    lang = result.context.lang
    return [(named(k, lang).name, reason) for k, reason in result.proposals]


def change_badge(change: float, good_when_down: bool, lang: str) -> Markup | str:
    """A change with its colour and word: better or worse for this business."""
    if change is None or math.isnan(change) or abs(change) < 0.0005:
        return fmt.pct(change, 1, True)
    better = (change < 0) == good_when_down
    word = t("report.change.better" if better else "report.change.worse", lang)
    return blocks.badge(f"{fmt.pct(change, 1, True)} {word}", "good" if better else "bad")


def kpi(result: Report) -> Markup:
    """KPI table with progress, expected progress, traffic light and projection."""
    lang = result.context.lang
    out = blocks.section(t("report.kpi.title", lang), t("report.kpi.intro", lang))
    for metric in result.unmeasured:
        out += blocks.paragraph(t("report.kpi.no_data", lang, kpi=metric), cls="kit-alert")
    for metric in result.not_addable:
        out += blocks.paragraph(t("report.nonadditive", lang, kpi=metric), cls="kit-alert")
    if not result.kpis:
        return out + blocks.paragraph(t("report.none", lang))
    cols = ("report.col.kpi", "report.col.baseline", "report.col.actual", "report.col.target",
            "report.col.progress", "report.col.expected", "report.col.status",
            "report.col.projected", "report.col.vs_previous", "report.col.vs_last_year")
    cur = result.context.currency
    rows = []
    for k in result.kpis:
        s, unit, deadline = named(k, lang), k.spec.unit, k.plan.kpi.deadline
        down = s.target < s.baseline  # a falling KPI (a lower CPA) is good when it falls
        status = blocks.badge(t(STATUS_WORDS[s.status], lang), STATUS_TONE[s.status])
        if deadline < result.period:  # the deadline passed before this month began
            status = blocks.badge(t("report.status.past", lang, deadline=fmt.day(
                deadline, lang)), "bad")
        rows.append((s.name, fmt.with_unit(s.baseline, unit, cur),
                     fmt.with_unit(s.actual, unit, cur),
                     fmt.with_unit(s.target, unit, cur), fmt.pct(s.progress, 0),
                     fmt.pct(s.expected_progress, 0), status,
                     fmt.with_unit(s.projected, unit, cur),
                     change_badge(s.vs_previous, down, lang),
                     change_badge(s.vs_last_year, down, lang)))
    return out + blocks.table([t(key, lang) for key in cols], rows)


def trends(result: Report) -> Markup:
    """One chart per KPI: the last 12 months of actuals against the planned path."""
    if not result.kpis:
        return Markup()
    c = result.context
    lang = c.lang
    out = blocks.section(t("report.trend.title", lang))
    for k in result.kpis:
        status, kpi, unit, series = named(k, lang), k.plan.kpi, k.spec.unit, dict(k.series)
        since = a_year_before(result.period)
        recent = {m: v for m, v in series.items() if since <= m <= result.period}
        months = months_between(kpi.start, kpi.deadline)
        rate = required_monthly_rate(kpi.baseline, kpi.target, months)
        path = dict(zip(pd.date_range(pd.Timestamp(kpi.start), periods=months + 1,
                                      freq="MS").date, monthly_path(kpi.baseline, rate, months),
                        strict=False))
        fig = charts.kpi_trend(status.name, recent, path, kpi.target, kpi.deadline, unit, lang,
                               c.brand_colour, c.currency)
        takeaway = t(TAKEAWAY_WORDS[status.status], lang, name=status.name,
                     actual=fmt.with_unit(status.actual, unit, c.currency),
                     expected=fmt.with_unit(status.expected, unit, c.currency))
        out += blocks.png(fig, alt=status.name, takeaway=takeaway)
    return out


def ads(result: Report) -> Markup:
    """Spend, results, CPA and ROAS per channel this month, against break-even."""
    lang, cur = result.context.lang, result.context.currency
    rows = []
    before = previous_month(result.period)
    for h in ads_in_order(result):
        m = h.month(result.period)
        if m is None:
            continue
        prev = h.month(before)
        cpa_prev = prev.cpa if prev else math.nan
        roas = m.roas
        be = result.break_even
        verdict = ("—" if be is None or math.isnan(roas) else blocks.badge(
            t("budget.status.above" if roas >= be else "budget.status.below", lang),
            "good" if roas >= be else "bad"))
        kind = h.line.result
        results = f"{fmt.number(m.results, 0)} {t(RESULT_WORDS[kind], lang)}"
        rows.append((line_label(h.line, lang), fmt.money(m.spend, cur), results,
                     fmt.money(m.cpa, cur),
                     change_badge(progress.change(m.cpa, cpa_prev), True, lang),
                     "—" if kind == "purchase" else fmt.money(h.cpl, cur),
                     fmt.number(roas, 2),
                     t("value.unknown", lang) if math.isnan(h.roi)
                     else fmt.pct(h.roi, 0, signed=True),
                     verdict))
    if not rows:
        return Markup()
    cols = ("report.col.channel", "report.col.spend", "report.col.results", "report.col.cpa",
            "report.col.cpa_change", "report.col.cpl", "report.col.roas", "report.col.roi",
            "report.col.vs_break_even")
    out = (blocks.section(t("report.ads.title", lang), t("report.ads.intro", lang))
           + blocks.table([t(key, lang) for key in cols], rows))
    if result.break_even:
        out += blocks.paragraph(t("report.roas.note", lang,
                                  be=fmt.number(result.break_even, 2)), cls="kit-muted")
    out += blocks.paragraph(t("report.roi.note", lang), cls="kit-muted")
    return out


def spend(result: Report) -> Markup:
    """Budget vs actual per platform, with a verdict per row and in total."""
    if not result.spend:
        return Markup()
    lang, cur = result.context.lang, result.context.currency
    tone = {"under": "warn", "on_plan": "good", "over": "bad", "no_data": "neutral"}
    rows = []
    for r in result.spend:
        name = r.platform if r.channels in ((), (r.platform,)) else (
            r.platform + fmt.paren(fmt.join(r.channels, lang), lang))
        actual = fmt.money(r.actual, cur)
        if r.source == "weekly":
            actual = t("report.spend.estimated", lang, amount=actual)
        rows.append((name, fmt.money(r.planned, cur), actual, fmt.pct(r.share, 0),
                     blocks.badge(t(SPEND_WORDS[r.verdict], lang), tone[r.verdict])))
    known = [r for r in result.spend if r.source != "none"]
    spent = sum(r.actual for r in known)
    planned = sum(r.planned for r in result.spend)
    missing = [r.platform for r in result.spend if r.source == "none"]
    total = t("report.budget.line", lang, spent=fmt.money(spent, cur),
              budget=fmt.money(planned, cur), share=fmt.pct(spent / planned, 0))
    if missing:
        total += t("report.spend.missing", lang, platforms=fmt.join(missing, lang))
    cols = ("report.spend.col.channel", "report.spend.col.planned", "report.spend.col.spend",
            "report.spend.col.share", "report.spend.col.verdict")
    cls = "kit-alert" if spent > planned else ""
    return (blocks.section(t("report.spend.title", lang), t("report.spend.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows)
            + blocks.paragraph(total, cls=cls))


def pilots(result: Report) -> Markup:
    """The pilots that ran during the report's month (from the plan's pilot log)."""
    if result.pilots is None or not result.pilots.pilots:
        return Markup()
    return plan_views.pilots(result.pilots, "report.pilots.title", intro=False)


def changed_since_sent(result: Report) -> list[tuple[str, date, float, float, str]]:
    """Last month's figures that differ now from what the owner was sent (late data,
    corrected exports): (name, month, sent, now, unit)."""
    sent = result.sent
    if not sent:
        return []
    lang = result.context.lang
    month = date.fromisoformat(sent["period"][:10])
    out = []
    series = {named(k, lang).name: (dict(k.series), k.spec.unit) for k in result.kpis}
    for k in sent.get("kpis", []):
        if k.get("actual") is None or k["name"] not in series:
            continue
        values, unit = series[k["name"]]
        now = values.get(month)
        if now is not None and abs(now - k["actual"]) > max(abs(k["actual"]) * 0.001, 1e-9):
            out.append((k["name"], month, k["actual"], now, unit))
    was_sent = {(a["channel"]): a for a in sent.get("ads", [])}
    for h in ads_in_order(result):
        label = line_label(h.line, lang)
        m, was = h.month(month), was_sent.get(label)
        if m is not None and was and was.get("spend") is not None and \
                abs(m.spend - was["spend"]) > 0.5:
            out.append((t("report.changed.spend", lang, channel=label), month,
                        was["spend"], m.spend, "NT$"))
    return out


def changes(result: Report) -> Markup:
    """Figures the owner was sent last month that have changed since, in plain words."""
    if not result.sent:
        return Markup()
    lang, cur = result.context.lang, result.context.currency
    changed = changed_since_sent(result)
    if not changed:
        return blocks.paragraph(t("report.changed.none", lang), cls="kit-muted")
    items = [t("report.changed.item", lang, name=name, month=fmt.month(month, lang),
               sent=fmt.with_unit(was, unit, cur), now=fmt.with_unit(now, unit, cur))
             for name, month, was, now, unit in changed]
    return (blocks.section(t("report.changed.title", lang), t("report.changed.intro", lang))
            + blocks.bullet_list(items))


def numbers(result: Report, client_name: str) -> dict[str, Any]:
    """The numbers behind this report (kept with the sent snapshot), named as on the page."""
    def clean(x: float | None) -> float | None:
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    lang = result.context.lang
    ad_rows = []
    for h in ads_in_order(result):
        m = h.month(result.period)
        if m is not None:
            ad_rows.append({"channel": line_label(h.line, lang), "spend": clean(m.spend),
                            "results": clean(m.results), "cpa": clean(m.cpa),
                            "roas": clean(m.roas), "roi": clean(h.roi), "cpl": clean(h.cpl)})
    s = result.sales
    sales = ({"orders": s.orders, "revenue": s.revenue, "customers": s.customers}
             if s is not None else {})
    return {"period": result.period.isoformat(), "client": client_name,
            "kpis": [{"name": st.name, "unit": k.spec.unit, "actual": clean(st.actual),
                      "target": st.target, "progress": clean(st.progress),
                      "expected_progress": clean(st.expected_progress), "status": st.status}
                     for k in result.kpis for st in (named(k, lang),)],
            "ads": ad_rows, "sales": sales,
            "next_steps": [x.model_dump(mode="json") for x in result.section.next_steps],
            "proposals": [{"name": n, "reason": r} for n, r in proposals(result)],
            "spend": [{"platform": r.platform, "planned": r.planned,
                       "actual": clean(r.actual), "source": r.source}
                      for r in result.spend]}


@renders(Report)
def page(result: Report) -> Markup:
    """The whole report for the owner, in the template's order."""
    return (intro(result) + changes(result) + followup(result) + highlights(result)
            + kpi(result) + revisions(result) + trends(result) + ads(result) + spend(result)
            + pilots(result) + challenges(result) + next_steps(result))
