"""The SWOT & TOWS workbook: board, items with evidence, TOWS matrix, factor scores, prompts,
and the prioritised action list (each action ready to become a SMART goal)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from kit import blocks, charts, domain_inputs, fmt
from kit.domain import swot as domain
from kit.i18n import t
from kit.params import SwotParams
from kit.profile import SwotSection
from kit.workbooks.base import Book

#: The four quadrants' names on the page.
QUADRANT_WORDS = {"S": "swot.q.S", "W": "swot.q.W", "O": "swot.q.O", "T": "swot.q.T"}
FACTOR_WORDS = {"IFE": "swot.factor.IFE", "EFE": "swot.factor.EFE"}
CELL_WORDS = {"SO": "swot.cell.SO", "ST": "swot.cell.ST", "WO": "swot.cell.WO",
              "WT": "swot.cell.WT"}


@dataclass(frozen=True)
class SwotBook(Book):
    """A client's SWOT section, ready to render."""

    section: SwotSection
    kpis: tuple[str, ...] = ()
    PARAMS = SwotParams
    SECTION = "swot"

    @classmethod
    def from_params(cls, **parameters: object) -> SwotBook:
        """Build from the template's parameters (with the goals workbook's KPI names)."""
        p = cls.params(parameters)
        return cls(p.client, p.period, p.swot, tuple(p.kpis))

    @cached_property
    def items(self) -> list[domain.Item]:
        """All items, ids filled in."""
        return domain_inputs.swot_items(self.section)

    @cached_property
    def strategies(self) -> list[domain.Strategy]:
        """TOWS strategies as domain objects."""
        return domain_inputs.strategies(self.section)

    def _item(self, item_id: str) -> domain.Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def intro_html(self) -> Markup:
        """Title and purpose."""
        return blocks.section(t("swot.title", self.lang), t("swot.intro", self.lang), level=1)

    def board_figure(self):
        """The 2x2 board chart."""
        quadrants = {q: [(i.text, i.weight) for i in domain.ranked(self.items, q)]
                     for q in domain.QUADRANTS}
        titles = {q: t(QUADRANT_WORDS[q], self.lang) for q in domain.QUADRANTS}
        return charts.swot_board(quadrants, titles, self.client.brand_colour)

    def board_html(self) -> Markup:
        """The board as an image, with how to read it."""
        return (blocks.section(t("swot.board.title", self.lang), t("swot.board.note", self.lang))
                + blocks.png(self.board_figure(), alt=t("swot.board.title", self.lang),
                           takeaway=self.board_takeaway()))

    def board_takeaway(self) -> str:
        """The board in one sentence: the heaviest strength and the heaviest threat."""
        top = {q: domain.ranked(self.items, q) for q in ("S", "T")}
        if not (top["S"] and top["T"]):
            return t("swot.board.title", self.lang)
        return t("swot.takeaway", self.lang, strength=top["S"][0].text, threat=top["T"][0].text)

    def items_html(self) -> Markup:
        """Every item with its id, weight and evidence (what the board cannot show)."""
        lang = self.lang
        header = [t("swot.col.id", lang), t("swot.col.item", lang), t("swot.col.weight", lang),
                  t("swot.col.evidence", lang)]
        rows = [(i.id, i.text, "●" * i.weight, i.evidence or "—")
                for q in domain.QUADRANTS for i in domain.ranked(self.items, q)]
        return blocks.section(t("swot.items.title", lang), level=3) + blocks.table(header, rows)

    def tows_html(self) -> Markup:
        """The TOWS matrix: strategies in their four cells, with the items they pair."""
        lang = self.lang
        out = blocks.section(t("swot.tows.title", lang), t("swot.tows.intro", lang))
        cells = Markup()
        for cell in domain.CELLS:
            inner = blocks.section(t(CELL_WORDS[cell], lang), level=3)
            mine = [s for s in self.strategies if s.cell == cell]
            if not mine:
                inner += blocks.paragraph(t("swot.none", lang), cls="kit-muted")
            for s in mine:
                cited = fmt.join((f"{i.id} {i.text}" for p in s.pairs if (i := self._item(p))),
                                 lang)
                serves = (Markup("<br>") + blocks.badge(t("swot.serves", lang, kpi=s.kpi),
                                                      "neutral")) if s.kpi else Markup()
                inner += Markup("<p class='kit-strategy'><strong>{}</strong><br>"
                                "<span class='kit-muted'>{}</span>{}</p>").format(
                    s.text, cited, serves)
            cells += Markup("<div class='kit-tows-cell'>{}</div>").format(inner)
        return out + Markup("<div class='kit-tows'>{}</div>").format(cells)

    def factors_html(self) -> Markup:
        """IFE/EFE totals when the consultant scored factors; empty otherwise."""
        scores = domain.factor_scores(self.items)
        if not scores:
            return Markup()
        lang = self.lang
        rows = [(f"{s.kind} {t(FACTOR_WORDS[s.kind], lang)}", f"{s.total:.2f}",
                 blocks.badge(t("swot.factor.above" if s.above_average else "swot.factor.below",
                              lang), "good" if s.above_average else "warn"))
                for s in scores]
        return (blocks.section(t("swot.factor.title", lang), t("swot.factor.intro", lang))
                + blocks.table(["", "", ""], rows))

    def prompts(self, top: int = 2) -> list[tuple[str, domain.Item, domain.Item]]:
        """Heaviest S x O and W x T pairings that no strategy covers yet."""
        covered = {frozenset(s.pairs) for s in self.strategies}
        return [p for p in domain.tows_prompts(self.items, top)
                if not any({p[1].id, p[2].id} <= c for c in covered)]

    def prompts_html(self) -> Markup:
        """Prompts to seed the next discussion."""
        lang = self.lang
        out = blocks.section(t("swot.prompts.title", lang), t("swot.prompts.intro", lang))
        prompts = self.prompts()
        if not prompts:
            return out + blocks.paragraph(t("swot.prompts.done", lang))
        return out + blocks.bullet_list(
            t("swot.prompt", lang, cell=c, a=a.text, b=b.text) for c, a, b in prompts)

    @cached_property
    def actions(self):
        """Strategies ranked by the summed weight of the items they pair."""
        return domain.prioritise(self.items, self.strategies)

    def actions_html(self) -> Markup:
        """The prioritised action list, with what each still needs to become a SMART goal."""
        lang = self.lang
        cols = ("swot.col.rank", "swot.col.strategy", "swot.col.cell", "swot.col.priority",
                "swot.col.goal")
        header = [t(key, lang) for key in cols]
        rows = [(r.rank, r.text, t(CELL_WORDS[r.cell], lang), r.priority,
                 t("swot.goal.todo" if r.kpi else "swot.goal.todo_kpi", lang))
                for r in self.actions.itertuples()]
        return (blocks.section(t("swot.actions.title", lang), t("swot.actions.intro", lang))
                + blocks.table(header, rows))

    def goal_drafts(self) -> list[dict]:
        """The action list as goal drafts for the goals workbook (consultant view)."""
        order = {s.text: s for s in self.strategies}
        return [domain.goal_draft(order[text]) for text in self.actions["text"]]
