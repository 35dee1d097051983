"""The plan workbook's sections: personas, journey, content calendar, campaigns, pilots."""

from __future__ import annotations

from markupsafe import Markup

from kit import blocks, fmt
from kit.analysis.plan import (
    AbResult,
    Calendar,
    CampaignCard,
    Campaigns,
    Journey,
    Personas,
    Pilots,
    Plan,
    Reach,
)
from kit.i18n import t
from kit.renderers import renders
from kit.views.customers import SEGMENT_WORDS

#: The A/B verdicts (kit.domain.abtest codes) and the retail dates, in words.
AB_WORDS = {"too_small": "ab.too_small", "b_wins": "ab.b_wins", "a_wins": "ab.a_wins",
            "keep_running": "ab.keep_running", "no_difference": "ab.no_difference"}
DATE_WORDS = {
    "lunar_new_year": "date.lunar_new_year", "valentines": "date.valentines",
    "mothers_day": "date.mothers_day", "dragon_boat": "date.dragon_boat", "qixi": "date.qixi",
    "mid_autumn": "date.mid_autumn", "double_11": "date.double_11",
    "double_12": "date.double_12", "year_end": "date.year_end",
}


def intro(lang: str) -> Markup:
    """Title and purpose."""
    return blocks.section(t("plan.title", lang), t("plan.intro", lang), level=1)


@renders(Personas)
def personas(result: Personas) -> Markup:
    """One card per persona, and whether the budget reaches them."""
    lang = result.context.lang
    out = blocks.section(t("plan.personas.title", lang))
    for p in result.personas:
        pairs = [(t(k, lang), v) for k, v in (
            ("plan.persona.age", p.age), ("plan.persona.region", p.region),
            ("plan.persona.interests", fmt.join(p.interests, lang)),
            ("plan.persona.pains", fmt.join(p.pains, lang)),
            ("plan.persona.channels", fmt.join(p.channels, lang)))]
        missing = p.unfunded
        check = (t("plan.persona.unfunded", lang, name=p.name, channels=fmt.join(missing, lang))
                 if missing and result.funded else t("plan.persona.funded", lang, name=p.name))
        out += Markup("<div class='kit-card'>{}{}{}</div>").format(
            blocks.section(p.name, level=3), blocks.definition_list(pairs),
            blocks.paragraph(check, cls="kit-alert" if missing else "kit-muted"))
    return out


@renders(Journey)
def journey(result: Journey) -> Markup:
    """The journey as a table of measured stages (funnel counts where linked)."""
    lang = result.context.lang
    rows = [(s.stage, fmt.join(s.touchpoints, lang), s.goal, s.kpi, fmt.number(s.current, 0),
             fmt.number(s.target, 0)) for s in result.rows]
    cols = ("plan.col.stage", "plan.col.touchpoints", "plan.col.goal", "plan.col.kpi",
            "plan.col.current", "plan.col.target")
    return (blocks.section(t("plan.journey.title", lang), t("plan.journey.intro", lang))
            + blocks.table([t(key, lang) for key in cols], rows))


def gap_count(result: Calendar) -> Markup:
    """How many (week, funded channel) cells have no content (the workshop's live line)."""
    lang = result.context.lang
    return blocks.paragraph(f"{t('plan.calendar.gap', lang)}{fmt.punct('colon', lang)}"
                            f"{len(result.gaps)}")


@renders(Calendar)
def calendar(result: Calendar) -> Markup:
    """Weeks x channels with topic and format; gaps flagged; retail dates ahead."""
    lang = result.context.lang
    rows = []
    for w, cells in zip(result.weeks, result.cells, strict=True):
        row = [fmt.day(w, lang)]
        for ch, item in zip(result.channels, cells, strict=True):
            if item:
                bar = fmt.punct("bar", lang)
                row.append(bar.join(v for v in (item.topic, item.format, item.keyword,
                                                 item.owner) if v))
            else:
                row.append(t("plan.calendar.gap", lang) if (w, ch) in result.gaps else "—")
        rows.append(row)
    header = [t("plan.col.week", lang), *result.channels]
    dates = [f"{fmt.day(d.day, lang)} {t(DATE_WORDS[d.key], lang)}{fmt.punct('colon', lang)}"
             f"{d.offer or t('plan.dates.none', lang)}" for d in result.dates]
    out = (blocks.section(t("plan.calendar.title", lang), t("plan.calendar.intro", lang))
           + blocks.table(header, rows))
    if dates:
        out += blocks.section(t("plan.dates.title", lang), level=3) + blocks.bullet_list(dates)
    return out


def verdict_text(result: AbResult) -> str:
    """An A/B result in plain words."""
    lang, needed = result.context.lang, result.needed
    return t(AB_WORDS[result.code], lang, a=result.a, b=result.b, ra=fmt.pct(result.rate_a),
             rb=fmt.pct(result.rate_b), p=f"{result.p_value:.3f}",
             n=fmt.number(needed, 0) if needed else "—",
             sent=fmt.number(result.least_sent, 0),
             share=fmt.pct(result.least_sent / needed, 0) if needed else "—")


@renders(AbResult)
def verdict(result: AbResult) -> Markup:
    """An A/B verdict as a paragraph."""
    return blocks.paragraph(verdict_text(result), cls="kit-verdict")


def reach_text(reach: Reach, lang: str) -> str:
    """Whether the list the campaign can reach is big enough for its test."""
    if reach.code == "unknown":
        return t("plan.ab.reach.unknown", lang)
    if reach.code == "ok":
        return t("plan.ab.reach.ok", lang, audience=fmt.number(reach.audience, 0),
                 total=fmt.number(reach.total, 0))
    return t("plan.ab.reach.small", lang, audience=fmt.number(reach.audience, 0),
             total=fmt.number(reach.total, 0), lift=fmt.points(reach.lift, lang).lstrip("+"),
             smallest=fmt.points(reach.smallest, lang).lstrip("+"))


def size_text(baseline: float, lift: float, per_variant: int, alpha: float, power: float,
              lang: str) -> str:
    """The recipients each variant needs to see ``baseline`` become ``baseline + lift``."""
    return t("plan.ab.size", lang, base=fmt.pct(baseline), goal=fmt.pct(baseline + lift),
             n=fmt.number(per_variant, 0), alpha=fmt.pct(alpha, 0), power=fmt.pct(power, 0))


def campaign(c: CampaignCard, lang: str) -> Markup:
    """One campaign's card: six steps, the test's size and reach, the verdict."""
    key = SEGMENT_WORDS.get(c.segment or "")
    segment = t(key, lang) if key else c.segment
    variants = fmt.join((f"{name}{fmt.punct('colon', lang)}{message}"
                         for name, message in c.variants), lang, "semicolon")
    compliance = (t("plan.compliance", lang, source=c.opt_in_source, route=c.unsubscribe)
                  if c.opt_in_source and c.unsubscribe
                  else t("plan.compliance.missing", lang))
    pairs = [(t("plan.step.goal", lang), c.goal), (t("plan.step.target", lang), c.target),
             (t("plan.step.segment", lang), segment or "—"),
             (t("plan.step.message", lang), variants),
             (t("plan.step.measure", lang), c.measure),
             (t("plan.step.compliance", lang), compliance)]
    card = blocks.section(c.name + fmt.paren(c.channel, lang), level=3)
    card += blocks.definition_list(pairs)
    if c.size:
        ab = c.size.plan
        card += blocks.paragraph(size_text(ab.baseline, ab.lift, c.size.per_variant, ab.alpha,
                                           ab.power, lang))
        if c.reach:
            card += blocks.paragraph(reach_text(c.reach, lang))
    if c.verdict:
        card += verdict(c.verdict)
    return Markup("<div class='kit-card'>{}</div>").format(card)


@renders(Campaigns)
def campaigns(result: Campaigns) -> Markup:
    """Each campaign's six steps, the A/B sample size, and the verdict when results exist."""
    lang = result.context.lang
    out = blocks.section(t("plan.campaigns.title", lang))
    for c in result.campaigns:
        out += campaign(c, lang)
    return out


@renders(Pilots)
def pilots(result: Pilots, title_key: str = "plan.pilots.title", intro: bool = True) -> Markup:
    """The pilot log as a table (the plan workbook and the monthly report share it)."""
    lang, cur = result.context.lang, result.context.currency
    cols = ("plan.col.pilot", "plan.col.hypothesis", "plan.col.budget", "plan.col.dates",
            "plan.col.result", "plan.col.lesson")
    rows = [(p.name, p.hypothesis, fmt.money(p.budget, cur),
             f"{fmt.day(p.start, lang)}–{fmt.day(p.end, lang)}", p.result or "—",
             p.lesson or "—") for p in result.pilots]
    return (blocks.section(t(title_key, lang), t("plan.pilots.intro", lang) if intro else None)
            + blocks.table([t(key, lang) for key in cols], rows))


@renders(Plan)
def page(result: Plan) -> Markup:
    """The whole workbook, in the template's order."""
    return (intro(result.context.lang) + personas(result.personas) + journey(result.journey)
            + calendar(result.calendar) + campaigns(result.campaigns) + pilots(result.pilots))
