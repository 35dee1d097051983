"""End to end: the goals template executed by papermill for every sample client, exported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from kit import pipeline
from kit.clients import load_client
from kit.pipeline import run_batch, run_workbook
from tests.conftest import SAMPLE_CLIENTS, make_root
from tests.report_checks import report_problems

HEADINGS = ("目標與 KPI 工作簿", "合作說明書", "目標健檢（SMART）", "KPI 計畫", "每月進度路徑", "下一步",
            "名詞小辭典")
# numbers each client's report must show, hand-computed from its client.yaml
EXPECTED = {
    "lin-hardware": (
        "5,460 人",  # 4,200 visitors + 30%
        "+4.5%",  # 1.3 ** (1/6) - 1 = 4.47% a month
        "+3.1%",  # past pace (4200/3600) ** (1/5) - 1
        "+6.5%",  # orders 60 -> 120 in 11 months: 2 ** (1/11) - 1 = 6.50%
        "2027/05/01", "2/10", "還只是願望", "有挑戰，需加把勁", "依過去速度可達成",
    ),
    "mei-dessert": (
        "3,000 人", "+18.6%",  # (3000/1800) ** (1/3) - 1
        "不切實際，建議調整", "250 筆", "2027/02/14",
    ),
    "urban-thread": (
        "NT$1,500,000", "+3.2%",  # 1.25 ** (1/7) - 1 = 3.24%
        "NT$450", "-7.0%",  # (450/560) ** (1/3) - 1
        "28%",
    ),
}
CHARTS = {"lin-hardware": 2, "mei-dessert": 2, "urban-thread": 3}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("e2e"))
    results = {r.client: r for r in run_batch(root=root)}
    return root, results


@pytest.mark.parametrize("slug", SAMPLE_CLIENTS)
def test_report_for_every_sample_client(reports, slug):
    root, results = reports
    result = results[slug]
    assert result.status == "ok", result.message
    page = result.html.read_text(encoding="utf-8")
    notes = load_client(slug, root).profile.goals.consultant_notes
    others = [load_client(s, root).profile.client.name for s in SAMPLE_CLIENTS if s != slug]
    assert report_problems(page, forbid=(notes[:20], *others, str(root))) == []
    for text in HEADINGS + EXPECTED[slug]:
        assert text in page, text
    assert load_client(slug, root).profile.client.name in page
    assert len(re.findall(r"<img [^>]*src=\"data:image/png;base64,", page)) == CHARTS[slug]


@pytest.mark.parametrize("slug", SAMPLE_CLIENTS)
def test_executed_notebook_is_kept_with_parameters_and_no_glyph_warnings(reports, slug):
    root, results = reports
    nb = nbformat.read(results[slug].notebook, as_version=4)
    injected = nb.metadata["papermill"]["parameters"]
    assert injected["client"]["name"] == load_client(slug, root).profile.client.name
    assert set(injected) == {"client", "period", "goals"}
    stderr = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
                     if o.get("name") == "stderr")
    assert "missing from font" not in stderr and "Glyph" not in stderr, stderr
    assert not any(o.output_type == "error" for c in nb.cells for o in c.get("outputs", []))
    leftovers = [p.name for p in results[slug].html.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_html_is_small(reports):
    _, results = reports
    for result in results.values():
        assert result.html.stat().st_size < 300_000


def test_english_switch(root):
    result = run_workbook("goals", "lin-hardware", lang="en", root=root)
    assert result.status == "ok", result.message
    page = result.html.read_text(encoding="utf-8")
    for text in ("Goals &amp; KPI workbook", "Collaboration brief", "KPI plan", "Monthly paths",
                 "Still a wish", "1 May 2027", 'lang="en"'):
        assert text in page, text


def _break_template(root: Path) -> None:
    path = root / "templates" / "goals.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(3, {"cell_type": "code", "id": "boom", "metadata": {}, "execution_count": None,
                           "outputs": [], "source": "raise RuntimeError('boom: 測試失敗')"})
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def test_failing_cell_keeps_notebook_good_html_and_other_clients(root):
    good = run_workbook("goals", "mei-dessert", root=root)
    assert good.status == "ok"
    before = good.html.read_bytes()
    _break_template(root)
    broken = root / "clients" / "broken"
    broken.mkdir()
    text = (root / "clients" / "lin-hardware" / "client.yaml").read_text(encoding="utf-8")
    (broken / "client.yaml").write_text(text.replace("baseline: 4200", "baseline: 很多"), "utf-8")

    results = {r.client: r for r in run_batch(["broken", "mei-dessert", "urban-thread"], root=root)}
    assert results["broken"].status == "invalid"
    assert "goals.goals[1].baseline" in results["broken"].message
    for slug in ("mei-dessert", "urban-thread"):
        r = results[slug]
        assert r.status == "failed"
        assert "RuntimeError: boom: 測試失敗" in r.message
        assert re.search(r"第 \d+ 個儲存格失敗", r.message)
        assert r.notebook.name == "goals.failed.ipynb" and r.notebook.is_file()
    assert good.html.read_bytes() == before  # the last good report is untouched
    assert not (root / "workbooks" / "urban-thread" / "2026-11" / "goals.html").exists()


def test_interrupted_run_leaves_no_partial_files(root, monkeypatch):
    def killed(*args, **kwargs):
        Path(args[1]).write_text("{half", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_execute", killed)
    with pytest.raises(KeyboardInterrupt):
        run_workbook("goals", "mei-dessert", root=root)
    out = root / "workbooks" / "mei-dessert" / "2026-11"
    assert list(out.iterdir()) == []


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    pipeline.atomic_write(target, "old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(pipeline.os, "replace", boom)
    with pytest.raises(OSError):
        pipeline.atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_unknown_template_and_missing_section(root):
    r = run_workbook("nope", "mei-dessert", root=root)
    assert r.status == "invalid" and "goals" in r.message
    text = (root / "clients" / "mei-dessert" / "client.yaml").read_text(encoding="utf-8")
    (root / "clients" / "mei-dessert" / "client.yaml").write_text(text.split("\ngoals:")[0], "utf-8")
    assert run_workbook("goals", "mei-dessert", root=root).status == "skipped"
