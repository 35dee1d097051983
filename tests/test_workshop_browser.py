"""The workshop for real: JupyterLab on 127.0.0.1, Debian's Chromium driven by Playwright.

Opens a sample client's budget and goals workbooks, runs them, moves a widget, sees the
number on the page change, clicks save, and checks client.yaml on disk (comments kept).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from kit.workshop import lab_command, prepare

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "kit-test-token"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: run scripts/system-deps.sh browser")
        pytest.skip("Debian chromium not installed (make test installs it)")
    from tests.conftest import make_root

    root = make_root(tmp_path_factory.mktemp("workshop"))
    notebooks = {p.stem: p for p in prepare("urban-thread", root)}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd, env = lab_command(list(notebooks.values()), root, port, token=TOKEN, browser=False)
    log = open(root / "lab.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start: " + (root / "lab.log").read_text())
        yield root, base, notebooks
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


VISIBLE = ">> visible=true"  # JupyterLab restores earlier tabs: only the shown one counts


def _wait_text(page, selector: str, text: str, exact: bool = False) -> None:
    """Wait until the visible element matching ``selector`` shows ``text``."""
    test = "t === want" if exact else "t.includes(want)"
    page.wait_for_function(
        f"""([sel, want]) => {{
            const el = [...document.querySelectorAll(sel)].find(e => e.offsetParent !== null);
            const t = el ? el.textContent : '';  // off-screen cells render lazily
            return {test};
        }}""", arg=[selector, text], timeout=20_000)


def _open_and_run(browser, base, root, notebook, ready: str):
    """Open the notebook in a fresh workspace and run it (restart kernel, run all cells)
    until ``ready`` (the editor) shows; a run asked for while the kernel still connects is
    ignored by JupyterLab, so ask again, three times at most."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    rel = notebook.relative_to(root)
    page.goto(f"{base}/lab/workspaces/{notebook.stem}/tree/{rel}?reset&token={TOKEN}")
    page.locator(f".jp-Notebook .jp-Cell {VISIBLE}").first.wait_for(timeout=60_000)
    for attempt in range(3):
        page.locator(f"jp-button[data-command='notebook:restart-run-all'] {VISIBLE}"
                     ).first.click()
        page.locator(".jp-Dialog .jp-mod-accept").first.click()  # "restart?" -> yes
        try:
            page.locator(f"{ready} {VISIBLE}").first.wait_for(timeout=40_000)
            return page
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    return page


def test_budget_slider_changes_results_and_saves_to_yaml(lab, browser):
    root, base, notebooks = lab
    page = _open_and_run(browser, base, root, notebooks["ad_budget"], ".kit-total-budget")
    _wait_text(page, ".kit-live-total", "343", exact=True)  # 162 + 78.5 + 102.9 at 180,000
    readout = page.locator(f".kit-total-budget .widget-readout {VISIBLE}").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("90000")
    page.keyboard.press("Enter")
    _wait_text(page, ".kit-live-total", "172", exact=True)  # half the budget, half the results
    page.locator(f"button.kit-save {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "已儲存")
    _wait_text(page, ".kit-save-status", "clients/urban-thread/client.yaml")
    text = (root / "clients/urban-thread/client.yaml").read_text(encoding="utf-8")
    assert "monthly_budget: 90000" in text
    assert "# 織日選物：台北的線上女裝選物店" in text  # the consultant's comments survive
    page.close()


def test_goals_target_changes_the_pace_and_saves(lab, browser):
    root, base, notebooks = lab
    page = _open_and_run(browser, base, root, notebooks["goals"], ".kit-live-result")
    _wait_text(page, ".kit-live-result", "+2.3%")  # 1.2M -> 1.5M over 10 months
    target = page.locator(f".jp-OutputArea input[type='number'] {VISIBLE}").nth(1)  # goal 1
    target.fill("1800000")
    target.press("Enter")
    _wait_text(page, ".kit-live-result", "+4.1%")  # 1.5 ** (1/10) - 1 = 4.14%
    page.locator(f"button.kit-save {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "已儲存")
    text = (root / "clients/urban-thread/client.yaml").read_text(encoding="utf-8")
    assert "target: 1800000" in text and "target: 1500000" not in text
    assert "monthly_budget: 90000" in text  # the other tab's save is kept
    assert "# 織日選物：台北的線上女裝選物店" in text
    page.close()
