"""Saving workshop decisions back: comments kept, atomic, validated, conflicts caught."""

from __future__ import annotations

import pytest

from kit.clients import ProfileError, load_client
from kit.workshop import Conflict, save_section, section_version


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


def test_kit_run_uses_the_saved_decision(root):
    from kit.pipeline import run_workbook

    version = section_version("mei-dessert", "budget", root)
    save_section("mei-dessert", "budget", {"monthly_budget": 12000}, version, root)
    result = run_workbook("ad_budget", "mei-dessert", root=root, engine="zygote")
    assert result.status == "ok", result.message
    page = result.html.read_text(encoding="utf-8")
    assert "每月預算 NT$12,000" in page  # the goal method line uses the saved budget
