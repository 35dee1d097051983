"""Each ad platform's own rules for leaving the learning phase, with the source named.

A platform's optimisation needs enough conversion events in a window before it delivers
steadily. The numbers differ by platform and are documented by each platform; where no
platform documentation gives a threshold, the kit says so instead of borrowing Meta's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.domain.budget import platform_of


@dataclass(frozen=True)
class LearningRule:
    """``events`` optimisation events within ``window_days`` (per ad set or campaign)."""

    platform: str
    events: int | None
    window_days: int | None
    unit: str  # what the rule counts per: "ad_set" | "campaign"
    source: str

    @property
    def known(self) -> bool:
        """True when the platform documents a threshold."""
        return self.events is not None and self.window_days is not None

    def daily_budget_needed(self, cost_per_event: float) -> float:
        """Daily spend that buys the events in the window: events × cost ÷ window days."""
        if self.events is None or self.window_days is None or math.isnan(cost_per_event):
            return math.nan
        return self.events * cost_per_event / self.window_days


RULES: dict[str, LearningRule] = {
    "Meta": LearningRule("Meta", 50, 7, "ad_set",
                         "Meta Business Help Center, “About the learning phase”: about 50 "
                         "optimisation events in 7 days after the last significant edit"),
    "Google Ads": LearningRule("Google Ads", 30, 30, "campaign",
                               "Google Ads Help, “About Target CPA bidding”: at least 30 "
                               "conversions in the past 30 days recommended (50 for target ROAS)"),
    "TikTok": LearningRule("TikTok", 50, 7, "ad_group",
                           "TikTok Business Help Center, “About the learning phase”: about 50 "
                           "conversions within 7 days"),
    "LINE": LearningRule("LINE", None, None, "ad_group",
                         "LINE Ads (LAP) documentation gives no public event threshold"),
    "Shopee": LearningRule("Shopee", None, None, "campaign",
                           "Shopee Ads documentation gives no learning-phase threshold"),
}


def rule_for(channel: str) -> LearningRule:
    """The learning rule of the platform that runs ``channel`` (unknown when undocumented)."""
    platform = platform_of(channel)
    return RULES.get(platform, LearningRule(platform, None, None, "campaign",
                                            "no documented threshold"))
