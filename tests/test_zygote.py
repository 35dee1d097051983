"""The zygote engine must produce what a fresh papermill kernel produces (golden comparison),
and fail the way papermill fails."""

from __future__ import annotations

import json
import re
import time

import nbformat
import pytest

from kit import zygote
from kit.pipeline import PRELOAD, run_workbook
from tests.conftest import SAMPLE_CLIENTS, insert_cell

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches

TEMPLATES = ("goals", "swot", "funnel", "ad_budget", "customers", "plan", "report")


@pytest.fixture(scope="module", autouse=True)
def batch_zygote():
    """The zygote a batch worker starts: the kit's workbooks preloaded, their font opened."""
    zygote.stop()
    assert zygote.start((*zygote.PRELOAD, *PRELOAD)) is not None
    yield
    zygote.stop()


def _normalise(nb) -> list:
    """Client-visible outputs per code cell, volatile ids and addresses masked."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "consultant-only" in cell.metadata.get("tags", []):
            continue
        outs = []
        for o in cell.outputs:
            data = {k: v for k, v in o.get("data", {}).items() if k != "text/plain"}
            text = json.dumps(data, sort_keys=True, ensure_ascii=False)
            outs.append(re.sub(r"0x[0-9a-f]+", "0x", text))
        cells.append(outs)
    return cells


@pytest.mark.parametrize("template", TEMPLATES)
def test_zygote_engine_matches_a_fresh_papermill_kernel(root, tmp_path, template):
    slug = "urban-thread"
    paper = run_workbook(template, slug, root=root, engine="papermill")
    assert paper.status == "ok", paper.message
    paper_nb = nbformat.read(paper.notebook, as_version=4)
    paper_html = paper.html.read_text(encoding="utf-8")
    fork = run_workbook(template, slug, root=root, engine="zygote")
    assert fork.status == "ok", fork.message
    fork_nb = nbformat.read(fork.notebook, as_version=4)
    assert _normalise(fork_nb) == _normalise(paper_nb)  # charts byte-identical PNGs included
    strip = lambda s: re.sub(r'id="cell-id=[^"]+"', "", s)  # noqa: E731
    assert strip(fork.html.read_text(encoding="utf-8")) == strip(paper_html)
    assert fork_nb.metadata.papermill.parameters == paper_nb.metadata.papermill.parameters


def test_no_state_leaks_between_clients_in_one_worker(root):
    # the same zygote forks every client's kernel; each report still shows only its own client
    for slug in SAMPLE_CLIENTS:
        r = run_workbook("goals", slug, root=root, engine="zygote")
        page = r.html.read_text(encoding="utf-8")
        for other in set(SAMPLE_CLIENTS) - {slug}:
            assert other not in page
        assert r.status == "ok"


def test_failing_cell_reported_like_papermill(root):
    insert_cell(root, "funnel", "raise ValueError('資料有誤')")
    r = run_workbook("funnel", "mei-dessert", root=root, engine="zygote")
    assert r.status == "failed" and "ValueError: 資料有誤" in r.message
    assert r.notebook.name == "funnel.failed.ipynb"
    failed = nbformat.read(r.notebook, as_version=4)
    assert any(o.output_type == "error" for c in failed.cells for o in c.get("outputs", []))


def test_hung_cell_is_stopped_by_the_per_cell_timeout(root):
    # the timeout is per cell, as papermill's: a slow report of quick cells is not stopped
    insert_cell(root, "funnel", "import time\ntime.sleep(60)")
    start = time.monotonic()
    r = run_workbook("funnel", "mei-dessert", root=root, engine="zygote", timeout=3)
    assert r.status == "failed" and "TimeoutError" in r.message
    assert time.monotonic() - start < 30
    out = root / "workbooks" / "mei-dessert" / "2026-11"
    assert not (out / "funnel.html").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
