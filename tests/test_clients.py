"""Client profiles: the samples are valid; each kind of mistake gives one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.clients import ProfileError, list_clients, load_client, validate_client
from tests.conftest import SAMPLE_CLIENTS

GOOD = """\
# 測試客戶
client:
  name: 測試商行
  industry: 測試
  brand_colour: "#123456"
period: 2026-11
goals:
  brief:
    audience: 上班族
    background: 背景
    success: 成功
  goals:
    - text: 6 個月內網站訪客數提升 30%
      baseline: 1000
      deadline: 2027-05-31
"""


def write(root: Path, text: str, slug: str = "acme") -> str:
    folder = root / "clients" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "client.yaml").write_text(text, encoding="utf-8")
    return slug


def test_sample_clients_are_valid(root):
    assert list_clients(root) == sorted(SAMPLE_CLIENTS)
    for slug in SAMPLE_CLIENTS:
        assert validate_client(slug, root) == []
        assert load_client(slug, root).profile.goals is not None


def test_good_profile_loads(tmp_path):
    client = load_client(write(tmp_path, GOOD), tmp_path)
    assert client.profile.client.language == "zh-TW"
    assert client.profile.period.isoformat() == "2026-11-01"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a missing key points at its parent's line
        ("  name: 測試商行\n", "", "clients/acme/client.yaml:2: client.name: 缺少此欄位（必填）"),
        ("baseline: 1000", "baseline: 四千二",
         "clients/acme/client.yaml:14: goals.goals[0].baseline: 應為數字，收到「四千二」"),
        ('"#123456"', "blue", "client.brand_colour: 應為色碼，例如 \"#1F5F8B\"（加引號），收到「blue」"),
        ("period: 2026-11", "period: 2026-13", "period: 應為年月，例如 2026-11，收到「2026-13」"),
        ("  industry: 測試\n", "  industry: 測試\n  language: fr\n",
         "client.language: 應為 zh-TW、en 其中之一，收到「fr」"),
        ("  industry: 測試\n", "  industry: 測試\n  budgte: 3\n",
         "clients/acme/client.yaml:5: client.budgte: 不認得的欄位，拼錯了嗎？"),
        ("baseline: 1000", "baseline: -5", "goals.goals[0].baseline: 應至少為 0，收到「-5」"),
        ("deadline: 2027-05-31", "deadline: 2026-10-31",
         "goals.goals[0].deadline: 期限 2026-10-31 應晚於開始 2026-11-01"),
        ("deadline: 2027-05-31", "deadline: 明年", "goals.goals[0].deadline: 應為日期，例如 2026-11-30，收到「明年」"),
        ("    audience: 上班族\n", "", "goals.brief.audience: 缺少此欄位（必填）"),
    ],
)
def test_each_mistake_is_one_clear_line(tmp_path, old, new, expected):
    assert old in GOOD
    slug = write(tmp_path, GOOD.replace(old, new))
    problems = validate_client(slug, tmp_path)
    assert len(problems) == 1, problems
    assert expected in str(problems[0])
    with pytest.raises(ProfileError):
        load_client(slug, tmp_path)


def test_messages_in_english_on_request(tmp_path):
    slug = write(tmp_path, GOOD.replace("baseline: 1000", "baseline: lots"))
    (problem,) = validate_client(slug, tmp_path, lang="en")
    assert str(problem) == (
        "clients/acme/client.yaml:14: goals.goals[0].baseline: expected a number, got “lots”")


def test_client_language_sets_message_language(tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_LANG", raising=False)
    text = GOOD.replace("  industry: 測試\n", "  industry: 測試\n  language: en\n")
    slug = write(tmp_path, text.replace("baseline: 1000", "baseline: lots"))
    assert "expected a number" in str(validate_client(slug, tmp_path)[0])


def test_yaml_syntax_error_names_the_line(tmp_path):
    slug = write(tmp_path, GOOD.replace("  industry: 測試", "  industry: [測試"))
    (problem,) = validate_client(slug, tmp_path)
    assert str(problem).startswith("clients/acme/client.yaml: YAML 格式錯誤（第 ")


def test_yaml_is_loaded_safely(tmp_path):
    marker = tmp_path / "pwned"
    evil = GOOD + f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    problems = validate_client(write(tmp_path, evil), tmp_path)
    assert problems and not marker.exists()


@pytest.mark.parametrize("slug", ["../acme", "acme/x", "..", ".hidden", "", "a b"])
def test_slug_must_be_a_plain_folder_name(tmp_path, slug):
    (problem,) = validate_client(slug, tmp_path)
    assert "不是單純的資料夾名稱" in str(problem)


def test_unknown_client(tmp_path):
    (problem,) = validate_client("nobody", tmp_path)
    assert "找不到客戶「nobody」" in str(problem)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("monthly_budget: 30000", "monthly_budget: -5",
         "budget.monthly_budget: 應大於 0，收到「-5」"),
        ("{name: Shopee, cpc: 4.5,", "{name: Shopee, cpc: 0,",
         "budget.channels[0].cpc: 應大於 0，收到「0」"),
        ("cvr: 1.5%", "cvr: 120%", "budget.channels[0].cvr: 應為 0–100% 的比率，例如 2.5%，收到「120%」"),
        ("{name: Facebook, cpc: 7", "{name: Plurk, cpc: 7",
         "budget.channels[2].name: 不認得的通路「Plurk」"),
        ("{name: Google Ads, cpc: 9, cvr: 2%,", "{name: Google Ads, cpc: 9,",
         "budget.channels[1]: 需要 cpa，或同時填 cpc 與 cvr"),
        ("share: 20%}", "share: 30%}", "budget.channels: 各通路 share 加總為 110%，應為 100%"),
        ("counts: [185000, 5200, 410, 62]", "counts: [185000, 5200, 410]",
         "funnel.counts: 有 4 個階段，數字卻有 3 個"),
        ("counts: [185000, 5200, 410, 62]", "counts: [185000, 5200, 6000, 62]",
         "funnel.counts[2]: 第 3 階段有 6,000 人，比上一階段還多"),
        ("pairs: [S1, O2]", "pairs: [S1, O9]", "swot.strategies[0].pairs: 找不到 SWOT 項目「O9」"),
        ("kpi: 線上月訂單數}", "kpi: 營業額}", "swot.strategies[1].kpi: 目標工作簿沒有 KPI「營業額」"),
        ("factor_weight: 0.25, rating: 4}", "factor_weight: 0.35, rating: 4}",
         "swot.strengths: IFE 權重（factor_weight）加總應為 1.0，目前為 1.10"),
        ("actual: data/ad_spend_2026-11.csv", "actual: ../mei-dessert/data/x.csv",
         "budget.actual: 應為客戶資料夾內的相對路徑"),
        ("actual: data/ad_spend_2026-11.csv", "actual: data/none.csv",
         "budget.actual: data/none.csv: 找不到檔案"),
    ],
)
def test_workbook_sections_mistakes(root, old, new, expected):
    path = root / "clients" / "lin-hardware" / "client.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = validate_client("lin-hardware", root)
    # renaming a channel also orphans its rows in the spend file: that is a second problem
    assert len(problems) == (2 if "Plurk" in new else 1), problems
    assert str(problems[0]).startswith("clients/lin-hardware/client.yaml:")
    assert expected in str(problems[0])


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("2026-11-03,Shopee,abc,2", "data/ad_spend_2026-11.csv:4: spend: 應為 0 以上的數字，收到「abc」"),
        ("2026-11-03,Plurk,100,2", "data/ad_spend_2026-11.csv:4: channel: 不認得的通路「Plurk」"),
        ("2026/13/03,Shopee,100,2", "data/ad_spend_2026-11.csv:4: date: 應為日期"),
    ],
)
def test_data_file_problems_name_file_row_and_column(root, row, expected):
    path = root / "clients" / "lin-hardware" / "data" / "ad_spend_2026-11.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = validate_client("lin-hardware", root)
    assert f"budget.actual: {expected}" in str(problem)


def test_big5_data_file_is_read(root):
    path = root / "clients" / "mei-dessert" / "data" / "line_funnel.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp950"))
    assert validate_client("mei-dessert", root) == []


def test_a_reloaded_client_sees_every_change_to_its_folder(root):
    """A batch reuses a checked profile while the folder is unchanged; any change is seen,
    even an edit of the same length made within the same clock tick."""
    folder = root / "clients" / "mei-dessert"
    first = load_client("mei-dessert", root)
    assert load_client("mei-dessert", root).profile == first.profile
    profile = folder / "client.yaml"
    text = profile.read_text(encoding="utf-8")
    name = first.profile.client.name
    renamed = name[:-1] + ("甲" if name[-1] != "甲" else "乙")  # same length in UTF-8
    profile.write_text(text.replace(name, renamed, 1), encoding="utf-8")
    assert load_client("mei-dessert", root).profile.client.name == renamed
    spend = root / "clients" / "lin-hardware" / "data" / "ad_spend_2026-11.csv"
    load_client("lin-hardware", root)
    lines = spend.read_text(encoding="utf-8").splitlines()
    lines[3] = "2026-11-03,Shopee,abc,2"
    spend.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"ad_spend_2026-11\.csv:4"):
        load_client("lin-hardware", root)


def test_a_reloaded_client_is_a_copy(root):
    """One caller changing its profile's lists never changes what the next caller gets."""
    first = load_client("lin-hardware", root)
    first.profile.goals.goals.clear()
    assert load_client("lin-hardware", root).profile.goals.goals
