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


def test_validate_opens_data_files_warnings_do_not_fail(root, monkeypatch):
    """An order-file error exits 1 naming file and row; a warning alone (an unreadable
    export, which only costs its report sections) is printed and exits 0."""
    monkeypatch.setenv("KIT_HOME", str(root))
    monkeypatch.delenv("KIT_LANG", raising=False)
    data = root / "clients" / "urban-thread" / "data"
    orders = data / "orders.csv"
    lines = orders.read_text(encoding="utf-8").splitlines()
    lines[2] = "U-000061,2024/11/01,U05329,NT$2,599"
    orders.write_text("\n".join(lines) + "\n", encoding="utf-8")
    meta = root / "clients" / "mei-dessert" / "data" / "meta_ads.csv"
    meta.write_text("報告開始,行銷活動名稱\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "urban-thread", "--lang", "en"])
    assert result.exit_code == 1
    assert ("clients/urban-thread/client.yaml:116: customers.orders[0]: data/orders.csv:3: "
            "this row has 5 fields but the header has 4") in result.output
    result = runner.invoke(app, ["validate", "mei-dessert", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert ("clients/mei-dessert/client.yaml:96: report.exports[0].file: warning: "
            "data/meta_ads.csv: spend: this column is missing") in result.output
    assert "1 warning(s)" in result.output


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


def test_undo_lists_and_undoes_workshop_saves(root, monkeypatch):
    from kit.profile_edits import merge_save

    monkeypatch.setenv("KIT_HOME", str(root))
    monkeypatch.delenv("KIT_LANG", raising=False)
    path = root / "clients/mei-dessert/client.yaml"
    before = path.read_text(encoding="utf-8")
    merge_save("mei-dessert", "budget", {("monthly_budget",): 15000.0},
               {"monthly_budget": 20000.0}, root)
    listed = runner.invoke(app, ["undo", "mei-dessert", "--list"])
    assert listed.exit_code == 0 and "1  " in listed.output
    assert "budget  每月預算 15,000 → 20,000" in listed.output
    result = runner.invoke(app, ["undo", "mei-dessert"])
    assert result.exit_code == 0, result.output
    assert "已復原 每月預算：20,000 → 15,000" in result.output
    assert path.read_text(encoding="utf-8") == before
