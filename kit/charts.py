"""Charts for client reports: one theme, a CJK font that renders, figures built without pyplot.

Figures are ``matplotlib.figure.Figure`` objects (not pyplot), so nothing is shown twice by
Jupyter's inline backend and nothing leaks between charts. :func:`kit.show.figure` encodes
them. Labels come from :mod:`kit.i18n`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from kit import fmt
from kit.domain.kpi import monthly_path
from kit.fonts import cjk_family
from kit.i18n import t

GREY = "#8A8F98"
INK = "#263238"


def rc(brand_colour: str = "#1F5F8B") -> dict:
    """matplotlib rc settings of the kit theme (seaborn white grid, CJK font, brand colour)."""
    base = sns.axes_style("whitegrid")
    base.update(sns.plotting_context("notebook", font_scale=1.05))
    base.update(
        {
            "font.family": [cjk_family(), "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.edgecolor": "#CFD8DC",
            "axes.titleweight": "bold",
            "axes.titlesize": 13,
            "axes.titlelocation": "left",
            "text.color": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.prop_cycle": matplotlib.cycler(color=[brand_colour, "#F59E0B", GREY]),
            "figure.dpi": 100,
            "savefig.dpi": 144,
        }
    )
    return base


#: Legend and annotation size in points: at least 11 px when a 5.2-inch-wide chart is shown
#: 390 px wide on a phone (11 pt x 390 / (5.2 x 72) = 11.5 px).
LEGEND_PT = 11.0
#: Most month labels a date axis shows (a "2026/11" label is about 0.7 inch wide at 11.5 pt).
MAX_DATE_TICKS = 5
_MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24)


def phone_px(points: float, fig_width_in: float, shown_px: float = 390.0) -> float:
    """How many CSS pixels a ``points``-sized text is when the figure is shown ``shown_px`` wide."""
    return points * shown_px / (fig_width_in * 72)


def month_axis(ax: Axes, first: date | pd.Timestamp, last: date | pd.Timestamp,
               max_ticks: int = MAX_DATE_TICKS) -> None:
    """Monthly date ticks on the x axis that never crowd: a step of 1, 2, 3, 4, 6, 12 or 24
    months, the smallest that keeps at most ``max_ticks`` labels between ``first`` and ``last``."""
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    span = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in _MONTH_STEPS if math.ceil(span / s) <= max_ticks), 36)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13), interval=step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y/%m"))
    for label in ax.get_xticklabels():
        label.set_rotation(0)


def value_axis(ax: Axes, unit: str, currency: str = "TWD", lang: str = "zh-TW",
               axis: str = "y") -> None:
    """Ticks that carry the value's unit: '2.5%', 'NT$1,200'; a counted unit (人, 筆, orders)
    names the axis instead ('單位：人')."""
    target = ax.yaxis if axis == "y" else ax.xaxis

    def plain(v: float) -> str:
        return fmt.number(v, 0 if abs(v) >= 10 or float(v).is_integer() else 1)

    if unit in fmt.PERCENT_UNITS:
        target.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{plain(v)}%"))
    elif unit in fmt.MONEY_UNITS:
        target.set_major_formatter(matplotlib.ticker.FuncFormatter(
            lambda v, _: fmt.money(v, currency)))
    else:
        target.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: plain(v)))
        if unit:
            (ax.set_ylabel if axis == "y" else ax.set_xlabel)(
                t("chart.unit", lang, unit=unit), fontsize=LEGEND_PT)


def _month_ends(start: date, count: int) -> list[pd.Timestamp]:
    return list(pd.date_range(pd.Timestamp(start), periods=count, freq="MS"))


def kpi_path(
    name: str,
    baseline: float,
    target: float,
    start: date,
    months: int,
    rate: float,
    unit: str = "",
    history: tuple[float, ...] | list[float] = (),
    lang: str = "zh-TW",
    brand_colour: str = "#1F5F8B",
    currency: str = "TWD",
) -> Figure:
    """Line chart of one KPI: past months (if any), the monthly path from baseline to target."""
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.2, 3.2), layout="constrained")
        ax = fig.add_subplot()
        path = monthly_path(baseline, rate, months)
        if history:
            hist_x = _month_ends(start, len(history) + 1)[:-1]
            hist_x = [x - pd.DateOffset(months=len(history) - 1) for x in hist_x]
            ax.plot(hist_x, list(history), color=GREY, marker="o", ms=4, lw=1.8,
                    label=t("kpi.chart.history", lang))
        if path:
            xs = _month_ends(start, len(path))
            ax.plot(xs, path, color=brand_colour, marker="o", ms=4, lw=2.2, ls="--",
                    label=t("kpi.chart.path", lang))
            ax.scatter([xs[-1]], [target], s=120, color="#F59E0B", zorder=5, marker="*",
                       label=t("kpi.chart.target", lang))
            ax.annotate(fmt.with_unit(target, unit, currency), (xs[-1], target),
                        textcoords="offset points", xytext=(0, 9), ha="center", fontsize=10,
                        fontweight="bold")
        ax.set_title(t("kpi.chart.title", lang, name=name))
        first = pd.Timestamp(start) - pd.DateOffset(months=max(len(history) - 1, 0))
        month_axis(ax, first, pd.Timestamp(start) + pd.DateOffset(months=max(months, 0)))
        value_axis(ax, unit, currency, lang)
        ax.legend(loc="upper left", frameon=False, fontsize=LEGEND_PT)
        sns.despine(fig=fig, left=True)
    return fig


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_NO_LINE_START = set("，。、；：！？）」』】〉》…,.;:!?)")


def wrap_cjk(text: str, width: int) -> list[str]:
    """Wrap text to ``width`` columns, CJK characters counting two (Latin words kept whole)."""
    lines, line, used = [], "", 0
    for token in re.findall(r"[A-Za-z0-9$%.,+\-/&']+|\s+|.", text):
        w = sum(_width(c) for c in token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + w > width and line and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


QUADRANT_COLOURS = {"S": "#2E7D32", "W": "#C62828", "O": "#1565C0", "T": "#EF6C00"}


def swot_board(quadrants: dict[str, list[tuple[str, int]]], titles: dict[str, str],
               brand_colour: str = "#1F5F8B", wrap: int = 24) -> Figure:
    """2x2 SWOT board: each quadrant lists (text, weight) heaviest first, long items wrapped.

    Sized for a phone: the figure grows with the number of wrapped lines, and every line has
    a fixed height in inches, so items never overlap whatever their length.
    """
    size = 11.0  # points
    line_h = size * 1.5 / 72  # inches per text line
    dots_h = 0.17
    gap = 0.1
    head = 0.42
    blocks = {q: [wrap_cjk(text, wrap) for text, _ in items] for q, items in quadrants.items()}

    def height(q: str) -> float:
        return head + sum(dots_h + len(b) * line_h + gap for b in blocks[q]) + 0.05

    top = max(height("S"), height("W"))
    bottom = max(height("O"), height("T"))
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.0, top + bottom + 0.06))
        grid = fig.add_gridspec(2, 2, height_ratios=[top, bottom], wspace=0.03, hspace=0.02,
                                left=0.005, right=0.995, top=0.997, bottom=0.003)
        for n, q in enumerate("SWOT"):
            ax = fig.add_subplot(grid[n // 2, n % 2])
            colour = QUADRANT_COLOURS[q]
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_facecolor(colour + "10")
            for spine in ax.spines.values():
                spine.set_color(colour)
            box = top if n < 2 else bottom
            ax.text(0.04, 1 - 0.1 / box, titles[q], transform=ax.transAxes,
                    fontsize=13, fontweight="bold", color=colour, va="top")
            y = 1 - head / box
            for (_, weight), block in zip(quadrants[q], blocks[q], strict=True):
                ax.text(0.04, y, "●" * weight + "○" * (5 - weight), transform=ax.transAxes,
                        fontsize=7, color=colour, va="top")
                y -= dots_h / box
                for line in block:
                    ax.text(0.04, y, line, transform=ax.transAxes, fontsize=size, va="top")
                    y -= line_h / box
                y -= gap / box
    return fig


def funnel_bars(labels: list[str], counts: list[float], step_rates: list[float],
                brand_colour: str = "#1F5F8B", lang: str = "zh-TW") -> Figure:
    """Funnel: one centred bar per stage with its name, count and step rate written above it.

    Widths are on a square-root scale so the small bottom stages stay visible.
    """
    n = len(labels)
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.0, 0.85 * n + 0.5), layout="constrained")
        ax = fig.add_subplot()
        top = max(counts) or 1
        for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
            width = max((count / top) ** 0.5, 0.03)
            y = (n - 1 - i) * 1.0
            ax.barh(y, width, left=(1 - width) / 2, color=brand_colour,
                    alpha=0.4 + 0.6 * (i + 1) / n, height=0.42)
            gap = fmt.punct("gap", lang)
            text = f"{label}{gap}{fmt.number(count, 0)}"
            if i and not math.isnan(step_rates[i]):  # the share of the stage above that went on
                text += gap + t("funnel.chart.continue", lang, rate=fmt.pct(step_rates[i]))
            ax.text(0.5, y + 0.27, text, ha="center", va="bottom", fontsize=11, color=INK)
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.4, n - 0.1)
        ax.axis("off")
        ax.set_title(t("funnel.chart.title", lang))
    return fig


def cpa_bars(channels: list[str], cpas: list[float], break_even: float,
             target: float | None = None, brand_colour: str = "#1F5F8B",
             lang: str = "zh-TW", currency: str = "TWD") -> Figure:
    """CPA per channel against the break-even CPA (and target, when given)."""
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.2, 0.55 * len(channels) + 1.3), layout="constrained")
        ax = fig.add_subplot()
        colours = [brand_colour if c <= break_even else "#C62828" for c in cpas]
        ax.barh(channels[::-1], cpas[::-1], color=colours[::-1], height=0.6)
        for y, value in enumerate(cpas[::-1]):
            ax.text(value, y, " " + fmt.money(value, currency), va="center", fontsize=LEGEND_PT)
        ax.axvline(break_even, color="#C62828", ls="--", lw=1.5,
                   label=f"{t('budget.chart.breakeven', lang)} {fmt.money(break_even, currency)}")
        if target:
            ax.axvline(target, color="#F59E0B", ls=":", lw=1.8,
                       label=f"{t('budget.chart.target', lang)} {fmt.money(target, currency)}")
        ax.set_xlim(0, max([*cpas, break_even]) * 1.3)
        value_axis(ax, "NT$", currency, lang, axis="x")
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1, frameon=False,
                  fontsize=LEGEND_PT)
        ax.set_title(t("budget.chart.title", lang))
        sns.despine(fig=fig, left=True)
    return fig


def response_curves(points: dict[str, tuple[list[float], list[float]]],
                    curves: dict[str, object], brand_colour: str = "#1F5F8B",
                    lang: str = "zh-TW", currency: str = "TWD") -> Figure:
    """Weekly spend vs results per channel, with each fitted saturating curve."""
    import numpy as np

    palette = [brand_colour, "#F59E0B", "#6D4C41", "#8E24AA", GREY]
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.2, 3.4), layout="constrained")
        ax = fig.add_subplot()
        for (name, (xs, ys)), colour in zip(points.items(), palette, strict=False):
            ax.scatter(xs, ys, color=colour, s=18, label=name)
            curve = curves.get(name)
            if curve is not None and not math.isnan(curve.ceiling):
                grid = np.linspace(0, max(xs) * 1.6, 80)
                ax.plot(grid, curve.results(grid), color=colour, lw=1.8)
        ax.set_xlabel(t("budget.curve.x", lang))
        ax.set_ylabel(t("budget.curve.y", lang))
        value_axis(ax, "NT$", currency, lang, axis="x")
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
        ax.legend(frameon=False, fontsize=LEGEND_PT)
        ax.set_title(t("budget.curve.chart", lang))
        sns.despine(fig=fig)
    return fig


def kpi_trend(name: str, series: dict[date, float], path: dict[date, float], target: float,
              deadline: date, unit: str = "", lang: str = "zh-TW",
              brand_colour: str = "#1F5F8B", currency: str = "TWD") -> Figure:
    """Monthly actuals against the planned path to the target."""
    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.2, 3.0), layout="constrained")
        ax = fig.add_subplot()
        if path:
            xs = [pd.Timestamp(d) for d in sorted(path)]
            ax.plot(xs, [path[d] for d in sorted(path)], color=GREY, ls="--", lw=1.6,
                    label=t("kpi.chart.path", lang))
        xs = [pd.Timestamp(d) for d in sorted(series)]
        ax.plot(xs, [series[d] for d in sorted(series)], color=brand_colour, marker="o", ms=4,
                lw=2.2, label=t("report.trend.actual", lang))
        ax.scatter([pd.Timestamp(deadline).replace(day=1)], [target], s=120, color="#F59E0B",
                   marker="*", zorder=5, label=t("kpi.chart.target", lang))
        ax.set_title(name)
        shown = [*series, *path, pd.Timestamp(deadline).replace(day=1).date()]
        month_axis(ax, min(shown), max(shown))
        value_axis(ax, unit, currency, lang)
        ax.legend(loc="upper left", frameon=False, fontsize=LEGEND_PT)
        sns.despine(fig=fig, left=True)
    return fig


def segment_bars(labels: list[str], customer_share: list[float], revenue_share: list[float],
                 lang: str = "zh-TW", brand_colour: str = "#1F5F8B") -> Figure:
    """Per segment: share of customers next to share of revenue."""
    import numpy as np

    with matplotlib.rc_context(rc(brand_colour)):
        fig = Figure(figsize=(5.2, 0.5 * len(labels) + 1.2), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(labels))[::-1]
        ax.barh(y + 0.2, customer_share, height=0.38, color=GREY,
                label=t("customers.chart.customers", lang))
        ax.barh(y - 0.2, revenue_share, height=0.38, color=brand_colour,
                label=t("customers.chart.revenue", lang))
        for yy, c, r in zip(y, customer_share, revenue_share, strict=True):
            ax.text(c, yy + 0.2, f" {fmt.pct(c, 0)}", va="center", fontsize=LEGEND_PT - 1)
            ax.text(r, yy - 0.2, f" {fmt.pct(r, 0)}", va="center", fontsize=LEGEND_PT - 1)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, max([*customer_share, *revenue_share, 0.1]) * 1.25)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
        ax.legend(loc="lower right", frameon=False, fontsize=LEGEND_PT)
        ax.set_title(t("customers.chart.title", lang))
        sns.despine(fig=fig, left=True)
    return fig
