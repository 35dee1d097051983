"""The client profile schema (``clients/<slug>/client.yaml``) as pydantic models.

The same models are the typed parameters of the templates (see :mod:`kit.params`), so what
``kit validate`` accepts is exactly what a template can run on.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")


def _colour(value: object) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise PydanticCustomError("kit_colour", "expected a colour like #1F5F8B")
    return value.upper()


def _year_month(value: object) -> date:
    """'2026-11' (or a date, or '2026-11-01') -> the first day of that month."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    if isinstance(value, str):
        m = _YEAR_MONTH.match(value.strip())
        if m and 1 <= int(m.group(2)) <= 12:
            return date(int(m.group(1)), int(m.group(2)), 1)
        try:
            return date.fromisoformat(value.strip()).replace(day=1)
        except ValueError:
            pass
    raise PydanticCustomError("kit_period", "expected a year-month like 2026-11")


def _rate(value: object) -> float:
    """'2.5%' or 0.025 -> 0.025; anything outside 0-100% is an error."""
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        number = float(value)
        if number > 1:
            raise PydanticCustomError("kit_rate", "expected a rate between 0% and 100%")
    elif isinstance(value, str):
        text = value.strip().replace("％", "%")
        try:
            number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            number = None
    if number is None or not 0 <= number <= 1:
        raise PydanticCustomError("kit_rate", "expected a rate between 0% and 100%")
    return number


def _margin(value: object) -> float:
    """A gross margin strictly between 0% and 100% (0 makes every channel lose money, 100%
    means goods cost nothing: both are typing mistakes)."""
    number = _rate(value)
    if not 0 < number < 1:
        raise PydanticCustomError("kit_margin", "expected a margin above 0% and below 100%")
    return number


def _relative_file(value: object) -> str:
    """A data file inside the client's folder: relative, no '..'."""
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("kit_relpath", "expected a path like data/file.csv")
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "~")) or ":" in parts[0] or ".." in parts:
        raise PydanticCustomError("kit_relpath", "expected a path like data/file.csv")
    return value


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _year_month_key(value: object) -> str:
    return _year_month(value).strftime("%Y-%m")


#: Where a KPI's monthly actuals come from in the report (beside values typed in ``actuals``).
KpiSource = Literal["ga4.users", "ga4.sessions", "ga4.conversions", "ga4.revenue",
                    "orders.count", "orders.revenue", "orders.customers", "ads.cpa", "ads.spend",
                    "ads.results"]
Colour = Annotated[str, BeforeValidator(_colour)]
YearMonthKey = Annotated[str, BeforeValidator(_year_month_key)]
YearMonth = Annotated[date, BeforeValidator(_year_month)]
Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
Amount = Annotated[float, Field(ge=0)]
Positive = Annotated[float, Field(gt=0)]
Rate = Annotated[float, BeforeValidator(_rate)]
Margin = Annotated[float, BeforeValidator(_margin)]
DataFile = Annotated[str, BeforeValidator(_relative_file)]
Weight = Annotated[int, Field(ge=1, le=5)]


class Model(BaseModel):
    """Base: unknown keys are errors (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ClientInfo(Model):
    """Who the client is and how their reports look."""

    name: Text
    industry: Text
    language: Literal["zh-TW", "en"] = "zh-TW"
    currency: Literal["TWD", "USD", "HKD", "JPY", "CNY", "EUR"] = "TWD"
    brand_colour: Colour = "#1F5F8B"
    logo: DataFile | None = None  # a PNG/JPEG/WebP inside the client's folder
    slug: str | None = Field(default=None, exclude=False)  # filled in by the kit, not the YAML


class Contact(Model):
    """One person to talk to, and how to reach them."""

    name: Text
    role: str = ""
    reach: str = ""


class Brief(Model):
    """The collaboration brief (seed 000): who we talk to, why, what success is, how we report."""

    audience: Text
    background: Text
    success: Text
    cadence: Literal["weekly", "biweekly", "monthly"] = "monthly"
    cadence_note: str = ""
    channels: list[Text] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)


Day = date  # a field below is named ``date``


class Revision(Model):
    """A change to a goal's target or deadline, recorded instead of overwritten."""

    date: Day
    field: Literal["target", "deadline"]
    old: Day | Amount
    new: Day | Amount
    reason: Text
    agreed_by: str = ""


class GoalSpec(Model):
    """A goal as the owner said it, plus the structured fields that make it SMART.

    ``revisions`` keep every change of target or deadline with its reason, oldest first; the
    ``target`` and ``deadline`` fields hold the current values."""

    text: Text
    metric: str | None = None
    unit: str = ""
    baseline: Amount | None = None
    target: Amount | None = None
    deadline: date | None = None
    owner: str | None = None
    why: str | None = None
    history: list[Amount] = Field(default_factory=list)
    source: KpiSource | None = None
    actuals: dict[YearMonthKey, Amount] = Field(default_factory=dict)
    revisions: list[Revision] = Field(default_factory=list)


class GoalsSection(Model):
    """Section ``goals``: brief, goals, and notes that never reach the client.

    ``start`` is the month the goals were agreed (their baselines are that month's values);
    it defaults to the profile's period.
    """

    brief: Brief
    goals: list[GoalSpec] = Field(min_length=1)
    start: YearMonth | None = None
    consultant_notes: str = ""


class SwotItem(Model):
    """One SWOT factor; ``id`` defaults to its quadrant letter and position (S1, S2, …)."""

    id: str | None = None
    text: Text
    weight: Weight = 3
    evidence: str = ""
    factor_weight: Annotated[float, Field(ge=0, le=1)] | None = None
    rating: Annotated[int, Field(ge=1, le=4)] | None = None


class TowsStrategy(Model):
    """A TOWS strategy pairing items (by id) from its cell's two quadrants."""

    cell: Literal["SO", "ST", "WO", "WT"]
    text: Text
    pairs: list[Text] = Field(min_length=2)
    kpi: str | None = None


class SwotSection(Model):
    """Section ``swot``: items per quadrant and TOWS strategies."""

    strengths: list[SwotItem] = Field(min_length=1)
    weaknesses: list[SwotItem] = Field(min_length=1)
    opportunities: list[SwotItem] = Field(min_length=1)
    threats: list[SwotItem] = Field(min_length=1)
    strategies: list[TowsStrategy] = Field(default_factory=list)

    def quadrant_items(self) -> dict[str, list[SwotItem]]:
        """Items by quadrant letter, ids filled in (S1, S2, … where not given)."""
        out = {}
        for letter, items in zip("SWOT", (self.strengths, self.weaknesses, self.opportunities,
                                          self.threats), strict=True):
            out[letter] = [i if i.id else i.model_copy(update={"id": f"{letter}{n}"})
                           for n, i in enumerate(items, start=1)]
        return out


class FunnelSection(Model):
    """Section ``funnel``: a preset or custom stages, counts (or a data file), benchmarks.

    ``value_stages`` are the stages where a person brings ``value_per_customer`` (default:
    the preset's purchase stages, else the last stage)."""

    preset: Literal["marketing", "sales", "line", "marketplace"] | None = None
    stages: list[Text] = Field(default_factory=list)
    counts: list[Amount] = Field(default_factory=list)
    previous: list[Amount] = Field(default_factory=list)
    data: DataFile | None = None
    benchmarks: dict[str, Rate] = Field(default_factory=dict)
    value_per_customer: Positive
    value_stages: list[Text] = Field(default_factory=list)
    what_if_points: Rate = 0.01


KNOWN_CHANNELS = ("Facebook", "Instagram", "LINE", "Google Ads", "YouTube", "TikTok", "Shopee",
                  "Yahoo", "Dcard", "Email", "SMS")


ResultType = Literal["purchase", "lead", "inquiry", "signup", "line_friend", "follower",
                     "booking", "message"]
#: A kind of result as a label: "Meta（LINE 好友）" when one platform brings two kinds.
RESULT_LABELS: dict[str, str] = {
    "purchase": "result.label.purchase", "lead": "result.label.lead",
    "inquiry": "result.label.inquiry", "signup": "result.label.signup",
    "line_friend": "result.label.line_friend", "follower": "result.label.follower",
    "booking": "result.label.booking", "message": "result.label.message",
}
#: What one result is, in the catalogue: "筆訂單", "位 LINE 好友".
RESULT_WORDS: dict[str, str] = {
    "purchase": "budget.result.purchase", "lead": "budget.result.lead",
    "inquiry": "budget.result.inquiry", "signup": "budget.result.signup",
    "line_friend": "budget.result.line_friend", "follower": "budget.result.follower",
    "booking": "budget.result.booking", "message": "budget.result.message",
}


class ChannelSpec(Model):
    """Assumptions for one ad channel: CPA directly, or CPC and CVR (CTR for impressions).

    ``result`` is what the channel's CPA buys (default a purchase). For a LINE friend, a lead
    or any other non-purchase, ``to_order`` is the share of them that order; without it the
    kit says the money is unknown instead of counting a friend as an order."""

    name: Text
    cpc: Positive | None = None
    cvr: Rate | None = None
    ctr: Rate | None = None
    cpm: Positive | None = None
    cpa: Positive | None = None
    aov: Positive | None = None
    share: Rate | None = None
    result: ResultType = "purchase"
    to_order: Rate | None = None


class ScenarioSpec(Model):
    """A budget scenario: multipliers on CPC, CVR and AOV."""

    name: Text
    cpc: Positive = 1.0
    cvr: Positive = 1.0
    aov: Positive = 1.0


class BudgetSection(Model):
    """Section ``budget``: the monthly plan, its channels and the optional spend data."""

    monthly_budget: Positive
    gross_margin: Margin
    aov: Positive
    target_results: Positive | None = None
    target_cpa: Positive | None = None
    start_daily: Positive = 300
    scale_step: Annotated[float, Field(gt=0, le=0.3)] = 0.2
    scale_days: Annotated[int, Field(ge=1, le=14)] = 3
    weeks: Annotated[int, Field(ge=1, le=26)] = 8
    channels: list[ChannelSpec] = Field(min_length=1)
    custom_channels: list[Text] = Field(default_factory=list)
    scenarios: list[ScenarioSpec] = Field(default_factory=list)
    actual: DataFile | None = None
    as_of: date | None = None
    history: DataFile | None = None


class ExportFile(Model):
    """One platform export in the client's data folder; for an ad export, ``result`` says
    what its "results" / "conversions" are (purchases unless the campaign optimises for
    something else, such as LINE friends), and ``campaigns`` names the campaigns whose
    results are of another type (campaign name -> type): results of different types are
    never added together."""

    kind: Literal["meta", "google", "ga4", "orders"]
    file: DataFile
    result: ResultType = "purchase"
    to_order: Rate | None = None   # for a non-purchase result: the share of them that order
    campaigns: dict[str, ResultType] = Field(default_factory=dict)


class Bands(Model):
    """Traffic-light bands: actual progress as a share of the progress expected by now."""

    on_track: Annotated[float, Field(gt=0, le=1.5)] = 0.9
    at_risk: Annotated[float, Field(ge=0, le=1.5)] = 0.7


class NextStep(Model):
    """A next step promised to the owner: who does it, by when, and the KPI it should move."""

    text: Text
    owner: str | None = None
    due: date | None = None
    kpi: str | None = None


class FollowUp(Model):
    """What became of one of last month's next steps (matched by its text)."""

    step: Text
    status: Literal["done", "not_done", "moved", "dropped"]
    note: str = ""
    moved_to: date | None = None


def _step(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class ReportSection(Model):
    """Section ``report``: the month it covers, the exports, and the consultant's own words.

    ``next_steps`` are plain sentences or ``{text, owner, due, kpi}``; ``follow_up`` records
    what became of last month's next steps (the report reads those from last month's snapshot).
    """

    period: YearMonth | None = None
    exports: list[ExportFile] = Field(default_factory=list)
    highlights: list[Text] = Field(default_factory=list)
    challenges: list[Text] = Field(default_factory=list)
    next_steps: list[Annotated[NextStep, BeforeValidator(_step)]] = Field(default_factory=list)
    follow_up: list[FollowUp] = Field(default_factory=list)
    bands: Bands = Field(default_factory=Bands)


class CustomersSection(Model):
    """Section ``customers``: order exports for RFM and the economics of keeping customers."""

    orders: list[DataFile] = Field(min_length=1)
    as_of: date | None = None
    gross_margin: Margin = 0.4
    cac: Positive | None = None
    small_shop: Annotated[int, Field(ge=0)] = 500
    dormant_days: Annotated[int, Field(ge=30)] = 365


class Persona(Model):
    """An audience profile."""

    name: Text
    age: str = ""
    region: str = ""
    interests: list[str] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    channels: list[Text] = Field(default_factory=list)


class JourneyStage(Model):
    """One stage of the customer journey, measured."""

    stage: Text
    touchpoints: list[str] = Field(default_factory=list)
    goal: str = ""
    kpi: str = ""
    current: Amount | None = None
    target: Amount | None = None
    funnel_stage: str | None = None  # take ``current`` from the funnel section's counts


class CalendarItem(Model):
    """One piece of content in the calendar."""

    week: date
    channel: Text
    topic: Text
    format: str = ""
    keyword: str = ""
    owner: str = ""


class Variant(Model):
    """One A/B variant of a message, with its result once sent."""

    name: Text
    message: Text
    sent: Annotated[int, Field(ge=0)] | None = None
    clicks: Annotated[int, Field(ge=0)] | None = None


class AbPlan(Model):
    """What the test must detect: baseline rate and the smallest lift worth knowing, and how
    many people the campaign can reach (``audience``: the size of the list or segment)."""

    baseline: Rate
    lift: Rate
    power: Rate = 0.8
    alpha: Rate = 0.05
    audience: Annotated[int, Field(gt=0)] | None = None


class Campaign(Model):
    """A message campaign (SMS, LINE broadcast or email) planned in six steps."""

    name: Text
    channel: Literal["SMS", "LINE", "Email"]
    goal: Text
    target: Text
    segment: str = ""
    variants: list[Variant] = Field(min_length=1)
    measure: Text
    opt_in_source: str = ""
    unsubscribe: str = ""
    ab: AbPlan | None = None


class Pilot(Model):
    """A small, measured experiment and what it taught."""

    name: Text
    hypothesis: Text
    budget: Amount = 0
    start: date
    end: date
    result: str = ""
    lesson: str = ""


class PlanSection(Model):
    """Section ``plan``: audience, journey, content calendar, campaigns, pilots."""

    personas: list[Persona] = Field(default_factory=list)
    journey: list[JourneyStage] = Field(default_factory=list)
    weeks: Annotated[int, Field(ge=1, le=26)] = 8
    calendar: list[CalendarItem] = Field(default_factory=list)
    offers: dict[str, str] = Field(default_factory=dict)  # retail date key -> the offer
    campaigns: list[Campaign] = Field(default_factory=list)
    pilots: list[Pilot] = Field(default_factory=list)


class ClientProfile(Model):
    """The whole ``client.yaml``."""

    client: ClientInfo
    period: YearMonth
    goals: GoalsSection | None = None
    swot: SwotSection | None = None
    funnel: FunnelSection | None = None
    budget: BudgetSection | None = None
    report: ReportSection | None = None
    customers: CustomersSection | None = None
    plan: PlanSection | None = None
