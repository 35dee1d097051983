"""Checks on a profile that one field alone cannot express: deadlines after the period, SWOT
strategies citing real items, funnel counts that narrow, channels with a cost, data files.

Each check yields (location, message) or (location, message, "warning"); :mod:`kit.clients`
adds file and line. Every file a template will read is opened here (see :mod:`kit.inputs`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd

from kit import data, domain_inputs, fmt, inputs
from kit.domain import swot as swot_mod
from kit.domain.funnel import PRESETS
from kit.domain.metric_catalogue import metric_of
from kit.domain.months import last_day, months_between
from kit.i18n import t
from kit.importers import deduplicate
from kit.profile import (
    KNOWN_CHANNELS,
    RESULT_WORDS,
    BudgetSection,
    ClientProfile,
    FunnelSection,
    SwotSection,
)

Loc = tuple
Check = Iterator[tuple[Loc, str] | tuple[Loc, str, str]]

#: A SWOT strategy's problems (kit.domain.swot codes), in the catalogue.
STRATEGY_PROBLEMS = {"unknown_item": "val.unknown_item", "wrong_quadrant": "val.wrong_quadrant",
                     "missing_side": "val.missing_side", "unknown_kpi": "val.unknown_kpi"}


def _goals(profile: ClientProfile, lang: str) -> Check:
    start = profile.goals.start or profile.period
    for i, goal in enumerate(profile.goals.goals):
        if goal.deadline and months_between(start, goal.deadline) <= 0:
            msg = t("val.deadline_order", lang, deadline=goal.deadline, start=start)
            yield ("goals", "goals", i, "deadline"), msg


def kpi_names(profile: ClientProfile) -> list[str] | None:
    """Metrics of the goals section (what a TOWS strategy may cite as its KPI)."""
    if profile.goals is None:
        return None
    return [g.metric for g in profile.goals.goals if g.metric]


def _swot(section: SwotSection, kpis: list[str] | None, lang: str) -> Check:
    items = domain_inputs.swot_items(section)
    strategies = domain_inputs.strategies(section)
    known_ids = "、".join(i.id for i in items)
    for p in swot_mod.strategy_problems(items, strategies, kpis):
        cell = strategies[p.index].cell
        field = "kpi" if p.code == "unknown_kpi" else "pairs"
        known = known_ids if field == "pairs" else "、".join(kpis or [])
        yield (("swot", "strategies", p.index, field),
               t(STRATEGY_PROBLEMS[p.code], lang, value=p.value, cell=cell, known=known))
    for kind, quads, keys in (("IFE", "SW", ("strengths", "weaknesses")),
                              ("EFE", "OT", ("opportunities", "threats"))):
        side = [i for i in items if i.quadrant in quads]
        scored = [i for i in side if i.factor_weight is not None or i.rating is not None]
        if not scored:
            continue
        if any(i.factor_weight is None or i.rating is None for i in side):
            yield ("swot", keys[0]), t("val.factor_partial", lang)
            continue
        total = sum(i.factor_weight for i in side)
        if not math.isclose(total, 1.0, abs_tol=0.01):
            yield ("swot", keys[0]), t("val.factor_sum", lang, kind=kind, total=f"{total:.2f}")


def funnel_stage_keys(section: FunnelSection) -> list[str]:
    """Stage keys: the custom stage names if given, else the preset's keys."""
    if section.stages:
        return list(section.stages)
    return list(PRESETS[section.preset]) if section.preset else []


def _funnel(section: FunnelSection, folder: Path, lang: str) -> Check:
    stages = funnel_stage_keys(section)
    if not stages:
        yield ("funnel", "stages"), t("val.funnel_stages", lang)
        return
    for i, name in enumerate(section.value_stages):
        if name not in stages:
            yield ("funnel", "value_stages", i), t("val.funnel_value_stage", lang, stage=name,
                                                    stages="、".join(stages))
    series: dict[str, list[float]] = {}
    if section.counts:
        series["counts"] = section.counts
        if section.previous:
            series["previous"] = section.previous
    elif section.data:
        try:
            for period, counts in inputs.read(data.funnel_counts, folder, section.data,
                                              lang).items():
                series[f"data:{period}"] = counts
        except data.DataError as exc:
            yield ("funnel", "data"), str(exc)
            return
    else:
        yield ("funnel", "counts"), t("val.funnel_counts", lang)
        return
    for key, counts in series.items():
        loc = ("funnel", "data") if key.startswith("data:") else ("funnel", key)
        if len(counts) != len(stages):
            yield loc, t("val.funnel_len", lang, stages=len(stages), counts=len(counts))
            continue
        for k in range(1, len(counts)):
            if counts[k] > counts[k - 1]:
                yield (*loc, k), t("val.funnel_order", lang, k=k + 1, count=f"{counts[k]:,.0f}")


def budget_channels(section: BudgetSection) -> tuple[str, ...]:
    """Channel names the budget plans for."""
    return tuple(c.name for c in section.channels)


def _budget(section: BudgetSection, folder: Path, lang: str) -> Check:
    allowed = (*KNOWN_CHANNELS, *section.custom_channels)
    for i, ch in enumerate(section.channels):
        if ch.name not in allowed:
            yield (("budget", "channels", i, "name"),
                   t("val.channel_unknown", lang, input=ch.name, known="、".join(KNOWN_CHANNELS)))
        if ch.cpa is None and (ch.cpc is None or ch.cvr is None or ch.cvr == 0):
            yield ("budget", "channels", i), t("val.channel_cost", lang)
    shares = [c.share for c in section.channels]
    if all(s is not None for s in shares) and not math.isclose(sum(shares), 1.0, abs_tol=0.01):
        yield ("budget", "channels"), t("val.share_sum", lang, total=f"{sum(shares):.0%}")
    names = budget_channels(section)
    for key, reader in (("actual", data.daily_spend), ("history", data.weekly_history)):
        rel = getattr(section, key)
        if rel:
            try:
                inputs.read(reader, folder, rel, names, lang)
            except data.DataError as exc:
                yield ("budget", key), str(exc)


def _month_end(day: date) -> pd.Timestamp:
    return pd.Timestamp(last_day(day))


def _customers(profile: ClientProfile, folder: Path, lang: str) -> Check:
    """Every order file read and checked as the customers workbook will read it."""
    section = profile.customers
    frames = []
    for i, rel in enumerate(section.orders):
        try:
            frames.append(inputs.read(inputs.export, folder, rel, "orders", lang))
        except data.DataError as exc:
            yield ("customers", "orders", i), str(exc)
    if not frames or len(frames) < len(section.orders):
        return
    try:
        orders = deduplicate(frames, "orders", lang)
    except data.DataError as exc:
        yield ("customers", "orders"), str(exc)
        return
    last = max(profile.period, section.as_of or profile.period)
    for name, line, message, level in inputs.orders_checks(
            orders, _month_end(last), f"{last:%Y-%m}", lang):
        where = f"{name}:{line}: " if name else ""
        yield ("customers", "orders"), where + message, level


def _report(profile: ClientProfile, folder: Path, lang: str) -> Check:
    """Every export of the report read; one that cannot be read costs only its sections
    (a warning), one outside the client's folder is an error."""
    by_kind: dict[str, list[pd.DataFrame]] = {}
    orders = set(profile.customers.orders) if profile.customers else set()
    for i, export in enumerate(profile.report.exports):
        loc = ("report", "exports", i, "file")
        try:
            inputs.inside(folder, export.file, lang)
        except data.DataError as exc:
            yield loc, str(exc)
            continue
        if export.kind == "orders" and export.file in orders:
            continue  # read the same way for the customers section: one message, not two
        try:
            frame = inputs.read(inputs.export, folder, export.file, export.kind, lang)
            by_kind.setdefault(export.kind, []).append(frame)
        except data.DataError as exc:
            yield loc, f"{exc} {t('data.missing_export', lang)}", "warning"
            continue
        named = set(frame["campaign"].astype(str)) if "campaign" in frame else set()
        for campaign in export.campaigns:  # a typo would silently count as the default type
            if campaign not in named:
                yield (("report", "exports", i, "campaigns"),
                       t("val.campaign_unknown", lang, campaign=campaign, file=export.file,
                         known=fmt.join(sorted(named), lang)), "warning")
    for kind, frames in by_kind.items():
        try:
            merged = deduplicate(frames, kind, lang)
        except data.DataError as exc:
            yield ("report", "exports"), f"{exc} {t('data.missing_export', lang)}", "warning"
            continue
        for note in merged.attrs.get("notes", []):
            yield ("report", "exports"), note, "warning"
        month = profile.report.period or profile.period
        late = merged["date"] > _month_end(month)
        if late.any():
            name, line = merged.attrs["lines"][int(late.idxmax())]
            yield (("report", "exports"),
                   f"{name}:{line}: " + t("data.after_period", lang, n=int(late.sum()),
                                          period=f"{month:%Y-%m}"), "warning")


def revenue_goals(profile: ClientProfile) -> list[str]:
    """The goals measured in revenue (by their metric, else their sentence, or their source)."""
    if not profile.goals:
        return []
    out = []
    for goal in profile.goals.goals:
        metric = metric_of(goal.metric) or metric_of(goal.text)
        if goal.source == "orders.revenue" or (metric is not None and metric.id == "revenue"):
            out.append(goal.metric or goal.text)
    return out


def _revenue_fed_by_non_purchase(profile: ClientProfile, lang: str) -> Check:
    """A warning per ad channel or ad export whose results are not purchases and carry no
    stated share who order, when a goal is about revenue: that revenue cannot be counted."""
    goals = revenue_goals(profile)
    if not goals:
        return
    fed = []
    if profile.budget:
        fed += [(("budget", "channels", i), ch.name, ch.result, ch.to_order)
                for i, ch in enumerate(profile.budget.channels)]
    if profile.report:
        names = {"meta": "Meta", "google": "Google Ads"}
        fed += [(("report", "exports", i), names[e.kind], e.result, e.to_order)
                for i, e in enumerate(profile.report.exports) if e.kind in names]
    goal = "、".join(goals) if lang == "zh-TW" else ", ".join(goals)
    for loc, channel, result, to_order in fed:
        if result != "purchase" and to_order is None:
            kind = t(RESULT_WORDS[result], lang)
            if lang == "zh-TW":  # "位 LINE 好友" -> "LINE 好友": the noun without its classifier
                kind = kind[1:].strip()
            yield loc, t("val.revenue_non_purchase", lang, goal=goal, channel=channel,
                         kind=kind), "warning"


def profile_checks(profile: ClientProfile, folder: Path, lang: str) -> Check:
    """Every cross-field and data-file problem of a valid-looking profile."""
    if profile.client.logo:
        try:
            inputs.check_logo(folder, profile.client.logo, lang)
        except data.DataError as exc:
            yield ("client", "logo"), str(exc)
    if profile.goals:
        yield from _goals(profile, lang)
    if profile.swot:
        yield from _swot(profile.swot, kpi_names(profile), lang)
    if profile.funnel:
        yield from _funnel(profile.funnel, folder, lang)
    if profile.budget:
        yield from _budget(profile.budget, folder, lang)
    if profile.customers:
        yield from _customers(profile, folder, lang)
    if profile.report:
        yield from _report(profile, folder, lang)
    yield from _revenue_fed_by_non_purchase(profile, lang)
    for loc, message in inputs.glyph_problems(profile.model_dump(mode="json"), lang):
        yield loc, message, "warning"
