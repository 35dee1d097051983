"""One module per workbook: turns a template's parameters into the sections of its report."""

from __future__ import annotations

import math

from kit import blocks, charts, i18n


def warm() -> None:
    """Do once what every report's first chart does: find and open the CJK font, read the
    catalogues. A batch zygote calls this before it forks kernels (``kit.pipeline.PRELOAD``),
    so each report's kernel starts with them loaded instead of loading them again."""
    for lang in i18n.LANGS:
        i18n.catalogue(lang)
    stages = [i18n.t("funnel.stage.exposure", "zh-TW"), i18n.t("funnel.stage.order", "zh-TW")]
    figure = charts.funnel_bars(stages, [10.0, 1.0], [math.nan, 0.1], "#1F5F8B", "zh-TW")
    blocks.png(figure, alt="")
