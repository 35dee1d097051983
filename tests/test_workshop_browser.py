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
from datetime import date
from pathlib import Path

import pytest

from kit.workshop import lab_command, prepare

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches

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


DIALOGS: dict[str, str] = {}  # the restart dialog's text, per notebook
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
    page.wait_for_function(  # the kernel is up (a run asked for before is ignored)
        "() => /Idle|閒置/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
        timeout=60_000)
    for attempt in range(3):
        page.locator(f"jp-button[data-command='notebook:restart-run-all'] {VISIBLE}"
                     ).first.click()
        DIALOGS[notebook.stem] = page.locator(".jp-Dialog").first.inner_text()
        page.locator(".jp-Dialog .jp-mod-accept").first.click()  # "restart?" -> yes
        try:
            page.locator(f"{ready} {VISIBLE}").first.wait_for(timeout=40_000)
            return page
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    return page


def _kit_english() -> list[str]:
    """Fixed pieces (12+ characters) of every English-only sentence in the kit's catalogue."""
    import re

    from kit.i18n import catalogue

    pieces = set()
    for key, en in catalogue("en").items():
        if en != catalogue("zh-TW")[key]:
            pieces.update(p.strip() for p in re.split(r"\{[^}]*\}", en)
                          if len(p.strip()) >= 12)
    return sorted(pieces)


def _replace(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_budget_in_zh_tw_no_code_bad_input_named_conflict_shown_nothing_lost(lab, browser):
    root, base, notebooks = lab
    path = root / "clients/urban-thread/client.yaml"
    original = path.read_text(encoding="utf-8")
    page = _open_and_run(browser, base, root, notebooks["ad_budget"], ".kit-total-budget")
    _wait_text(page, ".kit-live-total", "343", exact=True)  # 162 + 78.5 + 102.9 at 180,000
    # the client's language, no code, no mathematics
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    # JupyterLab in zh-TW as far as the language pack goes: 4.5.post3 translates the dialog
    # buttons, not the menu bar titles or dialog bodies (no zh-TW entries for them in it)
    assert "取消" in DIALOGS["ad_budget"] and "重新啟動" in DIALOGS["ad_budget"]
    assert menus  # the menu bar is there
    text = page.locator(f".jp-NotebookPanel {VISIBLE}").first.inner_text()
    assert [p for p in _kit_english() if p in text] == []
    assert page.locator(f".jp-Notebook .jp-CodeMirrorEditor {VISIBLE}").count() == 0
    # textContent: JupyterLab skips rendering cells far below the fold (innerText is empty)
    collapsed = page.locator(f".jp-Notebook .jp-InputPlaceholder {VISIBLE}").evaluate_all(
        "els => els.map(e => e.textContent)")
    assert collapsed
    assert [c for c in collapsed if "計算步驟" not in c and "客戶資料" not in c] == []
    assert page.locator("mjx-container").count() == 0  # NT$ … NT$ is money, not maths
    # a word in the budget: refused, named, nothing changes
    box = page.locator(f".kit-budget-input input {VISIBLE}").first
    box.fill("abc")
    box.press("Enter")
    _wait_text(page, ".kit-input-message", "「每月預算」看不懂「abc」")
    _wait_text(page, ".kit-live-total", "343", exact=True)
    box.fill("NT$90,000")
    box.press("Enter")
    _wait_text(page, ".kit-live-total", "172", exact=True)  # half the budget, half the results
    # meanwhile a colleague changes the budget and a CVR in the file
    path.write_text(_replace(original, ("monthly_budget: 180000", "monthly_budget: 150000"),
                             ("cvr: 1.8%,", "cvr: 2%,")), encoding="utf-8")
    page.locator(f"button.kit-save {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "有 1 個欄位")
    _wait_text(page, ".kit-conflict", "檔案裡（其他人）： 150,000")
    _wait_text(page, ".kit-conflict", "你的： 90,000")
    assert "monthly_budget: 150000" in path.read_text(encoding="utf-8")  # nothing overwritten
    page.locator(f".kit-use-mine {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "每月預算 150,000 → 90,000")
    assert path.read_text(encoding="utf-8") == _replace(
        original, ("monthly_budget: 180000", "monthly_budget: 90000"), ("cvr: 1.8%,", "cvr: 2%,"))
    page.close()


def test_goal_saved_then_restart_and_run_all_shows_it(lab, browser):
    root, base, notebooks = lab
    path = root / "clients/urban-thread/client.yaml"
    before = path.read_text(encoding="utf-8")
    page = _open_and_run(browser, base, root, notebooks["goals"], ".kit-live-result")
    _wait_text(page, ".kit-live-result", "+2.3%")  # 1.2M -> 1.5M over 10 months
    overflowing = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-OutputArea-output, .widget-box')].filter(
        e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).length""")
    wide = page.evaluate("""() => [...document.querySelectorAll('.kit-goal-text')].filter(
        e => e.offsetParent !== null).map(e => e.getBoundingClientRect().width)""")
    assert wide and min(wide) > 700  # the sentence gets the row's width (page is 1400 wide)
    assert overflowing == 0  # no horizontal scrollbar under the goal rows
    target = page.locator(f".kit-goal-target input {VISIBLE}").first  # goal 1
    target.fill("180 萬")
    target.press("Enter")
    _wait_text(page, ".kit-live-result", "+4.1%")  # 1.5 ** (1/10) - 1 = 4.14%
    page.locator(f".kit-update-sentence {VISIBLE}").first.click()  # 150 萬 -> 180 萬
    page.locator(f"button.kit-save {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "請在「為什麼改」寫下原因")  # a revision needs a why
    reason = page.locator(f".kit-revision-reason input {VISIBLE}").first
    reason.fill("會員日成效超出預期")
    reason.press("Enter")
    page.locator(f"button.kit-save {VISIBLE}").first.click()
    _wait_text(page, ".kit-save-status", "已儲存")
    last = before.split("    - text: ", 2)[1].rstrip("\n").split("\n")[-1] + "\n"
    assert path.read_text(encoding="utf-8") == _replace(
        before, ("從 120 萬成長到 150 萬", "從 120 萬成長到 180 萬"),
        ("      target: 1500000\n", "      target: 1800000\n"),
        (last, last + f"      revisions:\n        - date: {date.today().isoformat()}\n"
                      "          field: target\n          old: 1500000\n"
                      "          new: 1800000\n          reason: 會員日成效超出預期\n"))
    # restart the kernel and run everything: the saved decision is what shows
    page.locator(f"jp-button[data-command='notebook:restart-run-all'] {VISIBLE}").first.click()
    page.locator(".jp-Dialog .jp-mod-accept").first.click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('.kit-goal-target input')]
                 .some(e => e.offsetParent !== null && e.value === '1,800,000')""",
        timeout=40_000)
    _wait_text(page, ".kit-live-result", "+4.1%")
    _wait_text(page, ".kit-live-result", "180 萬")
    page.close()
