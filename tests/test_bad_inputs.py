"""A corpus of broken client folders, each made from a sample client by one mutation.

Every case asserts the one message the consultant reads (file, row or field, what is
expected) and its level: an error stops that client before any kernel starts, a warning is
shown and the client still runs. ``test_corpus_in_one_batch`` puts every broken folder beside
the intact samples and checks them the way a batch does (each client in its own process):
every broken client gets its message and the samples still pass.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kit.clients import errors, validate_client
from tests.conftest import REPO, SAMPLE_CLIENTS

Mutation = Callable[[Path], None]  # receives the client's folder

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def yaml(old: str, new: str) -> Mutation:
    """Replace ``old`` (which must be there) by ``new`` in client.yaml."""
    def apply(folder: Path) -> None:
        path = folder / "client.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(rel: str, content: str | bytes) -> Mutation:
    """Write a data file (text as UTF-8)."""
    def apply(folder: Path) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return apply


def line(rel: str, number: int, text: str | None) -> Mutation:
    """Replace line ``number`` (1-based) of a UTF-8 data file; None deletes every data line
    from ``number`` on."""
    def apply(folder: Path) -> None:
        path = folder / rel
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        if text is None:
            del lines[number - 1:]
        else:
            lines[number - 1] = text
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return apply


def append(rel: str, text: str) -> Mutation:
    """Add rows at the end of a UTF-8 data file."""
    def apply(folder: Path) -> None:
        path = folder / rel
        path.write_text(path.read_text(encoding="utf-8-sig") + text, encoding="utf-8")
    return apply


def link(rel: str, target: str) -> Mutation:
    """Make ``rel`` a symlink to ``target`` (absolute, or relative to the client folder)."""
    def apply(folder: Path) -> None:
        path = folder / rel
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target if target.startswith("/") else (folder / target).resolve())
    return apply


def both(*mutations: Mutation) -> Mutation:
    """Several mutations in turn."""
    def apply(folder: Path) -> None:
        for m in mutations:
            m(folder)
    return apply


BOMB = "\n".join(
    ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]) + "\n"
LOGO = yaml("  logo: null", "  logo: data/logo.png")
UT, LIN, MEI = "urban-thread", "lin-hardware", "mei-dessert"
ORDERS = "customers.orders[0]: data/orders.csv"
UT_ORDERS = f"client.yaml:116: {ORDERS}"
SHOPEE = "client.yaml:117: customers.orders[0]: data/shopee_orders.csv"

# (sample client, mutation, level, the message part after "clients/<slug>/")
CASES: dict[str, tuple[str, Mutation, str, str]] = {
    # --- hostile files and profiles ---------------------------------------------------------
    "logo-absolute-path": (MEI, yaml("  logo: null", "  logo: /etc/passwd"), "error",
                           "client.yaml:8: client.logo: 應為客戶資料夾內的相對路徑"),
    "logo-dotdot": (MEI, yaml("  logo: null", "  logo: ../lin-hardware/logo.png"), "error",
                    "client.yaml:8: client.logo: 應為客戶資料夾內的相對路徑"),
    "logo-symlink-outside": (MEI, both(LOGO, link("data/logo.png", "/etc/passwd")), "error",
                             "client.yaml:8: client.logo: data/logo.png: 檔案必須在客戶自己的資料夾裡"),
    "logo-text-named-png": (MEI, both(LOGO, write("data/logo.png", "root:x:0:0\n")), "error",
                            "client.logo: data/logo.png: 標誌必須是 PNG、JPEG 或 WebP 圖片"),
    "logo-svg": (MEI, both(yaml("  logo: null", "  logo: data/logo.svg"), write(
        "data/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        "</svg>")), "error", "client.logo: data/logo.svg: 標誌必須是 PNG、JPEG 或 WebP 圖片"),
    "logo-png-header-then-junk": (MEI, both(LOGO, write("data/logo.png", PNG_1PX[:16] + b"x" * 64)),
                                  "error", "client.logo: data/logo.png: 標誌必須是 PNG、JPEG 或 WebP"),
    "logo-too-large": (MEI, both(LOGO, write("data/logo.png", PNG_1PX + b"\0" * 1_100_000)),
                       "error", "client.logo: data/logo.png: 標誌檔案太大（1074 KB）"),
    "logo-missing": (MEI, LOGO, "error", "client.logo: data/logo.png: 找不到檔案"),
    "orders-symlink-etc-passwd": (UT, link("data/orders.csv", "/etc/passwd"), "error",
                                  f"{UT_ORDERS}: 檔案必須在客戶自己的資料夾裡"),
    "orders-symlink-other-client": (UT, link("data/orders.csv", "../mei-dessert/data/orders.xlsx"),
                                    "error", f"{UT_ORDERS}: 檔案必須在客戶自己的資料夾裡"),
    "orders-is-a-folder": (UT, both(lambda f: (f / "data/orders.csv").unlink(),
                                    lambda f: (f / "data/orders.csv").mkdir()), "error",
                           f"{UT_ORDERS}: 不是一般檔案"),
    "export-symlink-outside": (LIN, link("data/ga4_traffic.csv", "/etc/hostname"), "error",
                               "client.yaml:105: report.exports[0].file: data/ga4_traffic.csv: 檔案必須在客戶自己的資料夾裡"),
    "spend-symlink-outside": (LIN, link("data/ad_spend_2026-11.csv", "/etc/hostname"), "error",
                              "client.yaml:98: budget.actual: data/ad_spend_2026-11.csv: 檔案必須在客戶自己的資料夾裡"),
    "yaml-alias-bomb": (MEI, write("client.yaml", BOMB), "error",
                        "client.yaml:2: 不接受 YAML 別名（*a0）"),
    "yaml-merge-key": (MEI, yaml("budget:\n", "x: &x {a: 1}\nbudget:\n  <<: *x\n"), "error",
                       "不接受 YAML 別名（*x）"),
    "yaml-huge": (MEI, write("client.yaml", "# " + "x" * 300_000 + "\n"), "error",
                  "client.yaml: client.yaml 超過 256 KB"),
    "yaml-symlink-outside": (MEI, link("client.yaml", "/etc/hostname"), "error",
                             "client.yaml: 檔案必須在客戶自己的資料夾裡"),
    "yaml-not-utf8": (MEI, write("client.yaml", "client:\n  name: 小梅\n".encode("cp950")),
                      "error", "client.yaml: 無法讀取"),
    # --- shifted columns and suspicious data -----------------------------------------------
    "orders-unquoted-thousands": (UT, line("data/orders.csv", 3, "U-000061,2024/11/01,U05329,NT$2,599"),
                                  "error", f"{UT_ORDERS}:3: 這一列有 5 個欄位，標題列只有 4 個"),
    "orders-missing-field": (UT, line("data/orders.csv", 4, "U-000083,2024/11/01,1138.0"), "error",
                             f"{UT_ORDERS}:4: 這一列只有 3 個欄位，標題列有 4 個"),
    "orders-commas-out-of-place": (UT, line("data/orders.csv", 2, 'U-000023,2024/11/01,U06546,"25,99"'),
                                   "error", f"{UT_ORDERS}:2: amount: 應為 0 以上的數字，收到「25,99」"),
    "orders-percent-amount": (UT, line("data/orders.csv", 2, "U-000023,2024/11/01,U06546,12%"),
                              "error", f"{UT_ORDERS}:2: amount: 應為 0 以上的數字，收到「12%」"),
    "orders-amount-words": (UT, line("data/orders.csv", 2, "U-000023,2024/11/01,U06546,兩千五"),
                            "error", f"{UT_ORDERS}:2: amount: 應為 0 以上的數字，收到「兩千五」"),
    "orders-negative-amount": (UT, line("data/orders.csv", 2, "U-000023,2024/11/01,U06546,-5"),
                               "error", f"{UT_ORDERS}:2: amount: 應為 0 以上的數字，收到「-5」"),
    "orders-no-date": (UT, line("data/orders.csv", 2, "U-000023,,U06546,2599"), "error",
                       f"{UT_ORDERS}:2: date: 應為日期"),
    "orders-us-date": (UT, line("data/orders.csv", 2, "U-000023,11/01/2024,U06546,2599"), "error",
                       f"{UT_ORDERS}:2: date: 應為日期，例如 2026-11-30，收到「11/01/2024」"),
    "orders-dated-2030": (UT, append("data/orders.csv", "U-999999,2030/11/02,U00001,2599\n"), "error",
                          "client.yaml:116: customers.orders: data/orders.csv:19039: 日期 2030-11-02 晚於報告月份 2026-11 的月底"),
    "orders-header-only": (UT, line("data/orders.csv", 2, None), "error",
                           f"{UT_ORDERS}: 只有標題列，沒有任何資料列"),
    "orders-empty-file": (UT, write("data/orders.csv", ""), "error", f"{UT_ORDERS}: 檔案是空的"),
    "orders-missing-file": (UT, lambda f: (f / "data/orders.csv").unlink(), "error",
                            f"{UT_ORDERS}: 找不到檔案"),
    "orders-no-customer-column": (UT, line("data/orders.csv", 1, "order_id,date,buyer_x,amount"),
                                  "error", f"{UT_ORDERS}: customer_id: 缺少這個欄位"),
    "orders-conflicting-duplicate": (UT, line("data/orders.csv", 3, "U-000023,2024/11/01,U05329,1463.0"),
                                     "error", f"{UT_ORDERS}:3: order_id: 訂單編號「U-000023」重複出現，內容卻不同（另見 data/orders.csv:2）"),
    "orders-exact-duplicate": (UT, line("data/orders.csv", 3, "U-000023,2024/11/01,U06546,2599.0"),
                               "warning", "customers.orders: 警告：1 列與前面完全相同（兩次下載重疊），已略過；第一筆在 data/orders.csv 第 3 行"),
    "orders-overlapping-downloads": (UT, both(
        yaml("  orders: [data/orders.csv]", "  orders: [data/orders.csv, data/orders_2.csv]"),
        write("data/orders_2.csv", "order_id,date,customer_id,amount\n"
              "U-019026,2026/10/31,U03398,2036.0\n")), "warning",
        "customers.orders: 警告：1 列與前面完全相同（兩次下載重疊），已略過；第一筆在 data/orders_2.csv 第 2 行"),
    "orders-one-only": (UT, line("data/orders.csv", 3, None), "warning",
                        "customers.orders: 警告：只有 1 筆訂單：資料太少，無法估計每位顧客一年的價值"),
    "gross-margin-zero": (LIN, yaml("  gross_margin: 38%\n  aov", "  gross_margin: 0\n  aov"), "error",
                          "client.yaml:88: budget.gross_margin: 毛利率應大於 0% 且小於 100%，例如 40%，收到「0」"),
    "gross-margin-100": (LIN, yaml("  gross_margin: 38%\n  cac", "  gross_margin: 100%\n  cac"),
                         "error", "client.yaml:119: customers.gross_margin: 毛利率應大於 0% 且小於 100%"),
    # --- unreadable files --------------------------------------------------------------------
    "orders-unclosed-quote": (UT, line("data/orders.csv", 5, 'U-000135,2024/11/01,"U04222,626.0'),
                              "error", f"{UT_ORDERS}:5: 有一個欄位超過 131,072 個字元"),
    "orders-mixed-encodings": (UT, lambda f: (f / "data/orders.csv").write_bytes(
        "order_id,date,customer_id,amount\nU-1,2026/10/01,王小明,100\n".encode()
        + "U-2,2026/10/02,陳大文,200\n".encode("cp950")), "error",
        f"{UT_ORDERS}:3: 同一個檔案混用了 UTF-8 與 Big5 編碼"),
    "orders-binary": (UT, write("data/orders.csv", b"\x00\x01\x02\xff" * 50), "error",
                      f"{UT_ORDERS}:1: 無法讀取：請存成 UTF-8 或 Big5 編碼的 CSV"),
    "orders-utf16-without-bom": (UT, write("data/orders.csv", "order_id,date,customer_id,amount\n"
                                           "U-1,2026/10/01,c1,100\n".encode("utf-16-le")),
                                 "error", f"{UT_ORDERS}:1: 這一行含有控制字元（NUL）"),
    "orders-xlsx-damaged": (MEI, write("data/orders.xlsx", b"PK\x03\x04not really a zip"), "error",
                            "client.yaml:105: customers.orders[0]: data/orders.xlsx: 無法開啟這個 Excel 檔"),
    "spend-unquoted-thousands": (LIN, line("data/ad_spend_2026-11.csv", 3, "2026-11-01,Google Ads,NT$1,295,1"),
                                 "error", "budget.actual: data/ad_spend_2026-11.csv:3: 這一列有 5 個欄位，標題列只有 4 個"),
    "weekly-bad-week": (LIN, line("data/weekly_ads.csv", 4, "第三週,Google Ads,1260,8"), "error",
                        "client.yaml:100: budget.history: data/weekly_ads.csv:4: week: 應為日期"),
    "funnel-no-count-column": (MEI, line("data/line_funnel.csv", 1, "period,stage,people"), "error",
                               "client.yaml:73: funnel.data: data/line_funnel.csv: count: 缺少這個欄位"),
    # --- exports: cost only their report sections (a warning), the client still runs --------
    "meta-bad-number": (MEI, line("data/meta_ads.csv", 3, "2026/09/02,節慶預購,NT$1四5,2217,1552.0,47,1"),
                        "warning", "client.yaml:96: report.exports[0].file: 警告：data/meta_ads.csv:3: 花費金額 (TWD): 應為 0 以上的數字，收到「NT$1四5」 報告會在沒有這份資料的情況下產出"),
    "google-no-cost-column": (LIN, line("data/google_ads.csv", 3, "Day,Campaign,Clicks,Impr.,Spent,Conversions,Conv. value"),
                              "warning", "report.exports[1].file: 警告：data/google_ads.csv: spend: 缺少這個欄位"),
    "ga4-bad-date": (LIN, line("data/ga4_traffic.csv", 8, '2025-13,"4,290","3,300",40,--'), "warning",
                     "report.exports[0].file: 警告：data/ga4_traffic.csv:8: 年月: 應為年月，例如 202610"),
    "ga4-shifted-row": (LIN, line("data/ga4_traffic.csv", 9, '202511,1,4394,3380,41,--'), "warning",
                        "report.exports[0].file: 警告：data/ga4_traffic.csv:9: 這一列有 6 個欄位，標題列只有 5 個"),
    "ga4-rows-after-the-report-month": (LIN, append("data/ga4_traffic.csv", '202611,"5,800","4,460",54,--\n'),
                                        "warning", "client.yaml:104: report.exports: 警告：data/ga4_traffic.csv:21: 1 列的日期晚於報告月份 2026-10"),
    # --- glyphs ------------------------------------------------------------------------------
    "emoji-in-client-name": (MEI, yaml("  name: 小梅甜點工作室", "  name: 小梅甜點工作室🍰"), "warning",
                             "client.yaml:3: client.name: 警告：圖表字型"),
    # --- a revenue goal fed by LINE friends without the share who order: a warning -------
    "revenue-goal-fed-by-friends": (MEI, yaml("metric: IG 平均互動率", "metric: 月營收"), "warning",
                                    "client.yaml:96: report.exports[0]: 警告：目標「月營收」看的是營收，"
                                    "但「Meta」的成果是LINE 好友，不是訂單"),
}


def _break(root: Path, sample: str, slug: str, mutation: Mutation) -> None:
    shutil.copytree(REPO / "clients" / sample, root / "clients" / slug)
    mutation(root / "clients" / slug)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_broken_folder_gets_one_clear_message(tmp_path, case):
    sample, mutation, level, expected = CASES[case]
    for other in SAMPLE_CLIENTS:  # the other clients' folders, e.g. the target of a link
        shutil.copytree(REPO / "clients" / other, tmp_path / "clients" / other)
    shutil.rmtree(tmp_path / "clients" / sample)
    _break(tmp_path, sample, sample, mutation)
    problems = validate_client(sample, tmp_path)
    lines = [str(p) for p in problems]
    assert any(expected in text for text in lines), lines
    match = next(p for p in problems if expected in str(p))
    assert match.level == level, lines
    assert bool(errors(problems)) == (level == "error"), lines
    if "emoji" not in case:
        assert all("圖表字型" not in text for text in lines), lines


def test_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.slow
def test_corpus_in_one_batch(tmp_path):
    """Every broken folder beside the intact samples, checked as a batch checks them: each
    broken client gets its own message, the samples are not affected."""
    from kit.preflight import check_clients

    root = tmp_path
    for slug in SAMPLE_CLIENTS:
        shutil.copytree(REPO / "clients" / slug, root / "clients" / slug)
    slugs = {}
    for n, (case, (sample, mutation, _, _)) in enumerate(sorted(CASES.items())):
        slugs[case] = f"broken-{n:02d}"
        _break(root, sample, slugs[case], mutation)
    from kit.inputs import undrawable

    undrawable("字")  # load the font once; the checking processes inherit it
    checked = check_clients([*SAMPLE_CLIENTS, *slugs.values()], root)
    for slug in SAMPLE_CLIENTS:
        assert checked[slug] == [], checked[slug]
    for case, slug in slugs.items():
        sample, _, level, expected = CASES[case]
        text = [str(p) for p in checked[slug]]
        assert any(expected in s for s in text), (case, text)
        assert bool(errors(checked[slug])) == (level == "error"), (case, text)


@pytest.mark.slow
def test_a_hanging_check_costs_only_its_client(tmp_path, monkeypatch):
    """One client whose check never ends is stopped at the time limit; the others finish."""
    import kit.preflight as preflight

    real = preflight.validate_client

    def slow(slug, root=None, lang=None):
        if slug == "stuck":
            time.sleep(60)
        return real(slug, root, lang)

    monkeypatch.setattr(preflight, "validate_client", slow)
    for slug in ("mei-dessert", "stuck"):
        shutil.copytree(REPO / "clients" / "mei-dessert", tmp_path / "clients" / slug)
    start = time.monotonic()
    checked = preflight.check_clients(["stuck", "mei-dessert"], tmp_path, timeout=2)
    assert time.monotonic() - start < 20
    assert checked["mei-dessert"] == []
    (problem,) = checked["stuck"]
    assert str(problem) == "clients/stuck/client.yaml: 檢查超過 2 秒仍未完成，已中止：請檢查 client.yaml 與資料檔"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the batch's fork engine needs POSIX")
@pytest.mark.slow
def test_hostile_clients_never_reach_a_kernel_and_the_others_complete(tmp_path):
    """A batch with an alias bomb, a symlinked orders file and a shifted amount beside a good
    client: the three are 'invalid' with their message, the good one's report is made."""
    from kit.batch import Job, run_jobs

    root = tmp_path
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "clients" / "mei-dessert", root / "clients" / "mei-dessert")
    _break(root, "mei-dessert", "bomb", write("client.yaml", BOMB))
    _break(root, "urban-thread", "linked", link("data/orders.csv", "/etc/passwd"))
    _break(root, "urban-thread", "shifted",
           line("data/orders.csv", 3, "U-000061,2024/11/01,U05329,NT$2,599"))
    jobs = [Job(slug, "goals") for slug in ("bomb", "linked", "mei-dessert", "shifted")]
    results, _ = run_jobs(jobs, root=root, workers=1, engine="zygote")
    by_client = {r.client: r for r in results}
    assert by_client["mei-dessert"].status == "ok"
    assert by_client["mei-dessert"].html.is_file()
    assert by_client["bomb"].status == "invalid"
    assert "不接受 YAML 別名（*a0）" in by_client["bomb"].message
    assert by_client["linked"].status == "invalid"
    assert "data/orders.csv: 檔案必須在客戶自己的資料夾裡" in by_client["linked"].message
    assert "data/orders.csv:3: 這一列有 5 個欄位" in by_client["shifted"].message
    for slug in ("bomb", "linked", "shifted"):
        assert not (root / "workbooks" / slug).exists() or not any(
            (root / "workbooks" / slug).rglob("*.ipynb"))


def test_a_revenue_goal_fed_by_non_purchase_results_is_named_once_per_channel(tmp_path):
    """mei-dessert with a revenue goal: the LINE channel (friends, to_order given) is fine; the
    Meta export of LINE friends without to_order gets one warning naming file, goal and channel,
    in the consultant's language; stating the share who order silences it."""
    shutil.copytree(REPO / "clients" / MEI, tmp_path / "clients" / MEI)
    profile = tmp_path / "clients" / MEI / "client.yaml"
    text = profile.read_text(encoding="utf-8").replace("metric: IG 平均互動率", "metric: 月營收")
    profile.write_text(text, encoding="utf-8")
    (warning,) = [p for p in validate_client(MEI, tmp_path, lang="en") if "revenue" in str(p)]
    assert warning.level == "warning"
    assert str(warning).startswith("clients/mei-dessert/client.yaml:")
    assert "report.exports[0]" in str(warning)
    assert 'the goal "月營收" is about revenue, but the results of "Meta" are LINE friends' \
        in str(warning)
    profile.write_text(text.replace("result: line_friend,", "result: line_friend, to_order: 16%,"),
                       encoding="utf-8")
    assert not [p for p in validate_client(MEI, tmp_path, lang="en") if "revenue" in str(p)]
    # the LINE budget channel without its to_order: warned there too
    profile.write_text(text.replace(", to_order: 16%}", "}"), encoding="utf-8")
    assert len([p for p in validate_client(MEI, tmp_path) if "看的是營收" in str(p)]) == 2


def test_a_campaign_named_for_its_result_type_must_exist_in_the_export(tmp_path):
    """mei-dessert says its "節慶預購" campaign brings orders; a typo in that name would
    silently count the campaign's orders as LINE friends, so validate names it."""
    shutil.copytree(REPO / "clients" / MEI, tmp_path / "clients" / MEI)
    profile = tmp_path / "clients" / MEI / "client.yaml"
    text = profile.read_text(encoding="utf-8")
    assert not [p for p in validate_client(MEI, tmp_path) if "廣告活動" in str(p)]
    profile.write_text(text.replace("campaigns: {節慶預購: purchase}",
                                    "campaigns: {節慶預購活動: purchase}"), encoding="utf-8")
    (warning,) = [p for p in validate_client(MEI, tmp_path) if "廣告活動" in str(p)]
    assert warning.level == "warning"
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "節慶預購: purchase" in row)
    assert str(warning) == (
        f"clients/mei-dessert/client.yaml:{line}: report.exports[0].campaigns: 警告："
        "data/meta_ads.csv 裡沒有名為「節慶預購活動」的廣告活動（有：LINE 加好友、節慶預購）："
        "名稱對上之前，那個活動的成果會被當成這個匯出檔的預設類型，請檢查名稱")
