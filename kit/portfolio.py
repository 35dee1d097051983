"""The consultant's portfolio page: every client's KPIs and traffic lights on one page,
built from the numbers kept with each sent report (``clients/<slug>/snapshots``).

Consultant-only: it lists every client, so it is written outside any client's folder
(``workbooks/_portfolio/<YYYY-MM>.html``) and never sent to an owner.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from markupsafe import Markup

from kit import blocks, fmt, paths
from kit.clients import ProfileError, list_clients, load_client
from kit.i18n import t
from kit.paths import atomic_write
from kit.views.report import STATUS_TONE, STATUS_WORDS

#: Why the kit proposes revisiting a goal, in words.
PROPOSAL_WORDS = {"off_track_twice": "portfolio.todo.off_track_twice",
                  "met_early": "portfolio.todo.met_early"}


def latest_numbers(slug: str, root: Path | None = None,
                   period: date | None = None) -> dict | None:
    """The numbers of the client's latest (or given month's) report snapshot."""
    base = paths.clients_dir(root) / slug / "snapshots"
    if not base.is_dir():
        return None
    months = sorted(p.name for p in base.iterdir() if (p / "report.json").is_file())
    if period is not None:
        months = [m for m in months if m == f"{period:%Y-%m}"]
    if not months:
        return None
    return json.loads((base / months[-1] / "report.json").read_text(encoding="utf-8"))


def portfolio_html(root: Path | None = None, period: date | None = None,
                   lang: str = "zh-TW", today: date | None = None) -> str:
    """The portfolio page (self-contained HTML, the kit's report CSS); next steps due before
    ``today`` (default: the real today) and not done are listed as overdue."""
    rows, counts = [], {"on_track": 0, "at_risk": 0, "off_track": 0, "unknown": 0}
    for slug in list_clients(root):
        numbers = latest_numbers(slug, root, period)
        if numbers is None:
            continue
        for k in numbers["kpis"]:
            counts[k["status"]] = counts.get(k["status"], 0) + 1
            rows.append((numbers["client"], numbers["period"][:7], k["name"],
                         fmt.with_unit(k["actual"], k["unit"]),
                         fmt.with_unit(k["target"], k["unit"]), fmt.pct(k["progress"], 0),
                         fmt.pct(k["expected_progress"], 0),
                         blocks.badge(t(STATUS_WORDS[k["status"]], lang),
                                    STATUS_TONE[k["status"]])))
    header = [t(key, lang) for key in ("portfolio.col.client", "report.period", "report.col.kpi",
                                       "report.col.actual", "report.col.target",
                                       "report.col.progress", "report.col.expected",
                                       "report.col.status")]
    summary = fmt.join((f"{t(STATUS_WORDS[s], lang)} {n}" for s, n in counts.items() if n),
                       lang, "semicolon")
    todo = month_at_a_glance(root, period, lang, today)
    todo_html = Markup()
    if todo:
        todo_html = (blocks.section(t("portfolio.todo.title", lang))
                     + blocks.table([t(key, lang) for key in ("portfolio.todo.col.client",
                                                            "portfolio.todo.col.kind",
                                                            "portfolio.todo.col.detail")], todo))
    css = Markup((paths.NBCONVERT_TEMPLATES / "kit" / "kit.css").read_text(encoding="utf-8"))
    title = t("portfolio.title", lang)
    return str(Markup(
        "<!DOCTYPE html><html lang='{}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>{}</title><style>:root{{--brand:#37474F}}{}</style></head><body>"
        "<main class='kit-main'>{}{}{}</main></body></html>").format(
        lang, title, css, blocks.section(title, summary, level=1), blocks.table(header, rows),
        todo_html))


def month_at_a_glance(root: Path | None = None, period: date | None = None,
                      lang: str = "zh-TW", today: date | None = None,
                      ) -> list[tuple[str, str, str]]:
    """Per client: overdue next steps, goals the kit proposes to revisit, missing data."""
    today = today or date.today()
    rows = []
    for slug in list_clients(root):
        numbers = latest_numbers(slug, root, period)
        if numbers is None:
            continue
        try:
            report = load_client(slug, root).profile.report
        except ProfileError:
            report = None
        done = {f.step for f in report.follow_up if f.status in ("done", "dropped")} \
            if report else set()
        name = numbers["client"]
        for step in numbers.get("next_steps", []):
            due = date.fromisoformat(step["due"]) if step.get("due") else None
            if due and due < today and step["text"] not in done:
                rows.append((name, t("portfolio.todo.overdue", lang),
                             f"{step['text']}{fmt.paren(fmt.day(due, lang), lang)}"))
        for p in numbers.get("proposals", []):
            rows.append((name, t("portfolio.todo.revise", lang),
                         t(PROPOSAL_WORDS[p["reason"]], lang, kpi=p["name"])))
        for s in numbers.get("spend", []):
            if s.get("source") == "none":
                rows.append((name, t("portfolio.todo.missing", lang),
                             t("portfolio.todo.no_spend", lang, platform=s["platform"])))
    return rows


def write_portfolio(root: Path | None = None, period: date | None = None,
                    lang: str = "zh-TW") -> Path:
    """Write ``workbooks/_portfolio/<period or latest>.html`` and return its path."""
    name = f"{period:%Y-%m}" if period else "latest"
    target = paths.workbooks_dir(root) / "_portfolio" / f"{name}.html"
    atomic_write(target, portfolio_html(root, period, lang))
    return target
