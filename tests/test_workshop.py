"""Saving workshop decisions back: comments kept, atomic, validated, conflicts caught."""

from __future__ import annotations

import pytest

from kit.clients import ProfileError, load_client
from kit.profile_edits import Conflict, save_section, section_version


def test_save_keeps_comments_and_order_and_kit_run_uses_it(root):
    path = root / "clients/urban-thread/client.yaml"
    before = path.read_text(encoding="utf-8")
    version = section_version("urban-thread", "budget", root)
    new = save_section("urban-thread", "budget", {"monthly_budget": 150000}, version, root)
    after = path.read_text(encoding="utf-8")
    assert "monthly_budget: 150000" in after
    assert new != version
    # every comment line and the key order survive
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert after.replace("monthly_budget: 150000", "monthly_budget: 180000") == before
    assert load_client("urban-thread", root).profile.budget.monthly_budget == 150000


def test_two_tabs_on_different_sections_both_keep_their_edits(root):
    goals_v = section_version("mei-dessert", "goals", root)
    budget_v = section_version("mei-dessert", "budget", root)
    save_section("mei-dessert", "budget", {"monthly_budget": 20000}, budget_v, root)
    goals = load_client("mei-dessert", root).profile.goals.model_dump(mode="json")["goals"]
    goals[0]["target"] = 2800  # a widget sends the whole list back, one goal changed
    save_section("mei-dessert", "goals", {"goals": goals}, goals_v, root)
    profile = load_client("mei-dessert", root).profile
    text = (root / "clients/mei-dessert/client.yaml").read_text(encoding="utf-8")
    assert "source: null" not in text and "actuals: {}" not in text  # no defaults written
    assert text.count("target: 2800") == 1 and "target: 3000" not in text
    assert profile.budget.monthly_budget == 20000
    assert profile.goals.goals[0].target == 2800
    assert profile.goals.goals[1].target == 250  # other goals untouched


def test_stale_tab_on_the_same_section_gets_a_conflict(root):
    stale = section_version("lin-hardware", "budget", root)
    save_section("lin-hardware", "budget", {"monthly_budget": 32000}, stale, root)
    with pytest.raises(Conflict, match="已被其他人儲存過"):
        save_section("lin-hardware", "budget", {"monthly_budget": 28000}, stale, root)
    assert load_client("lin-hardware", root).profile.budget.monthly_budget == 32000


def test_invalid_change_writes_nothing(root):
    path = root / "clients/lin-hardware/client.yaml"
    before = path.read_bytes()
    version = section_version("lin-hardware", "budget", root)
    with pytest.raises(ProfileError) as exc:
        save_section("lin-hardware", "budget", {"gross_margin": "150%"}, version, root)
    assert "budget.gross_margin" in str(exc.value)
    assert path.read_bytes() == before


@pytest.mark.slow
def test_kit_run_uses_the_saved_decision(root):
    from kit.pipeline import run_workbook

    version = section_version("mei-dessert", "budget", root)
    save_section("mei-dessert", "budget", {"monthly_budget": 12000}, version, root)
    result = run_workbook("ad_budget", "mei-dessert", root=root, engine="zygote")
    assert result.status == "ok", result.message
    page = result.html.read_text(encoding="utf-8")
    assert "每月預算 NT$12,000" in page  # the goal method line uses the saved budget


def test_prepare_runs_no_kernel_hides_code_and_includes_the_plan(root):
    import json

    from kit.workshop import prepare

    notebooks = prepare("mei-dessert", root)
    assert [p.stem for p in notebooks] == ["goals", "swot", "funnel", "ad_budget", "plan"]
    assert all(p.parent == root / "workbooks/mei-dessert/2026-11/workshop" for p in notebooks)
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        first, *cells = nb["cells"]
        assert first["cell_type"] == "markdown" and "工作坊" in "".join(first["source"])
        assert not any({"consultant-only", "parameters"} & set(c["metadata"].get("tags", []))
                       for c in cells)  # no "(consultant view)", no demo parameters
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(c["metadata"]["jupyter"]["source_hidden"] for c in code)
        assert all(c["outputs"] == [] for c in code)  # nothing executed
        injected = "".join(next(c for c in code if "injected-parameters"
                                in c["metadata"]["tags"])["source"])
        assert "'name': '小梅甜點工作室'" in injected and "\\u" not in injected
    # the batch's own notebooks are not touched
    assert not (root / "workbooks/mei-dessert/2026-11/goals.ipynb").exists()


@pytest.mark.slow
def test_prepare_reuses_the_batch_outputs_only_while_current(root):
    import json

    from kit.batch import Job, run_jobs
    from kit.workshop import prepare

    run_jobs([Job("mei-dessert", "goals")], root, workers=1, engine="zygote")
    goals = prepare("mei-dessert", root)[0]
    nb = json.loads(goals.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert outputs and all(c["metadata"]["jupyter"]["source_hidden"]
                           for c in nb["cells"] if c["cell_type"] == "code")
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "tex2jax_ignore mathjax_ignore" in html  # kit HTML is never typeset as maths
    version = section_version("mei-dessert", "goals", root)
    save_section("mei-dessert", "goals", {"consultant_notes": "先不加人手"}, version, root)
    goals = prepare("mei-dessert", root)[0]  # the profile changed: not current any more
    nb = json.loads(goals.read_text(encoding="utf-8"))
    assert all(c["outputs"] == [] for c in nb["cells"] if c["cell_type"] == "code")


def test_prepare_writes_the_chapters_in_the_clients_language(root):
    import json

    from kit.i18n import t
    from kit.workshop import prepare

    profile = root / "clients/lin-hardware/client.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "language: zh-TW", "language: en", 1), encoding="utf-8")
    for path in prepare("lin-hardware", root):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        chapters = [(c["metadata"]["kit"]["text"], "".join(c["source"])) for c in cells
                    if c["cell_type"] == "markdown" and "kit" in c["metadata"]]
        assert chapters, path.stem
        assert all(source == t(key, "en") for key, source in chapters), path.stem
