"""The SWOT workbook's sections: board, items, TOWS matrix, factor scores, prompts, actions."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kit import blocks, charts, fmt
from kit.analysis.swot import Actions, Board, Factors, Prompts, Swot, Tows
from kit.domain.swot import QUADRANTS
from kit.i18n import t
from kit.renderers import renders

#: The four quadrants' names on the page.
QUADRANT_WORDS = {"S": "swot.q.S", "W": "swot.q.W", "O": "swot.q.O", "T": "swot.q.T"}
FACTOR_WORDS = {"IFE": "swot.factor.IFE", "EFE": "swot.factor.EFE"}
CELL_WORDS = {"SO": "swot.cell.SO", "ST": "swot.cell.ST", "WO": "swot.cell.WO",
              "WT": "swot.cell.WT"}


def intro(lang: str) -> Markup:
    """Title and purpose."""
    return blocks.section(t("swot.title", lang), t("swot.intro", lang), level=1)


def board_figure(board: Board) -> Any:
    """The 2x2 board chart (a matplotlib figure)."""
    c = board.context
    quadrants = {q: [(i.text, i.weight) for i in items] for q, items in board.quadrants}
    titles = {q: t(QUADRANT_WORDS[q], c.lang) for q in QUADRANTS}
    return charts.swot_board(quadrants, titles, c.brand_colour)


def board_takeaway(board: Board) -> str:
    """The board in one sentence: the heaviest strength and the heaviest threat."""
    lang = board.context.lang
    strengths, threats = board.ranked("S"), board.ranked("T")
    if not (strengths and threats):
        return t("swot.board.title", lang)
    return t("swot.takeaway", lang, strength=strengths[0].text, threat=threats[0].text)


@renders(Board)
def board(result: Board) -> Markup:
    """The board as an image, with how to read it."""
    lang = result.context.lang
    return (blocks.section(t("swot.board.title", lang), t("swot.board.note", lang))
            + blocks.png(board_figure(result), alt=t("swot.board.title", lang),
                         takeaway=board_takeaway(result)))


def board_preview(result: Board) -> Markup:
    """The board as a quick live preview: low resolution, no palette pass."""
    return blocks.png(board_figure(result), alt=t("swot.board.title", result.context.lang),
                      dpi=72, colours=None)


def items(result: Board) -> Markup:
    """Every item with its id, weight and evidence (what the board cannot show)."""
    lang = result.context.lang
    header = [t("swot.col.id", lang), t("swot.col.item", lang), t("swot.col.weight", lang),
              t("swot.col.evidence", lang)]
    rows = [(i.id, i.text, "●" * i.weight, i.evidence or "—")
            for _, ranked in result.quadrants for i in ranked]
    return blocks.section(t("swot.items.title", lang), level=3) + blocks.table(header, rows)


@renders(Tows)
def tows(result: Tows) -> Markup:
    """The TOWS matrix: strategies in their four cells, with the items they pair."""
    lang = result.context.lang
    out = blocks.section(t("swot.tows.title", lang), t("swot.tows.intro", lang))
    cells = Markup()
    for cell in result.cells:
        inner = blocks.section(t(CELL_WORDS[cell.cell], lang), level=3)
        if not cell.strategies:
            inner += blocks.paragraph(t("swot.none", lang), cls="kit-muted")
        for s in cell.strategies:
            cited = fmt.join((f"{i.id} {i.text}" for i in s.cited), lang)
            serves = (Markup("<br>") + blocks.badge(t("swot.serves", lang, kpi=s.kpi),
                                                    "neutral")) if s.kpi else Markup()
            inner += Markup("<p class='kit-strategy'><strong>{}</strong><br>"
                            "<span class='kit-muted'>{}</span>{}</p>").format(
                s.text, cited, serves)
        cells += Markup("<div class='kit-tows-cell'>{}</div>").format(inner)
    return out + Markup("<div class='kit-tows'>{}</div>").format(cells)


@renders(Factors)
def factors(result: Factors) -> Markup:
    """IFE/EFE totals when the consultant scored factors; empty otherwise."""
    if not result.scores:
        return Markup()
    lang = result.context.lang
    rows = [(f"{s.kind} {t(FACTOR_WORDS[s.kind], lang)}", f"{s.total:.2f}",
             blocks.badge(t("swot.factor.above" if s.above_average else "swot.factor.below",
                            lang), "good" if s.above_average else "warn"))
            for s in result.scores]
    return (blocks.section(t("swot.factor.title", lang), t("swot.factor.intro", lang))
            + blocks.table(["", "", ""], rows))


@renders(Prompts)
def prompts(result: Prompts) -> Markup:
    """Prompts to seed the next discussion."""
    lang = result.context.lang
    out = blocks.section(t("swot.prompts.title", lang), t("swot.prompts.intro", lang))
    if not result.prompts:
        return out + blocks.paragraph(t("swot.prompts.done", lang))
    return out + blocks.bullet_list(
        t("swot.prompt", lang, cell=p.cell, a=p.internal.text, b=p.external.text)
        for p in result.prompts)


@renders(Actions)
def actions(result: Actions) -> Markup:
    """The prioritised action list, with what each still needs to become a SMART goal."""
    lang = result.context.lang
    cols = ("swot.col.rank", "swot.col.strategy", "swot.col.cell", "swot.col.priority",
            "swot.col.goal")
    header = [t(key, lang) for key in cols]
    rows = [(a.rank, a.strategy.text, t(CELL_WORDS[a.strategy.cell], lang), a.priority,
             t("swot.goal.todo" if a.strategy.kpi else "swot.goal.todo_kpi", lang))
            for a in result.actions]
    return (blocks.section(t("swot.actions.title", lang), t("swot.actions.intro", lang))
            + blocks.table(header, rows))


@renders(Swot)
def page(result: Swot) -> Markup:
    """The whole workbook, in the template's order."""
    return (intro(result.context.lang) + board(result.board) + items(result.board)
            + tows(result.tows) + factors(result.factors) + prompts(result.prompts)
            + actions(result.actions))
