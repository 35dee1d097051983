"""The plan's numbers: which personas the budget reaches, the journey measured (funnel counts
where linked), the content calendar with its gaps and retail dates, each campaign's A/B
sample size, reach and verdict, and the pilot log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kit.analysis.context import Context
from kit.domain import abtest, retail_dates
from kit.domain.funnel import PRESETS
from kit.profile import AbPlan, CalendarItem, ClientInfo, FunnelSection, Pilot, PlanSection
from kit.renderers import Rendered

__all__ = [
    "AbResult",
    "AbSize",
    "Calendar",
    "CalendarItem",
    "CampaignCard",
    "Campaigns",
    "Journey",
    "JourneyRow",
    "Persona",
    "Personas",
    "Pilot",
    "Pilots",
    "Plan",
    "Reach",
    "RetailDate",
    "ab_result",
    "ab_size",
    "analyse",
    "calendar",
    "pilots_between",
]


@dataclass(frozen=True, slots=True)
class Persona:
    """An audience profile and the channels of it the budget does not fund."""

    name: str
    age: str
    region: str
    interests: tuple[str, ...]
    pains: tuple[str, ...]
    channels: tuple[str, ...]
    unfunded: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Personas(Rendered):
    """The personas, against the channels the budget funds (none known: ``funded`` empty)."""

    context: Context
    personas: tuple[Persona, ...]
    funded: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class JourneyRow:
    """One journey stage, measured (``current`` from the funnel where it is linked)."""

    stage: str
    touchpoints: tuple[str, ...]
    goal: str
    kpi: str
    current: float | None
    target: float | None


@dataclass(frozen=True, slots=True)
class Journey(Rendered):
    """The customer journey as measured stages."""

    context: Context
    rows: tuple[JourneyRow, ...]


@dataclass(frozen=True, slots=True)
class RetailDate:
    """A retail date in (or just after) the calendar, with the offer planned for it."""

    day: date
    key: str  # kit.domain.retail_dates code
    offer: str  # "" when none is planned yet


@dataclass(frozen=True, slots=True)
class Calendar(Rendered):
    """Weeks x channels: per week, per channel, the content planned (None: nothing; a gap
    when the channel is funded)."""

    context: Context
    weeks: tuple[date, ...]
    channels: tuple[str, ...]  # funded first, then any other used
    cells: tuple[tuple[CalendarItem | None, ...], ...]  # one row per week
    gaps: frozenset[tuple[date, str]]
    dates: tuple[RetailDate, ...]


@dataclass(frozen=True, slots=True)
class AbSize:
    """The recipients each variant needs for the campaign's planned test."""

    plan: AbPlan
    per_variant: int


@dataclass(frozen=True, slots=True)
class Reach:
    """Whether the list the campaign can reach is big enough for its test: ``code`` is
    ok | small | unknown (no audience size given)."""

    code: str
    audience: int | None
    total: int  # recipients both variants need
    lift: float
    smallest: float  # the smallest lift the audience can detect (small only)


@dataclass(frozen=True, slots=True)
class AbResult(Rendered):
    """An A/B result against the plan: the verdict code (kit.domain.abtest, or too_small
    when the list can never reach the plan), the rates and the sample sizes."""

    context: Context
    code: str
    a: str
    b: str
    rate_a: float
    rate_b: float
    p_value: float
    needed: int | None
    least_sent: int


@dataclass(frozen=True, slots=True)
class CampaignCard:
    """A message campaign's six steps, its test plan and (with results) its verdict."""

    name: str
    channel: str
    goal: str
    target: str
    segment: str  # an RFM segment code, or the consultant's own words
    variants: tuple[tuple[str, str], ...]  # (name, message)
    measure: str
    opt_in_source: str
    unsubscribe: str
    size: AbSize | None
    reach: Reach | None
    verdict: AbResult | None


@dataclass(frozen=True, slots=True)
class Campaigns(Rendered):
    """Every campaign of the plan."""

    context: Context
    campaigns: tuple[CampaignCard, ...]


@dataclass(frozen=True, slots=True)
class Pilots(Rendered):
    """Pilots from the plan's pilot log."""

    context: Context
    pilots: tuple[Pilot, ...]


@dataclass(frozen=True, slots=True)
class Plan(Rendered):
    """Everything the plan workbook shows."""

    context: Context
    personas: Personas
    journey: Journey
    calendar: Calendar
    campaigns: Campaigns
    pilots: Pilots


def ab_result(context: Context, a: tuple[str, int, int], b: tuple[str, int, int],
              ab: AbPlan | None) -> AbResult:
    """An A/B result, (name, sent, clicks) per variant, judged against the plan (no verdict
    before the planned sample; too_small when the list can never reach it)."""
    needed = abtest.sample_size(ab.baseline, ab.lift, ab.power, ab.alpha) if ab else None
    v = abtest.judge(a[1], a[2], b[1], b[2], ab.alpha if ab else 0.05, needed)
    code = v.code
    if code == "keep_running" and ab and needed and ab.audience and 2 * needed > ab.audience:
        code = "too_small"  # the plan can never be reached on this list
    return AbResult(context, code, a[0], b[0], v.rate_a, v.rate_b, v.p_value, needed,
                    min(a[1], b[1]))


def ab_size(plan: AbPlan) -> AbSize:
    """The recipients each variant needs for ``plan``."""
    return AbSize(plan, abtest.sample_size(plan.baseline, plan.lift, plan.power, plan.alpha))


def _reach(ab: AbPlan) -> Reach:
    n = abtest.sample_size(ab.baseline, ab.lift, ab.power, ab.alpha)
    if ab.audience is None:
        return Reach("unknown", None, 2 * n, ab.lift, float("nan"))
    if 2 * n <= ab.audience:
        return Reach("ok", ab.audience, 2 * n, ab.lift, float("nan"))
    smallest = abtest.detectable_lift(ab.baseline, ab.audience // 2, ab.power, ab.alpha)
    return Reach("small", ab.audience, 2 * n, ab.lift, smallest)


def _campaigns(context: Context, section: PlanSection) -> tuple[CampaignCard, ...]:
    out = []
    for c in section.campaigns:
        sent = [v for v in c.variants if v.sent]
        verdict = None
        if len(sent) >= 2:
            a, b = sent[0], sent[1]
            verdict = ab_result(context, (a.name, a.sent or 0, a.clicks or 0),
                                (b.name, b.sent or 0, b.clicks or 0), c.ab)
        size = ab_size(c.ab) if c.ab else None
        out.append(CampaignCard(c.name, c.channel, c.goal, c.target, c.segment,
                                tuple((v.name, v.message) for v in c.variants), c.measure,
                                c.opt_in_source, c.unsubscribe, size,
                                _reach(c.ab) if c.ab else None, verdict))
    return tuple(out)


def _funnel_counts(funnel: FunnelSection | None) -> dict[str, float]:
    if not funnel or not funnel.counts:
        return {}
    keys = funnel.stages or list(PRESETS.get(funnel.preset or "", ()))
    return dict(zip(keys, funnel.counts, strict=False))


def calendar(context: Context, section: PlanSection, period: date,
             funded: tuple[str, ...]) -> Calendar:
    """The content calendar of ``section`` from ``period``'s first week, gaps on funded
    channels, and the retail dates up to two months past its end."""
    weeks = tuple(retail_dates.weeks(period, section.weeks))
    used = [i.channel for i in section.calendar]
    channels = tuple(dict.fromkeys([*funded, *used]))
    placed = {(retail_dates.week_of(i.week), i.channel): i for i in section.calendar}
    gaps = frozenset(retail_dates.gaps([(i.week, i.channel) for i in section.calendar],
                                       list(funded), list(weeks)))
    cells = tuple(tuple(placed.get((w, ch)) for ch in channels) for w in weeks)
    end = weeks[-1] + timedelta(days=6)
    dates = tuple(RetailDate(d, k, section.offers.get(k) or "")
                  for d, k in retail_dates.retail_dates(weeks[0], end + timedelta(days=60)))
    return Calendar(context, weeks, channels, cells, gaps, dates)


def pilots_between(context: Context, section: PlanSection, start: date, end: date) -> Pilots:
    """The pilots that ran between ``start`` and the day before ``end``."""
    return Pilots(context, tuple(p for p in section.pilots if p.start < end and p.end >= start))


def analyse(client: ClientInfo, period: date, section: PlanSection,
            funded: tuple[str, ...] = (), funnel: FunnelSection | None = None) -> Plan:
    """The plan of ``section`` for ``period``, checked against the channels the budget funds
    and the funnel's counts."""
    context = Context.of(client)
    personas = tuple(Persona(p.name, p.age, p.region, tuple(p.interests), tuple(p.pains),
                             tuple(p.channels),
                             tuple(c for c in p.channels if c not in funded))
                     for p in section.personas)
    counts = _funnel_counts(funnel)
    journey = tuple(
        JourneyRow(s.stage, tuple(s.touchpoints), s.goal, s.kpi,
                   counts.get(s.funnel_stage, s.current) if s.funnel_stage else s.current,
                   s.target)
        for s in section.journey)
    return Plan(context, Personas(context, personas, funded), Journey(context, journey),
                calendar(context, section, period, funded),
                Campaigns(context, _campaigns(context, section)),
                Pilots(context, tuple(section.pilots)))
