"""The customers workbook's sections: scoring method, segments with actions, retention."""

from __future__ import annotations

from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.customers import Customers, History, Retention, Scoring, Segments
from kit.i18n import t
from kit.renderers import renders

#: RFM segments (kit.domain.rfm), what to do with each, and the scoring methods, in words.
SEGMENT_WORDS = {
    "champions": "segment.champions", "loyal": "segment.loyal", "new": "segment.new",
    "promising": "segment.promising", "needs_attention": "segment.needs_attention",
    "at_risk": "segment.at_risk", "dormant": "segment.dormant",
}
ACTION_WORDS = {
    "champions": "action.champions", "loyal": "action.loyal", "new": "action.new",
    "promising": "action.promising", "needs_attention": "action.needs_attention",
    "at_risk": "action.at_risk", "dormant": "action.dormant",
}
METHOD_WORDS = {"quintiles": "customers.method.quintiles",
                "median_gap": "customers.method.median_gap"}


def notes(history: History, lang: str) -> Markup:
    """Warnings about the orders: duplicates dropped, too few orders to trust the numbers."""
    found = list(history.notes)
    if history.orders == 1:
        found.append(t("data.one_order", lang))
    elif not history.enough or history.orders < 30:
        found.append(t("data.few_orders", lang, n=history.orders, days=history.span_days))
    return blocks.join(blocks.paragraph(n, cls="kit-alert") for n in found)


@renders(Scoring)
def intro(result: Scoring) -> Markup:
    """Title, purpose and which scoring method was used (and why)."""
    lang = result.context.lang
    method = t(METHOD_WORDS[result.method], lang, n=fmt.number(result.customers, 0),
               gap=fmt.number(result.median_gap, 0))
    return (blocks.section(t("customers.title", lang), t("customers.intro", lang), level=1)
            + blocks.paragraph(method) + blocks.paragraph(
                t("customers.as_of", lang, date=fmt.day(result.as_of, lang)), cls="kit-muted")
            + notes(result.history, lang))


def segments_takeaway(result: Segments) -> str:
    """The segment chart in one sentence: the segment carrying the most revenue."""
    lang, top = result.context.lang, result.top
    return t("customers.takeaway", lang, segment=t(SEGMENT_WORDS[top.segment], lang),
             people=fmt.pct(top.customer_share, 0), revenue=fmt.pct(top.revenue_share, 0))


@renders(Segments)
def segments(result: Segments) -> Markup:
    """Per segment: customers, revenue, their shares and the recommended action."""
    c = result.context
    lang = c.lang
    cols = ("customers.col.segment", "customers.col.customers",
            "customers.col.customer_share", "customers.col.revenue",
            "customers.col.revenue_share", "customers.col.action")
    rows = [(t(SEGMENT_WORDS[r.segment], lang), fmt.number(r.customers, 0),
             fmt.pct(r.customer_share), fmt.money(r.revenue, c.currency),
             fmt.pct(r.revenue_share), t(ACTION_WORDS[r.segment], lang)) for r in result.rows]
    fig = charts.segment_bars([t(SEGMENT_WORDS[r.segment], lang) for r in result.rows],
                              [r.customer_share for r in result.rows],
                              [r.revenue_share for r in result.rows], lang, c.brand_colour)
    repeat = t("customers.repeat", lang, rate=fmt.pct(result.repeat_rate),
               repeat=fmt.number(result.customers - result.one_order, 0),
               n=fmt.number(result.customers, 0), one=fmt.number(result.one_order, 0),
               days=fmt.number(result.at_risk_days, 0))
    return (blocks.section(t("customers.segments.title", lang)) + blocks.paragraph(repeat)
            + blocks.table([t(key, lang) for key in cols], rows)
            + blocks.png(fig, alt=t("customers.chart.title", lang),
                         takeaway=segments_takeaway(result)))


def cac_text(result: Retention) -> str:
    """Where the CAC figure comes from, said plainly."""
    lang, cur, cac = result.context.lang, result.context.currency, result.cac
    if cac.source == "computed":
        return t("customers.cac.computed", lang, cac=fmt.money(cac.value, cur),
                 start=fmt.month(cac.months[0], lang), end=fmt.month(cac.months[-1], lang))
    if cac.source == "typed":
        return t("customers.cac.typed", lang, cac=fmt.money(cac.value, cur))
    return t("customers.cac.none", lang)


@renders(Retention)
def retention(result: Retention) -> Markup:
    """What keeping the at-risk customers is worth against winning new ones; simple LTV."""
    lang, cur = result.context.lang, result.context.currency

    def money(value: float | None) -> str:
        return fmt.money(value, cur)

    out = blocks.section(t("customers.retention.title", lang))
    if not result.history.enough:  # one order is not a year: no value is annualised
        return out + blocks.paragraph(t("data.one_order", lang) if result.history.orders == 1
                                      else t("customers.too_short", lang), cls="kit-alert")
    cac = result.cac.value
    out += blocks.paragraph(cac_text(result), cls="kit-muted")
    k = result.keeping
    if cac and k:
        out += blocks.paragraph(t(
            "customers.retention.lapsed", lang, n=fmt.number(k.customers, 0),
            days=fmt.number(result.at_risk_days, 0), gone=fmt.number(k.gone, 0)))
        out += blocks.paragraph(t(
            "customers.retention.text", lang, n=fmt.number(k.customers, 0),
            annual=money(result.annual_value), cac=money(cac),
            keep=money(cac * result.keep_ratio), keep_all=money(k.cost_to_keep),
            replace_all=money(k.cost_to_replace), saving=money(k.saving)))
    out += blocks.paragraph(t("customers.ltv", lang, ltv=money(result.ltv),
                              revenue=money(result.revenue_ltv)))
    if cac:
        out += blocks.paragraph(t("customers.payback", lang, cac=money(cac),
                                  monthly=money(result.monthly_profit),
                                  months=fmt.number(result.payback_months, 1)))
    return out


@renders(Customers)
def page(result: Customers) -> Markup:
    """The whole workbook, in the template's order."""
    return intro(result.scoring) + segments(result.segments) + retention(result.retention)
