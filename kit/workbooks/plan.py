"""The audience, journey and campaign plan: personas, journey map, content calendar,
message campaigns with A/B tests, and the pilot log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from markupsafe import Markup

from kit import blocks, fmt
from kit.domain import abtest, retail_dates
from kit.domain.funnel import PRESETS
from kit.i18n import t
from kit.params import PlanParams
from kit.profile import AbPlan, FunnelSection, PlanSection
from kit.views.customers import SEGMENT_WORDS
from kit.workbooks.base import Book

#: The A/B verdicts (kit.domain.abtest codes) and the retail dates, in words.
AB_WORDS = {"too_small": "ab.too_small", "b_wins": "ab.b_wins", "a_wins": "ab.a_wins",
            "keep_running": "ab.keep_running", "no_difference": "ab.no_difference"}
DATE_WORDS = {
    "lunar_new_year": "date.lunar_new_year", "valentines": "date.valentines",
    "mothers_day": "date.mothers_day", "dragon_boat": "date.dragon_boat", "qixi": "date.qixi",
    "mid_autumn": "date.mid_autumn", "double_11": "date.double_11",
    "double_12": "date.double_12", "year_end": "date.year_end",
}


def pilots_html(pilots, lang: str, money, title_key: str = "plan.pilots.title",
                intro: bool = True) -> str:
    """The pilot log as a table (the plan workbook and the monthly report share it)."""
    cols = ("plan.col.pilot", "plan.col.hypothesis", "plan.col.budget", "plan.col.dates",
            "plan.col.result", "plan.col.lesson")
    rows = [(p.name, p.hypothesis, money(p.budget),
             f"{fmt.day(p.start, lang)}–{fmt.day(p.end, lang)}", p.result or "—",
             p.lesson or "—") for p in pilots]
    return (blocks.section(t(title_key, lang), t("plan.pilots.intro", lang) if intro else None)
            + blocks.table([t(key, lang) for key in cols], rows))


def ab_verdict(lang: str, a: tuple[str, int, int], b: tuple[str, int, int],
               ab: AbPlan | None) -> str:
    """An A/B result in plain words: (name, sent, clicks) per variant, against the plan (no
    verdict before the planned sample; "cannot conclude" when the list can never reach it)."""
    needed = abtest.sample_size(ab.baseline, ab.lift, ab.power, ab.alpha) if ab else None
    v = abtest.judge(a[1], a[2], b[1], b[2], ab.alpha if ab else 0.05, needed)
    code = v.code
    if code == "keep_running" and needed and ab.audience and 2 * needed > ab.audience:
        code = "too_small"  # the plan can never be reached on this list
    least = min(a[1], b[1])
    return t(AB_WORDS[code], lang, a=a[0], b=b[0], ra=fmt.pct(v.rate_a), rb=fmt.pct(v.rate_b),
             p=f"{v.p_value:.3f}", n=fmt.number(needed, 0) if needed else "—",
             sent=fmt.number(least, 0), share=fmt.pct(least / needed, 0) if needed else "—")


@dataclass(frozen=True)
class PlanBook(Book):
    """A client's plan section, checked against the budget and funnel."""

    section: PlanSection
    funded: tuple[str, ...] = ()
    funnel: FunnelSection | None = None
    PARAMS = PlanParams
    SECTION = "plan"

    @classmethod
    def from_params(cls, **parameters: object) -> PlanBook:
        """Build from the template's parameters (funded channels and the funnel included)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.plan, tuple(p.funded), p.funnel)

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return blocks.section(t("plan.title", self.lang), t("plan.intro", self.lang), level=1)

    def unfunded(self, persona) -> list[str]:
        """A persona's channels that the budget does not fund."""
        return [c for c in persona.channels if c not in self.funded]

    def personas_html(self) -> Markup:
        """One card per persona, and whether the budget reaches them."""
        lang = self.lang
        out = blocks.section(t("plan.personas.title", lang))
        for p in self.section.personas:
            pairs = [(t(k, lang), v) for k, v in (
                ("plan.persona.age", p.age), ("plan.persona.region", p.region),
                ("plan.persona.interests", fmt.join(p.interests, lang)),
                ("plan.persona.pains", fmt.join(p.pains, lang)),
                ("plan.persona.channels", fmt.join(p.channels, lang)))]
            missing = self.unfunded(p)
            check = (t("plan.persona.unfunded", lang, name=p.name, channels=fmt.join(missing, lang))
                     if missing and self.funded else t("plan.persona.funded", lang, name=p.name))
            out += Markup("<div class='kit-card'>{}{}{}</div>").format(
                blocks.section(p.name, level=3), blocks.definition_list(pairs),
                blocks.paragraph(check, cls="kit-alert" if missing else "kit-muted"))
        return out

    def _funnel_counts(self) -> dict[str, float]:
        if not self.funnel or not self.funnel.counts:
            return {}
        keys = self.funnel.stages or list(PRESETS.get(self.funnel.preset or "", ()))
        return dict(zip(keys, self.funnel.counts, strict=False))

    def journey_html(self) -> Markup:
        """The journey as a table of measured stages (funnel counts where linked)."""
        lang, counts = self.lang, self._funnel_counts()
        rows = []
        for s in self.section.journey:
            current = counts.get(s.funnel_stage, s.current) if s.funnel_stage else s.current
            rows.append((s.stage, fmt.join(s.touchpoints, lang), s.goal, s.kpi,
                         fmt.number(current, 0), fmt.number(s.target, 0)))
        cols = ("plan.col.stage", "plan.col.touchpoints", "plan.col.goal", "plan.col.kpi",
                "plan.col.current", "plan.col.target")
        return (blocks.section(t("plan.journey.title", lang), t("plan.journey.intro", lang))
                + blocks.table([t(key, lang) for key in cols], rows))

    @cached_property
    def plan_weeks(self):
        """The calendar's Mondays."""
        return retail_dates.weeks(self.period, self.section.weeks)

    @cached_property
    def channels(self) -> list[str]:
        """Channels in the calendar: funded ones first, then any other used."""
        used = [i.channel for i in self.section.calendar]
        return list(dict.fromkeys([*self.funded, *used]))

    @cached_property
    def gaps(self) -> list:
        """(week, channel) where a funded channel has no content."""
        items = [(i.week, i.channel) for i in self.section.calendar]
        return retail_dates.gaps(items, self.funded, self.plan_weeks)

    def calendar_html(self) -> Markup:
        """Weeks x channels with topic and format; gaps flagged; retail dates ahead."""
        lang = self.lang
        cells = {(retail_dates.week_of(i.week), i.channel): i for i in self.section.calendar}
        gaps = set(self.gaps)
        rows = []
        for w in self.plan_weeks:
            row = [fmt.day(w, lang)]
            for ch in self.channels:
                item = cells.get((w, ch))
                if item:
                    bar = fmt.punct("bar", lang)
                    row.append(bar.join(v for v in (item.topic, item.format, item.keyword,
                                                     item.owner) if v))
                else:
                    row.append(t("plan.calendar.gap", lang) if (w, ch) in gaps else "—")
            rows.append(row)
        header = [t("plan.col.week", lang), *self.channels]
        end = self.plan_weeks[-1] + timedelta(days=6)
        dates = [f"{fmt.day(d, lang)} {t(DATE_WORDS[k], lang)}{fmt.punct('colon', lang)}"
                 f"{self.section.offers.get(k) or t('plan.dates.none', lang)}"
                 for d, k in retail_dates.retail_dates(self.plan_weeks[0],
                                                       end + timedelta(days=60))]
        out = (blocks.section(t("plan.calendar.title", lang), t("plan.calendar.intro", lang))
               + blocks.table(header, rows))
        if dates:
            out += blocks.section(t("plan.dates.title", lang), level=3) + blocks.bullet_list(dates)
        return out

    def verdict(self, campaign) -> str | None:
        """The plain-language A/B verdict, once both variants have results."""
        sent = [v for v in campaign.variants if v.sent]
        if len(sent) < 2:
            return None
        a, b = sent[0], sent[1]
        return ab_verdict(self.lang, (a.name, a.sent, a.clicks or 0),
                          (b.name, b.sent, b.clicks or 0), campaign.ab)

    def reach_text(self, campaign) -> str | None:
        """Whether the list the campaign can reach is big enough for its test."""
        ab = campaign.ab
        if ab is None:
            return None
        lang = self.lang
        if ab.audience is None:
            return t("plan.ab.reach.unknown", lang)
        n = abtest.sample_size(ab.baseline, ab.lift, ab.power, ab.alpha)
        if 2 * n <= ab.audience:
            return t("plan.ab.reach.ok", lang, audience=fmt.number(ab.audience, 0),
                     total=fmt.number(2 * n, 0))
        smallest = abtest.detectable_lift(ab.baseline, ab.audience // 2, ab.power, ab.alpha)
        return t("plan.ab.reach.small", lang, audience=fmt.number(ab.audience, 0),
                 total=fmt.number(2 * n, 0), lift=fmt.points(ab.lift, lang).lstrip("+"),
                 smallest=fmt.points(smallest, lang).lstrip("+"))

    def campaigns_html(self) -> Markup:
        """Each campaign's six steps, the A/B sample size, and the verdict when results exist."""
        lang = self.lang
        out = blocks.section(t("plan.campaigns.title", lang))
        for c in self.section.campaigns:
            key = SEGMENT_WORDS.get(c.segment or "")
            segment = t(key, lang) if key else c.segment
            variants = fmt.join((f"{v.name}{fmt.punct('colon', lang)}{v.message}"
                                 for v in c.variants), lang, "semicolon")
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
            if c.ab:
                n = abtest.sample_size(c.ab.baseline, c.ab.lift, c.ab.power, c.ab.alpha)
                card += blocks.paragraph(t("plan.ab.size", lang, base=fmt.pct(c.ab.baseline),
                                         goal=fmt.pct(c.ab.baseline + c.ab.lift),
                                         n=fmt.number(n, 0), alpha=fmt.pct(c.ab.alpha, 0),
                                         power=fmt.pct(c.ab.power, 0)))
                reach = self.reach_text(c)
                if reach:
                    card += blocks.paragraph(reach)
            verdict = self.verdict(c)
            if verdict:
                card += blocks.paragraph(verdict, cls="kit-verdict")
            out += Markup("<div class='kit-card'>{}</div>").format(card)
        return out

    def pilots_html(self) -> Markup:
        """The pilot log."""
        return pilots_html(self.section.pilots, self.lang, self.money)
