"""Charts render Traditional Chinese with a TC font; a missing glyph is a test failure."""

from __future__ import annotations

import io
import warnings
from datetime import date

import pytest
from matplotlib.figure import Figure

from kit import charts
from kit.fonts import PREFERRED, cjk_family

TEXT = "骨「說」，這週營收"


def _render(family: str) -> bytes:
    fig = Figure(figsize=(3, 1))
    fig.text(0.05, 0.3, TEXT, family=family, fontsize=20)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_a_traditional_chinese_face_is_chosen():
    family = cjk_family()
    assert family in PREFERRED
    assert "TC" in family or family in ("Microsoft JhengHei", "AR PL UMing TW")


def test_tc_face_is_really_used_not_the_collection_default():
    family = cjk_family()
    if family != "Noto Sans CJK TC":
        pytest.skip(f"TTC face check is for Noto Sans CJK; this machine uses {family}")
    # Noto's collection opens as JP by default; TC glyph forms and punctuation differ
    assert _render("Noto Sans CJK TC") != _render("Noto Sans CJK JP")


def test_missing_glyph_warning_is_caught_by_the_suite():
    # proves the check can fail: a Latin-only font cannot draw CJK and matplotlib warns
    with pytest.warns(UserWarning, match="missing from font"):
        _render("DejaVu Sans")


def test_kpi_path_chart_renders_cjk_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.kpi_path("網站月訪客數", 4200, 5460, date(2026, 11, 1), 6, 0.0447, unit="人",
                              history=(3600, 3800, 4000, 4200))
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "網站月訪客數：從現在到目標的每月路徑"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["過去實績", "每月應達到", "目標"]
    path_line = ax.get_lines()[1]
    assert path_line.get_ydata()[-1] == pytest.approx(4200 * 1.0447**6)
    assert ax.get_lines()[0].get_ydata()[-1] == 4200  # history ends at the baseline month


def test_wrap_cjk_counts_wide_characters_and_keeps_punctuation():
    lines = charts.wrap_cjk("官網、蝦皮與社群只有志豪一人兼顧，YouTube 影片也沒人拍", 16)
    assert all(sum(2 if ord(c) > 0x2E80 else 1 for c in line) <= 18 for line in lines)
    assert "".join(lines).replace(" ", "") == "官網、蝦皮與社群只有志豪一人兼顧，YouTube影片也沒人拍"
    assert not any(line.startswith(("，", "、")) for line in lines)
    assert "YouTube" in "".join(lines)  # Latin words are never split


def test_swot_board_items_wrap_and_never_overlap():
    long = "三代製造經驗，品質穩定、經銷退貨率低於 0.5%，師傅口碑好，還能小量客製刻字與包裝"
    quadrants = {"S": [(long, 5), ("自有工廠", 4)], "W": [("人力不足", 5)],
                 "O": [(long, 4), (long, 3), ("補助", 2)], "T": [("低價競爭", 5)]}
    titles = {q: f"{q} 象限" for q in "SWOT"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.swot_board(quadrants, titles)
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    renderer = canvas.get_renderer()
    for ax in fig.axes:
        box = ax.get_window_extent(renderer)
        texts = [t.get_window_extent(renderer) for t in ax.texts]
        for i, a in enumerate(texts):
            assert box.x0 <= a.x0 and a.x1 <= box.x1 + 1 and box.y0 <= a.y0, "text leaves its box"
            for b in texts[i + 1:]:
                assert not a.overlaps(b), "two lines overlap"
    # heaviest first: the weight-4 item is drawn above the weight-3 one in quadrant O
    o_texts = [t.get_text() for t in fig.axes[2].texts]
    assert o_texts.index("●●●●○") < o_texts.index("●●●○○")
