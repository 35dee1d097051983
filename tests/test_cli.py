"""The kit command as a consultant types it."""

from __future__ import annotations

from typer.testing import CliRunner

from kit.cli import app

runner = CliRunner()


def test_validate_all_samples_ok(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    monkeypatch.delenv("KIT_LANG", raising=False)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "3 位客戶資料正確" in result.output


def test_validate_reports_each_problem_and_exits_1(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    path = root / "clients" / "mei-dessert" / "client.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('brand_colour: "#C2185B"', "brand_colour: pink")
    path.write_text(text.replace("baseline: 180\n", "baseline: 一百八\n"), encoding="utf-8")
    result = runner.invoke(app, ["validate", "mei-dessert", "--lang", "en"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("clients/")]
    assert lines == [
        "clients/mei-dessert/client.yaml:7: client.brand_colour: expected a colour code like "
        "\"#1F5F8B\" (quoted), got “pink”",
        "clients/mei-dessert/client.yaml:39: goals.goals[1].baseline: expected a number, got “一百八”",
    ]


def test_run_rejects_path_like_client(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    result = runner.invoke(app, ["run", "goals", "--client", "../x"])
    assert result.exit_code == 1
    assert "不是單純的資料夾名稱" in result.output


def test_bad_period_is_one_message(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    result = runner.invoke(app, ["run", "goals", "-c", "mei-dessert", "--period", "11/2026x"])
    assert result.exit_code == 2
    assert "應為年月，例如 2026-11" in result.output
