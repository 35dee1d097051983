"""What happens around the kernel, without one: run_workbook's outcomes with the execution
step faked, the isolated preflight checks (timeouts, crashes), JupyterLab's command line,
the CJK font choice and the PDF printer's browser lookup."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import nbformat
import pytest

from kit import fonts, pdf, pipeline, preflight
from kit.pipeline import NUMBERS_MIME, kernel_manager, run_batch, run_workbook
from kit.workshop import lab_command

# --- run_workbook ----------------------------------------------------------------------


def _executed(numbers: dict | None = None):
    """A fake papermill: the template copied as "executed" (plus a numbers output)."""

    def execute(template_path, out_path, parameters, cwd, timeout=None, engine="papermill",
                kernel_output=None):
        nb = json.loads(Path(template_path).read_text(encoding="utf-8"))
        if numbers is not None:
            nb["cells"].append({"cell_type": "code", "id": "numbers", "metadata": {},
                                "execution_count": 9, "source": "",
                                "outputs": [{"output_type": "display_data", "metadata": {},
                                             "data": {NUMBERS_MIME: numbers}}]})
        Path(out_path).write_text(json.dumps(nb), encoding="utf-8")
        return nbformat.reads(json.dumps(nb), as_version=4)
    return execute


@pytest.mark.filterwarnings("ignore:Your element with mimetype:UserWarning")  # nbconvert, on
# the kit-only numbers output of the fake notebook
def test_a_finished_run_keeps_notebook_html_and_the_sent_numbers(root, monkeypatch):
    monkeypatch.setattr(pipeline, "_execute", _executed({"period": "2026-10-01", "kpis": []}))
    out = root / "workbooks/mei-dessert/2026-10"
    out.mkdir(parents=True)
    (out / "report.failed.ipynb").write_text("{}", encoding="utf-8")  # from an earlier run
    result = run_workbook("report", "mei-dessert", root=root)
    assert result.status == "ok", result.message
    assert (result.html, result.notebook) == (out / "report.html", out / "report.ipynb")
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.ipynb"]
    assert "小梅甜點工作室" in result.html.read_text(encoding="utf-8")
    kept = root / "clients/mei-dessert/snapshots/2026-10"
    assert json.loads((kept / "report.json").read_text("utf-8"))["period"] == "2026-10-01"
    assert (kept / "report.html").read_bytes() == result.html.read_bytes()


def test_a_failing_cell_or_a_timeout_leaves_the_last_good_report(root, monkeypatch):
    from papermill.exceptions import PapermillExecutionError

    def fails(template_path, out_path, *args, **kwargs):
        Path(out_path).write_text("{}", encoding="utf-8")
        raise PapermillExecutionError(3, 7, "x", "KeyError", "'spend'", [])

    monkeypatch.setattr(pipeline, "_execute", fails)
    out = root / "workbooks/mei-dessert/2026-11"
    out.mkdir(parents=True)
    (out / "goals.html").write_text("last good", encoding="utf-8")
    (out / "goals.en.html").write_text("last good in English", encoding="utf-8")
    result = run_workbook("goals", "mei-dessert", root=root, lang="en")
    # the English report is its own file: its failure is kept beside it, under its own name
    assert result.status == "failed" and result.notebook == out / "goals.en.failed.ipynb"
    assert result.message == ("client mei-dessert, template goals: cell 7 failed: "
                              "KeyError: 'spend' (kept at "
                              "workbooks/mei-dessert/2026-11/goals.en.failed.ipynb)")

    def hangs(template_path, out_path, *args, **kwargs):
        Path(out_path).write_text("{half", encoding="utf-8")
        raise TimeoutError("Cell execution timed out")

    monkeypatch.setattr(pipeline, "_execute", hangs)
    result = run_workbook("goals", "mei-dessert", root=root)
    assert (result.status, result.message) == ("failed",
                                               "TimeoutError: Cell execution timed out")
    assert sorted(p.name for p in out.iterdir()) == ["goals.en.failed.ipynb", "goals.en.html",
                                                     "goals.html"]
    assert (out / "goals.html").read_text(encoding="utf-8") == "last good"
    assert (out / "goals.en.html").read_text(encoding="utf-8") == "last good in English"


def test_run_batch_reports_each_result_as_it_comes(root, monkeypatch):
    monkeypatch.setattr(pipeline, "_execute", _executed())
    seen = []
    results = run_batch(["mei-dessert", "nobody"], ["goals"], root=root, on_result=seen.append)
    assert seen == results
    assert [(r.client, r.status) for r in results] == [("mei-dessert", "ok"),
                                                       ("nobody", "invalid")]


def test_engines_and_papermills_options_for_any_notebook(monkeypatch, tmp_path):
    from kit.zygote import BatchKernelManager, StockBatchKernelManager

    assert kernel_manager("zygote") is BatchKernelManager
    assert kernel_manager("papermill") is StockBatchKernelManager
    with pytest.raises(ValueError, match="unknown engine 'x': zygote, papermill"):
        kernel_manager("x")
    import papermill

    calls = []
    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: calls.append((a, k)))
    for name, meta in (("py", {"kernelspec": {"language": "python"}}),
                       ("r", {"kernelspec": {"language": "R", "name": "ir"}})):
        path = tmp_path / f"{name}.ipynb"
        path.write_text(json.dumps({"cells": [], "metadata": meta, "nbformat": 4,
                                    "nbformat_minor": 5}), encoding="utf-8")
        pipeline.execute_notebook(path, tmp_path / "out.ipynb", {"a": 1}, tmp_path, 9)
    (_, py), (_, r) = calls
    assert py["kernel_manager_class"] is BatchKernelManager
    assert "kernel_manager_class" not in r  # another language gets its own kernel
    assert (py["parameters"], py["cwd"], py["execution_timeout"], py["progress_bar"]) == (
        {"a": 1}, str(tmp_path), 9, False)


# --- preflight -------------------------------------------------------------------------


def test_preflight_stops_a_slow_check_and_reports_crashes_per_client(root, monkeypatch):
    real = preflight.validate_client

    def check(slug, root_, lang):
        if slug == "lin-hardware":
            time.sleep(60)
        if slug == "mei-dessert":
            raise MemoryError("too big")
        if slug == "urban-thread" and lang == "en":
            os._exit(9)  # dies without a word
        return real(slug, root_, lang)

    monkeypatch.setattr(preflight, "validate_client", check)
    found = preflight.check_clients(["lin-hardware", "mei-dessert", "urban-thread",
                                     "mei-dessert"], root, lang="en", timeout=2, workers=2)
    assert list(found) == ["lin-hardware", "mei-dessert", "urban-thread"]
    assert [str(p) for p in found["lin-hardware"]] == [
        "clients/lin-hardware/client.yaml: checking took more than 2 seconds and was stopped: "
        "check client.yaml and the data files"]
    assert [str(p) for p in found["mei-dessert"]] == [
        "clients/mei-dessert/client.yaml: the check stopped unexpectedly (MemoryError: too big)"]
    assert [str(p) for p in found["urban-thread"]] == [
        "clients/urban-thread/client.yaml: the check stopped unexpectedly (exit 9)"]
    assert preflight.check_clients(["urban-thread"], root, workers=1) == {"urban-thread": []}


# --- JupyterLab, fonts, PDF --------------------------------------------------------------


def test_lab_command_is_local_zh_tw_and_opens_the_first_workbook(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    nb = tmp_path / "workbooks/mei/2026-11/workshop/goals.ipynb"
    cmd, env = lab_command([nb], tmp_path, 9000, token="secret", browser=False)
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert cmd[cmd.index("--ip") + 1] == "127.0.0.1" and cmd[cmd.index("--port") + 1] == "9000"
    assert {"--IdentityProvider.token=secret", "--no-browser", "--allow-root",
            "--ServerApp.port_retries=0",
            "--ServerApp.default_url=/lab/tree/workbooks/mei/2026-11/workshop/goals.ipynb",
            } <= set(cmd)
    assert env["KIT_HOME"] == str(tmp_path)
    settings = tmp_path / "workbooks/.jupyterlab-settings/@jupyterlab"
    locale = settings / "translation-extension/plugin.jupyterlab-settings"
    assert json.loads(locale.read_text(encoding="utf-8")) == {"locale": "zh_TW"}
    news = settings / "apputils-extension/notification.jupyterlab-settings"
    assert json.loads(news.read_text(encoding="utf-8"))["checkForUpdates"] is False
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    plain, _ = lab_command([], tmp_path)
    assert not {"--no-browser", "--allow-root"} & set(plain)
    assert not any(c.startswith(("--ServerApp.default_url", "--IdentityProvider"))
                   for c in plain)


def test_font_choice_prefers_taiwanese_faces_and_registers_late_installs(monkeypatch,
                                                                        tmp_path, capsys):
    from matplotlib import font_manager

    fonts.cjk_family.cache_clear()
    monkeypatch.setattr(fonts, "_available", lambda: {"DejaVu Sans", "Noto Sans CJK TC",
                                                      "Microsoft JhengHei"})
    assert fonts.cjk_family() == "Microsoft JhengHei"  # earlier in PREFERRED
    fonts.cjk_family.cache_clear()
    # nothing known yet: the font folders are scanned, CJK-looking font files registered
    (tmp_path / "sub").mkdir()
    for name in ("NotoSansCJK-Regular.ttc", "sub/msjh.ttf", "DejaVuSans.ttf", "cjk-notes.txt"):
        (tmp_path / name).write_bytes(b"")
    added = []
    monkeypatch.setattr(fonts, "_SEARCH_DIRS", (str(tmp_path), str(tmp_path / "absent")))
    monkeypatch.setattr(font_manager.fontManager, "addfont", added.append)
    names = iter([set(), {"Noto Sans CJK TC"}])
    monkeypatch.setattr(fonts, "_available", lambda: next(names))
    assert fonts.cjk_family() == "Noto Sans CJK TC"
    assert sorted(Path(p).name for p in added) == ["NotoSansCJK-Regular.ttc", "msjh.ttf"]
    fonts.cjk_family.cache_clear()
    monkeypatch.setattr(fonts, "_available", lambda: {"DejaVu Sans"})
    monkeypatch.setenv("KIT_LANG", "en")
    assert fonts.main() == 1
    assert "PingFang TC" in capsys.readouterr().err
    fonts.cjk_family.cache_clear()
    monkeypatch.setattr(fonts, "_available", lambda: {"PingFang TC"})
    assert fonts.main() == 0 and capsys.readouterr().out == "PingFang TC\n"
    fonts.cjk_family.cache_clear()


def test_chromium_is_found_from_the_setting_then_the_path(monkeypatch, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.write_text("", encoding="utf-8")
    monkeypatch.setenv("KIT_CHROMIUM", str(browser))
    assert pdf.chromium_path() == str(browser)
    monkeypatch.setenv("KIT_CHROMIUM", str(tmp_path / "missing"))
    monkeypatch.setattr(pdf.Path, "exists", lambda self: str(self) != "/usr/bin/chromium"
                        and os.path.exists(self))
    monkeypatch.setattr(shutil, "which", lambda name: str(browser) if name ==
                        "chromium-browser" else None)
    assert pdf.chromium_path() == str(browser)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="KIT_CHROMIUM"):
        pdf.chromium_path()


def test_the_period_of_a_run_names_its_folder(root, monkeypatch):
    monkeypatch.setattr(pipeline, "_execute", _executed())
    result = run_workbook("goals", "mei-dessert", date(2026, 8, 1), root=root)
    assert result.html == root / "workbooks/mei-dessert/2026-08/goals.html"
