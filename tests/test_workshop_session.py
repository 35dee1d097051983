"""The workshop as a consultant uses it, without a browser: live notebooks read the file,
editors read what people type, conflicts are shown, and a long session ends with
client.yaml holding exactly the decisions made, in the consultant's notation."""

from __future__ import annotations

import re
from datetime import date

import ipywidgets as w
import pytest

from kit import profile_edits as ws
from kit import session, widgets
from kit.clients import load_client
from kit.params import build_parameters
from kit.typed_input import InputProblem, parse_number
from kit.workbooks.budget import BudgetBook
from kit.workbooks.funnel import FunnelBook
from kit.workbooks.goals import GoalsBook
from kit.workbooks.plan import PlanBook
from kit.workbooks.swot import SwotBook

SLUG = "mei-dessert"
BOOKS = {"goals": GoalsBook, "ad_budget": BudgetBook, "funnel": FunnelBook, "swot": SwotBook,
         "plan": PlanBook}


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _classed(parts, css: str) -> list:
    return [p for p in parts if css in getattr(p, "_dom_classes", ())]


@pytest.fixture
def workshop(root, monkeypatch):
    """A live workshop on mei-dessert: ``run(template)`` re-runs a notebook whose injected
    parameters are the ones papermill wrote when the workshop started."""
    monkeypatch.setenv("KIT_HOME", str(root))
    monkeypatch.chdir(root / "clients" / SLUG)
    monkeypatch.setattr(session, "live", lambda: True)
    client = load_client(SLUG, root)
    injected = {name: build_parameters(name, client) for name in BOOKS}

    def run(template: str):
        book = BOOKS[template].from_params(**injected[template])
        section = "budget" if template == "ad_budget" else template
        editor = widgets.EDITORS[section](book)
        return book, list(_walk(editor))

    return run


def _file(root) -> str:
    return (root / f"clients/{SLUG}/client.yaml").read_text(encoding="utf-8")


def _disk_edit(root, old: str, new: str) -> None:
    """A colleague edits client.yaml in a text editor meanwhile."""
    text = _file(root)
    assert text.count(old) == 1, old
    (root / f"clients/{SLUG}/client.yaml").write_text(text.replace(old, new), encoding="utf-8")


def _type(parts, css: str, text: str, nth: int = 0) -> None:
    _classed(parts, css)[nth].value = text


def _status(parts) -> str:
    return _classed(parts, "kit-save-status")[0].value


def _click(parts, css: str, nth: int = 0) -> None:
    _classed(parts, css)[nth].click()


@pytest.mark.parametrize(("typed", "value"), [
    ("25,000", 25000), ("NT$25,000", 25000), ("NT$ 25,000 元", 25000), ("2.5 萬", 25000),
    ("2.5萬", 25000), ("兩萬", 20000), ("２５０００", 25000), ("一萬五千", 15000), ("", None),
])
def test_amounts_as_people_type_them(typed, value):
    assert parse_number(typed, "每月預算", "zh-TW") == value


@pytest.mark.parametrize(("typed", "value"), [("3%", 0.03), ("3.5", 0.035), ("３％", 0.03)])
def test_rates_as_people_type_them(typed, value):
    assert parse_number(typed, "轉換率", "zh-TW", percent=True) == pytest.approx(value)


@pytest.mark.parametrize(("typed", "message"), [
    ("abc", "「每月預算」看不懂「abc」：請輸入數字"),
    ("-5000", "「每月預算」不能是負數（-5000）"),
])
def test_unreadable_input_names_the_field(typed, message):
    with pytest.raises(InputProblem, match=message):
        parse_number(typed, "每月預算", "zh-TW")


def test_live_notebook_reads_the_file_batch_reads_its_parameters(root, monkeypatch):
    monkeypatch.setenv("KIT_HOME", str(root))
    injected = build_parameters("goals", load_client(SLUG, root))
    ws.merge_save(SLUG, "goals", {("goals", 0, "target"): 3000.0},
                  {"goals": [{"target": 3500.0}]}, root)
    assert GoalsBook.from_params(**injected).section.goals[0].target == 3000  # batch
    monkeypatch.setattr(session, "live", lambda: True)
    assert GoalsBook.from_params(**injected).section.goals[0].target == 3500  # live


def test_budget_input_speaks_and_the_slider_grows(workshop, root):
    _, parts = workshop("ad_budget")
    slider = _classed(parts, "kit-total-budget")[0]
    message = _classed(parts, "kit-input-message")[0]
    total = _classed(parts, "kit-live-total")[0] if _classed(parts, "kit-live-total") else None
    assert total is None  # the total sits inside the result HTML
    result = _classed(parts, "kit-live-result")[0]

    def results() -> str:
        return re.search(r"kit-live-total'>([\d,]+)<", result.value).group(1)

    before = results()
    _type(parts, "kit-budget-input", "abc")
    assert "「每月預算」看不懂「abc」" in message.value and results() == before
    _type(parts, "kit-budget-input", "-5000")
    assert "「每月預算」不能是負數" in message.value and results() == before
    assert slider.value == 15000
    _type(parts, "kit-budget-input", "100,000")  # above the slider's 45,000: it grows
    assert message.value == "" and slider.value == 100000 and slider.max >= 100000
    _type(parts, "kit-budget-input", "NT$25,000")
    assert slider.value == 25000
    _click(parts, "kit-save")
    assert _status(parts) == ("已儲存到 clients/mei-dessert/client.yaml："
                              "每月預算 15,000 → 25,000")
    assert "  monthly_budget: 25000\n" in _file(root)


def test_goal_number_offers_to_update_its_sentence(workshop, root):
    _, parts = workshop("goals")
    offer = _classed(parts, "kit-update-sentence")[0]
    assert offer.layout.display == "none"
    _type(parts, "kit-goal-target", "3,500")
    assert offer.layout.display == ""
    offer.click()
    assert _classed(parts, "kit-goal-text")[0].value == "情人節前 LINE 好友從 1,800 人增加到 3,500 人"
    assert offer.layout.display == "none"
    _type(parts, "kit-revision-reason", "情人節檔期拉長")
    _click(parts, "kit-save")
    text = _file(root)
    assert "    - text: 情人節前 LINE 好友從 1,800 人增加到 3,500 人\n" in text
    assert "      target: 3500\n" in text


def test_plan_editor_speaks_zh_tw(workshop):
    _, parts = workshop("plan")
    labels = [p.description for p in parts if getattr(p, "description", "")]
    labels += [p.placeholder for p in parts if getattr(p, "placeholder", "")]
    assert {"目前點擊率", "想看出的提升", "檢定力", "顯著水準", "A 發送數", "B 點擊數"} <= set(labels)
    english = [x for x in labels if re.search(r"\b(baseline|lift|power|alpha|sent|clicks|format)"
                                              r"\b", x)]
    assert english == []


def test_rates_and_counts_typed_grow_the_range_or_say_why_not(workshop, root):
    _, parts = workshop("plan")
    baseline = _classed(parts, "kit-ab-baseline")[0]  # the slider; its box sits beside it
    messages = _classed(parts, "kit-input-message")
    assert baseline.max == 0.5
    _type(parts, "kit-ab-baseline-input", "60%")  # above the slider's 50%: it grows
    assert baseline.max == 0.6 and baseline.value == 0.6
    _type(parts, "kit-ab-baseline-input", "150%")
    assert "「目前點擊率」看不懂「150%」：請輸入 0% 到 100% 之間的百分比" in messages[0].value
    assert baseline.value == 0.6
    _type(parts, "kit-ab-sent", "1,200")
    _type(parts, "kit-ab-clicks", "12.5")
    assert any("「A 點擊數」要是整數（12.5）" in m.value for m in messages)
    _type(parts, "kit-ab-baseline-input", "12.5")  # back to a real plan
    _click(parts, "kit-save")
    text = _file(root)
    assert "sent: 1200, clicks: 120}" in text and "ab: {baseline: 12.5%, lift: 3%," in text


def test_conflict_shown_side_by_side_and_the_consultant_chooses(workshop, root):
    _, parts = workshop("goals")
    _disk_edit(root, "      baseline: 3.2\n", "      baseline: 3.4\n")  # a colleague
    _type(parts, "kit-goal-baseline", "3.6", nth=2)
    _click(parts, "kit-save")
    assert "有 1 個欄位在你開啟後已被其他人改過" in _status(parts)
    row = _classed(parts, "kit-conflict")
    assert row == []  # rows are built after the click: walk again
    box = next(p for p in parts if "kit-conflicts" in getattr(p, "_dom_classes", ()))
    (conflict,) = box.children
    shown = conflict.children[0].value
    assert "IG 平均互動率 › 基準值" in shown
    assert "檔案裡（其他人）： 3.4" in shown and "你的： 3.6" in shown
    assert "      baseline: 3.4\n" in _file(root)  # nothing overwritten
    conflict.children[2].click()  # use mine
    assert "      baseline: 3.6\n" in _file(root) and box.children == ()


def test_a_long_session_ends_with_exactly_the_decisions_made(workshop, root):
    """22 edits, 15 saves, 4 re-runs, 4 concurrent disk edits, an undo, two conflicts; the
    changed targets keep their revisions with the reasons typed."""
    original = _file(root)
    # goals: a new target, saved; re-run shows it; the sentence follows it
    _, g = workshop("goals")
    _type(g, "kit-goal-target", "3,500")  # edit 1
    _type(g, "kit-revision-reason", "情人節檔期拉長")  # a changed target asks why
    _click(g, "kit-save")  # save 1
    _, g = workshop("goals")  # re-run 1
    assert _classed(g, "kit-goal-target")[0].value == "3,500"
    _click(g, "kit-update-sentence")  # edit 2
    _click(g, "kit-save")  # save 2
    _disk_edit(root, "      baseline: 3.2\n", "      baseline: 3.4\n")  # concurrent 1
    _type(g, "kit-goal-target", "２６０", nth=1)  # edit 3: full-width digits
    _type(g, "kit-revision-reason", "多請一位包裝", nth=1)
    _type(g, "kit-revision-agreed", "陳小梅", nth=1)
    _click(g, "kit-save")  # save 3
    assert "      baseline: 3.4\n" in _file(root)  # the colleague's edit survives
    _type(g, "kit-goal-baseline", "3.6", nth=2)  # edit 4
    _click(g, "kit-save")  # save 4: a conflict (3.4 on file, 3.6 here)
    assert "有 1 個欄位" in _status(g)
    box = _classed(g, "kit-conflicts")[0]
    box.children[0].children[2].click()  # use mine

    # budget: typed in every form, bad input refused, shares moved
    _, b = workshop("ad_budget")
    _type(b, "kit-budget-input", "NT$25,000")  # edit 5
    _type(b, "kit-budget-input", "abc")  # edit 6: refused, named
    _type(b, "kit-budget-input", "-5000")  # edit 7: refused, named
    _type(b, "kit-budget-input", "100,000")  # edit 8: the slider grows
    _type(b, "kit-budget-input", "2.5 萬")  # edit 9
    _click(b, "kit-save")  # save 5
    _disk_edit(root, "cvr: 3%,", "cvr: 2.8%,")  # concurrent 2
    shares = [p for p in b if isinstance(p, w.FloatSlider)]
    shares[0].value, shares[1].value = 0.6, 0.1  # edits 10 and 11
    _click(b, "kit-save")  # save 6
    _, b = workshop("ad_budget")  # re-run 2
    assert _classed(b, "kit-budget-input")[0].value == "25,000"
    assert [p.value for p in b if isinstance(p, w.FloatSlider)] == [0.6, 0.1, 0.3]

    # funnel: one rate moved; a colleague's change to another is kept by choice
    _, f = workshop("funnel")
    rates = [p for p in f if isinstance(p, w.FloatSlider)]
    rates[1].value = 0.35  # edit 12 (私訊詢問)
    _click(f, "kit-save")  # save 7
    _disk_edit(root, "下單: 45%", "下單: 50%")  # concurrent 3
    rates[2].value = 0.48  # edit 13
    _click(f, "kit-save")  # save 8: conflict
    _classed(f, "kit-conflicts")[0].children[0].children[1].click()  # keep theirs (50%)
    _click(f, "kit-save")  # save 9: nothing left to write
    assert _status(f) == "沒有要儲存的變更"

    # SWOT: a new threat and a weight
    _, s = workshop("swot")
    new_threat = next(p for p in s if isinstance(p, w.Text) and p.placeholder == "威脅 T")
    new_threat.value = "雞蛋缺貨"  # edit 14
    [p for p in s if isinstance(p, w.Button) and p.description == "+"][3].click()
    next(p for p in s if isinstance(p, w.IntSlider) and p.value == 4).value = 5  # edit 15
    _click(s, "kit-save")  # save 10

    # plan: a calendar item and a lift, saved, then undone
    _, p = workshop("plan")
    next(x for x in p if isinstance(x, w.Text) and x.placeholder == "主題").value = "聖誕倒數"  # 16
    next(x for x in p if isinstance(x, w.Button) and x.description == "+").click()
    next(x for x in p if isinstance(x, w.FloatSlider) and x.description == "想看出的提升"
         ).value = 0.04  # edit 17
    _click(p, "kit-save")  # save 11
    assert "ab: {baseline: 12%, lift: 4%," in _file(root)
    _click(p, "kit-undo")  # undo
    assert "已復原" in _status(p)
    _click(p, "kit-save")  # save 12: the undone edits are not written again
    assert _status(p) == "沒有要儲存的變更"
    _, p = workshop("plan")  # re-run 3
    assert "聖誕倒數" not in _file(root)

    # goals again: a deadline, a colleague's owner edit, a new target and its sentence
    _, g = workshop("goals")  # re-run 4
    _classed(g, "kit-goal-text")  # the editor is there
    deadline = [x for x in g if isinstance(x, w.DatePicker)][1]
    deadline.value = date(2027, 3, 31)  # edit 18
    _click(g, "kit-save")  # save 13
    _disk_edit(root, "      owner: 陳小梅\n      why: 預購", "      owner: 小梅\n      why: 預購")  # 4
    _type(g, "kit-goal-target", "3,600")  # edit 19
    _type(g, "kit-revision-reason", "加開 LINE 預購")
    _click(g, "kit-save")  # save 14
    _type(g, "kit-goal-baseline", "abc", nth=1)  # edit 20: refused, named
    assert "「基準值」看不懂「abc」" in _classed(g, "kit-input-message")[2].value
    _click(g, "kit-update-sentence")  # edit 21
    _type(g, "kit-goal-text", _classed(g, "kit-goal-text")[0].value + "！", nth=0)  # edit 22
    _type(g, "kit-goal-text", _classed(g, "kit-goal-text")[0].value.rstrip("！"))  # and back
    _click(g, "kit-save")  # save 15

    today = date.today().isoformat()
    expected = original
    for old, new in (
        ("      actuals: {2026-10: 2050}   # LINE 官方帳號後台的好友數\n",
         "      actuals: {2026-10: 2050}   # LINE 官方帳號後台的好友數\n      revisions:\n"
         f"        - date: {today}\n          field: target\n          old: 3000\n"
         "          new: 3500\n          reason: 情人節檔期拉長\n"
         f"        - date: {today}\n          field: target\n          old: 3500\n"
         "          new: 3600\n          reason: 加開 LINE 預購\n"),
        ("    - text: 情人節前 LINE 好友從 1,800 人增加到 3,000 人\n",
         "    - text: 情人節前 LINE 好友從 1,800 人增加到 3,600 人\n"),
        ("      target: 3000\n", "      target: 3600\n"),
        ("      target: 250\n      owner: 陳小梅\n", "      target: 260\n      owner: 小梅\n"),
        ("      source: orders.count\n",
         "      source: orders.count\n      revisions:\n"
         f"        - date: {today}\n          field: target\n          old: 250\n"
         "          new: 260\n          reason: 多請一位包裝\n          agreed_by: 陳小梅\n"
         "      deadline: 2027-03-31\n"),
        ("      baseline: 3.2\n", "      baseline: 3.6\n"),
        ("{text: LINE 私訊回覆快、預購流程熟練, weight: 4}", "{text: LINE 私訊回覆快、預購流程熟練, weight: 5}"),
        ("    - {text: 奶油、雞蛋等原料價格波動, weight: 3}\n",
         "    - {text: 奶油、雞蛋等原料價格波動, weight: 3}\n    - {text: 雞蛋缺貨, weight: 3}\n"),
        ("{加 LINE 好友: 2%, 私訊詢問: 40%, 下單: 45%}", "{加 LINE 好友: 2%, 私訊詢問: 35%, 下單: 50%}"),
        ("  monthly_budget: 15000\n", "  monthly_budget: 25000\n"),
        ("{name: Instagram, cpc: 8, cvr: 3%, ctr: 1.5%, share: 50%}",
         "{name: Instagram, cpc: 8, cvr: 2.8%, ctr: 1.5%, share: 60%}"),
        ("{name: Facebook, cpc: 6, cvr: 2.5%, ctr: 1.8%, share: 20%}",
         "{name: Facebook, cpc: 6, cvr: 2.5%, ctr: 1.8%, share: 10%}"),
    ):
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert _file(root) == expected
    # every write logged: 11 saves that wrote, the "use mine" choice and the undo
    assert len(ws.history(SLUG, root)) == 13
    assert load_client(SLUG, root).profile.goals.goals[0].target == 3600


def test_status_line_in_english_with_english_punctuation(root, monkeypatch):
    import copy

    monkeypatch.setenv("KIT_HOME", str(root))
    saver = widgets.Saver(SLUG, "budget", "en")
    mine = copy.deepcopy(saver.loaded)
    mine["monthly_budget"] = 20000.0
    mine["channels"][0]["share"], mine["channels"][1]["share"] = 0.6, 0.1
    assert saver.save(mine) == (
        "Saved to clients/mei-dessert/client.yaml: monthly budget 15,000 → 20,000; "
        "Instagram › share 50% → 60%; Facebook › share 20% → 10%")


def test_a_changed_target_is_recorded_as_a_revision_with_its_reason(workshop, root):
    """Moving a target or deadline asks why; the save keeps old → new, the reason and who
    agreed, and the goals workbook shows the record."""
    before = _file(root)
    _, g = workshop("goals")
    revision_row = _classed(g, "kit-revision")[0]
    assert revision_row.layout.display == "none"
    _type(g, "kit-goal-target", "3,500")
    assert revision_row.layout.display == ""  # the reason boxes appear with the change
    _click(g, "kit-save")
    assert _status(g) == ("⚠ 還沒儲存：LINE 好友數 › 目標值 3,000 → 3,500 是調整目標，"
                          "請在「為什麼改」寫下原因")
    assert _file(root) == before  # nothing written, nothing typed lost
    assert _classed(g, "kit-goal-target")[0].value == "3,500"

    _type(g, "kit-revision-reason", "情人節檔期拉長到三月")
    _type(g, "kit-revision-agreed", "陳小梅")
    _click(g, "kit-save")
    assert _status(g).startswith("已儲存到 clients/mei-dessert/client.yaml：")
    assert _classed(g, "kit-revision-reason")[0].value == ""  # the next change needs its own
    assert revision_row.layout.display == "none"

    _type(g, "kit-goal-target", "3,200")  # lowered again, same session
    _type(g, "kit-revision-reason", "廣告預算縮減")
    _click(g, "kit-save")
    today = date.today()
    goal = load_client(SLUG, root).profile.goals.goals[0]
    assert goal.target == 3200
    assert [(r.date, r.field, r.old, r.new, r.reason, r.agreed_by) for r in goal.revisions] == [
        (today, "target", 3000, 3500, "情人節檔期拉長到三月", "陳小梅"),
        (today, "target", 3500, 3200, "廣告預算縮減", ""),
    ]
    assert len(ws.history(SLUG, root)) == 2

    book, _ = workshop("goals")  # the goals workbook shows the record
    shown = re.sub(r"<[^>]+>", "", book.render("smart"))
    day = f"{today:%Y/%m/%d}"
    assert (f"{day} 把「LINE 好友數」的目標從 3,000 人 提高到 3,500 人：情人節檔期拉長到三月"
            "（陳小梅 同意）") in shown
    assert f"{day} 把「LINE 好友數」的目標從 3,500 人 降到 3,200 人：廣告預算縮減" in shown


def test_a_first_deadline_is_a_decision_not_a_revision(workshop, root):
    _, g = workshop("goals")
    [x for x in g if isinstance(x, w.DatePicker)][1].value = date(2027, 3, 31)
    assert _classed(g, "kit-revision")[1].layout.display == "none"
    _click(g, "kit-save")
    assert load_client(SLUG, root).profile.goals.goals[1].revisions == []
    assert load_client(SLUG, root).profile.goals.goals[1].deadline == date(2027, 3, 31)
