"""Workshop start-up: from the command to a usable editor, before and after issue 15.

Both runs do what ``kit workshop mei-dessert`` does, then what the consultant does: open the
first workbook in Chromium and press "restart and run all" until the goals editor shows.

- before: every workbook executed by papermill first (what ``prepare`` did up to issue 14);
- after: ``kit.workshop.prepare`` (parameters injected, no kernel; batch outputs reused).

Run: .venv/bin/python benchmarks/bench_workshop.py   (needs /usr/bin/chromium)
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SLUG = "mei-dessert"
TOKEN = "bench"
IDLE = """() => /Idle|閒置/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')"""


def _legacy_prepare(root: Path) -> list[Path]:
    from kit.pipeline import run_workbook

    out = []
    for name in ("goals", "swot", "funnel", "ad_budget"):
        result = run_workbook(name, SLUG, root=root, engine="papermill")
        if result.status == "ok":
            out.append(result.notebook)
    return out


def _one(legacy: bool) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from kit.workshop import lab_command

    tmp = Path(tempfile.mkdtemp(prefix="kit-bench-ws-"))
    for part in ("clients", "templates"):
        shutil.copytree(REPO / part, tmp / part)
    t0 = time.perf_counter()
    # in a fresh interpreter, as the command does (imports included)
    call = "_legacy_prepare(root)" if legacy else f"prepare({SLUG!r}, root)"
    code = (f"import sys; sys.path.insert(0, {str(REPO / 'benchmarks')!r}); "
            f"from pathlib import Path; from bench_workshop import _legacy_prepare; "
            f"from kit.workshop import prepare; "
            f"root = Path({str(tmp)!r}); print('\\n'.join(str(p) for p in {call}))")
    listed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "KIT_HOME": str(tmp)}).stdout
    notebooks = [Path(line) for line in listed.splitlines() if line.endswith(".ipynb")]
    prepared = time.perf_counter() - t0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd, env = lab_command(notebooks, tmp, port, token=TOKEN, browser=False)
    proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        server = time.perf_counter() - t0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            rel = notebooks[0].relative_to(tmp)
            page.goto(f"{base}/lab/tree/{rel}?reset&token={TOKEN}")
            visible = ">> visible=true"
            page.locator(f".jp-Notebook .jp-Cell {visible}").first.wait_for(timeout=60_000)
            opened = time.perf_counter() - t0
            # the consultant presses run when the status bar says the kernel is idle
            page.wait_for_function(IDLE, timeout=60_000)
            for _ in range(3):
                page.locator(f"jp-button[data-command='notebook:restart-run-all'] {visible}"
                             ).first.click()
                page.locator(".jp-Dialog .jp-mod-accept").first.click()
                try:
                    page.locator(f".kit-live-result {visible}").first.wait_for(timeout=15_000)
                    break
                except Exception:  # a run asked for while the kernel connects is ignored
                    continue
            usable = time.perf_counter() - t0
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    return {"prepared": prepared, "server up": server, "notebook shown": opened,
            "editor usable": usable}


def main() -> None:
    for label, legacy in (("before (papermill-executed)", True),
                          ("after (prepared lazily)", False)):
        times = _one(legacy)
        print(f"{label:30s} " + "  ".join(f"{k} {v:5.1f} s" for k, v in times.items()))


if __name__ == "__main__":
    main()
