"""How long each workshop editor takes to recompute after one change, per sample client.

The target is under 100 ms. Run: .venv/bin/python benchmarks/bench_widgets.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import ipywidgets as w

REPO = Path(__file__).resolve().parents[1]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(REPO / "clients", tmp / "clients")
    shutil.copytree(REPO / "templates", tmp / "templates")
    os.environ["KIT_HOME"] = str(tmp)
    from kit import widgets
    from kit.clients import list_clients, load_client
    from kit.params import build_parameters
    from kit.workbooks.budget import BudgetBook
    from kit.workbooks.funnel import FunnelBook
    from kit.workbooks.goals import GoalsBook
    from kit.workbooks.swot import SwotBook

    cases = [("goals", GoalsBook, widgets.goals_editor, w.FloatText),
             ("ad_budget", BudgetBook, widgets.budget_editor, w.IntSlider),
             ("funnel", FunnelBook, widgets.funnel_editor, w.FloatSlider),
             ("swot", SwotBook, widgets.swot_editor, w.IntSlider)]
    print(f"{'client':14s} {'editor':10s} median ms  max ms  (10 changes each)")
    for slug in list_clients(tmp):
        client = load_client(slug, tmp)
        os.chdir(client.folder)
        for template, cls, editor, kind in cases:
            book = cls.from_params(**build_parameters(template, client))
            control = next(p for p in _walk(editor(book)) if isinstance(p, kind))
            times = []
            for i in range(10):
                start = time.perf_counter()
                control.value = control.value + (1 if i % 2 else -1) * (
                    0.01 if isinstance(control.value, float) and control.value < 1 else 1)
                times.append((time.perf_counter() - start) * 1000)
            print(f"{slug:14s} {template:10s} {statistics.median(times):9.1f} "
                  f"{max(times):7.1f}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
