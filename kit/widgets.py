"""Workshop widgets: the same workbooks, live in JupyterLab, with a save button.

Shown only when a live kernel has a front end (never in batch: batch kernels are started
without a Jupyter session, and papermill would have nobody to show them to). Each editor
recomputes with the kit's own domain functions as the owner moves a slider or types, and saves
the decisions into ``clients/<slug>/client.yaml`` through :mod:`kit.profile_edits`: only the fields
changed in this session, merged with what others saved meanwhile, in the file's own notation,
undoable.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from kit import blocks, fmt, session
from kit.analysis import budget as budget_analysis
from kit.analysis import funnel as funnel_analysis
from kit.analysis import goals as goals_analysis
from kit.analysis import plan as plan_analysis
from kit.analysis import swot as swot_analysis
from kit.clients import ProfileError
from kit.i18n import t
from kit.profile import AbPlan, CalendarItem
from kit.profile_edits import (
    MISSING,
    field_diff,
    get_path,
    is_rate,
    merge_save,
    percent_text,
    read_section,
    same,
    set_path,
    undo,
)
from kit.typed_input import InputProblem, number_text, parse_number, updated_sentence
from kit.views import budget as budget_views
from kit.views import funnel as funnel_views
from kit.views import goals as goals_views
from kit.views import plan as plan_views
from kit.views import swot as swot_views


class NumberBox:
    """A text field for a number with its own message line: accepts what people type,
    says what it expects (naming the field) instead of ignoring or clamping."""

    def __init__(self, label: str, value: float | None, lang: str, *, percent: bool = False,
                 negative: bool = False, integer: bool = False, css: str = "kit-number",
                 show_label: bool = True, width: str = "16em"):

        self.label, self.lang, self.percent, self.negative = label, lang, percent, negative
        self.integer = integer
        self.value = value
        shown = number_text(value * 100) + "%" if percent and value is not None \
            else number_text(value)
        self.text = w.Text(value=shown, description=label if show_label else "",
                           continuous_update=False, style={"description_width": "initial"},
                           layout=w.Layout(width=width))
        self.text.add_class(css)
        self.message = w.HTML()
        self.message.add_class("kit-input-message")
        self.box = w.VBox([self.text, self.message], layout=w.Layout(margin="0 1em 0 0"))
        self._listeners: list[Callable[[float | None], None]] = []
        self.text.observe(self._typed, names="value")

    def on_change(self, listener: Callable[[float | None], None]) -> None:
        """Call ``listener(value)`` after every accepted value."""
        self._listeners.append(listener)

    def set(self, value: float | None) -> None:
        """Show ``value`` (e.g. from a slider) without a message."""
        self.value = value
        self.text.value = (number_text(value * 100) + "%" if self.percent and value is not None
                           else number_text(value))

    def _typed(self, change) -> None:
        try:
            value = parse_number(change["new"], self.label, self.lang, negative=self.negative,
                                 percent=self.percent)
            if self.integer and value is not None and not float(value).is_integer():
                raise InputProblem(t("workshop.input.integer", self.lang, field=self.label,
                                     text=change["new"]))
        except InputProblem as exc:
            self.message.value = Markup("<span class='kit-warn'>⚠ {}</span>").format(str(exc))
            return
        self.message.value = ""
        if value == self.value:
            return
        self.value = value
        for listener in self._listeners:
            listener(value)


class RateSlider:
    """A percentage slider with a box to type in: a typed rate outside the slider's range
    grows the range (never clamped); outside 0–100% it is refused, naming the field."""

    def __init__(self, label: str, value: float, lang: str, lo: float = 0.0, hi: float = 1.0,
                 step: float = 0.005, css: str = "kit-rate"):

        self.slider = w.FloatSlider(value=value, min=min(lo, value), max=max(hi, value),
                                    step=step, readout=False, description=label,
                                    style={"description_width": "initial"})
        self.slider.add_class(css)
        self.box = NumberBox(label, value, lang, percent=True, css=f"{css}-input",
                             show_label=False, width="6em")
        self.widget = w.HBox([self.slider, self.box.box],
                             layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.slider.observe(lambda c: self.box.set(round(c["new"], 6)), names="value")
        self.box.on_change(self._typed)

    @property
    def value(self) -> float:
        """The rate shown."""
        return self.slider.value

    def _typed(self, value: float | None) -> None:
        if value is None:
            self.box.set(self.slider.value)
            return
        if value > self.slider.max:
            self.slider.max = value
        if value < self.slider.min:
            self.slider.min = value
        self.slider.value = value


# --- saving -------------------------------------------------------------------------------

FieldPath = tuple[Any, ...]


class Saver:
    """Save one section of one client's profile: only what changed in this session, merged
    with what others saved meanwhile; conflicts are kept for the consultant to choose."""

    def __init__(self, slug: str, section: str, lang: str, loaded: dict | None = None):
        self.slug, self.section, self.lang = slug, section, lang
        self.loaded = copy.deepcopy(loaded) if loaded is not None else read_section(slug,
                                                                                    section)
        self.known: dict[FieldPath, Any] = {}  # field -> what this editor last saw on disk
        self.keep: dict[FieldPath, tuple[Any, Any]] = {}  # field -> (my value, value kept)
        self.conflicts: list = []
        self.entries: list[int] = []

    def _pending(self, mine: dict) -> dict[FieldPath, Any]:
        for fpath, (was_mine, kept) in self.keep.items():
            if same(get_path(mine, fpath), was_mine):
                set_path(mine, fpath, kept)  # the consultant chose the other value
        paths = [*field_diff(self.loaded, mine), *self.known]
        return {p: self.known.get(p, get_path(self.loaded, p, MISSING)) for p in
                dict.fromkeys(paths)}

    def save(self, mine: dict, what: str = "") -> str:
        """Write the session's changes; return a sentence for the status line."""
        mine = copy.deepcopy(mine)
        try:
            result = merge_save(self.slug, self.section, self._pending(mine), mine,
                                lang=self.lang, what=what or "save")
        except ProfileError as exc:
            return "⚠ " + fmt.join((p.message for p in exc.problems), self.lang, "semicolon")
        for change in result.changes:
            self.known[change.path] = change.new
        self.conflicts = result.conflicts
        if result.entry is not None:
            self.entries.append(result.entry)
        return self.describe(result, mine)

    def describe(self, result, mine: dict | None = None) -> str:
        """The status line: each field written, old → new, and any conflicts."""
        file = f"clients/{self.slug}/client.yaml"
        parts = [f"{self.label(c.path, mine)} {show_value(c.old, c.path, self.lang)} → "
                 f"{show_value(c.new, c.path, self.lang)}" for c in result.changes]
        what = fmt.join(parts, self.lang, "semicolon")
        text = t("workshop.saved", self.lang, file=file, what=what) if parts \
            else t("workshop.unchanged", self.lang)
        if result.conflicts:
            text += " " + t("workshop.conflicts", self.lang, n=len(result.conflicts))
        return text

    def label(self, fpath: FieldPath, mine: dict | None = None) -> str:
        """A field's name for people: 'LINE 好友數 › 目標值', 'Instagram › 分配比例'."""
        return path_label(fpath, mine if mine is not None else self.loaded, self.lang)

    def choose(self, conflict, side: str, mine: dict) -> str:
        """Settle a conflict: ``"theirs"`` keeps the value on disk, ``"mine"`` writes yours."""
        self.known[conflict.path] = conflict.theirs
        if side == "theirs":
            self.keep[conflict.path] = (conflict.mine, conflict.theirs)
            self.conflicts = [c for c in self.conflicts if c.path != conflict.path]
            return t("workshop.kept_theirs", self.lang, field=self.label(conflict.path, mine))
        return self.save(mine)

    def undo(self, mine: dict) -> str:
        """Undo this editor's last save (by the same merge: nothing changed since is lost)."""
        if not self.entries:
            return t("workshop.nothing_to_undo", self.lang)
        result = undo(self.slug, self.entries[-1], lang=self.lang)
        if result.entry is None and result.conflicts:
            self.conflicts = result.conflicts
            return t("workshop.undo_conflict", self.lang, n=len(result.conflicts))
        self.entries.pop()
        for change in result.changes:
            self.known[change.path] = change.new
            self.keep[change.path] = (get_path(mine, change.path), change.new)
        parts = [f"{self.label(c.path, mine)} {show_value(c.old, c.path, self.lang)} → "
                 f"{show_value(c.new, c.path, self.lang)}" for c in result.changes]
        self.conflicts = result.conflicts
        text = t("workshop.undone", self.lang, what=fmt.join(parts, self.lang, "semicolon"))
        if result.conflicts:
            text += " " + t("workshop.undo_conflict", self.lang, n=len(result.conflicts))
        return text


def path_label(fpath: FieldPath, section: Any, lang: str | None) -> str:
    """A field of ``section`` named for people: list items by their metric, name or topic."""
    node, words = section, []
    for key in fpath:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else {}
            name = next((item.get(k) for k in ("metric", "name", "topic", "text")
                         if isinstance(item, dict) and item.get(k)), None)
            if name:
                words[-1:] = [str(name)[:16]]  # "Instagram", not "channels › Instagram"
            else:
                words.append(f"#{key + 1}")
        else:
            words.append(field_label(str(key), lang))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = {}
    return " › ".join(words)


def show_value(value: Any, fpath: FieldPath, lang: str | None = None) -> str:
    """A saved value for the status line, the way the file writes it (rates as percents)."""
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return percent_text(value) if is_rate(fpath) else number_text(value)
    if isinstance(value, list):
        return t("workshop.items", lang, n=len(value))
    return str(value)


#: Profile fields the editors save, named for people in the status line and `kit undo`.
FIELD_WORDS = {
    "target": "field.target", "baseline": "field.baseline", "deadline": "field.deadline",
    "text": "field.text", "goals": "field.goals", "revisions": "field.revisions",
    "monthly_budget": "field.monthly_budget", "channels": "field.channels",
    "share": "field.share", "benchmarks": "field.benchmarks", "strengths": "field.strengths",
    "weaknesses": "field.weaknesses", "opportunities": "field.opportunities",
    "threats": "field.threats", "weight": "field.weight", "calendar": "field.calendar",
    "campaigns": "field.campaigns", "ab": "field.ab", "lift": "field.lift",
    "power": "field.power", "alpha": "field.alpha", "variants": "field.variants",
    "sent": "field.sent", "clicks": "field.clicks",
}


def field_label(key: str, lang: str | None) -> str:
    """The name of a profile field in the client's language (the key itself if unknown)."""
    return t(FIELD_WORDS[key], lang) if key in FIELD_WORDS else key


def _save_row(saver: Saver, collect: Callable[[], dict], describe: Callable[[], str],
              check: Callable[[], str | None] | None = None,
              after: Callable[[], None] | None = None):
    """Save and undo buttons, the status line, and the conflicts side by side.

    ``check`` may refuse a save with a sentence for the consultant (nothing is written and
    nothing typed is lost); ``after`` runs after every save or undo."""
    lang = saver.lang
    button = w.Button(description=t("workshop.save", lang), button_style="primary",
                      icon="save")
    undo = w.Button(description=t("workshop.undo", lang), icon="undo")
    status = w.Label()  # text, never markup
    conflicts = w.VBox()
    button.add_class("kit-save")
    undo.add_class("kit-undo")
    status.add_class("kit-save-status")
    conflicts.add_class("kit-conflicts")

    def show_conflicts() -> None:
        rows = []
        for c in saver.conflicts:
            label = w.HTML(Markup(
                "<b>{}</b>{}<span class='kit-theirs'>{} {}</span>{}"
                "<span class='kit-mine'>{} {}</span>").format(
                saver.label(c.path), fmt.punct("colon", lang), t("workshop.theirs", lang),
                show_value(c.theirs, c.path, lang), fmt.punct("bar", lang),
                t("workshop.mine", lang), show_value(c.mine, c.path, lang)))
            theirs = w.Button(description=t("workshop.use_theirs", lang))
            mine = w.Button(description=t("workshop.use_mine", lang))
            theirs.add_class("kit-use-theirs")
            mine.add_class("kit-use-mine")
            theirs.on_click(lambda _, c=c: settle(c, "theirs"))
            mine.on_click(lambda _, c=c: settle(c, "mine"))
            row = w.HBox([label, theirs, mine], layout=w.Layout(flex_flow="row wrap"))
            row.add_class("kit-conflict")
            rows.append(row)
        conflicts.children = rows

    def done(text: str) -> None:
        status.value = text
        show_conflicts()
        if after is not None:
            after()

    def settle(conflict, side: str) -> None:
        done(saver.choose(conflict, side, collect()))

    def on_save(_):
        problem = check() if check is not None else None
        if problem:
            status.value = "⚠ " + problem
            return
        done(saver.save(collect(), describe()))

    def on_undo(_):
        done(saver.undo(collect()))

    button.on_click(on_save)
    undo.on_click(on_undo)
    return w.VBox([w.HBox([button, undo, status], layout=w.Layout(flex_flow="row wrap")),
                   conflicts])


def _wrap(children) -> Any:
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap", width="auto"))


# --- the editors --------------------------------------------------------------------------


def goals_editor(book):
    """Edit each goal's wording and numbers; see its SMART score and monthly pace update;
    a number that no longer matches the sentence is flagged, with an offer to update it."""
    lang, goals = book.lang, book.analysis
    currency = goals.context.currency
    loaded = book.section.model_dump(mode="json")
    rows, fields, offers, revision_rows = [], [], [], []
    sentences: dict[int, str | None] = {}  # goal -> its sentence with the new target
    result = w.HTML()
    result.add_class("kit-live-result")
    for spec in book.section.goals:
        f = {
            # "auto", not "100%": a widget's own margin would then overflow the row
            "text": w.Text(value=spec.text, layout=w.Layout(width="auto")),
            "baseline": NumberBox(t("field.baseline", lang), spec.baseline, lang,
                                  css="kit-goal-baseline"),
            "target": NumberBox(t("field.target", lang), spec.target, lang,
                                css="kit-goal-target"),
            "deadline": w.DatePicker(value=spec.deadline, description=t("field.deadline", lang),
                                     style={"description_width": "initial"}),
        }
        f["text"].add_class("kit-goal-text")
        f["reason"] = w.Text(placeholder=t("workshop.goal.reason", lang),
                             layout=w.Layout(width="auto"))
        f["agreed_by"] = w.Text(placeholder=t("workshop.goal.agreed_by", lang),
                                layout=w.Layout(width="auto"))
        f["reason"].add_class("kit-revision-reason")
        f["agreed_by"].add_class("kit-revision-agreed")
        revision = w.HBox([f["reason"], f["agreed_by"]],
                          layout=w.Layout(display="none", flex_flow="row wrap"))
        revision.add_class("kit-revision")
        revision_rows.append(revision)
        offer = w.Button(description=t("workshop.goal.update_sentence", lang),
                         layout=w.Layout(display="none", width="auto"))
        offer.add_class("kit-update-sentence")
        offers.append(offer)
        fields.append(f)
        rows.append(w.VBox([f["text"], _wrap([f["baseline"].box, f["target"].box,
                                               f["deadline"], offer]), revision]))
    saver = Saver(book.client.slug, "goals", lang, loaded)
    today = date.today()

    def on_file(i: int, key: str) -> Any:
        """What this editor last saw in the file for goal ``i``'s ``key``."""
        return saver.known.get(("goals", i, key), loaded["goals"][i].get(key))

    def revisions(i: int, item: dict) -> list[dict]:
        """Target and deadline changes not yet saved, as revision entries (a first
        target or deadline is a decision, not a revision)."""
        out = []
        for key in ("target", "deadline"):
            old, new = on_file(i, key), item[key]
            if old is None or new is None or same(old, new):
                continue
            out.append({"date": today.isoformat(), "field": key, "old": old, "new": new,
                        "reason": fields[i]["reason"].value.strip(),
                        "agreed_by": fields[i]["agreed_by"].value.strip()})
        return out

    def goals_now() -> list[dict]:
        out = copy.deepcopy(loaded["goals"])
        for i, (item, f) in enumerate(zip(out, fields, strict=True)):
            item["text"] = f["text"].value
            item["baseline"] = f["baseline"].value
            item["target"] = f["target"].value
            item["deadline"] = f["deadline"].value.isoformat() if f["deadline"].value else None
            item["revisions"] = [*copy.deepcopy(on_file(i, "revisions") or []),
                                 *revisions(i, item)]
        return out

    def missing_reason() -> str | None:
        for i, item in enumerate(goals_now()):
            for rev in revisions(i, item):
                if not rev["reason"]:
                    return t("workshop.goal.reason_needed", lang,
                             what=f"{saver.label(('goals', i, rev['field']))} "
                                  f"{show_value(rev['old'], ('goals', i, rev['field']), lang)}"
                                  f" → {show_value(rev['new'], ('goals', i, rev['field']), lang)}")
        return None

    def after_save() -> None:
        for i, (item, f) in enumerate(zip(goals_now(), fields, strict=True)):
            if not revisions(i, item):  # written (or undone): the next change needs its own
                f["reason"].value = f["agreed_by"].value = ""
        recompute()

    def recompute(*_):
        colon = fmt.punct("colon", lang)
        lines = []
        for i, (item, spec, offer) in enumerate(zip(goals_now(), book.section.goals, offers,
                                                    strict=True)):
            revision_rows[i].layout.display = "" if revisions(i, item) else "none"
            deadline = date.fromisoformat(item["deadline"]) if item["deadline"] else None
            typed = spec.model_copy(update={"text": item["text"], "baseline": item["baseline"],
                                            "target": item["target"], "deadline": deadline})
            res = goals_analysis.check(typed, goals.start, goals.period, goals.levers).result
            rate = res.required_rate
            read_as = goals_views.describe(spec, res.reading, lang, currency)
            asks = blocks.join(Markup("<br><small>{}{}</small>").format(
                fmt.punct("ask", lang), goals_views.question_text(spec, q, lang, currency))
                for q in res.reading.questions)
            mismatch = next((q for q in res.reading.questions if q.code == "field_target"), None)
            fixed = updated_sentence(item["text"], float(mismatch.params["text"]),
                                     float(mismatch.params["field"])) if mismatch else None
            offer.layout.display = "" if fixed else "none"
            offer.tooltip = fixed or ""
            sentences[i] = fixed
            lines.append(Markup(
                "<li><span class='kit-live-score'>{}/10</span> {}{}{} "
                "<span class='kit-live-rate'>{}</span><br><span class='kit-live-reading'>"
                "{}{}{}</span>{}</li>").format(
                res.total, item["text"], colon, t("kpi.col.required_rate", lang),
                fmt.pct(rate, signed=True), t("goals.smart.read_as", lang), colon, read_as,
                asks))
        result.value = Markup("<ul>{}</ul>").format(blocks.join(lines))

    for i, (f, offer) in enumerate(zip(fields, offers, strict=True)):
        f["text"].observe(recompute, names="value")
        f["deadline"].observe(recompute, names="value")
        f["baseline"].on_change(recompute)
        f["target"].on_change(recompute)

        def on_offer(_, f=f, i=i):
            if sentences.get(i):
                f["text"].value = sentences[i]

        offer.on_click(on_offer)
    recompute()

    def collect() -> dict:
        return {**copy.deepcopy(loaded), "goals": goals_now()}

    save = _save_row(saver, collect, lambda: t("field.goals", lang), check=missing_reason,
                     after=after_save)
    return w.VBox([*rows, result, save])


def budget_editor(book):
    """Total budget and per-channel split; live results, CPA, ROAS and break-even marks.

    The total is typed (any common form) or dragged; the slider's range grows to fit a typed
    amount, a negative budget is refused with a message. Shares are saved as set."""
    lang, s = book.lang, book.section
    loaded = s.model_dump(mode="json")
    label = t("field.monthly_budget", lang)
    total = w.IntSlider(value=int(s.monthly_budget), min=0, max=int(s.monthly_budget * 3),
                        step=1000, description="", readout=False,
                        style={"description_width": "initial"}, layout=w.Layout(width="100%"))
    total.add_class("kit-total-budget")
    typed = NumberBox(label, s.monthly_budget, lang, css="kit-budget-input")
    state = {"budget": float(s.monthly_budget)}
    initial = [c.share if c.share is not None else 1 / len(s.channels) for c in s.channels]
    rates = [RateSlider(c.name, v, lang, step=0.05, css="kit-share")
             for c, v in zip(s.channels, initial, strict=True)]
    shares = [r.slider for r in rates]
    table = w.HTML()
    table.add_class("kit-live-result")

    def recompute(*_):
        section = budget_analysis.with_budget(s, state["budget"],
                                              tuple(sl.value for sl in shares))
        plan = budget_analysis.channel_plan(book.analysis.context, section)
        table.value = budget_views.live_plan(plan, sum(sl.value for sl in shares))

    def from_slider(change):
        if change["new"] != int(state["budget"]):
            state["budget"] = float(change["new"])
            typed.set(state["budget"])
            recompute()

    def from_text(value):
        if value is None or value <= 0:
            typed.message.value = Markup("<span class='kit-warn'>⚠ {}</span>").format(
                t("workshop.input.positive", lang, field=label))
            return
        state["budget"] = value
        if value > total.max:
            total.max = int(value * 2)  # the range grows to fit; nothing is clamped
        total.value = round(value)
        recompute()

    total.observe(from_slider, names="value")
    typed.on_change(from_text)
    for widget in shares:
        widget.observe(recompute, names="value")
    recompute()

    def collect() -> dict:
        out = copy.deepcopy(loaded)
        out["monthly_budget"] = state["budget"]
        for item, sl, start in zip(out["channels"], shares, initial, strict=True):
            if abs(sl.value - start) > 1e-9:
                item["share"] = round(sl.value, 6)
        return out

    saver = Saver(book.client.slug, "budget", lang, loaded)
    currency = book.analysis.context.currency
    save = _save_row(saver, collect, lambda: f"{label} {fmt.money(state['budget'], currency)}")
    return w.VBox([_wrap([typed.box]), total, *(r.widget for r in rates), table, save])


def funnel_editor(book):
    """Sliders on each stage's conversion: extra customers and revenue update live; saving
    keeps the rates moved as the client's reference rates."""
    lang, stages = book.lang, book.analysis.stages
    loaded = book.section.model_dump(mode="json")
    value = book.section.value_per_customer
    steps = stages.stages[1:]
    starts = [round(s.step_rate, 3) for s in steps]
    rates = [RateSlider(funnel_views.stage_label(s.key, lang)[:12], v, lang,
                        css="kit-stage-rate") for v, s in zip(starts, steps, strict=True)]
    sliders = [r.slider for r in rates]
    out = w.HTML()
    out.add_class("kit-live-result")

    def recompute(*_):
        lifted = funnel_analysis.combined_lift(stages, tuple(sl.value for sl in sliders), value)
        out.value = funnel_views.combined(lifted)

    for sl in sliders:
        sl.observe(recompute, names="value")
    recompute()
    keys = [s.key for s in steps]

    def collect() -> dict:
        out_ = copy.deepcopy(loaded)
        for key, sl, start in zip(keys, sliders, starts, strict=True):
            if abs(sl.value - start) > 1e-9:
                out_["benchmarks"][key] = round(sl.value, 6)
        return out_

    saver = Saver(book.client.slug, "funnel", lang, loaded)
    save = _save_row(saver, collect, lambda: t("funnel.col.benchmark", lang))
    return w.VBox([*(r.widget for r in rates), out, save])


def swot_editor(book):
    """Reweight items and add new ones per quadrant; the board redraws as you go."""
    lang = book.lang
    names = {"S": "strengths", "W": "weaknesses", "O": "opportunities", "T": "threats"}
    section = book.section.model_dump(mode="json")
    loaded = copy.deepcopy(section)
    board = w.HTML()
    boxes = []

    def redraw(*_):
        updated = book.section.model_validate(section)
        board.value = swot_views.board_preview(swot_analysis.analyse(book.client, updated).board)

    for q, key in names.items():
        rows = []
        for item in section[key]:
            slider = w.IntSlider(value=item["weight"], min=1, max=5, description=item["text"][:10],
                                 style={"description_width": "initial"})

            def on_weight(change, item=item):
                item["weight"] = change["new"]
                redraw()

            slider.observe(on_weight, names="value")
            rows.append(slider)
        new_text = w.Text(placeholder=t(swot_views.QUADRANT_WORDS[q], lang))
        add = w.Button(description="+")

        def on_add(_, key=key, new_text=new_text):
            if new_text.value.strip():
                section[key].append({"text": new_text.value.strip(), "weight": 3})
                new_text.value = ""
                redraw()

        add.on_click(on_add)
        title = Markup("<b>{}</b>").format(t(swot_views.QUADRANT_WORDS[q], lang))
        boxes.append(w.VBox([w.HTML(title), *rows, w.HBox([new_text, add])]))
    redraw()
    saver = Saver(book.client.slug, "swot", lang, loaded)
    save = _save_row(saver, lambda: copy.deepcopy(section), lambda: t("swot.board.title", lang))
    return w.VBox([w.GridBox(boxes, layout=w.Layout(grid_template_columns="1fr 1fr")), board,
                   save])


_AB_DEFAULT = {"baseline": 0.05, "lift": 0.01, "power": 0.8, "alpha": 0.05}


def ab_calculator(book):
    """Per campaign: baseline, lift, power and significance sliders give the recipients each
    variant needs; typing the results gives the verdict in plain words."""
    lang, context = book.lang, book.analysis.context
    campaigns = book.section.model_dump(mode="json")["campaigns"]
    boxes, readers = [], []
    for camp, model in zip(campaigns, book.section.campaigns, strict=True):
        ab = dict(camp.get("ab") or _AB_DEFAULT)
        rates = {k: RateSlider(t(label, lang), ab[k], lang, lo, hi, step, css=f"kit-ab-{k}")
                 for k, label, lo, hi, step in (
                     ("baseline", "plan.ab.baseline", 0.005, 0.5, 0.005),
                     ("lift", "plan.ab.lift", 0.005, 0.2, 0.005),
                     ("power", "plan.ab.power", 0.5, 0.99, 0.01),
                     ("alpha", "plan.ab.alpha", 0.01, 0.1, 0.01))}
        sliders = {k: r.slider for k, r in rates.items()}
        starts = {k: sl.value for k, sl in sliders.items()}
        counts = [(NumberBox(t("plan.ab.sent", lang, variant=v.name), v.sent or 0, lang,
                             integer=True, css="kit-ab-sent", width="12em"),
                   NumberBox(t("plan.ab.clicks", lang, variant=v.name), v.clicks or 0, lang,
                             integer=True, css="kit-ab-clicks", width="12em"))
                  for v in model.variants[:2]]
        count_starts = [(s.value, c.value) for s, c in counts]
        out = w.HTML()
        out.add_class("kit-live-result")

        def recompute(*_, sliders=sliders, counts=counts, out=out, ab=ab):
            for k, sl in sliders.items():
                ab[k] = sl.value
            plan = AbPlan(**ab)
            size = plan_analysis.ab_size(plan)
            text = plan_views.size_text(plan.baseline, plan.lift, size.per_variant, plan.alpha,
                                        plan.power, lang)
            if len(counts) == 2 and all(s.value for s, _ in counts):
                (sa, ca), (sb, cb) = counts
                result = plan_analysis.ab_result(
                    context, ("A", int(sa.value), int(ca.value or 0)),
                    ("B", int(sb.value), int(cb.value or 0)), plan)
                text += " " + plan_views.verdict_text(result)
            out.value = blocks.paragraph(text)

        for widget in sliders.values():
            widget.observe(recompute, names="value")
        for box in (x for pair in counts for x in pair):
            box.on_change(recompute)
        recompute()

        def read(camp: dict, sliders=sliders, starts=starts, counts=counts,
                 count_starts=count_starts) -> None:
            moved = {k: round(sl.value, 6) for k, sl in sliders.items()
                     if abs(sl.value - starts[k]) > 1e-9}
            if moved:
                camp["ab"] = {**(camp.get("ab") or _AB_DEFAULT), **moved}
            for variant, (s, c), (s0, c0) in zip(camp["variants"], counts, count_starts,
                                                 strict=False):
                if s.value != s0:
                    variant["sent"] = None if s.value is None else int(s.value)
                if c.value != c0:
                    variant["clicks"] = None if c.value is None else int(c.value)

        readers.append(read)
        boxes.append(w.VBox([w.HTML(Markup("<b>{}</b>").format(camp["name"])),
                              *(r.widget for r in rates.values()),
                              *(_wrap([a.box, b.box]) for a, b in counts), out]))

    def campaigns_now(loaded: list[dict]) -> list[dict]:
        out = copy.deepcopy(loaded)
        for camp, read in zip(out, readers, strict=True):
            read(camp)
        return out

    return boxes, campaigns_now


def calendar_editor(book):
    """Add content to the calendar week by week; gaps on funded channels update live."""
    lang, shown = book.lang, book.analysis.calendar
    items = book.section.model_dump(mode="json")["calendar"]
    style = {"description_width": "initial"}
    week = w.Dropdown(options=[(fmt.day(d, lang), d) for d in shown.weeks],
                      description=t("plan.col.week", lang), style=style)
    channel = w.Dropdown(options=shown.channels or ["LINE"],
                         description=t("plan.col.channel", lang), style=style)
    topic = w.Text(placeholder=t("plan.col.topic", lang))
    fmt_box = w.Text(placeholder=t("plan.col.format", lang))
    add = w.Button(description="+")
    gaps = w.HTML()
    gaps.add_class("kit-live-result")

    def recompute(*_):
        section = book.section.model_copy(update={"calendar": [
            CalendarItem.model_validate(i) for i in items]})
        gaps.value = plan_views.gap_count(plan_analysis.calendar(
            shown.context, section, book.period, book.funded))

    def on_add(_):
        if topic.value.strip():
            items.append({"week": week.value.isoformat(), "channel": channel.value,
                          "topic": topic.value.strip(), "format": fmt_box.value.strip()})
            topic.value = ""
            recompute()

    add.on_click(on_add)
    recompute()
    return _wrap([week, channel, topic, fmt_box, add]), gaps, items


def plan_editor(book):
    """The plan's live tools: the content calendar and the A/B calculator, one save."""
    loaded = book.section.model_dump(mode="json")
    calendar_box, gaps, items = calendar_editor(book)
    ab_blocks, campaigns_now = ab_calculator(book)
    saver = Saver(book.client.slug, "plan", book.lang, loaded)

    def collect() -> dict:
        out = copy.deepcopy(loaded)
        out["calendar"] = copy.deepcopy(items)
        out["campaigns"] = campaigns_now(loaded["campaigns"])
        return out

    save = _save_row(saver, collect, lambda: t("plan.calendar.title", book.lang))
    return w.VBox([calendar_box, gaps, *ab_blocks, save])


EDITORS = {"goals": goals_editor, "budget": budget_editor, "funnel": funnel_editor,
           "swot": swot_editor, "plan": plan_editor}


def editor(book) -> None:
    """In a live workshop, display ``book``'s editor (a save button included); in a batch run
    or a kernel nobody watches, nothing: the exported page never holds a widget."""
    make = EDITORS.get(book.SECTION)
    if make is None or not session.live() or not book.client.slug:
        return
    from IPython.display import display

    display(make(book))
