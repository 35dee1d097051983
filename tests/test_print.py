"""The monthly report on paper (A4 through Chromium, as `kit pdf` prints it): no half-empty
page, no footer alone on the last page, glossary entries whole, no table clipped."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SAMPLE_CLIENTS
from tests.test_phone import OFF_SCREEN, browser  # noqa: F401  (the shared browser fixture)

pytestmark = pytest.mark.slow  # Chromium prints PDFs of executed reports

pypdf = pytest.importorskip("pypdf")


def _extent(page) -> tuple[float, float]:
    """The highest and lowest point (fractions of the page height, from the bottom) where
    the page draws text or an image."""
    ys: list[float] = []

    def text(chars, cm, tm, font, size):
        if chars.strip():
            ys.append(tm[5] * cm[3] + cm[5])

    def operator(op, args, cm, tm):
        if op == b"Do":  # an image, scaled by the current matrix
            ys.extend((cm[5], cm[5] + cm[3]))

    page.extract_text(visitor_text=text)
    page.extract_text(visitor_operand_before=operator)
    height = float(page.mediabox.height)
    return max(ys) / height, min(ys) / height


@pytest.fixture(scope="module")
def printed(batch_reports, tmp_path_factory):
    """Each sample client's monthly report printed to PDF, with its page's footer text."""
    if not shutil.which("chromium") and not __import__("os").path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium not installed (make test installs it)")
    from kit.pdf import to_pdf

    _, results = batch_reports
    folder = tmp_path_factory.mktemp("print")
    pages = []
    for slug in SAMPLE_CLIENTS:
        copy = folder / f"{slug}.html"
        shutil.copy(results[slug, "report"].html, copy)
        pages.append(copy)
    return dict(zip(SAMPLE_CLIENTS, to_pdf(pages), strict=True))


def test_no_page_is_left_half_empty(printed):
    for slug, pdf in printed.items():
        pages = pypdf.PdfReader(pdf).pages
        assert len(pages) >= 2, slug
        for number, page in enumerate(pages[:-1], 1):
            _, bottom = _extent(page)
            # A4 with 14 mm margins: text runs from 0.95 down to 0.05 of the height; a page
            # that stops above 0.40 has more than a third of its room empty
            assert bottom <= 0.40, f"{slug}: page {number} ends at {bottom:.2f} of the height"


def test_the_last_page_holds_more_than_the_footer(printed):
    from kit.i18n import t

    for slug, pdf in printed.items():
        last = pypdf.PdfReader(pdf).pages[-1].extract_text()
        footer_start = t("report.footer", "zh-TW", client="").split(" ")[0][:4]
        assert footer_start in last.replace("\u2f29", "小"), slug  # the footer is there …
        body = last[:last.rfind(footer_start)].strip()
        assert len(body) > 40, (slug, last)  # … and not alone


def test_print_rules_keep_entries_whole_and_the_footer_with_the_text(browser, batch_reports):  # noqa: F811
    _, results = batch_reports
    page = browser.new_page()
    page.goto(results["mei-dessert", "report"].html.as_uri())
    page.emulate_media(media="print")
    def style(selector: str, rule: str) -> str:
        return page.evaluate("([s, r]) => getComputedStyle(document.querySelector(s))[r]",
                             [selector, rule])

    assert style(".kit-glossary dd", "breakInside") == "avoid"
    assert style(".kit-glossary dt", "breakAfter") == "avoid"
    assert style(".kit-footer", "breakBefore") == "avoid"
    # a long table or card may continue on the next page (a row or card never splits)
    assert style(".kit-table", "breakInside") == "auto"
    assert style(".kit-table tr", "breakInside") == "avoid"
    page.close()


def test_no_table_is_wider_than_the_paper(browser, batch_reports):  # noqa: F811
    """At the A4 text width (186 mm = 703 CSS px) every table of every page fits."""
    _, results = batch_reports
    page = browser.new_page(viewport={"width": 703, "height": 1000})
    page.emulate_media(media="print")
    for result in results.values():
        page.goto(result.html.as_uri())
        assert page.evaluate(OFF_SCREEN) == {"wide": 0, "cells": 0}, result.html
        # nor is any header squeezed to one character a line ("測\n試")
        narrow = page.evaluate("""() => [...document.querySelectorAll('.kit-table th')]
            .filter(th => th.textContent.trim().length > 1
                    && th.getBoundingClientRect().width > 0
                    && th.getBoundingClientRect().width < 28).length""")
        assert narrow == 0, result.html
    page.close()
