"""Workshop widgets: the same workbooks, live in JupyterLab, with a save button.

Shown only when a live kernel has a front end (never in batch: batch kernels are started
without a Jupyter session, and papermill would have nobody to show them to). Each editor recomputes
with the kit's own domain functions as the owner moves a slider or types, and saves the
decisions into ``clients/<slug>/client.yaml`` through :mod:`kit.workshop` (comments kept,
conflicts caught).
"""

from __future__ import annotations

import os
from datetime import date

from kit import fmt, html
from kit.i18n import t


def live() -> bool:
    """True in a kernel that a Jupyter server started for a front end; False in batch runs.

    Papermill and nbconvert also run a real kernel, so a kernel alone is not enough: kernels
    started by Jupyter Server carry ``JPY_SESSION_NAME`` (the notebook's path), batch kernels
    do not. The kit's batch kernel manager never passes it on (see
    :class:`kit.zygote.BatchKernelManager`), even when a batch is started from a notebook.
    """
    if not os.environ.get("JPY_SESSION_NAME"):
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Saver:
    """Save one section of one client's profile, remembering the version it loaded."""

    def __init__(self, slug: str, section: str, lang: str):
        from kit.workshop import section_version

        self.slug, self.section, self.lang = slug, section, lang
        self.version = section_version(slug, section)

    def save(self, changes: dict, what: str) -> str:
        """Write ``changes``; return a sentence for the status line (saved or why not)."""
        from kit.clients import ProfileError
        from kit.workshop import Conflict, save_section

        try:
            self.version = save_section(self.slug, self.section, changes, self.version,
                                        lang=self.lang)
        except Conflict as exc:
            return f"⚠ {exc}"
        except ProfileError as exc:
            return "⚠ " + "；".join(p.message for p in exc.problems)
        return t("workshop.saved", self.lang, file=f"clients/{self.slug}/client.yaml", what=what)


def _save_row(saver: Saver, collect, describe):
    import ipywidgets as w

    button = w.Button(description=t("workshop.save", saver.lang), button_style="primary",
                      icon="save")
    status = w.HTML()
    button.add_class("kit-save")
    status.add_class("kit-save-status")

    def on_click(_):
        status.value = html.esc(saver.save(collect(), describe()))

    button.on_click(on_click)
    return w.HBox([button, status])


def goals_editor(book):
    """Edit each goal's wording and numbers; see its SMART score and monthly pace update."""
    import ipywidgets as w

    from kit.domain.smart import Goal, score_goal

    lang, start = book.lang, book.start
    rows, fields = [], []
    result = w.HTML()
    result.add_class("kit-live-result")
    for spec in book.section.goals:
        f = {
            "text": w.Text(value=spec.text, layout=w.Layout(width="100%")),
            "baseline": w.FloatText(value=spec.baseline or 0.0, description=t(
                "kpi.col.baseline", lang)),
            "target": w.FloatText(value=spec.target or 0.0, description=t("kpi.col.target", lang)),
            "deadline": w.DatePicker(value=spec.deadline, description=t("kpi.col.deadline", lang)),
        }
        fields.append(f)
        rows.append(w.VBox([f["text"], w.HBox([f["baseline"], f["target"], f["deadline"]])]))

    def goals_now() -> list[dict]:
        out = []
        for spec, f in zip(book.section.goals, fields, strict=True):
            item = spec.model_dump(mode="json")
            item.update(text=f["text"].value,
                        baseline=f["baseline"].value or None, target=f["target"].value or None,
                        deadline=f["deadline"].value.isoformat() if f["deadline"].value else None)
            out.append(item)
        return out

    def recompute(*_):
        lines = []
        for item, spec in zip(goals_now(), book.section.goals, strict=True):
            deadline = date.fromisoformat(item["deadline"]) if item["deadline"] else None
            res = score_goal(Goal(item["text"], spec.metric, item["baseline"], item["target"],
                                  deadline, spec.owner, spec.why, tuple(spec.history)), start,
                             today=book.period, levers=book.lever_ids)
            rate = res.required_rate
            read_as = book.describe(spec, res.reading)
            asks = "".join(f"<br><small>？{html.esc(book.question_text(spec, q))}</small>"
                           for q in res.reading.questions)
            lines.append(f"<li><span class='kit-live-score'>{res.total}/10</span> "
                         f"{html.esc(item['text'])}：{html.esc(t('kpi.col.required_rate', lang))}"
                         f" <span class='kit-live-rate'>{fmt.pct(rate, signed=True)}</span>"
                         f"<br><span class='kit-live-reading'>"
                         f"{html.esc(t('goals.smart.read_as', lang))}：{html.esc(read_as)}</span>"
                         f"{asks}</li>")
        result.value = "<ul>" + "".join(lines) + "</ul>"

    for f in fields:
        for widget in f.values():
            widget.observe(recompute, names="value")
    recompute()
    saver = Saver(book.client.slug, "goals", lang)
    save = _save_row(saver, lambda: {"goals": goals_now()},
                     lambda: "、".join(g["text"] for g in goals_now()))
    return w.VBox([*rows, result, save])


def budget_editor(book):
    """Total budget and per-channel split; live results, CPA, ROAS and break-even marks."""
    import ipywidgets as w

    from kit.domain import budget as domain

    lang, s = book.lang, book.section
    total = w.IntSlider(value=int(s.monthly_budget), min=0, max=int(s.monthly_budget * 3),
                        step=1000, description=t("budget.col.budget", lang),
                        layout=w.Layout(width="100%"))
    total.add_class("kit-total-budget")
    shares = [w.FloatSlider(value=c.share if c.share is not None else 1 / len(s.channels),
                            min=0, max=1, step=0.05, description=c.name,
                            readout_format=".0%") for c in s.channels]
    table = w.HTML()
    table.add_class("kit-live-result")

    def channels_now() -> list[domain.Channel]:
        weights = [sl.value for sl in shares]
        whole = sum(weights) or 1
        return [domain.Channel(c.name, c.cpc, c.cvr, c.ctr, c.cpm, c.cpa, c.aov, wgt / whole)
                for c, wgt in zip(s.channels, weights, strict=True)]

    def recompute(*_):
        plan = domain.channel_plan(channels_now(), total.value, s.gross_margin, s.aov)
        rows = [(r.channel, book.money(r.budget), fmt.number(r.results, 0), book.money(r.cpa),
                 fmt.number(r.roas, 2),
                 t("budget.status.above" if r.above_break_even else "budget.status.below", lang))
                for r in plan.itertuples()]
        cols = ("channel", "budget", "results", "cpa", "roas", "status")
        results = fmt.number(plan["results"].sum(), 0)
        table.value = (html.table([t(f"budget.col.{c}", lang) for c in cols], rows)
                       + f"<p>{html.esc(t('budget.col.results', lang))}："
                       f"<strong class='kit-live-total'>{results}</strong></p>")

    for widget in (total, *shares):
        widget.observe(recompute, names="value")
    recompute()

    def collect() -> dict:
        channels = s.model_dump(mode="json")["channels"]
        for item, ch in zip(channels, channels_now(), strict=True):
            item["share"] = round(ch.share, 4)
        return {"monthly_budget": total.value, "channels": channels}

    saver = Saver(book.client.slug, "budget", lang)
    save = _save_row(saver, collect, lambda: f"{t('budget.col.budget', lang)} "
                     f"{book.money(total.value)}")
    return w.VBox([total, *shares, table, save])


def funnel_editor(book):
    """Sliders on each stage's conversion: extra customers and revenue update live; saving
    keeps the chosen rates as the client's reference rates."""
    import ipywidgets as w

    lang, table = book.lang, book.table
    final = float(table["count"].iloc[-1])
    value = book.section.value_per_customer
    sliders = [w.FloatSlider(value=round(r.step_rate, 3), min=0, max=1, step=0.005,
                             description=book.label(r.stage)[:12], readout_format=".1%")
               for r in table.iloc[1:].itertuples()]
    out = w.HTML()
    out.add_class("kit-live-result")

    def recompute(*_):
        factor = 1.0
        for sl, rate in zip(sliders, table["step_rate"].iloc[1:], strict=True):
            factor *= sl.value / rate if rate else 1.0
        extra = final * (factor - 1)
        out.value = (f"<p>{html.esc(t('funnel.col.extra', lang))} "
                     f"<strong class='kit-live-total'>{fmt.number(extra, 0)}</strong>｜"
                     f"{html.esc(t('funnel.col.value', lang))} "
                     f"<strong>{book.money(extra * value)}</strong></p>")

    for sl in sliders:
        sl.observe(recompute, names="value")
    recompute()
    saver = Saver(book.client.slug, "funnel", lang)
    keys = list(table["stage"].iloc[1:])
    save = _save_row(saver, lambda: {"benchmarks": {k: sl.value for k, sl in
                                                    zip(keys, sliders, strict=True)}},
                     lambda: t("funnel.col.benchmark", lang))
    return w.VBox([*sliders, out, save])


def swot_editor(book):
    """Reweight items and add new ones per quadrant; the board redraws as you go."""
    import ipywidgets as w

    lang = book.lang
    names = {"S": "strengths", "W": "weaknesses", "O": "opportunities", "T": "threats"}
    section = book.section.model_dump(mode="json")
    board = w.HTML()
    boxes = []

    def redraw(*_):
        updated = book.section.model_validate(section)
        live_book = type(book)(book.client, book.period, updated, book.kpis)
        # a quick preview: low resolution, no palette pass (the report does both properly)
        board.value = html.png(live_book.board_figure(), alt=t("swot.board.title", lang),
                               dpi=72, colours=None)

    for q, key in names.items():
        rows = []
        for item in section[key]:
            slider = w.IntSlider(value=item["weight"], min=1, max=5, description=item["text"][:10])

            def on_weight(change, item=item):
                item["weight"] = change["new"]
                redraw()

            slider.observe(on_weight, names="value")
            rows.append(slider)
        new_text = w.Text(placeholder=t(f"swot.q.{q}", lang))
        add = w.Button(description="＋")

        def on_add(_, key=key, new_text=new_text):
            if new_text.value.strip():
                section[key].append({"text": new_text.value.strip(), "weight": 3})
                new_text.value = ""
                redraw()

        add.on_click(on_add)
        boxes.append(w.VBox([w.HTML(f"<b>{html.esc(t(f'swot.q.{q}', lang))}</b>"), *rows,
                             w.HBox([new_text, add])]))
    redraw()
    saver = Saver(book.client.slug, "swot", lang)
    save = _save_row(saver, lambda: {k: section[k] for k in names.values()},
                     lambda: t("swot.board.title", lang))
    return w.VBox([w.GridBox(boxes, layout=w.Layout(grid_template_columns="1fr 1fr")), board,
                   save])


def ab_calculator(book):
    """Per campaign: baseline, lift, power and significance sliders give the recipients each
    variant needs; typing the results gives the verdict in plain words."""
    import ipywidgets as w

    from kit.domain import abtest
    from kit.profile import AbPlan
    from kit.workbooks.plan import ab_verdict

    lang = book.lang
    campaigns = book.section.model_dump(mode="json")["campaigns"]
    blocks = []
    for camp, model in zip(campaigns, book.section.campaigns, strict=True):
        ab = camp.get("ab") or {"baseline": 0.05, "lift": 0.01, "power": 0.8, "alpha": 0.05}
        camp["ab"] = ab
        sliders = {k: w.FloatSlider(value=ab[k], min=lo, max=hi, step=step,
                                    readout_format=".1%", description=label)
                   for k, lo, hi, step, label in (
                       ("baseline", 0.005, 0.5, 0.005, "baseline"),
                       ("lift", 0.005, 0.2, 0.005, "lift"),
                       ("power", 0.5, 0.99, 0.01, "power"),
                       ("alpha", 0.01, 0.1, 0.01, "alpha"))}
        counts = [(w.IntText(value=v.sent or 0, description=f"{v.name} sent"),
                   w.IntText(value=v.clicks or 0, description=f"{v.name} clicks"))
                  for v in model.variants[:2]]
        out = w.HTML()
        out.add_class("kit-live-result")

        def recompute(*_, sliders=sliders, counts=counts, out=out, ab=ab):
            for k, sl in sliders.items():
                ab[k] = sl.value
            n = abtest.sample_size(ab["baseline"], ab["lift"], ab["power"], ab["alpha"])
            text = t("plan.ab.size", lang, base=fmt.pct(ab["baseline"]),
                     goal=fmt.pct(ab["baseline"] + ab["lift"]), n=fmt.number(n, 0),
                     alpha=fmt.pct(ab["alpha"], 0), power=fmt.pct(ab["power"], 0))
            if len(counts) == 2 and all(s.value for s, _ in counts):
                (sa, ca), (sb, cb) = counts
                text += " " + ab_verdict(lang, ("A", sa.value, ca.value),
                                         ("B", sb.value, cb.value), AbPlan(**ab))
            out.value = html.paragraph(text)

        for widget in [*sliders.values(), *(x for pair in counts for x in pair)]:
            widget.observe(recompute, names="value")
        recompute()
        blocks.append(w.VBox([w.HTML(f"<b>{html.esc(camp['name'])}</b>"),
                              *sliders.values(), *(w.HBox(list(p)) for p in counts), out]))
    return blocks, campaigns


def calendar_editor(book):
    """Add content to the calendar week by week; gaps on funded channels update live."""
    import ipywidgets as w

    from kit.domain import calendar as cal

    lang = book.lang
    items = book.section.model_dump(mode="json")["calendar"]
    week = w.Dropdown(options=[(fmt.day(d, lang), d) for d in book.plan_weeks])
    channel = w.Dropdown(options=book.channels or ["LINE"])
    topic = w.Text(placeholder=t("plan.col.goal", lang))
    fmt_box = w.Text(placeholder="format")
    add = w.Button(description="＋")
    gaps = w.HTML()
    gaps.add_class("kit-live-result")

    def recompute(*_):
        pairs = [(date.fromisoformat(str(i["week"])), i["channel"]) for i in items]
        missing = cal.gaps(pairs, book.funded, book.plan_weeks)
        gaps.value = html.paragraph(f"{t('plan.calendar.gap', lang)}：{len(missing)}")

    def on_add(_):
        if topic.value.strip():
            items.append({"week": week.value.isoformat(), "channel": channel.value,
                          "topic": topic.value.strip(), "format": fmt_box.value.strip()})
            topic.value = ""
            recompute()

    add.on_click(on_add)
    recompute()
    return w.VBox([w.HBox([week, channel, topic, fmt_box, add]), gaps]), items


def plan_editor(book):
    """The plan's live tools: the content calendar and the A/B calculator, one save."""
    import ipywidgets as w

    calendar_box, items = calendar_editor(book)
    ab_blocks, campaigns = ab_calculator(book)
    saver = Saver(book.client.slug, "plan", book.lang)
    save = _save_row(saver, lambda: {"calendar": items, "campaigns": campaigns},
                     lambda: t("plan.calendar.title", book.lang))
    return w.VBox([calendar_box, *ab_blocks, save])


EDITORS = {"goals": goals_editor, "budget": budget_editor, "funnel": funnel_editor,
           "swot": swot_editor, "plan": plan_editor}
