"""Charts for client reports: one theme, a CJK font that renders, figures built without pyplot.

Figures are ``matplotlib.figure.Figure`` objects (not pyplot), so nothing is shown twice by
Jupyter's inline backend and nothing leaks between charts. :func:`kit.show.figure` encodes
them. Labels come from :mod:`kit.i18n`.
"""

from __future__ import annotations

import math
from datetime import date

import matplotlib

matplotlib.use("Agg", force=False)

import matplotlib.dates as mdates
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from kit import fmt
from kit.domain.kpi import pacing_path
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
        path = pacing_path(baseline, rate, months)
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
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y/%m"))
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, math.ceil(
            (months + len(history)) / 8))))
        ax.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _: fmt.number(v, 0 if abs(v) >= 10 else 1))
        )
        for label in ax.get_xticklabels():
            label.set_rotation(0)
        ax.legend(loc="upper left", frameon=False, fontsize=10)
        sns.despine(fig=fig, left=True)
    return fig
