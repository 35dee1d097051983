"""Reports in real Chromium at phone width (390 px): no sideways scrolling, nothing fetched.

Uses Debian's /usr/bin/chromium through Playwright (no browser download). The set-up
(`make test`, `.ci/run`) installs it; on CI a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: run scripts/system-deps.sh browser")
        pytest.skip("Debian chromium not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(batch_reports):
    _, results = batch_reports
    assert all(r.status == "ok" for r in results.values()), [r.message for r in results.values()]
    return [r.html for r in results.values()]


def test_reports_fit_a_phone_and_fetch_nothing(browser, pages):
    for path in pages:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        failed, errors = [], []
        page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        requests = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 400, f"{path}: horizontal overflow at 390px (scrollWidth {width})"
        assert not failed and not errors, (failed, errors)
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
        # charts (the plan workbook has none) are shown and scaled to the screen
        widths = page.evaluate("[...document.images].map(i => i.getBoundingClientRect().width)")
        assert all(300 < w <= 390 for w in widths), (path, widths)
        assert widths or path.stem == "plan", path
        # no table needs sideways scrolling and no cell (a verdict, a badge) is off-screen
        hidden = page.evaluate(OFF_SCREEN)
        assert hidden == {"wide": 0, "cells": 0}, (path, hidden)
        page.close()


OFF_SCREEN = """() => { const out = {wide: 0, cells: 0};
  for (const w of document.querySelectorAll('.kit-table')) {
    if (w.querySelector('table').scrollWidth > w.clientWidth + 2) out.wide++;
    for (const td of w.querySelectorAll('td')) { const r = td.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1) out.cells++; } }
  return out; }"""


def test_wide_tables_print_as_cards_not_clipped(browser, pages):
    """On A4 a table of 7+ columns is laid out one card per row: nothing clipped."""
    page = browser.new_page(viewport={"width": 700, "height": 1000})  # ~A4 content width
    page.emulate_media(media="print")
    wide_tables = 0
    for path in pages:
        page.goto(path.as_uri())
        wide_tables += page.evaluate("document.querySelectorAll('.kit-wide').length")
        assert page.evaluate(OFF_SCREEN) == {"wide": 0, "cells": 0}, path
    assert wide_tables > 0
    page.close()


def test_printable_without_cutting_charts(browser, pages):
    page = browser.new_page()
    page.goto(pages[0].as_uri())
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    rule = page.evaluate(
        "getComputedStyle(document.querySelector('.kit-figure')).breakInside")
    assert rule == "auto"  # screen media; the print rule is checked below
    page.emulate_media(media="print")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('.kit-figure')).breakInside") == "avoid"
    page.close()


def test_a_tapped_term_opens_its_explanation_in_place(browser, pages):
    report = next(p for p in pages if p.stem == "report")
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.goto(report.as_uri())
    term = page.locator("button.kit-term").first
    key = term.get_attribute("popovertarget")
    term.tap()
    tip = page.locator(f"#{key}")
    assert tip.evaluate("e => e.matches(':popover-open')")
    box = tip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # shown on the screen
    assert len(tip.inner_text()) > 20  # the plain-language explanation, not just the word
    page.close()
