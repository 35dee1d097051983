"""The client-facing exporter: what an owner must and must not see, without a kernel."""

from __future__ import annotations

import re
from datetime import date

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kit.export import export_html
from kit.profile import ClientInfo
from tests.report_checks import report_problems


def _nb():
    nb = new_notebook()
    params = new_code_cell("client = {}", metadata={"tags": ["parameters"]})
    shown = new_code_cell("book.show('intro')", outputs=[
        new_output("display_data", data={"text/html": "<h1 class='kit-h'>目標與 KPI</h1>"}),
        new_output("stream", name="stderr", text="UserWarning: Glyph 12354 missing from font"),
        new_output("stream", name="stdout", text="可見的輸出"),
    ])
    secret = new_code_cell("book.show('notes')", metadata={"tags": ["consultant-only"]}, outputs=[
        new_output("display_data", data={"text/html": "<p>不要給客戶看的折扣結構</p>"}),
    ])
    secret_md = new_markdown_cell("顧問備註：祕密", metadata={"tags": ["consultant-only"]})
    failed = new_code_cell("1/0", outputs=[new_output(
        "error", ename="ZeroDivisionError", evalue="division by zero",
        traceback=["Traceback (most recent call last)", "ZeroDivisionError"])])
    nb.cells = [params, shown, secret, secret_md, failed, new_markdown_cell("## 顧問的話")]
    return nb


def _export(name: str = "林記五金", **kw) -> str:
    info = ClientInfo(name=name, industry="五金", brand_colour="#C2185B", **kw)
    return export_html(_nb(), info, date(2026, 11, 1), "目標與 KPI 工作簿",
                       prepared=date(2026, 11, 23))


def test_report_shows_outputs_and_header_only():
    page = _export()
    assert report_problems(page) == []
    assert '<h1 class="kit-h">目標與 KPI</h1>' in page
    assert "可見的輸出" in page
    assert "顧問的話" in page
    assert "2026 年 11 月" in page and "2026/11/23" in page
    assert "--brand: #C2185B" in page
    for hidden in ("book.show", "client = {}", "Glyph", "折扣結構", "顧問備註", "ZeroDivisionError",
                   "Traceback"):
        assert hidden not in page


def test_self_contained_no_scripts_or_cdn():
    page = _export()
    assert "<script" not in page
    assert "cdnjs" not in page and "mathjax" not in page.lower()
    assert 'name="viewport"' in page


def test_client_name_is_escaped():
    page = _export(name="<b>A&B</b> 商行")
    assert "&lt;b&gt;A&amp;B&lt;/b&gt; 商行" in page
    assert "<b>A&B</b>" not in page


def test_english_switch():
    page = _export(language="en")
    assert 'lang="en"' in page and "Period" in page and "November 2026" in page


def test_notebook_itself_is_untouched_by_export():
    nb = _nb()
    export_html(nb, ClientInfo(name="x", industry="y"), date(2026, 11, 1), "t")
    assert len(nb.cells) == 6 and nbformat.validate(nb) is None


def _chaptered():
    nb = new_notebook()

    def shown(html: str):
        return new_code_cell("book.show('x')", outputs=[
            new_output("display_data", data={"text/html": html})])

    nb.cells = [
        shown("<h1 class='kit-h'>十月成效報告</h1>"),
        new_markdown_cell("## 錢花到哪裡去了\n\n下面看每個通路花了多少。",
                          metadata={"kit": {"text": "story.report.money"}}),
        shown("<h2 class='kit-h'>廣告成效</h2><h3 class='kit-h'>LINE</h3>"),
        new_markdown_cell("## 沒有內容的章\n\n這一章的段落都是空的。",
                          metadata={"kit": {"text": "story.report.track"}}),
        shown("<div class='tex2jax_ignore mathjax_ignore'></div>"),
        new_markdown_cell("## 接下來怎麼做\n\n誰負責、什麼時候完成。",
                          metadata={"kit": {"text": "story.report.next"}}),
        shown("<h2 class='kit-h'>下一步</h2>"),
        shown("<section class='kit-glossary'><h2 class='kit-h'>名詞小辭典</h2></section>"),
    ]
    return nb


def test_chapters_sit_above_sections_with_clean_headings():
    page = export_html(_chaptered(), ClientInfo(name="林記五金", industry="五金"),
                       date(2026, 11, 1), "成效報告")
    main = page.split("<main", 1)[1]
    headings = re.findall(r"<(h\d)[^>]*>(.*?)</h\d>", main)
    assert headings == [("h1", "十月成效報告"), ("h2", "錢花到哪裡去了"), ("h3", "廣告成效"),
                        ("h4", "LINE"), ("h2", "接下來怎麼做"), ("h3", "下一步"),
                        ("h2", "名詞小辭典")]  # the glossary: the page's appendix
    assert '<h2 class="kit-chapter">錢花到哪裡去了</h2><p>下面看每個通路花了多少。</p>' in main
    assert '<h3 class="kit-h kit-h2">廣告成效</h3>' in main  # styled as a section still
    assert "沒有內容的章" not in page  # a chapter with nothing under it is left out
    assert "anchor-link" not in page and "¶" not in page and " id=\"%" not in page


def test_a_page_without_chapters_keeps_its_section_levels():
    page = _export()  # a Markdown "##" of the consultant's own is text, not a chapter
    assert '<h1 class="kit-h">目標與 KPI</h1>' in page
    assert '<h2 class="kit-chapter">顧問的話</h2>' in page
