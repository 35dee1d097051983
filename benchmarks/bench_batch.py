"""Batch speed, measured side by side in one run on the same templates and parameters.

1. plain loop: `papermill` CLI then `jupyter nbconvert --to html --no-input`, per report;
2. kit batch, papermill engine (fresh kernel per report, warm exporter), all cores;
3. kit batch, fork engine (warm worker forks a child per report), all cores;
4. the warm-exec limit: the same template code exec'd in this already-warm process.

Reports: every sample client x every template, plus synthetic copies of the samples until
there are at least --reports reports. Run: .venv/bin/python benchmarks/bench_batch.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def make_root(tmp: Path, reports: int) -> tuple[Path, list[tuple[str, str]]]:
    from kit.params import TEMPLATES

    root = tmp / "project"
    shutil.copytree(REPO / "templates", root / "templates")
    samples = sorted(p.name for p in (REPO / "clients").iterdir() if (p / "client.yaml").exists())
    slugs, n = [], 0
    while len(slugs) * len(TEMPLATES) < reports or n < len(samples):
        src = samples[n % len(samples)]
        slug = src if n < len(samples) else f"{src}-{n}"
        shutil.copytree(REPO / "clients" / src, root / "clients" / slug,
                        ignore=shutil.ignore_patterns("snapshots"))
        slugs.append(slug)
        n += 1
    return root, [(s, t) for s in slugs for t in TEMPLATES]


def plain_loop(root: Path, jobs: list[tuple[str, str]]) -> float:
    from kit.clients import load_client
    from kit.params import build_parameters

    out = root / "plain"
    out.mkdir()
    start = time.perf_counter()
    for slug, template in jobs:
        client = load_client(slug, root)
        params = out / f"{slug}-{template}.yaml"
        params.write_text(json.dumps(build_parameters(template, client)), encoding="utf-8")
        nb = out / f"{slug}-{template}.ipynb"
        subprocess.run([BIN / "papermill", root / "templates" / f"{template}.ipynb", nb,
                        "-f", params, "--cwd", client.folder, "-k", "python3",
                        "--no-progress-bar"], check=True, capture_output=True)
        subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", nb],
                       check=True, capture_output=True)
    return time.perf_counter() - start


def kit_batch(root: Path, jobs: list[tuple[str, str]], engine: str) -> float:
    from kit.batch import Job, run_jobs

    start = time.perf_counter()
    results, _ = run_jobs([Job(s, t) for s, t in jobs], root, force=True, engine=engine)
    bad = [r for r in results if r.status != "ok"]
    if bad:
        raise SystemExit(f"{len(bad)} failed: {bad[0].message}")
    return time.perf_counter() - start


def warm_limit(root: Path, jobs: list[tuple[str, str]]) -> float:
    """exec each template's code in this warm process (no kernel, no export, no isolation)."""
    import nbformat

    from kit import show
    from kit.clients import load_client
    from kit.forkrun import warm
    from kit.params import build_parameters

    warm()
    show.html = lambda markup: None  # nothing to display to
    start = time.perf_counter()
    for slug, template in jobs:
        client = load_client(slug, root)
        ns = dict(build_parameters(template, client))
        nb = nbformat.read(root / "templates" / f"{template}.ipynb", as_version=4)
        cwd = os.getcwd()
        os.chdir(client.folder)
        try:
            for cell in nb.cells:
                tags = cell.metadata.get("tags", [])
                if cell.cell_type == "code" and not {"parameters", "consultant-only"} & set(tags):
                    exec(compile(cell.source, template, "exec"), ns)
        finally:
            os.chdir(cwd)
    return time.perf_counter() - start


def _period_dir(root: Path, slug: str, template: str) -> str:
    from kit.clients import load_client
    from kit.params import build_parameters

    return build_parameters(template, load_client(slug, root))["period"][:7]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=24)
    parser.add_argument("--skip-plain", action="store_true", help="skip the slow plain loop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, jobs = make_root(Path(tmp), args.reports)
        n = len(jobs)
        print(f"{n} reports, {os.cpu_count()} cores")
        rows = []
        if not args.skip_plain:
            rows.append(("plain CLI loop (papermill + nbconvert)", plain_loop(root, jobs)))
        rows.append(("kit batch, papermill engine", kit_batch(root, jobs, "papermill")))
        rows.append(("kit batch, fork engine", kit_batch(root, jobs, "fork")))
        rows.append(("warm-exec limit (one process, no export)", warm_limit(root, jobs)))
        base = rows[0][1] / n
        for name, seconds in rows:
            print(f"{name:45s} {seconds:7.1f} s  {seconds / n:5.2f} s/report  "
                  f"x{base / (seconds / n):5.1f}")
        if not args.skip_plain:
            stock = sorted((root / "plain").glob("*.html"))
            ours = [root / "workbooks" / s / _period_dir(root, s, t) / f"{t}.html"
                    for s, t in jobs]
            stock_kb = sum(p.stat().st_size for p in stock) / len(stock) / 1024
            ours_kb = sum(p.stat().st_size for p in ours) / len(ours) / 1024
            print(f"HTML size per report: stock nbconvert --no-input {stock_kb:.0f} KB, "
                  f"kit {ours_kb:.0f} KB ({ours_kb / stock_kb:.0%} of stock)")


if __name__ == "__main__":
    main()
