"""`kit execute` (papermill's semantics) and the zygote kernels' life cycle: interrupt,
restart, kill, fallback, the provisioner found through jupyter_client's entry point."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from typer.testing import CliRunner

from kit import zygote
from kit.cli import app
from tests.conftest import process_gone

pytestmark = pytest.mark.slow  # kernels, browsers or whole batches


def _write(path: Path, *sources: str, tags: dict[int, list[str]] | None = None) -> Path:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    for i, source in enumerate(sources):
        nb.cells.append(new_code_cell(source, metadata={"tags": (tags or {}).get(i, [])}))
    nbformat.write(nb, path)
    return path


def test_execute_injects_parameters_like_papermill(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "en")
    src = _write(tmp_path / "in.ipynb", "n = 1\nname = 'a'\nrate = 0.5",
                 "import os\nprint(n + 1, name, rate, os.path.basename(os.getcwd()))",
                 tags={0: ["parameters"]})
    (tmp_path / "p.yaml").write_text("name: 客戶\nn: 9\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    out = tmp_path / "out.ipynb"
    result = CliRunner().invoke(app, ["execute", str(src), str(out), "-f",
                                      str(tmp_path / "p.yaml"), "-p", "n", "41", "-p", "rate",
                                      "0.25", "--cwd", str(tmp_path / "work")])
    assert result.exit_code == 0, result.output
    nb = nbformat.read(out, as_version=4)
    injected = nb.cells[1]
    assert injected.metadata.tags == ["injected-parameters"]
    assert "n = 41" in injected.source and 'name = "\\u5ba2\\u6236"' in injected.source
    assert nb.cells[2].outputs[0].text == "42 客戶 0.25 work\n"
    assert nb.metadata.papermill.parameters == {"name": "客戶", "n": 41, "rate": 0.25}


def test_execute_marks_the_failing_cell_and_exits_1(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "en")
    src = _write(tmp_path / "in.ipynb", "x = 1", "raise ValueError('bad data')", "x")
    out = tmp_path / "out.ipynb"
    result = CliRunner().invoke(app, ["execute", str(src), str(out)])
    assert result.exit_code == 1
    assert "Cell 2 failed: ValueError: bad data" in result.output
    nb = nbformat.read(out, as_version=4)
    assert nb.metadata.papermill.exception is True
    assert nb.cells[0].metadata.tags == ["papermill-error-cell-tag"]
    assert "An Exception was encountered at" in nb.cells[0].source
    assert nb.cells[-1].outputs == []  # never ran


def test_execute_timeout_is_per_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "en")
    quick = "import time\ntime.sleep(0.6)"
    src = _write(tmp_path / "in.ipynb", quick, quick, quick, "time.sleep(60)")
    start = time.monotonic()
    result = CliRunner().invoke(app, ["execute", str(src), str(tmp_path / "out.ipynb"),
                                      "--execution-timeout", "1"])
    assert result.exit_code == 1 and "longer than 1.0 s" in result.output
    assert time.monotonic() - start < 30


def test_bad_parameter_syntax_is_a_usage_error(tmp_path):
    src = _write(tmp_path / "in.ipynb", "1")
    result = CliRunner().invoke(app, ["execute", str(src), str(tmp_path / "o.ipynb"), "-p", "n"])
    assert result.exit_code == 2


def test_interrupt_restart_and_kill_work_as_with_any_kernel():
    from kit.zygote import BatchKernelManager

    async def scenario() -> None:
        km = BatchKernelManager(kernel_name="python3")
        await km.start_kernel()
        assert isinstance(km.provisioner, zygote.ZygoteProvisioner) and km.provisioner.kernel
        kc = km.client()
        kc.start_channels()
        try:
            await steps(km, kc)
        finally:  # also when a step fails: no socket or kernel left for later tests
            if kc.channels_running:
                kc.stop_channels()
            if km.has_kernel:
                await km.shutdown_kernel(now=True)

    async def steps(km, kc) -> None:
        await kc.wait_for_ready(timeout=30)
        kc.execute("import time\ntime.sleep(60)")
        await asyncio.sleep(1)
        await km.interrupt_kernel()
        reply = await kc.get_shell_msg(timeout=10)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        first = km.provisioner.pid
        await km.restart_kernel(now=True)
        assert km.provisioner.pid != first and process_gone(first)
        await kc.wait_for_ready(timeout=30)
        msg_id = kc.execute("21 * 2")
        while True:
            msg = await kc.get_iopub_msg(timeout=10)
            if (msg["parent_header"].get("msg_id") == msg_id
                    and msg["msg_type"] == "execute_result"):
                break
        assert msg["content"]["data"]["text/plain"] == "42"
        second = km.provisioner.pid
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        assert process_gone(second)

    asyncio.run(scenario())


def test_a_caller_that_hangs_up_takes_its_kernel_with_it(tmp_path):
    shared = zygote.start()
    assert shared is not None
    kernel = shared.spawn([sys.executable, "-m", "ipykernel_launcher", "-f",
                           str(tmp_path / "k.json")], dict(os.environ), tmp_path)
    deadline = time.monotonic() + 30
    while not (tmp_path / "k.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kernel.poll() is None
    kernel.close()
    assert process_gone(kernel.pid)


def test_falls_back_to_normal_kernels_with_a_warning(tmp_path, monkeypatch):
    from kit.pipeline import execute_notebook

    def broken(*_args, **_kw):
        raise zygote.ZygoteError("no fork here")

    zygote.stop()
    monkeypatch.setattr(zygote, "Zygote", broken)
    monkeypatch.setenv("KIT_LANG", "en")
    src = _write(tmp_path / "in.ipynb", "import os\nos.getppid() == int(os.environ["
                 "'JPY_PARENT_PID'])")
    try:
        with pytest.warns(zygote.ZygoteUnavailable, match="no fork here"):
            nb = execute_notebook(src, tmp_path / "out.ipynb")
    finally:
        zygote.stop()
    assert nb.cells[0].outputs[0].data["text/plain"] == "True"  # spawned by this process


def test_provisioner_registered_for_the_kits_own_kernelspec(tmp_path, monkeypatch):
    import papermill
    from jupyter_client.kernelspec import KernelSpecManager

    prefix = tmp_path / "prefix"
    zygote.install_kernel_spec(str(prefix))
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    specs = KernelSpecManager().find_kernel_specs()
    assert "kit-zygote" in specs and "python3" in specs  # python3 is not shadowed
    spec = json.loads(Path(specs["kit-zygote"], "kernel.json").read_text(encoding="utf-8"))
    assert spec["metadata"]["kernel_provisioner"]["provisioner_name"] == "kit-zygote"
    src = _write(tmp_path / "in.ipynb", "import os\nos.getppid() != int(os.environ["
                 "'JPY_PARENT_PID'])")
    nb = papermill.execute_notebook(str(src), str(tmp_path / "out.ipynb"),
                                    kernel_name="kit-zygote", progress_bar=False)
    assert nb.cells[0].outputs[0].data["text/plain"] == "True"  # forked by the zygote


def test_each_forked_kernel_draws_its_own_random_numbers(tmp_path):
    """The fork copies the zygote's random state: each kernel must reseed, as a fresh one."""
    from kit.pipeline import execute_notebook

    src = _write(tmp_path / "in.ipynb", "import numpy as np, random\nnp.random.rand(), random.random()")
    draws = {execute_notebook(src, tmp_path / f"{n}.ipynb").cells[0].outputs[0].data["text/plain"]
             for n in range(3)}
    assert len(draws) == 3
