"""Print client reports to PDF through headless Chromium (no LaTeX): what the owner sees on
screen, with Traditional Chinese intact and the report's print rules (no chart cut in half)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from kit.paths import atomic_write

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path() -> str:
    """$KIT_CHROMIUM, else Debian's /usr/bin/chromium, else whatever chromium is on PATH."""
    for candidate in (os.environ.get("KIT_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise FileNotFoundError("Chromium not found: apt-get install chromium, or set KIT_CHROMIUM")


def to_pdf(pages: Iterable[Path]) -> list[Path]:
    """Print each HTML page to a PDF beside it (A4, print CSS); returns the PDF paths."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True,
                                    args=CHROMIUM_ARGS)
        try:
            for html_path in pages:
                page = browser.new_page()
                page.goto(Path(html_path).resolve().as_uri())
                page.wait_for_load_state("load")
                data = page.pdf(format="A4", print_background=True,
                                margin={"top": "14mm", "bottom": "14mm", "left": "12mm",
                                        "right": "12mm"})
                page.close()
                target = Path(html_path).with_suffix(".pdf")
                atomic_write(target, data)
                out.append(target)
        finally:
            browser.close()
    return out
