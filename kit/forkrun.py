"""A faster way to execute a template: fork a warm process per report.

A worker imports pandas, seaborn, matplotlib, the kit's workbooks and the HTML exporter once
(:func:`warm`). For each report it forks a child; the child starts an in-process IPython
kernel (ipykernel's own shell, so display, execute results, streams and errors come out as
the usual Jupyter messages), injects the parameters the way papermill does, runs the code
cells, and writes the executed notebook. The fork gives every report a pristine copy of the
warm process: no state from one client reaches another, and nothing of the report's code
runs in the worker itself.

What the child cannot do, or a notebook that needs a real front end (ipywidgets), goes to
papermill instead (:func:`needs_real_kernel`). A child that crashes or hangs is killed and
reported; it never leaves a notebook in place.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

_WARM = False


class CellFailed(Exception):
    """A cell raised: which one and what (as papermill's PapermillExecutionError says it)."""

    def __init__(self, cell_index: int, exec_count: int | None, ename: str, evalue: str):
        self.cell_index, self.exec_count, self.ename, self.evalue = (
            cell_index, exec_count, ename, evalue)
        super().__init__(f"cell {cell_index}: {ename}: {evalue}")


def warm() -> None:
    """Import what every report needs, once per worker (the children inherit it)."""
    global _WARM
    if _WARM:
        return
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    sys.modules.setdefault("debugpy", None)  # no debugger in batch kernels
    import matplotlib

    matplotlib.use("Agg")
    import pandas  # noqa: F401
    import seaborn  # noqa: F401
    from ipykernel.inprocess.manager import InProcessKernelManager  # noqa: F401

    import kit.workbooks.budget
    import kit.workbooks.customers
    import kit.workbooks.funnel
    import kit.workbooks.goals
    import kit.workbooks.report
    import kit.workbooks.swot  # noqa: F401
    from kit.charts import cjk_family
    from kit.export import client_exporter

    cjk_family()
    client_exporter()
    _WARM = True


def needs_real_kernel(notebook) -> bool:
    """Widgets need a front end and a real kernel: such notebooks go to papermill."""
    return any("ipywidgets" in cell.source for cell in notebook.cells
               if cell.cell_type == "code")


def _child(notebook, out_path: Path, cwd: Path, report) -> None:
    """Runs in the forked child: execute every code cell, write the notebook, report back."""
    import nbformat
    import numpy as np
    from ipykernel.inprocess.manager import InProcessKernelManager

    from kit.widgets import BATCH_ENV

    np.random.seed(None)  # the fork copied the parent's random state: give each report its own
    os.environ[BATCH_ENV] = "1"  # this child only: a batch run shows no widgets
    os.chdir(cwd)
    km = InProcessKernelManager()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    count = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        count += 1
        kc.execute(cell.source)
        outputs, error = [], None
        for msg in kc.iopub_channel.get_msgs():
            kind = msg["msg_type"]
            if kind in ("display_data", "execute_result", "stream", "error"):
                out = nbformat.v4.output_from_msg(msg)
                if kind == "execute_result":
                    out["execution_count"] = count
                outputs.append(out)
                if kind == "error":
                    error = out
        cell.outputs, cell.execution_count = outputs, count
        if error is not None:
            nbformat.write(notebook, str(out_path))
            report({"failed": [index, count, error["ename"], error["evalue"]]})
            return
    nbformat.write(notebook, str(out_path))
    report({"ok": True})


def execute(template_path: Path, out_path: Path, parameters: dict, cwd: Path,
            timeout: float | None = None) -> None:
    """Execute ``template_path`` with ``parameters`` into ``out_path`` in a forked child.

    Raises :class:`CellFailed` when a cell raises, TimeoutError when the report runs past
    ``timeout`` seconds, RuntimeError when the child dies.
    """
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    warm()
    notebook = load_notebook_node(str(template_path))
    notebook = parameterize_notebook(notebook, parameters, report_mode=False,
                                     kernel_name="python3", language="python")
    notebook.metadata.papermill.update({"input_path": str(template_path),
                                        "output_path": str(out_path), "engine": "kit-fork"})
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        code = 0
        try:
            def report(message: dict) -> None:
                os.write(write_end, json.dumps(message).encode())

            _child(notebook, out_path, cwd, report)
        except BaseException as exc:  # anything else: tell the parent, never return to it
            try:
                os.write(write_end, json.dumps({"crash": repr(exc)}).encode())
            finally:
                code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + timeout if timeout else None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if deadline and time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read_end)
            out_path.unlink(missing_ok=True)
            raise TimeoutError(f"report ran past {timeout:.0f} s")
        time.sleep(0.01)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    message = json.loads(b"".join(chunks) or b"{}")
    if "failed" in message:
        raise CellFailed(*message["failed"])
    if "ok" not in message:
        out_path.unlink(missing_ok=True)
        raise RuntimeError(message.get("crash") or f"report process died (status {status})")
