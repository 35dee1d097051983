"""Each language is its own report and snapshot: an English copy never replaces what the
owner was sent, and English pages are punctuated in English."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kit.pipeline import run_workbook

FULL_WIDTH = "：、，（）；「」"
CJK = re.compile(r"[\u4e00-\u9fff]")
BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "dt", "dd", "figcaption",
          "header", "footer", "section", "br"}


class _Visible(HTMLParser):
    """The text a reader sees (and alt texts), style and title left out."""

    def __init__(self):
        super().__init__()
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1
        if tag == "img":
            self.parts.append("\n" + (dict(attrs).get("alt") or "") + "\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "".join(parser.parts)


def english_with_full_width(page: str) -> list[str]:
    """Full-width marks in English text: one with no Chinese in the twelve characters on
    either side, or an opening bracket or quote after English (a client's own Chinese words
    keep their own punctuation, even at the start of a line)."""
    bad = []
    for line in visible_text(page).splitlines():
        for i, ch in enumerate(line):
            before, after = line[max(0, i - 12):i], line[i + 1:i + 13]
            if ch in FULL_WIDTH and re.search("[A-Za-z]", before) and not CJK.search(before) \
                    and (ch in "（「" or not CJK.search(after)):
                bad.append(line.strip())
                break
    return bad


def test_the_check_finds_full_width_marks_in_english():
    assert english_with_full_width("<p>Period：October 2026</p>") == ["Period：October 2026"]
    assert english_with_full_width("<p>As written「每筆訂單」</p>") == ["As written「每筆訂單」"]
    assert english_with_full_width("<p>Goal: “淡季（3–5 月）營收掉四成”</p>") == []
    assert english_with_full_width("<p>Meta 廣告成本（CPM）逐年上漲; 48 盒（約 35 盒）</p>") == []
    assert english_with_full_width("<td>CPA NT$410，帶來 22 筆訂單</td><td>「台灣製」最好</td>") == []


@pytest.mark.slow
def test_english_report_beside_the_owners_own(root):
    zh = run_workbook("report", "mei-dessert", root=root)
    assert zh.status == "ok", zh.message
    folder = zh.html.parent
    sent = zh.html.read_bytes()
    snapshots = root / "clients/mei-dessert/snapshots/2026-10"
    sent_snapshot = (snapshots / "report.json").read_bytes()

    en = run_workbook("report", "mei-dessert", lang="en", root=root)
    assert en.status == "ok", en.message
    assert en.html == folder / "report.en.html" and en.notebook == folder / "report.en.ipynb"
    assert en.notebook.is_file() and (folder / "report.ipynb").is_file()
    # what the owner was sent is untouched, byte for byte, and so is its snapshot
    assert zh.html.read_bytes() == sent
    assert (snapshots / "report.json").read_bytes() == sent_snapshot
    assert (snapshots / "report.html").read_bytes() == sent
    assert (snapshots / "report.en.html").read_text(encoding="utf-8") == \
        en.html.read_text(encoding="utf-8")
    assert json.loads((snapshots / "report.en.json").read_text(encoding="utf-8"))["lang"] == "en"
    assert json.loads(sent_snapshot)["lang"] == "zh-TW"

    chinese, english = sent.decode("utf-8"), en.html.read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in chinese and "成效報告" in chinese
    assert '<html lang="en">' in english and "Report for October 2026" in english
    assert "成效報告" not in visible_text(english)
    assert english_with_full_width(english) == []
    assert "Period: October 2026 · Prepared: " in english
    # the template's chapters are in the page's own language only
    _each_chapter_in_its_own_language(chinese, english, zh.notebook, en.notebook)


def _chapter(text: str) -> tuple[str, str]:
    """A narrative cell's heading and sentence as a reader sees them."""
    heading, body = text.split("\n", 1)
    return heading.removeprefix("## ").strip(), body.strip()


def _each_chapter_in_its_own_language(chinese: str, english: str, zh_nb: Path, en_nb: Path):
    import nbformat

    from kit.i18n import t
    from kit.narrative import narrative_keys

    keys = narrative_keys(nbformat.read(zh_nb, as_version=4))
    assert keys and keys == narrative_keys(nbformat.read(en_nb, as_version=4))
    seen_zh, seen_en = visible_text(chinese), visible_text(english)
    for key in keys:  # every chapter of this report has something under it
        zh_text, en_text = _chapter(t(key, "zh-TW")), _chapter(t(key, "en"))
        assert all(part in seen_en for part in en_text), key
        assert all(part in seen_zh for part in zh_text), key
        assert not any(part in seen_en for part in zh_text), key
        assert not any(part in seen_zh for part in en_text), key
    # the consultant's English notebook reads in English too
    en_sources = [c.source for c in nbformat.read(en_nb, as_version=4).cells
                  if c.cell_type == "markdown" and c.metadata.get("kit")]
    assert en_sources == [t(k, "en") for k in keys]


@pytest.mark.slow
def test_every_english_page_uses_english_punctuation(tmp_path):
    from tests.conftest import make_root

    root = make_root(tmp_path / "en", ("lin-hardware",))
    for template in ("goals", "swot", "funnel", "ad_budget", "customers", "plan", "report"):
        result = run_workbook(template, "lin-hardware", lang="en", root=root)
        assert result.status == "ok", result.message
        assert result.html.name == f"{template}.en.html"
        page = result.html.read_text(encoding="utf-8")
        assert english_with_full_width(page) == [], template
        chapters = re.findall(r'<h2 class="kit-chapter">(.*?)</h2>', page)
        assert chapters and not any(CJK.search(c) for c in chapters), (template, chapters)


@pytest.mark.slow
def test_last_month_is_compared_in_the_same_language(root, monkeypatch):
    """An English report compares against last month's English snapshot, never the
    Chinese one the owner was sent (and the other way round)."""
    from tests.test_report_numbers import _report

    folder = root / "clients/lin-hardware/snapshots/2026-09"
    folder.mkdir(parents=True)
    sent = {"period": "2026-09-01", "client": "林記五金工具", "lang": "en",
            "kpis": [], "ads": [{"channel": "Google Ads", "spend": 1.0}]}
    (folder / "report.en.json").write_text(json.dumps(sent), encoding="utf-8")
    # only an English snapshot: the Chinese report has nothing of its own to compare with
    assert _report(root, "lin-hardware", monkeypatch).changes_html() == ""
    zh = {**sent, "lang": "zh-TW", "ads": []}
    (folder / "report.json").write_text(json.dumps(zh), encoding="utf-8")
    assert "都沒有變動" in re.sub(r"<[^>]+>", "", _report(
        root, "lin-hardware", monkeypatch).changes_html())


@pytest.mark.slow
def test_batch_keeps_each_language_apart_and_resumes_each(root):
    from kit.batch import Job, Manifest, run_jobs

    jobs = [Job("mei-dessert", "swot"), Job("mei-dessert", "swot", lang="en")]
    results, skipped = run_jobs(jobs, root, workers=1)
    assert skipped == [] and all(r.status == "ok" for r in results), results
    folder = root / "workbooks/mei-dessert/2026-11"
    assert {r.html.name for r in results} == {"swot.html", "swot.en.html"}
    assert '<html lang="zh-TW">' in (folder / "swot.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in (folder / "swot.en.html").read_text(encoding="utf-8")
    entries = Manifest(root).entries
    assert {Path(entries[j.key]["html"]).name for j in jobs} == {"swot.html", "swot.en.html"}
    logs = sorted(p.name for p in (root / "workbooks/mei-dessert/logs").iterdir())
    assert logs == ["swot-default.en.log", "swot-default.log"]
    # both are current: nothing reruns; the English one gone, only it reruns
    assert run_jobs(jobs, root, workers=1)[0] == []
    (folder / "swot.en.html").unlink()
    again, skipped = run_jobs(jobs, root, workers=1)
    assert [r.html.name for r in again] == ["swot.en.html"] and skipped == jobs[:1]
