"""Workshop saves that merge, never revert, keep the consultant's notation and can be undone.

Expected files are written out by hand from the sample profile: a save changes exactly the
lines named here and nothing else (byte for byte).
"""

from __future__ import annotations

import copy

import pytest

from kit import profile_edits as ws
from kit.clients import load_client

SLUG = "mei-dessert"


def _file(root) -> str:
    return (root / f"clients/{SLUG}/client.yaml").read_text(encoding="utf-8")


def _edit(root, section: str, change) -> ws.SaveResult:
    """One editor session: load, change, save exactly what changed."""
    base = ws.read_section(SLUG, section, root)
    mine = copy.deepcopy(base)
    change(mine)
    known = {p: ws.get_path(base, p) for p in ws.field_diff(base, mine)}
    return ws.merge_save(SLUG, section, known, mine, root)


def _replace(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_notation_round_trip_over_every_field_type(root):
    before = _file(root)

    def budget(m):
        m["monthly_budget"] = 25000.0  # an integer stays an integer
        m["channels"][0]["cvr"] = 0.035  # percent strings stay percent strings
        m["channels"][0]["share"] = 0.6  # saved as set, not normalised
        m["channels"][1]["share"] = 0.1  # (the shares must still add up to 100%)
        m["channels"][1]["ctr"] = 0.018 + 0.002  # 0.019999999999999997: no float noise
        m["channels"][1]["cpa"] = 250.0  # a new rate-less number in a flow mapping

    def goals(m):
        m["goals"][0]["target"] = 3500.0
        m["goals"][1]["deadline"] = "2027-03-31"  # a new date is a date, unquoted
        m["goals"][2]["baseline"] = 0.0  # zero is zero, not null

    def funnel(m):
        m["benchmarks"]["私訊詢問"] = 0.35000000000000003

    def plan(m):
        m["campaigns"][0]["ab"]["baseline"] = 0.125
        m["campaigns"][0]["variants"][0]["sent"] = 1200
        m["calendar"].append({"week": "2026-11-23", "channel": "LINE", "topic": "聖誕倒數",
                              "format": "群發訊息", "keyword": "", "owner": ""})

    def swot(m):
        m["strengths"][1]["weight"] = 5

    for section, change in (("budget", budget), ("goals", goals), ("funnel", funnel),
                            ("plan", plan), ("swot", swot)):
        result = _edit(root, section, change)
        assert result.conflicts == [] and result.changes
    expected = _replace(
        before,
        ("      target: 3000\n", "      target: 3500\n"),
        ("      source: orders.count\n", "      source: orders.count\n      deadline: 2027-03-31\n"),
        ("      baseline: 3.2\n", "      baseline: 0\n"),
        ("{text: LINE 私訊回覆快、預購流程熟練, weight: 4}", "{text: LINE 私訊回覆快、預購流程熟練, weight: 5}"),
        ("私訊詢問: 40%", "私訊詢問: 35%"),
        ("  monthly_budget: 15000\n", "  monthly_budget: 25000\n"),
        ("{name: Instagram, cpc: 8, cvr: 3%, ctr: 1.5%, share: 50%}",
         "{name: Instagram, cpc: 8, cvr: 3.5%, ctr: 1.5%, share: 60%}"),
        ("{name: Facebook, cpc: 6, cvr: 2.5%, ctr: 1.8%, share: 20%}",
         "{name: Facebook, cpc: 6, cvr: 2.5%, ctr: 2%, share: 10%, cpa: 250}"),
        ("    - {week: 2026-11-16, channel: Instagram, topic: 客人開箱分享, format: 限時動態, owner: 小梅}\n",
         "    - {week: 2026-11-16, channel: Instagram, topic: 客人開箱分享, format: 限時動態, owner: 小梅}\n"
         "    - {week: 2026-11-23, channel: LINE, topic: 聖誕倒數, format: 群發訊息}\n"),
        ("sent: 1000, clicks: 120}", "sent: 1200, clicks: 120}"),
        # the comment stays; ruamel re-pads it by one space when the line grows
        ("ab: {baseline: 12%, lift: 3%, audience: 2050}   #",
         "ab: {baseline: 12.5%, lift: 3%, audience: 2050} #"),
    )
    assert _file(root) == expected
    profile = load_client(SLUG, root).profile
    assert profile.budget.channels[1].ctr == 0.02 and profile.goals.goals[2].baseline == 0


def test_untouched_fields_are_never_rewritten(root):
    """The issue's case: an untouched date became a quoted string, 3% became 0.03."""
    before = _file(root)
    result = _edit(root, "goals", lambda m: None)
    assert result.changes == [] and _file(root) == before
    assert not ws.history_dir(SLUG, root).exists()  # nothing saved, nothing logged


def test_a_field_changed_on_disk_and_here_is_a_conflict_nothing_lost(root):
    base = ws.read_section(SLUG, "budget", root)
    path = root / f"clients/{SLUG}/client.yaml"
    # a colleague edits the file meanwhile: budget 15000 -> 18000 and Instagram's CVR
    path.write_text(_replace(_file(root), ("monthly_budget: 15000", "monthly_budget: 18000"),
                             ("cvr: 3%,", "cvr: 2.8%,")), encoding="utf-8")
    mine = copy.deepcopy(base)
    mine["monthly_budget"] = 20000.0  # here too: a conflict
    mine["channels"][1]["ctr"] = 0.02  # only here: written
    known = {p: ws.get_path(base, p) for p in ws.field_diff(base, mine)}
    result = ws.merge_save(SLUG, "budget", known, mine, root)
    assert result.conflicts == [ws.FieldConflict(("monthly_budget",), 18000.0, 20000.0)]
    assert [c.path for c in result.changes] == [("channels", 1, "ctr")]
    text = _file(root)
    assert "monthly_budget: 18000" in text and "cvr: 2.8%," in text  # theirs kept
    assert "{name: Facebook, cpc: 6, cvr: 2.5%, ctr: 2%, share: 20%}" in text  # mine written
    # the consultant chooses theirs' budget 18000 as the known value, then keeps their own
    known[("monthly_budget",)] = 18000.0
    again = ws.merge_save(SLUG, "budget", known, mine, root)
    assert again.conflicts == [] and [c.path for c in again.changes] == [("monthly_budget",)]
    assert "monthly_budget: 20000" in _file(root) and "cvr: 2.8%," in _file(root)


def test_every_save_is_logged_and_undoable(root):
    original = _file(root)
    _edit(root, "goals", lambda m: m["goals"][0].update(target=3500.0))
    after_first = _file(root)
    _edit(root, "budget", lambda m: m.update(monthly_budget=20000.0))
    log = ws.history(SLUG, root)
    assert [(e["n"], e["section"]) for e in log] == [(1, "goals"), (2, "budget")]
    assert log[0]["changes"] == [{"path": ["goals", 0, "target"], "old": 3000.0, "new": 3500.0}]
    folder = ws.history_dir(SLUG, root)
    assert (folder / "0001-before.yaml").read_text(encoding="utf-8") == original
    assert (folder / "0002-before.yaml").read_text(encoding="utf-8") == after_first
    undone = ws.undo(SLUG, root=root)  # the budget save
    assert [(c.path, c.new) for c in undone.changes] == [(("monthly_budget",), 15000.0)]
    assert _file(root) == after_first
    ws.undo(SLUG, root=root)  # then the goals save
    assert _file(root) == original
    assert ws.undo(SLUG, root=root).changes == []  # nothing left to undo
    assert [e.get("undoes") for e in ws.history(SLUG, root)] == [None, None, 2, 1]


def test_undo_of_a_field_changed_again_since_is_a_conflict(root):
    _edit(root, "goals", lambda m: m["goals"][0].update(target=3500.0))
    _edit(root, "goals", lambda m: m["goals"][0].update(target=3800.0))  # someone else
    result = ws.undo(SLUG, 1, root=root)
    assert result.changes == [] and result.conflicts[0].theirs == 3800.0
    assert "target: 3800" in _file(root)


def test_an_invalid_result_writes_nothing_and_logs_nothing(root):
    from kit.clients import ProfileError

    before = _file(root)
    with pytest.raises(ProfileError):
        _edit(root, "budget", lambda m: m.update(gross_margin=1.5))
    with pytest.raises(ProfileError, match="110%"):  # shares must add up to 100%
        _edit(root, "budget", lambda m: m["channels"][0].update(share=0.6))
    assert _file(root) == before and ws.history(SLUG, root) == []


@pytest.mark.parametrize(("raw", "value", "written"), [
    ("3%", 0.035, "3.5%"),
    ("3％", 0.04, "4％"),
    (0.03, 0.035, 0.035),
    (3000, 3500.0, 3500),
    (3.2, 0.0, 0),
    (3.0, 4.0, 4.0),
    (12, 0.1 + 0.2, 0.3),
])
def test_in_notation(raw, value, written):
    out = ws.in_notation(raw, value)
    assert out == written and type(out) is type(written)


def test_in_notation_dates():
    from datetime import date

    assert ws.in_notation(date(2027, 2, 14), "2027-03-01") == date(2027, 3, 1)
    assert ws.in_notation("情人節前", "2027-03-01") == "2027-03-01"  # text stays text
