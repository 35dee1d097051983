"""Plain-language findings from the numbers: rules over this month vs last month.

Each finding is a message code with its numbers, and whether it is a highlight (good news)
or a challenge; :mod:`kit.i18n` words it for the owner.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kit.domain.metrics import safe_div
from kit.domain.progress import KpiStatus

CHANGE = 0.10  # a 10% move counts as a change worth mentioning


@dataclass(frozen=True)
class Finding:
    """One observation: highlight or challenge, a message code and its numbers."""

    kind: str  # highlight | challenge
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def _rel(now: float, before: float) -> float:
    return math.nan if not before or math.isnan(before) or math.isnan(now) else now / before - 1


def ad_findings(channel: str, now: Mapping[str, float], before: Mapping[str, float],
                break_even_roas: float | None = None) -> list[Finding]:
    """Findings for one channel from spend, impressions, clicks, results and value, two months.

    - CPA up and CTR down: creative fatigue is likely;
    - CPA up and CVR down with CTR steady: the landing page or offer is the suspect;
    - CPA down: a highlight;
    - ROAS under break-even: a challenge.
    """
    def rates(m: Mapping[str, float]) -> dict[str, float]:
        return {"cpa": safe_div(m["spend"], m["results"]),
                "ctr": safe_div(m["clicks"], m["impressions"]),
                "cvr": safe_div(m["results"], m["clicks"]),
                "roas": safe_div(m.get("value", math.nan), m["spend"])}

    a, b = rates(now), rates(before)
    cpa, ctr, cvr = _rel(a["cpa"], b["cpa"]), _rel(a["ctr"], b["ctr"]), _rel(a["cvr"], b["cvr"])
    out = []
    if cpa >= CHANGE and ctr <= -CHANGE / 2:
        out.append(Finding("challenge", "finding.fatigue", {"channel": channel, "cpa": cpa,
                                                            "ctr": ctr}))
    elif cpa >= CHANGE and cvr <= -CHANGE and abs(ctr) < CHANGE / 2:
        out.append(Finding("challenge", "finding.landing", {"channel": channel, "cpa": cpa,
                                                            "cvr": cvr}))
    elif cpa >= CHANGE:
        out.append(Finding("challenge", "finding.cpa_up", {"channel": channel, "cpa": cpa}))
    elif cpa <= -CHANGE:
        out.append(Finding("highlight", "finding.cpa_down", {"channel": channel, "cpa": cpa}))
    if break_even_roas and not math.isnan(a["roas"]) and a["roas"] < break_even_roas:
        out.append(Finding("challenge", "finding.below_break_even",
                           {"channel": channel, "roas": a["roas"], "be": break_even_roas}))
    return out


def kpi_findings(statuses: Sequence[KpiStatus]) -> list[Finding]:
    """Highlights for KPIs on track or achieved, challenges for those off track."""
    out = []
    for s in statuses:
        if not math.isnan(s.progress) and s.progress >= 1:
            out.append(Finding("highlight", "finding.kpi_done", {"kpi": s.name}))
        elif s.status == "on_track":
            out.append(Finding("highlight", "finding.kpi_on_track", {"kpi": s.name,
                                                                     "progress": s.progress}))
        elif s.status == "off_track":
            out.append(Finding("challenge", "finding.kpi_off_track",
                               {"kpi": s.name, "progress": s.progress,
                                "expected": s.expected_progress}))
    return out
