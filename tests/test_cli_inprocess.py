"""The kit command's other subcommands in process (typer's CliRunner): batch summaries and
the lock, execute's papermill-style options and errors, workshop, undo, portfolio, demo.
Kernels and JupyterLab are replaced by fakes; what the consultant reads is checked."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit import batch, cli
from kit.batch import folder_lock
from kit.cli import app
from kit.pipeline import RunResult
from tests.conftest import another_batch_holding

runner = CliRunner()


@pytest.fixture
def env(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    monkeypatch.setenv("KIT_LANG", "en")
    return root


@pytest.fixture
def fake_batch(env, monkeypatch):
    """Reports are "made" by a fake that writes the HTML; urban-thread's fails."""

    def run_workbook(template, slug, period, lang, root, timeout=None, engine=None,
                     workbooks=None, client=None, kernel_output=None):
        if slug == "urban-thread":
            return RunResult(slug, template, "failed", message="cell 3 failed: boom")
        out = Path(workbooks) / slug / "2026-11"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{template}.html").write_text("<p>ok</p>", encoding="utf-8")
        return RunResult(slug, template, "ok", html=out / f"{template}.html")

    monkeypatch.setattr(batch, "run_workbook", run_workbook)
    monkeypatch.setattr(batch, "_warm_worker", lambda *args: None)
    monkeypatch.setattr(batch.zygote, "start", lambda *a, **k: None)  # no kernel runs here
    return env


def test_batch_summarises_failures_then_skips_what_is_current(fake_batch):
    args = ["batch", "--clients", "mei-dessert, urban-thread", "--templates", "goals", "-j", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "1 failed" in result.output and "cell 3 failed: boom" in result.output
    assert "1 report(s) done" in result.output
    html = fake_batch / "workbooks/mei-dessert/2026-11/goals.html"
    assert f"  {html}" in result.output.splitlines()
    again = runner.invoke(app, args)  # mei-dessert is current; urban-thread fails again
    assert "1 report(s) unchanged since the last run" in again.output
    assert "0 report(s) done" in again.output and again.exit_code == 1
    only = runner.invoke(app, [*args[:2], "mei-dessert", *args[3:], "--period", "2026-11"])
    assert only.exit_code == 0 and "1 report(s) done" in only.output


def test_batch_no_wait_names_the_holder_and_wait_says_it_waits(fake_batch):
    args = ["batch", "--clients", "mei-dessert", "--templates", "goals", "-j", "1"]
    with folder_lock(fake_batch):
        refused = runner.invoke(app, [*args, "--no-wait"])
    assert refused.exit_code == 1
    assert f"Another batch (process {os.getpid()} on " in refused.output
    assert "try later, or drop --no-wait" in refused.output
    assert not (fake_batch / "workbooks/mei-dessert/2026-11/goals.html").exists()

    with another_batch_holding(fake_batch) as release:
        threading.Timer(1.0, release.set).start()
        waited = runner.invoke(app, args)
    assert waited.exit_code == 0, waited.output
    assert "writing to this folder; waiting for it" in waited.output
    assert "1 report(s) done" in waited.output


def test_execute_takes_papermills_parameters_and_reports_errors(env, monkeypatch, tmp_path):
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    seen = {}
    raised: list[BaseException] = []

    def execute_notebook(input_path, output_path, values, cwd, timeout, engine):
        seen.update(input=input_path, output=output_path, values=values, cwd=cwd,
                    timeout=timeout, engine=engine)
        if raised:
            raise raised.pop()

    monkeypatch.setattr(cli, "execute_notebook", execute_notebook)
    nb = tmp_path / "in.ipynb"
    nb.write_text("{}", encoding="utf-8")
    params = tmp_path / "p.yaml"
    params.write_text("a: 1\nb: from-file\n", encoding="utf-8")
    ok = runner.invoke(app, ["execute", str(nb), str(tmp_path / "out.ipynb"), "-f", str(params),
                             "-p", "b", "2.5", "-p", "c", "True", "--parameters", "d", "text",
                             "--execution-timeout", "30", "--engine", "papermill"])
    assert ok.exit_code == 0, ok.output
    assert seen["values"] == {"a": 1, "b": 2.5, "c": True, "d": "text"}
    assert (seen["timeout"], seen["engine"], seen["cwd"]) == (30.0, "papermill", None)

    bad = runner.invoke(app, ["execute", str(nb), str(tmp_path / "o.ipynb"), "-p", "only-name"])
    assert bad.exit_code == 2 and "expected -p NAME VALUE" in bad.output

    raised.append(PapermillExecutionError(2, 4, "1/0", "ZeroDivisionError", "division by zero",
                                          []))
    failed = runner.invoke(app, ["execute", str(nb), str(tmp_path / "o.ipynb")])
    assert failed.exit_code == 1
    assert "Cell 4 failed: ZeroDivisionError: division by zero" in failed.output
    raised.append(TimeoutError())
    slow = runner.invoke(app, ["execute", str(nb), str(tmp_path / "o.ipynb"),
                               "--execution-timeout", "5"])
    assert slow.exit_code == 1 and "longer than 5.0 s" in slow.output
    raised.append(DeadKernelError("gone"))
    dead = runner.invoke(app, ["execute", str(nb), str(tmp_path / "o.ipynb")])
    assert dead.exit_code == 138 and "The kernel died: gone" in dead.output


def test_workshop_starts_lab_on_the_prepared_workbooks(env, monkeypatch):
    calls = []
    monkeypatch.setattr(cli.subprocess, "call",
                        lambda cmd, env, cwd: calls.append((cmd, env, cwd)) or 0)
    result = runner.invoke(app, ["workshop", "mei-dessert", "--port", "8899", "--no-browser"])
    assert result.exit_code == 0, result.output
    [(cmd, child_env, cwd)] = calls
    assert cwd == env and child_env["KIT_HOME"] == str(env)
    assert cmd[cmd.index("--port") + 1] == "8899" and "--no-browser" in cmd
    assert ("--ServerApp.default_url=/lab/tree/workbooks/mei-dessert/2026-11/workshop/"
            "goals.ipynb") in cmd
    assert (env / "workbooks/mei-dessert/2026-11/workshop/plan.ipynb").is_file()


def test_workshop_for_a_broken_client_names_the_problem_and_starts_nothing(env, monkeypatch):
    monkeypatch.setattr(cli.subprocess, "call", lambda *a, **k: pytest.fail("lab started"))
    path = env / "clients/mei-dessert/client.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("baseline: 180\n",
                                                             "baseline: 一百八\n"), "utf-8")
    result = runner.invoke(app, ["workshop", "mei-dessert"])
    assert result.exit_code == 1
    assert "goals.goals[1].baseline" in result.output
    assert "client mei-dessert has no workbook to open" in result.output


def test_undo_with_nothing_saved_and_with_a_later_change_kept(env):
    from kit.profile_edits import merge_save

    nothing = runner.invoke(app, ["undo", "mei-dessert"])
    assert nothing.exit_code == 0 and "Nothing saved yet to undo" in nothing.output
    merge_save("mei-dessert", "budget", {("monthly_budget",): 15000.0},
               {"monthly_budget": 20000.0}, env)
    merge_save("mei-dessert", "budget", {("monthly_budget",): 20000.0},
               {"monthly_budget": 25000.0}, env)
    kept = runner.invoke(app, ["undo", "mei-dessert", "--save", "1"])
    assert kept.exit_code == 1
    assert "was changed again to 25,000 since that save: not overwritten" in kept.output
    assert "monthly_budget: 25000" in (env / "clients/mei-dessert/client.yaml").read_text("utf-8")


def test_portfolio_command_writes_the_page_for_the_month(env):
    snap = env / "clients/mei-dessert/snapshots"
    for month, actual in (("2026-09", 1111.0), ("2026-10", 2222.0)):
        (snap / month).mkdir(parents=True)
        (snap / month / "report.json").write_text(json.dumps({
            "period": f"{month}-01", "client": "Mei", "kpis": [
                {"name": "Friends", "unit": "人", "actual": actual, "target": 3000.0,
                 "progress": 0.5, "expected_progress": 0.5, "status": "on_track"}]}), "utf-8")
    (snap / "2026-11").mkdir()  # a month with no report kept: not a snapshot
    result = runner.invoke(app, ["portfolio", "--period", "2026-09", "--lang", "en"])
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path == env / "workbooks/_portfolio/2026-09.html"
    page = path.read_text(encoding="utf-8")
    assert "1,111" in page and "2,222" not in page
    latest = Path(runner.invoke(app, ["portfolio"]).output.strip())
    assert latest.name == "latest.html" and "2,222" in latest.read_text(encoding="utf-8")
    assert "1,111" not in latest.read_text(encoding="utf-8")


def test_demo_batches_everything_and_pdf_prints_each_path(env, monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "_batch", lambda *args: seen.append(args) or 0)
    result = runner.invoke(app, ["demo", "--lang", "en"])
    assert result.exit_code == 0
    assert seen == [(None, None, None, "en")]
    assert result.output.split() == [str(env / "clients"), "→", str(env / "workbooks")]
    monkeypatch.setattr(cli, "to_pdf", lambda pages: [Path(p).with_suffix(".pdf")
                                                      for p in pages])
    printed = runner.invoke(app, ["pdf", "a.html", "b/c.html"])
    assert printed.output.splitlines() == ["a.pdf", "b/c.pdf"]


def test_sync_templates_names_what_it_rewrote(env):
    import nbformat

    path = env / "templates/swot.ipynb"
    nb = nbformat.read(path, as_version=4)
    chapter = next(c for c in nb.cells if c.metadata.get("kit"))
    chapter.source = "## 草稿"
    nbformat.write(nb, str(path))
    result = runner.invoke(app, ["sync-templates"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Updated the chapter text of template swot from the catalogue"]
    assert "草稿" not in path.read_text(encoding="utf-8")
    again = runner.invoke(app, ["sync-templates"])
    assert again.output.strip() == "Every template's chapter text matches the catalogue"
