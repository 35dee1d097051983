"""Fidelity corpus: small notebooks, each executed by stock papermill (a normal kernel) and by
the kit's zygote engine; the executed notebooks must be identical once ids, timings, process
ids and addresses are masked. Also: IPython history stays private and nothing a report
started outlives it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

import nbformat
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kit import zygote
from kit.pipeline import execute_notebook
from tests.conftest import process_gone

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches

SETTLE = "\nimport time; time.sleep(0.3)"  # let ipykernel forward fd-level output before the cell ends

# name -> (cells, options); a cell is a source, or (source, tags); options: parameters,
# execution_timeout, stale (outputs left from an older run in every code cell)
CORPUS: dict[str, tuple[list, dict]] = {
    "print_and_result": (["print('hello')\n1 + 1", "x = 3\nx * 2"], {}),
    "parameters": ([("a = 1\nb = 'x'", ["parameters"]), "print(a, b)"],
                   {"parameters": {"a": 5, "b": "客戶"}}),
    "pyplot_figure": (["import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.title('t')"],
                      {}),
    "pyplot_two_figures": (["import matplotlib.pyplot as plt\nplt.figure()\nplt.bar([1, 2], [3, 4])"
                            "\nplt.show()\nplt.figure()\nplt.scatter([1, 2], [2, 1])"], {}),
    "matplotlib_backend": (["import matplotlib\nmatplotlib.get_backend()",
                            "%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                            "plt.rcParams['figure.figsize'], plt.rcParams['figure.dpi']"], {}),
    "seaborn_chart": (["import seaborn as sns\nimport pandas as pd\n"
                       "ax = sns.barplot(data=pd.DataFrame({'k': ['a', 'b'], 'v': [1, 2]}), "
                       "x='k', y='v')"], {}),
    "wide_dataframe": (["import pandas as pd\npd.DataFrame([[i * j for i in range(40)] "
                        "for j in range(3)], columns=[f'col{i}' for i in range(40)])"], {}),
    "long_dataframe": (["import pandas as pd\npd.DataFrame({'n': range(200)})",
                        "pd.get_option('display.max_columns'), pd.get_option('display.width'),"
                        " pd.get_option('display.max_rows')"], {}),
    "clear_output": (["from IPython.display import clear_output\nprint('gone')\nclear_output()"
                      "\nprint('kept')",
                      "for i in range(3):\n    clear_output(wait=True)\n    print(i)"], {}),
    "display_update": (["from IPython.display import display\nh = display('first', "
                        "display_id=True)", "h.update('second')\nprint('after')"], {}),
    "rich_display": (["from IPython.display import HTML, JSON, SVG, Latex, Markdown, display\n"
                      "display(HTML('<b>b</b>'), Markdown('*m*'), Latex('$x$'), "
                      "JSON({'a': 1}))\nSVG('<svg xmlns=\"http://www.w3.org/2000/svg\"/>')"], {}),
    "unknown_magic": (["print('before')", "%notamagic 1", "print('never')"],
                      {"stale": True}),
    "subprocess_output": (["import subprocess\nsubprocess.run(['echo', 'from a child'])"
                           + SETTLE], {}),
    "fd_output": (["import os\nos.write(1, b'raw out\\n')\nos.write(2, b'raw err\\n')" + SETTLE],
                  {}),
    "multiprocessing_output": (["import multiprocessing as mp\np = mp.get_context('fork')"
                                ".Process(target=print, args=('child says hi',))\np.start()\n"
                                "p.join()\np.exitcode" + SETTLE], {}),
    "stderr_and_warnings": (["import sys, warnings, logging\nprint('to stderr', file=sys.stderr)"
                             "\nwarnings.warn('careful')\nlogging.warning('logged')"], {}),
    "capture_magic": (["%%capture cap\nprint('hidden')\n1", "cap.stdout"], {}),
    "skip_execution": ([("raise RuntimeError('must not run')", ["skip-execution"]),
                        "print('ran')"], {}),
    "raises_exception_tag": ([("1 / 0", ["raises-exception"]), "print('went on')"], {}),
    "input_fails": (["input('name? ')", "print('never')"], {"stale": True}),
    "top_level_await": (["import asyncio\nawait asyncio.sleep(0.01)\n'awaited'"], {}),
    "huge_error_message": (["raise ValueError('x' * 70000)"], {}),
    "sys_exit_zero": (["import sys\nsys.exit(0)", "print('after exit')"], {}),
    "background_process": (["import subprocess, pathlib\np = subprocess.Popen(['sleep', '60'])\n"
                            "pathlib.Path('bg.pid').write_text(str(p.pid))\nprint('started')"],
                           {}),
    "cell_timeout": (["print('quick')", "import time\ntime.sleep(30)", "print('never')"],
                     {"execution_timeout": 2, "stale": True}),
    "error_midway": (["x = 1", "raise KeyError('missing')", "print('never')", "x"],
                     {"stale": True}),
    "seeds": (["import numpy as np, random\nnp.random.seed(1)\nrandom.seed(2)\n"
               "(np.random.rand(2).round(6).tolist(), random.random())"], {}),
    "environment": (["import os, sys\nsorted(k for k in os.environ if k != 'PYTEST_CURRENT_TEST')",
                     "os.environ.get('MPLBACKEND'), 'JPY_PARENT_PID' in os.environ, "
                     "os.environ.get('KIT_FIDELITY')"], {}),
    "cwd_and_paths": (["import os, sys\nos.path.basename(os.getcwd()), sorted(os.listdir('.'))",
                       "sys.argv[0].rsplit('/', 1)[-1], sys.argv[1:2], '' in sys.path, "
                       "sys.path.index('') < 3"], {}),
    "ipywidgets_state": (["import ipywidgets as w\ns = w.IntSlider(value=5, description='n')\ns",
                          "s.value = 7\nw.VBox([w.Label('hi'), s])"], {}),
    "shell_and_history": (["get_ipython().__class__.__name__, type(get_ipython().kernel).__name__",
                           "a = 1", "%history -n", "_ih[1:3]"], {}),
    "execution_counts": (["1", new_markdown_cell("a note"), "2", "", "3"], {}),
    "threads_output": (["import threading\nt = threading.Thread(target=lambda: print('thread'))\n"
                        "t.start()\nt.join()"], {}),
    "big_output": (["for i in range(3000):\n    print('line', i)"], {}),
    "main_module": (["__name__, type(__builtins__).__name__", "import __main__\n"
                     "hasattr(__main__, '__file__'), __main__.__name__"], {}),
    "imports_state": (["import sys\n'matplotlib_inline' in sys.modules",
                       "import seaborn, comm\n'ipywidgets' in sys.modules, "
                       "sorted(comm.get_comm_manager().targets)"], {}),
}


def _notebook(cells: list, stale: bool) -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    for item in cells:
        if isinstance(item, nbformat.NotebookNode):
            nb.cells.append(item)
            continue
        source, tags = (item, []) if isinstance(item, str) else item
        cell = new_code_cell(source, metadata={"tags": tags} if tags else {})
        if stale:
            cell.outputs = [new_output("stream", name="stdout", text="stale output\n")]
            cell.execution_count = 99
        nb.cells.append(cell)
    return nb


_VOLATILE = [
    (re.compile(r"0x[0-9a-f]{6,}"), "0x…"),
    (re.compile(r"ipykernel_\d+/\d+"), "ipykernel_…"),
    (re.compile(r"pid=\d+"), "pid=…"),
]
_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # widget model ids


def normalise(nb: nbformat.NotebookNode) -> dict:
    """What a reader sees, with ids, timings, process ids and addresses masked."""
    cells = []
    for cell in nb.cells:
        entry = {"type": cell.cell_type, "source": cell.source,
                 "tags": cell.metadata.get("tags", []),
                 "papermill": {k: v for k, v in cell.metadata.get("papermill", {}).items()
                               if k in ("status", "exception")}}
        if cell.cell_type == "code":
            entry["count"] = cell.execution_count
            entry["outputs"] = cell.outputs
        cells.append(entry)
    widgets = json.loads(json.dumps(nb.metadata.get("widgets") or {}))
    for value in widgets.values():  # models keyed by random ids: a list, in a stable order
        value["state"] = sorted(_ID.sub("<id>", json.dumps(v, sort_keys=True))
                                for v in value.get("state", {}).values())
    meta = {"papermill": {k: nb.metadata.papermill.get(k)
                          for k in ("exception", "parameters", "default_parameters")},
            "widgets": widgets, "language_info": nb.metadata.get("language_info")}
    text = json.dumps({"cells": cells, "metadata": meta}, ensure_ascii=False)
    for pattern, mask in _VOLATILE:
        text = pattern.sub(mask, text)
    return json.loads(_ID.sub("<id>", text))


def _run(runner, name: str, folder: Path) -> tuple[dict, str | None]:
    cells, options = CORPUS[name]
    folder = folder / "report"  # the same folder name for both engines
    folder.mkdir(parents=True)
    (folder / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    source = folder / "in.ipynb"
    nbformat.write(_notebook(cells, options.get("stale", False)), source)
    out = folder / "out.ipynb"
    error = None
    try:
        runner(source, out, options.get("parameters") or {}, folder,
               options.get("execution_timeout"))
    except Exception as exc:  # papermill's own failure, compared between the two engines
        error = type(exc).__name__
    return normalise(nbformat.read(out, as_version=4)), error


def _retry_start(run):
    """Run again once if the kernel died before answering: jupyter_client picks the ports and
    the kernel binds them later, so on a busy machine another process can take one first
    (stock and zygote kernels alike); that is not what the corpus compares."""

    def runner(*args) -> None:
        try:
            run(*args)
        except RuntimeError as exc:
            if "before replying to kernel_info" not in str(exc):
                raise
            run(*args)

    return runner


@_retry_start
def _stock(source, out, parameters, cwd, timeout) -> None:
    papermill.execute_notebook(str(source), str(out), parameters=parameters, cwd=str(cwd),
                               execution_timeout=timeout, progress_bar=False,
                               kernel_name="python3")


@_retry_start
def _kit(source, out, parameters, cwd, timeout) -> None:
    execute_notebook(source, out, parameters, cwd, timeout, engine="zygote")


@pytest.fixture(scope="module")
def private_ipython(tmp_path_factory):
    """A scratch IPYTHONDIR with a history file in it, and a zygote started under it."""
    ipython_dir = tmp_path_factory.mktemp("ipython")
    history = ipython_dir / "profile_default" / "history.sqlite"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"untouched")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IPYTHONDIR", str(ipython_dir))
        mp.setenv("KIT_FIDELITY", "1")
        mp.delenv("JPY_SESSION_NAME", raising=False)
        zygote.stop()
        shared = zygote.start()
        assert shared is not None
        yield history, shared
        zygote.stop()
    assert [p.name for p in ipython_dir.rglob("*.sqlite*")] == ["history.sqlite"]
    assert history.read_bytes() == b"untouched"


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_zygote_kernel_matches_stock_papermill(name, private_ipython, tmp_path):
    _history, shared = private_ipython
    stock, stock_error = _run(_stock, name, tmp_path / "stock")
    ours, our_error = _run(_kit, name, tmp_path / "kit")
    assert ours == stock
    assert our_error == stock_error
    # nothing the report started outlives it: the zygote has no children left
    deadline = time.monotonic() + 5
    while _descendants(shared.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _descendants(shared.proc.pid) == []
    if name == "background_process":
        pid = int((tmp_path / "kit" / "report" / "bg.pid").read_text())
        assert process_gone(pid)
        with contextlib.suppress(ProcessLookupError):  # older jupyter_clients leave it running
            os.kill(int((tmp_path / "stock" / "report" / "bg.pid").read_text()), 9)


def test_corpus_check_can_fail(private_ipython, tmp_path):
    """The comparison sees a difference a reader would see (a vanished figure)."""
    stock, _ = _run(_stock, "pyplot_figure", tmp_path / "stock")
    CORPUS["_agg"] = (["import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt"
                       "\nplt.plot([1, 3, 2])\nplt.title('t')"], {})
    try:
        ours, _ = _run(_kit, "_agg", tmp_path / "kit")
    finally:
        del CORPUS["_agg"]
    assert ours["cells"][0]["outputs"] != stock["cells"][0]["outputs"]


def test_what_a_notebook_leaves_for_the_kernels_exit_happens_as_in_a_normal_kernel(
        private_ipython, tmp_path):
    """A thread that is not a daemon finishes, and exit handlers run, before the kernel ends:
    Python waits for both when a normal kernel exits, so the zygote's kernels do too."""
    code = ("import atexit, pathlib, threading, time\n"
            "def late():\n"
            "    time.sleep(0.5)\n"
            "    pathlib.Path('thread.txt').write_text('done')\n"
            "threading.Thread(target=late).start()\n"
            "atexit.register(lambda: pathlib.Path('atexit.txt').write_text('done'))")
    for name, runner in (("stock", _stock), ("kit", _kit)):
        folder = tmp_path / name
        folder.mkdir()
        nbformat.write(_notebook([code], stale=False), folder / "in.ipynb")
        runner(folder / "in.ipynb", folder / "out.ipynb", {}, folder, None)
        assert (folder / "thread.txt").read_text() == "done", name
        assert (folder / "atexit.txt").read_text() == "done", name
