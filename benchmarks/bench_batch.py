"""Batch speed, measured side by side in one run on the same reports and parameters.

1. plain loop: `papermill` CLI then `jupyter nbconvert --to html --no-input`, per report;
2. papermill API, stock kernels, 2 workers (kit batch, ``papermill`` engine);
3. kit batch, zygote kernels, 2 workers (the default ``zygote`` engine);
4. the same on a Dask LocalCluster of 2 worker processes (each worker owns a zygote).

For each: seconds per report, and where a report's time goes: kernel start-up and shutdown
(papermill's time minus the cells' own), cell execution (the cells' durations papermill
records), export (HTML). Peak memory (PSS) of each concurrent kernel is sampled while the
batch runs. Reports: every sample client x every template (21), plus synthetic copies of the
samples until there are at least --reports. Run: make bench (or benchmarks/bench_batch.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKERS = 2


def make_root(tmp: Path, reports: int) -> tuple[Path, list[tuple[str, str]]]:
    """A scratch project with enough clients for ``reports`` reports."""
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


def cell_seconds(notebook: Path) -> float:
    """Sum of the cells' own durations, as papermill recorded them."""
    nb = nbformat.read(notebook, as_version=4)
    return sum(c.metadata.get("papermill", {}).get("duration") or 0 for c in nb.cells)


class KernelMemory:
    """Samples the PSS of every kernel process below this one; keeps each kernel's peak."""

    def __init__(self, interval: float = 0.25):
        self.interval, self.peaks = interval, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _kernels(self):
        import psutil

        for proc in psutil.Process().children(recursive=True):
            try:
                cmd = proc.cmdline()
                parent = proc.parent()
                forked = parent is not None and "kit.zygote" in " ".join(parent.cmdline())
            except psutil.Error:
                continue
            if forked or any("ipykernel_launcher" in part for part in cmd):
                yield proc

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for proc in self._kernels():
                try:
                    pss = proc.memory_full_info().pss
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> KernelMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        """Median and highest per-kernel peak, in MiB."""
        if not self.peaks:
            return "n/a"
        mib = [v / 2**20 for v in self.peaks.values()]
        return f"{statistics.median(mib):.0f} MiB median, {max(mib):.0f} max"


def plain_loop(root: Path, jobs: list[tuple[str, str]]) -> dict:
    """papermill CLI + nbconvert CLI, one report after the other."""
    from kit.clients import load_client
    from kit.params import build_parameters

    out = root / "plain"
    out.mkdir()
    run = export = cells = 0.0
    start = time.perf_counter()
    with KernelMemory() as memory:
        for slug, template in jobs:
            client = load_client(slug, root)
            params = out / f"{slug}-{template}.yaml"
            params.write_text(json.dumps(build_parameters(template, client)), encoding="utf-8")
            nb = out / f"{slug}-{template}.ipynb"
            t0 = time.perf_counter()
            subprocess.run([BIN / "papermill", root / "templates" / f"{template}.ipynb", nb,
                            "-f", params, "--cwd", client.folder, "-k", "python3",
                            "--no-progress-bar"], check=True, capture_output=True)
            t1 = time.perf_counter()
            subprocess.run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", nb],
                           check=True, capture_output=True)
            run, export = run + t1 - t0, export + time.perf_counter() - t1
            cells += cell_seconds(nb)
    return {"total": time.perf_counter() - start, "startup": run - cells, "cells": cells,
            "export": export, "memory": memory.summary(), "concurrency": 1}


def kit_batch(root: Path, jobs: list[tuple[str, str]], engine: str,
              dask: str | None = None, workers: int | None = WORKERS) -> dict:
    """kit batch (papermill API in each worker), stock or zygote kernels; ``workers=None``
    is kit batch's own default (one more than the cores)."""
    from kit.batch import Job, run_jobs

    start = time.perf_counter()
    with KernelMemory() as memory:
        results, _ = run_jobs([Job(s, t) for s, t in jobs], root, force=True, engine=engine,
                              workers=workers, dask=dask)
    total = time.perf_counter() - start
    bad = [r for r in results if r.status != "ok"]
    if bad:
        raise SystemExit(f"{len(bad)} failed: {bad[0].message}")
    cells = sum(cell_seconds(r.notebook) for r in results)
    executed = sum(r.executed for r in results)
    return {"total": total, "startup": executed - cells, "cells": cells,
            "export": sum(r.seconds - r.executed for r in results),
            "memory": memory.summary(), "concurrency": workers or (os.cpu_count() or 1) + 1}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=21)
    parser.add_argument("--skip-plain", action="store_true", help="skip the slow plain loop")
    parser.add_argument("--skip-dask", action="store_true", help="skip the Dask run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, jobs = make_root(Path(tmp), args.reports)
        n = len(jobs)
        print(f"{n} reports, {WORKERS} workers where parallel")
        rows = []
        if not args.skip_plain:
            rows.append(("plain CLI loop (papermill + nbconvert)", plain_loop(root, jobs)))
        rows.append((f"papermill API, stock kernels, {WORKERS} workers",
                     kit_batch(root, jobs, "papermill")))
        rows.append((f"kit batch, zygote kernels, {WORKERS} workers",
                     kit_batch(root, jobs, "zygote")))
        rows.append((f"kit batch as it runs by default ({(os.cpu_count() or 1) + 1} workers)",
                     kit_batch(root, jobs, "zygote", workers=None)))
        if not args.skip_dask:
            from dask.distributed import LocalCluster

            with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster:  # started before the clock
                rows.append((f"kit batch --dask, zygote kernels, {WORKERS} workers",
                             kit_batch(root, jobs, "zygote", cluster.scheduler_address)))
        base = rows[0][1]["total"] / n
        print(f"{'':44s} {'s/report':>8s} {'speed-up':>8s} | per report (CPU-time view, "
              f"summed over workers): start+stop  cells  export | peak PSS per kernel")
        for name, row in rows:
            per = row["total"] / n
            print(f"{name:44s} {per:8.2f} {base / per:7.1f}x | "
                  f"{row['startup'] / n:24.2f} {row['cells'] / n:6.2f} {row['export'] / n:7.2f}"
                  f" | {row['memory']}")


if __name__ == "__main__":
    main()
