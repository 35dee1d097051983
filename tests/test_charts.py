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


def _drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _month_charts():
    """Every chart with a date axis, over 24 months and more."""
    start = date(2025, 1, 1)
    months = [date(2025 + (m // 12), m % 12 + 1, 1) for m in range(30)]
    return [
        charts.kpi_path("月營收", 1_000_000, 1_500_000, date(2026, 11, 1), 24, 0.017, unit="NT$",
                        history=tuple(900_000 + 10_000 * i for i in range(12))),
        charts.kpi_path("LINE 好友數", 1800, 3000, start, 36, 0.0143, unit="人"),
        charts.kpi_trend("月預購訂單數", {m: 150 + i for i, m in enumerate(months)},
                         {m: 160 + 2 * i for i, m in enumerate(months)}, 250,
                         date(2027, 6, 30), unit="筆"),
        charts.kpi_trend("回購率", {m: 20 + i / 10 for i, m in enumerate(months[:26])}, {}, 30,
                         date(2027, 3, 31), unit="%", lang="en"),
    ]


def test_date_axes_never_overlap_over_two_years_and_more():
    for fig in _month_charts():
        renderer = _drawn(fig)
        ax = fig.axes[0]
        boxes = [lab.get_window_extent(renderer) for lab in ax.get_xticklabels()
                 if lab.get_text() and lab.get_visible()
                 and ax.get_xlim()[0] <= lab.get_position()[0] <= ax.get_xlim()[1]]
        assert len(boxes) >= 3  # the axis still says when
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b), (ax.get_title(), [t.get_text() for t in ax.get_xticklabels()])


def _value_labels(fig) -> tuple[list[str], str]:
    _drawn(fig)
    ax = fig.axes[0]
    return [lab.get_text() for lab in ax.get_yticklabels() if lab.get_text()], ax.get_ylabel()


def test_every_value_axis_carries_its_unit():
    money, people, orders, rate = _month_charts()
    ticks, _ = _value_labels(money)
    assert all(t.startswith("NT$") for t in ticks), ticks
    assert _value_labels(people)[1] == "單位：人"
    assert _value_labels(orders)[1] == "單位：筆"
    ticks, _ = _value_labels(rate)
    assert all(t.endswith("%") for t in ticks), ticks
    cpa = charts.cpa_bars(["Facebook", "Google"], [700, 410], 551, 450)
    _drawn(cpa)
    assert all(t.get_text().startswith("NT$") for t in cpa.axes[0].get_xticklabels()
               if t.get_text())
    segments = charts.segment_bars(["VIP", "新客"], [0.2, 0.8], [0.6, 0.4])
    _drawn(segments)
    assert all(t.get_text().endswith("%") for t in segments.axes[0].get_xticklabels()
               if t.get_text())


def test_legends_are_readable_on_a_phone():
    # a chart is shown 390 px wide on a phone: a legend of s pt on a figure w inches wide
    # is s * 390 / (w * 72) px there (5.2 in, 11 pt: 11.46 px)
    figs = [*_month_charts(), charts.cpa_bars(["Facebook"], [700], 551, 450),
            charts.segment_bars(["VIP", "新客"], [0.2, 0.8], [0.6, 0.4])]
    for fig in figs:
        width = fig.get_size_inches()[0]
        for text in fig.axes[0].get_legend().get_texts():
            px = text.get_fontsize() * 390 / (width * 72)
            assert px >= 11, (text.get_text(), px)
    assert charts.phone_px(11, 5.2) == pytest.approx(11 * 390 / 374.4)


def test_funnel_steps_read_as_continuing_not_falling():
    fig = charts.funnel_bars(["造訪", "加入購物車", "下單"], [1000, 120, 48], [float("nan"), 0.12, 0.4])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["造訪　1,000", "加入購物車　120　12.0% 繼續", "下單　48　40.0% 繼續"]
    fig = charts.funnel_bars(["Visit", "Order"], [1000, 40], [float("nan"), 0.04], lang="en")
    assert [t.get_text() for t in fig.axes[0].texts] == ["Visit · 1,000", "Order · 40 · 4.0% continue"]
    assert not any("↓" in t for t in texts)
