"""Every sentence a user reads, in one catalogue: zh-TW (default) and en.

``t(key, lang, **params)`` formats a message; unknown languages fall back to zh-TW.
Numbers inside messages are formatted by the caller (see :mod:`kit.fmt`).
"""

from __future__ import annotations

import os

LANGS = ("zh-TW", "en")
DEFAULT_LANG = "zh-TW"

MESSAGES: dict[str, dict[str, str]] = {
    # --- SMART hints ----------------------------------------------------------------------
    "smart.s.owner": {
        "zh-TW": "寫下誰負責這個數字（例如老闆本人或店長）。",
        "en": "Name who owns this number (the owner, the shop manager…).",
    },
    "smart.s.vague": {
        "zh-TW": "「{term}」沒辦法直接數：改成一個數得出來的指標，例如「網站月訪客數」或「LINE 好友數」。",
        "en": "“{term}” cannot be counted as written: name a number instead, e.g. monthly "
        "website visitors or LINE friends.",
    },
    "smart.s.metric": {
        "zh-TW": "說清楚要改變的是哪一個數字（訪客數、訂單數、營收…）。",
        "en": "Say which number should change (visitors, orders, revenue…).",
    },
    "smart.m.baseline": {
        "zh-TW": "加上現在的數字（基準值），才知道進步了多少。",
        "en": "Add today's number (the baseline) so progress can be measured.",
    },
    "smart.m.target": {
        "zh-TW": "現在是 {baseline}：加上想達到的目標數字。",
        "en": "Today it is {baseline}: add the number you want to reach.",
    },
    "smart.m.number": {
        "zh-TW": "加上基準值與目標數字，例如「從 4,200 人提升到 5,460 人」。",
        "en": "Add a baseline and a target, e.g. “from 4,200 to 5,460 visitors”.",
    },
    "smart.a.numbers": {
        "zh-TW": "需要基準值、目標與期限，才能算出每個月要進步多少。",
        "en": "A baseline, a target and a deadline are needed to work out the monthly pace.",
    },
    "smart.a.stretch": {
        "zh-TW": "每月需成長 {rate}，比過去每月 {history} 快：有挑戰性，請確認預算與人力跟得上。",
        "en": "Needs {rate} a month, faster than the past {history} a month: a stretch; check "
        "budget and people can keep up.",
    },
    "smart.a.unrealistic": {
        "zh-TW": "每月需成長 {rate}，遠高於過去每月 {history}：建議降低目標或延長期限。",
        "en": "Needs {rate} a month, far above the past {history} a month: lower the target "
        "or allow more time.",
    },
    "smart.a.stretch_nohist": {
        "zh-TW": "每月需成長 {rate}，高於一般穩健的 {modest}：請用過去的數據確認做得到。",
        "en": "Needs {rate} a month, above a modest {modest}: check past data shows it is doable.",
    },
    "smart.a.unrealistic_nohist": {
        "zh-TW": "每月需成長 {rate}，沒有過去數據支持下偏高：建議降低目標或延長期限。",
        "en": "Needs {rate} a month, high without past data behind it: lower the target or "
        "allow more time.",
    },
    "smart.r.why": {
        "zh-TW": "寫一句這個目標怎麼幫到生意（例如帶來新訂單）。",
        "en": "Add one sentence on how this helps the business (e.g. new orders).",
    },
    "smart.r.link": {
        "zh-TW": "說明這個目標和營收、訂單或客戶的關係；和生意無關的數字不值得追。",
        "en": "Explain how this links to revenue, orders or customers; numbers that do not "
        "move the business are not worth chasing.",
    },
    "smart.t.vague": {
        "zh-TW": "「盡快」不是期限：寫下確切日期，例如 2027/05/31。",
        "en": "“Soon” is not a deadline: write a date, e.g. 2027-05-31.",
    },
    "smart.t.deadline": {
        "zh-TW": "加上期限，例如「6 個月內」或「2027/05/31 前」。",
        "en": "Add a deadline, e.g. “within 6 months” or “by 2027-05-31”.",
    },
    "smart.letter.S": {"zh-TW": "具體", "en": "Specific"},
    "smart.letter.M": {"zh-TW": "可衡量", "en": "Measurable"},
    "smart.letter.A": {"zh-TW": "可達成", "en": "Achievable"},
    "smart.letter.R": {"zh-TW": "相關", "en": "Relevant"},
    "smart.letter.T": {"zh-TW": "有期限", "en": "Time-bound"},
    "smart.level.smart": {"zh-TW": "清楚可追蹤", "en": "Clear and trackable"},
    "smart.level.almost": {"zh-TW": "差一點", "en": "Almost there"},
    "smart.level.vague": {"zh-TW": "還只是願望", "en": "Still a wish"},
    "smart.ok": {"zh-TW": "符合", "en": "Met"},
    "smart.rewrite": {
        "zh-TW": "{deadline} 前，{metric}從 {baseline} 提升到 {target}（負責人：{owner}）",
        "en": "By {deadline}, {metric} from {baseline} to {target} (owner: {owner})",
    },
    "smart.rewrite_down": {
        "zh-TW": "{deadline} 前，{metric}從 {baseline} 降到 {target}（負責人：{owner}）",
        "en": "By {deadline}, {metric} down from {baseline} to {target} (owner: {owner})",
    },
    # --- KPI plan -------------------------------------------------------------------------
    "kpi.flag.realistic": {"zh-TW": "依過去速度可達成", "en": "Realistic at your past pace"},
    "kpi.flag.stretch": {"zh-TW": "有挑戰，需加把勁", "en": "A stretch"},
    "kpi.flag.unrealistic": {"zh-TW": "不切實際，建議調整", "en": "Unrealistic: adjust"},
    "kpi.flag.no_history": {"zh-TW": "缺過去數據，請人工確認", "en": "No history: check by hand"},
    "kpi.flag.unknown": {"zh-TW": "無法計算", "en": "Cannot compute"},
    "kpi.col.name": {"zh-TW": "指標", "en": "KPI"},
    "kpi.col.baseline": {"zh-TW": "現在", "en": "Baseline"},
    "kpi.col.target": {"zh-TW": "目標", "en": "Target"},
    "kpi.col.deadline": {"zh-TW": "期限", "en": "Deadline"},
    "kpi.col.months": {"zh-TW": "月數", "en": "Months"},
    "kpi.col.change": {"zh-TW": "總變化", "en": "Total change"},
    "kpi.col.required_rate": {"zh-TW": "每月需成長", "en": "Needed per month"},
    "kpi.col.historical_rate": {"zh-TW": "過去每月成長", "en": "Past per month"},
    "kpi.col.flag": {"zh-TW": "評估", "en": "Verdict"},
    "kpi.chart.title": {"zh-TW": "{name}：從現在到目標的每月路徑", "en": "{name}: monthly path to target"},
    "kpi.chart.history": {"zh-TW": "過去實績", "en": "History"},
    "kpi.chart.path": {"zh-TW": "每月應達到", "en": "Where it should be"},
    "kpi.chart.target": {"zh-TW": "目標", "en": "Target"},
    # --- goals workbook -------------------------------------------------------------------
    "goals.title": {"zh-TW": "目標與 KPI 工作簿", "en": "Goals & KPI workbook"},
    "goals.intro": {
        "zh-TW": "把「想要更好」變成看得見的數字：每個目標都有起點、終點、期限和負責人，"
        "每個月照著路徑檢查進度。",
        "en": "Turning “we want to do better” into numbers: every goal gets a starting point, "
        "a target, a deadline and an owner, checked monthly against its path.",
    },
    "goals.brief.title": {"zh-TW": "合作說明書", "en": "Collaboration brief"},
    "goals.brief.audience": {"zh-TW": "目標客群", "en": "Audience"},
    "goals.brief.background": {"zh-TW": "背景", "en": "Background"},
    "goals.brief.success": {"zh-TW": "怎樣算成功", "en": "What success means"},
    "goals.brief.cadence": {"zh-TW": "報告頻率", "en": "Report cadence"},
    "goals.brief.channels": {"zh-TW": "溝通管道", "en": "Channels"},
    "goals.brief.contacts": {"zh-TW": "聯絡窗口", "en": "Contacts"},
    "goals.smart.title": {"zh-TW": "目標健檢（SMART）", "en": "Goal check (SMART)"},
    "goals.smart.intro": {
        "zh-TW": "SMART 是檢查目標的五個問題：具體嗎？量得到嗎？做得到嗎？和生意有關嗎？有期限嗎？"
        "每項 0–2 分，滿分 10 分。",
        "en": "SMART asks five questions of a goal: specific? measurable? achievable? relevant? "
        "time-bound? Each scores 0–2, 10 in all.",
    },
    "goals.smart.as_written": {"zh-TW": "原本的說法", "en": "As written"},
    "goals.smart.rewritten": {"zh-TW": "建議寫法", "en": "Suggested wording"},
    "goals.smart.score": {"zh-TW": "分數", "en": "Score"},
    "goals.kpi.title": {"zh-TW": "KPI 計畫", "en": "KPI plan"},
    "goals.kpi.intro": {
        "zh-TW": "KPI（關鍵績效指標）是我們每個月一起看的數字。「每月需成長」是照複利算出的每月進度："
        "像存錢一樣，每個月在上個月的基礎上再多一點。",
        "en": "KPIs (key performance indicators) are the numbers we review together each month. "
        "“Needed per month” is compound: like savings, each month builds on the last.",
    },
    "goals.kpi.none": {
        "zh-TW": "還沒有附數字的目標：先完成上面的目標健檢。",
        "en": "No goal has numbers yet: finish the goal check above first.",
    },
    "goals.paths.title": {"zh-TW": "每月進度路徑", "en": "Monthly paths"},
    "goals.next.title": {"zh-TW": "下一步", "en": "Next steps"},
    "goals.next.fix": {
        "zh-TW": "補齊「{goal}」：{hint}",
        "en": "Complete “{goal}”: {hint}",
    },
    "goals.next.review": {
        "zh-TW": "每{cadence}對照路徑檢查一次 KPI；落後時一起討論調整做法或目標。",
        "en": "Check the KPIs against their paths every {cadence}; when behind, decide together "
        "whether to change the plan or the target.",
    },
    "cadence.monthly": {"zh-TW": "月", "en": "month"},
    "cadence.weekly": {"zh-TW": "週", "en": "week"},
    "cadence.biweekly": {"zh-TW": "兩週", "en": "two weeks"},
    # --- report frame ---------------------------------------------------------------------
    "report.period": {"zh-TW": "報告期間", "en": "Period"},
    "report.prepared": {"zh-TW": "製作日期", "en": "Prepared"},
    "report.footer": {
        "zh-TW": "本報告內容僅供 {client} 使用。",
        "en": "Prepared for {client} only.",
    },
    # --- validation -----------------------------------------------------------------------
    "val.missing": {"zh-TW": "缺少此欄位（必填）", "en": "missing (required)"},
    "val.extra": {"zh-TW": "不認得的欄位，拼錯了嗎？", "en": "unknown field: a typo?"},
    "val.number": {"zh-TW": "應為數字，收到「{input}」", "en": "expected a number, got “{input}”"},
    "val.integer": {"zh-TW": "應為整數，收到「{input}」", "en": "expected a whole number, got “{input}”"},
    "val.text": {"zh-TW": "應為文字，收到「{input}」", "en": "expected text, got “{input}”"},
    "val.list": {"zh-TW": "應為清單（每項一行，以 - 開頭）", "en": "expected a list (one '- ' line per item)"},
    "val.mapping": {"zh-TW": "應為一組「欄位: 值」", "en": "expected a set of 'field: value' lines"},
    "val.date": {
        "zh-TW": "應為日期，例如 2026-11-30，收到「{input}」",
        "en": "expected a date like 2026-11-30, got “{input}”",
    },
    "val.period": {
        "zh-TW": "應為年月，例如 2026-11，收到「{input}」",
        "en": "expected a year-month like 2026-11, got “{input}”",
    },
    "val.choice": {
        "zh-TW": "應為 {expected} 其中之一，收到「{input}」",
        "en": "expected one of {expected}, got “{input}”",
    },
    "val.min": {"zh-TW": "應至少為 {limit}，收到「{input}」", "en": "expected at least {limit}, got “{input}”"},
    "val.gt": {"zh-TW": "應大於 {limit}，收到「{input}」", "en": "expected more than {limit}, got “{input}”"},
    "val.max": {"zh-TW": "應不超過 {limit}，收到「{input}」", "en": "expected at most {limit}, got “{input}”"},
    "val.colour": {
        "zh-TW": "應為色碼，例如 \"#1F5F8B\"（加引號），收到「{input}」",
        "en": "expected a colour code like \"#1F5F8B\" (quoted), got “{input}”",
    },
    "val.nonempty": {"zh-TW": "不可空白", "en": "must not be empty"},
    "val.deadline_order": {
        "zh-TW": "期限 {deadline} 應晚於開始 {start}",
        "en": "deadline {deadline} should be after the start {start}",
    },
    "val.slug": {
        "zh-TW": "客戶代號「{slug}」不是單純的資料夾名稱（只能用英數字、- 與 _）",
        "en": "client id “{slug}” is not a plain folder name (letters, digits, - and _ only)",
    },
    "val.no_client": {
        "zh-TW": "找不到客戶「{slug}」：{path} 不存在",
        "en": "no client “{slug}”: {path} does not exist",
    },
    "val.yaml": {
        "zh-TW": "YAML 格式錯誤（第 {line} 行）：{problem}",
        "en": "YAML syntax error (line {line}): {problem}",
    },
    "val.not_mapping": {
        "zh-TW": "檔案內容應為一組「欄位: 值」，例如 client: …",
        "en": "the file should hold 'field: value' lines, starting with client: …",
    },
    "val.rate": {
        "zh-TW": "應為 0–100% 的比率，例如 2.5%，收到「{input}」",
        "en": "expected a rate between 0% and 100%, e.g. 2.5%, got “{input}”",
    },
    "val.relpath": {
        "zh-TW": "應為客戶資料夾內的相對路徑，例如 data/ads.csv，收到「{input}」",
        "en": "expected a path inside the client folder, e.g. data/ads.csv, got “{input}”",
    },
    "val.unknown_item": {
        "zh-TW": "找不到 SWOT 項目「{value}」（現有：{known}）",
        "en": "no SWOT item “{value}” (there are: {known})",
    },
    "val.wrong_quadrant": {
        "zh-TW": "「{value}」不屬於 {cell} 格的兩個象限",
        "en": "“{value}” is not from the two quadrants of cell {cell}",
    },
    "val.missing_side": {
        "zh-TW": "{cell} 策略還要配對一個 {value} 項目",
        "en": "a {cell} strategy also needs a {value} item",
    },
    "val.unknown_kpi": {
        "zh-TW": "目標工作簿沒有 KPI「{value}」（現有：{known}）",
        "en": "the goals workbook has no KPI “{value}” (there are: {known})",
    },
    "val.factor_sum": {
        "zh-TW": "{kind} 權重（factor_weight）加總應為 1.0，目前為 {total}",
        "en": "{kind} factor weights should add up to 1.0, they add up to {total}",
    },
    "val.factor_partial": {
        "zh-TW": "要評分就每個因素都填 factor_weight 與 rating（1–4）",
        "en": "when scoring, give every factor both factor_weight and rating (1-4)",
    },
    "val.funnel_counts": {
        "zh-TW": "需要 counts（每個階段一個數字）或 data 檔案",
        "en": "needs counts (one number per stage) or a data file",
    },
    "val.funnel_stages": {
        "zh-TW": "需要 preset（marketing、sales、line、marketplace）或 stages 清單",
        "en": "needs a preset (marketing, sales, line, marketplace) or a stages list",
    },
    "val.funnel_len": {
        "zh-TW": "有 {stages} 個階段，數字卻有 {counts} 個",
        "en": "{stages} stages but {counts} numbers",
    },
    "val.funnel_order": {
        "zh-TW": "第 {k} 階段有 {count} 人，比上一階段還多：漏斗只會越來越窄",
        "en": "stage {k} has {count}, more than the stage before: a funnel only narrows",
    },
    "val.channel_cost": {
        "zh-TW": "需要 cpa，或同時填 cpc 與 cvr",
        "en": "needs cpa, or both cpc and cvr",
    },
    "val.channel_unknown": {
        "zh-TW": "不認得的通路「{input}」：可用 {known}，或先加到 custom_channels",
        "en": "unknown channel “{input}”: use one of {known}, or add it to custom_channels",
    },
    "val.share_sum": {
        "zh-TW": "各通路 share 加總為 {total}，應為 100%",
        "en": "channel shares add up to {total}, they should add up to 100%",
    },
    "data.missing_file": {"zh-TW": "找不到檔案", "en": "file not found"},
    "data.encoding": {
        "zh-TW": "無法讀取：請存成 UTF-8 或 Big5 編碼的 CSV",
        "en": "cannot read it: save it as a UTF-8 or Big5 CSV",
    },
    "data.no_column": {
        "zh-TW": "缺少這個欄位（需要：{columns}）",
        "en": "this column is missing (needed: {columns})",
    },
    "data.number": {
        "zh-TW": "應為 0 以上的數字，收到「{input}」",
        "en": "expected a number of 0 or more, got “{input}”",
    },
    "data.channel": {
        "zh-TW": "不認得的通路「{input}」（預算設定中的通路：{known}）",
        "en": "unknown channel “{input}” (channels in the budget: {known})",
    },
    "val.ok": {"zh-TW": "{n} 位客戶資料正確", "en": "{n} client(s) valid"},
    "val.problems": {"zh-TW": "發現 {n} 個問題", "en": "{n} problem(s) found"},
    "val.line": {"zh-TW": "第 {line} 行", "en": "line {line}"},
    # --- template parameters --------------------------------------------------------------
    "param.unknown": {
        "zh-TW": "客戶 {client}、範本 {template}：參數「{key}」不在範本的 parameters 儲存格中",
        "en": "client {client}, template {template}: parameter “{key}” is not in the "
        "template's parameters cell",
    },
    "param.missing": {
        "zh-TW": "客戶 {client}、範本 {template}：範本需要參數「{key}」，但 kit 沒有提供",
        "en": "client {client}, template {template}: the template needs “{key}” but the kit "
        "does not provide it",
    },
    "param.invalid": {
        "zh-TW": "客戶 {client}、範本 {template}：參數「{key}」{problem}",
        "en": "client {client}, template {template}: parameter “{key}” {problem}",
    },
    "param.no_template": {
        "zh-TW": "沒有範本「{template}」；可用的有：{available}",
        "en": "no template “{template}”; available: {available}",
    },
    # --- runs -----------------------------------------------------------------------------
    "run.failed_cell": {
        "zh-TW": "客戶 {client}、範本 {template}：第 {cell} 個儲存格失敗：{error}（保留於 {notebook}）",
        "en": "client {client}, template {template}: cell {cell} failed: {error} (kept at "
        "{notebook})",
    },
    "run.ok": {"zh-TW": "完成 {n} 份報告", "en": "{n} report(s) done"},
    "run.summary_failed": {"zh-TW": "{n} 份失敗", "en": "{n} failed"},
    "run.where": {"zh-TW": "報告位置：", "en": "Reports are in:"},
    "font.missing": {
        "zh-TW": "找不到繁體中文字型（{names}）：Debian/Ubuntu 請執行 apt-get install fonts-noto-cjk",
        "en": "no Traditional Chinese font found ({names}): on Debian/Ubuntu run "
        "apt-get install fonts-noto-cjk",
    },
}


def normalise_lang(lang: str | None) -> str:
    """Map 'zh', 'zh_TW', 'EN' … to a supported language; default zh-TW."""
    if not lang:
        return DEFAULT_LANG
    low = lang.replace("_", "-").lower()
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANG


def consultant_lang() -> str:
    """The consultant's own language for CLI messages: $KIT_LANG, default zh-TW."""
    return normalise_lang(os.environ.get("KIT_LANG"))


def t(message: str, lang: str | None = None, /, **params: object) -> str:
    """The catalogue entry ``message`` in ``lang``, formatted with ``params``."""
    entry = MESSAGES[message]
    text = entry.get(normalise_lang(lang)) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text
