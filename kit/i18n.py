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
        "zh-TW": "每月需成長 {rate}，比過去每月的 {history} 快：有挑戰性，請確認預算與人力跟得上。",
        "en": "Needs {rate} growth a month, faster than the past {history} a month: a stretch; "
        "check budget and people can keep up.",
    },
    "smart.a.stretch_down": {
        "zh-TW": "每月需下降 {rate}，比過去每月的 {history} 快：有挑戰性，請確認做法跟得上。",
        "en": "Needs a {rate} drop a month; the past pace was {history} a month: a stretch; "
        "check the plan can deliver it.",
    },
    "smart.a.unrealistic": {
        "zh-TW": "每月需成長 {rate}，過去每月只有 {history}：建議降低目標或延長期限。",
        "en": "Needs {rate} growth a month; the past pace was {history} a month: lower the "
        "target or allow more time.",
    },
    "smart.a.unrealistic_down": {
        "zh-TW": "每月需下降 {rate}，過去每月是 {history}：建議放寬目標或延長期限。",
        "en": "Needs a {rate} drop a month; the past pace was {history} a month: relax the "
        "target or allow more time.",
    },
    "smart.a.no_history": {
        "zh-TW": "每月需成長 {rate}；沒有過去的數字，無法判斷做不做得到：請補上最近 6–12 個月的數字。",
        "en": "Needs {rate} growth a month; with no past figures we cannot tell whether that is "
        "doable: add the last 6–12 months.",
    },
    "smart.a.no_history_down": {
        "zh-TW": "每月需下降 {rate}；沒有過去的數字，無法判斷做不做得到：請補上最近 6–12 個月的數字。",
        "en": "Needs a {rate} drop a month; with no past figures we cannot tell whether that is "
        "doable: add the last 6–12 months.",
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
        "zh-TW": "「{term}」不是期限：寫下確切日期，例如 2027/05/31。",
        "en": "“{term}” is not a deadline: write a date, e.g. 2027-05-31.",
    },
    "smart.t.past": {
        "zh-TW": "期限 {deadline} 已經過了：請和老闆一起決定新的期限或新的目標。",
        "en": "The deadline {deadline} has passed: agree a new deadline or a new target with "
        "the owner.",
    },
    "smart.t.unknown": {
        "zh-TW": "「{name}」的日期不固定：請寫下確切日期。",
        "en": "“{name}” has no fixed date: write the exact date.",
    },
    "smart.s.split": {
        "zh-TW": "一句話裡有兩個指標：拆成兩個目標，各自有數字與期限。",
        "en": "Two metrics in one sentence: split it into two goals, each with its own number "
        "and deadline.",
    },
    "smart.s.task": {
        "zh-TW": "這是一件要完成的工作，不是一個數字：寫下它要改變哪個數字（例如訂單或訪客）。",
        "en": "This is a task, not a number: say which number it should move (orders, "
        "visitors…).",
    },
    "smart.m.percent_of_rate": {
        "zh-TW": "「{amount}%」是指原本比率的 {amount}%，還是增加 {amount} 個百分點？請寫成「從 X% 到 Y%」。",
        "en": "Is “{amount}%” a relative change of the rate or {amount} percentage points? "
        "Write it as “from X% to Y%”.",
    },
    "smart.m.times_ambiguous": {
        "zh-TW": "「成長 {amount} 倍」可能是變成 {amount} 倍或多出 {amount} 倍：請直接寫目標數字。",
        "en": "“Grow {amount} times” may mean ×{amount} or {amount} times more: write the target "
        "number.",
    },
    "smart.m.numbers_several": {
        "zh-TW": "句子裡的數字不只一組，不確定哪個是目標：請寫成「從 X 到 Y」。",
        "en": "The sentence has more numbers than one target: write it as “from X to Y”.",
    },
    "smart.m.direction_conflict": {
        "zh-TW": "文字說的方向和數字相反（例如「提升」但數字變小）：請確認。",
        "en": "The words and the numbers point opposite ways (“increase” to a lower number): "
        "please check.",
    },
    "smart.m.field_target": {
        "zh-TW": "句子算出的目標是 {text}，欄位填的是 {field}：請讓兩者一致。",
        "en": "The sentence gives a target of {text}, the field says {field}: make them agree.",
    },
    "smart.m.field_baseline": {
        "zh-TW": "句子的基準值是 {text}，欄位填的是 {field}：請讓兩者一致。",
        "en": "The sentence gives a baseline of {text}, the field says {field}: make them agree.",
    },
    "smart.m.field_metric": {
        "zh-TW": "句子談的是「{text}」，指標欄位卻是「{field}」：請確認是哪一個。",
        "en": "The sentence is about {text} but the metric field says {field}: which is it?",
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
    "smart.rewrite_keep": {
        "zh-TW": "{deadline} 前，{metric}維持在 {target}（現在 {baseline}；負責人：{owner}）",
        "en": "Until {deadline}, keep {metric} at {target} (now {baseline}; owner: {owner})",
    },
    "smart.rewrite_down": {
        "zh-TW": "{deadline} 前，{metric}從 {baseline} 降到 {target}（負責人：{owner}）",
        "en": "By {deadline}, {metric} down from {baseline} to {target} (owner: {owner})",
    },
    # --- goal reader: questions for the consultant, metric names ------------------------
    "goal.q.metric_missing": {
        "zh-TW": "看不出要改變哪個數字。",
        "en": "No measurable number is named.",
    },
    "goal.q.metric_vague": {
        "zh-TW": "「{term}」沒辦法直接數：要用哪個數字代表它？",
        "en": "“{term}” cannot be counted: which number stands for it?",
    },
    "goal.q.metrics_several": {
        "zh-TW": "一句話裡有好幾個指標（{metrics}）：要拆成幾個目標嗎？",
        "en": "Several metrics in one sentence ({metrics}): split into separate goals?",
    },
    "goal.q.target_missing": {
        "zh-TW": "沒有目標數字：要達到多少？",
        "en": "No target number: how much, exactly?",
    },
    "goal.q.baseline_needed": {
        "zh-TW": "目標是相對於現在的數字，但句子和欄位都沒有現在的數字（基準值）。",
        "en": "The target is relative to today's figure, but neither the sentence nor the fields give it (baseline).",
    },
    "goal.q.percent_of_rate": {
        "zh-TW": "這個指標本身是百分比：「{amount}%」是原本的 {amount}%，還是 {amount} 個百分點？我們先照「原本的 {amount}%」計算。",
        "en": "This metric is itself a percentage: is “{amount}%” relative or {amount} percentage points? We computed it as relative for now.",
    },
    "goal.q.times_ambiguous": {
        "zh-TW": "「{amount} 倍」是變成 {amount} 倍，還是多出 {amount} 倍？我們先照「變成 {amount} 倍」計算。",
        "en": "Does “{amount} times” mean ×{amount} or {amount} times more? We computed ×{amount} for now.",
    },
    "goal.q.numbers_several": {
        "zh-TW": "句子裡的數字比目標多，不確定哪個是目標。",
        "en": "The sentence holds more numbers than a target; unsure which one is meant.",
    },
    "goal.q.direction_conflict": {
        "zh-TW": "文字說的方向和數字相反：是要增加還是減少？",
        "en": "The words and numbers disagree: should it go up or down?",
    },
    "goal.q.deadline_missing": {
        "zh-TW": "沒有期限：到什麼時候？",
        "en": "No deadline: by when?",
    },
    "goal.q.deadline_vague": {
        "zh-TW": "「{term}」不是日期：到什麼時候？",
        "en": "“{term}” is not a date: by when?",
    },
    "goal.q.deadline_unknown": {
        "zh-TW": "「{name}」的日期每家店不同或未知：確切是哪一天？",
        "en": "“{name}” has no fixed or known date: which day exactly?",
    },
    "goal.q.deadlines_several": {
        "zh-TW": "句子裡有好幾個日期（{dates}）：哪一個是期限？",
        "en": "Several dates in the sentence ({dates}): which is the deadline?",
    },
    "goal.q.deadline_past": {
        "zh-TW": "句子的期限 {deadline} 已經過了。",
        "en": "The sentence's deadline {deadline} has already passed.",
    },
    "goal.q.field_metric": {
        "zh-TW": "句子談的是「{text}」，指標欄位卻是「{field}」：以欄位為準，請確認。",
        "en": "The sentence is about {text}, the metric field says {field}: the field is used; please check.",
    },
    "goal.q.field_baseline": {
        "zh-TW": "句子說現在是 {text}，基準值欄位是 {field}：以欄位為準，請確認。",
        "en": "The sentence says today is {text}, the baseline field says {field}: the field is used; please check.",
    },
    "goal.q.field_target": {
        "zh-TW": "句子算出的目標是 {text}，目標欄位是 {field}：以欄位為準，請更新句子或欄位。",
        "en": "The sentence implies a target of {text}, the target field says {field}: the field is used; update one of them.",
    },
    "goal.q.field_deadline": {
        "zh-TW": "句子的期限是 {text}，期限欄位是 {field}：以欄位為準，請更新句子或欄位。",
        "en": "The sentence's deadline is {text}, the deadline field says {field}: the field is used; update one of them.",
    },
    "metric.revenue": {"zh-TW": "營收", "en": "revenue"},
    "metric.profit": {"zh-TW": "利潤", "en": "profit"},
    "metric.orders": {"zh-TW": "訂單數", "en": "orders"},
    "metric.aov": {"zh-TW": "客單價", "en": "average order value"},
    "metric.cvr": {"zh-TW": "轉換率", "en": "conversion rate"},
    "metric.cpa": {"zh-TW": "每筆訂單的廣告成本（CPA）", "en": "cost per order (CPA)"},
    "metric.cac": {"zh-TW": "獲客成本（CAC）", "en": "customer acquisition cost (CAC)"},
    "metric.cpc": {"zh-TW": "每次點擊成本（CPC）", "en": "cost per click (CPC)"},
    "metric.roas": {"zh-TW": "廣告投報率（ROAS）", "en": "return on ad spend (ROAS)"},
    "metric.roi": {"zh-TW": "投資報酬率（ROI）", "en": "return on investment (ROI)"},
    "metric.repeat_rate": {"zh-TW": "回購率", "en": "repeat purchase rate"},
    "metric.customers": {"zh-TW": "客戶數", "en": "customers"},
    "metric.leads": {"zh-TW": "潛在客戶名單", "en": "leads"},
    "metric.inquiries": {"zh-TW": "詢價數", "en": "inquiries"},
    "metric.bookings": {"zh-TW": "預約數", "en": "bookings"},
    "metric.members": {"zh-TW": "會員數", "en": "members"},
    "metric.visitors": {"zh-TW": "網站訪客數", "en": "website visitors"},
    "metric.line_friends": {"zh-TW": "LINE 好友數", "en": "LINE friends"},
    "metric.followers": {"zh-TW": "粉絲數", "en": "followers"},
    "metric.engagement_rate": {"zh-TW": "互動率", "en": "engagement rate"},
    "metric.ctr": {"zh-TW": "點擊率", "en": "click-through rate"},
    "metric.open_rate": {"zh-TW": "開信率", "en": "open rate"},
    "metric.reviews": {"zh-TW": "評論數", "en": "reviews"},
    "metric.rating": {"zh-TW": "評分", "en": "rating"},
    "metric.return_rate": {"zh-TW": "退貨率", "en": "return rate"},
    "metric.bounce_rate": {"zh-TW": "跳出率", "en": "bounce rate"},
    "metric.posts": {"zh-TW": "貼文數", "en": "posts"},
    # --- chart takeaways: what each chart shows, from the same numbers ---------------------
    "kpi.takeaway.up": {"zh-TW": "{name}每月要成長 {rate}，{deadline} 前達到 {target}", "en": "{name} must grow {rate} a month to reach {target} by {deadline}"},
    "kpi.takeaway.down": {"zh-TW": "{name}每月要下降 {rate}，{deadline} 前降到 {target}", "en": "{name} must fall {rate} a month to reach {target} by {deadline}"},
    "budget.takeaway.over": {"zh-TW": "{channel}每筆訂單的廣告費 {cpa}，超過損益兩平 {be}", "en": "{channel} pays {cpa} of ads per order, above the {be} break-even"},
    "budget.takeaway.all_ok": {"zh-TW": "每個通路每筆訂單的廣告費都在損益兩平 {be} 以內（最高是{channel} {cpa}）", "en": "Every channel's ad cost per order is within the {be} break-even (highest: {channel}, {cpa})"},
    "budget.takeaway.unknown": {"zh-TW": "各通路每筆訂單的廣告費：有通路的訂單數未知，無法和損益兩平比較", "en": "Ad cost per order by channel: some channel's orders are unknown, so it cannot be compared with break-even"},
    "customers.takeaway": {"zh-TW": "{segment}只占 {people} 的顧客，卻帶來 {revenue} 的營收", "en": "{segment} are {people} of customers but bring {revenue} of revenue"},
    "funnel.takeaway": {"zh-TW": "在「{stage}」只有 {rate} 的人繼續往下走，{lost} 人在這一步離開", "en": "Only {rate} go on at “{stage}”: {lost} people leave at this step"},
    "report.takeaway.on_track": {"zh-TW": "{name}本月 {actual}，進度正常（這個月應有 {expected}）", "en": "{name} is {actual} this month, on track ({expected} expected)"},
    "report.takeaway.at_risk": {"zh-TW": "{name}本月 {actual}，略慢於計畫（這個月應有 {expected}）", "en": "{name} is {actual} this month, a little behind plan ({expected} expected)"},
    "report.takeaway.off_track": {"zh-TW": "{name}本月 {actual}，落後計畫（這個月應有 {expected}）", "en": "{name} is {actual} this month, behind plan ({expected} expected)"},
    "report.takeaway.unknown": {"zh-TW": "{name}本月 {actual}", "en": "{name} is {actual} this month"},
    "swot.takeaway": {"zh-TW": "最大的優勢是「{strength}」，最大的威脅是「{threat}」", "en": "The biggest strength: “{strength}”; the biggest threat: “{threat}”"},
    # --- KPI plan -------------------------------------------------------------------------
    "kpi.flag.realistic": {"zh-TW": "依過去速度可達成", "en": "Realistic at your past pace"},
    "kpi.flag.stretch": {"zh-TW": "有挑戰，需加把勁", "en": "A stretch"},
    "kpi.flag.unrealistic": {"zh-TW": "不切實際，建議調整", "en": "Unrealistic: adjust"},
    "kpi.flag.no_history": {"zh-TW": "不知道：缺過去數據", "en": "Unknown: no history"},
    "kpi.flag.unknown": {"zh-TW": "無法計算", "en": "Cannot compute"},
    "kpi.col.name": {"zh-TW": "指標", "en": "KPI"},
    "kpi.col.baseline": {"zh-TW": "現在", "en": "Baseline"},
    "kpi.col.target": {"zh-TW": "目標", "en": "Target"},
    "kpi.col.deadline": {"zh-TW": "期限", "en": "Deadline"},
    "kpi.col.months": {"zh-TW": "月數", "en": "Months"},
    "kpi.col.change": {"zh-TW": "總變化", "en": "Total change"},
    "kpi.col.required_rate": {"zh-TW": "每月需變化", "en": "Needed per month"},
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
    "goals.revisions.title": {"zh-TW": "目標調整紀錄", "en": "Goal revisions"},
    "goals.revision.target": {"zh-TW": "{date} 把「{metric}」的目標從 {old} 降到 {new}：{reason}", "en": "On {date} the {metric} target was lowered from {old} to {new}: {reason}"},
    "goals.revision.target_up": {"zh-TW": "{date} 把「{metric}」的目標從 {old} 提高到 {new}：{reason}", "en": "On {date} the {metric} target was raised from {old} to {new}: {reason}"},
    "goals.revision.deadline": {"zh-TW": "{date} 把「{metric}」的期限從 {old} 改到 {new}：{reason}", "en": "On {date} the {metric} deadline moved from {old} to {new}: {reason}"},
    "goals.revision.agreed": {"zh-TW": "{who} 同意", "en": "agreed by {who}"},
    "goals.smart.read_as": {"zh-TW": "我們的理解", "en": "We read this as"},
    "goals.smart.questions": {"zh-TW": "請顧問確認", "en": "For the consultant to confirm"},
    "goals.owner_missing": {"zh-TW": "待定", "en": "to be named"},
    "goals.read.line": {"zh-TW": "{metric}：{numbers}，{deadline}", "en": "{metric}: {numbers}, {deadline}"},
    "goals.read.from_to": {"zh-TW": "{baseline} → {target}", "en": "{baseline} → {target}"},
    "goals.read.reach": {"zh-TW": "達到 {target}（現在的數字未知）", "en": "reach {target} (current figure unknown)"},
    "goals.read.at_least": {"zh-TW": "至少 {target}", "en": "at least {target}"},
    "goals.read.at_most": {"zh-TW": "不超過 {target}", "en": "at most {target}"},
    "goals.read.change_only": {"zh-TW": "{change}（缺現在的數字，算不出目標）", "en": "{change} (no current figure, so no target yet)"},
    "goals.read.no_target": {"zh-TW": "沒有目標數字", "en": "no target number"},
    "goals.read.task": {"zh-TW": "一件要完成的工作", "en": "a task to complete"},
    "goals.read.points": {"zh-TW": "{sign}{amount} 個百分點", "en": "{sign}{amount} percentage points"},
    "goals.read.deadline": {"zh-TW": "期限 {deadline}", "en": "by {deadline}"},
    "goals.read.no_deadline": {"zh-TW": "沒有期限", "en": "no deadline"},
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
    # --- SWOT workbook -------------------------------------------------------------------
    "swot.title": {"zh-TW": "SWOT 與 TOWS 策略工作簿", "en": "SWOT & TOWS strategy workbook"},
    "swot.intro": {
        "zh-TW": "先看清自己（優勢、劣勢）和外面（機會、威脅），再把它們兩兩配對成具體策略，"
        "最後挑出最值得先做的幾件事。",
        "en": "First see yourself (strengths, weaknesses) and the market (opportunities, "
        "threats), then pair them into concrete strategies and pick what to do first.",
    },
    "swot.q.S": {"zh-TW": "優勢 S", "en": "Strengths"},
    "swot.q.W": {"zh-TW": "劣勢 W", "en": "Weaknesses"},
    "swot.q.O": {"zh-TW": "機會 O", "en": "Opportunities"},
    "swot.q.T": {"zh-TW": "威脅 T", "en": "Threats"},
    "swot.board.title": {"zh-TW": "SWOT 分析板", "en": "SWOT board"},
    "swot.board.note": {
        "zh-TW": "每格依重要程度排列，●越多越重要（1–5）。",
        "en": "Each box is ordered by importance; more ● means more important (1–5).",
    },
    "swot.items.title": {"zh-TW": "項目與依據", "en": "Items and evidence"},
    "swot.col.id": {"zh-TW": "代號", "en": "ID"},
    "swot.col.item": {"zh-TW": "項目", "en": "Item"},
    "swot.col.weight": {"zh-TW": "重要度", "en": "Weight"},
    "swot.col.evidence": {"zh-TW": "依據", "en": "Evidence"},
    "swot.tows.title": {"zh-TW": "TOWS 策略矩陣", "en": "TOWS strategy matrix"},
    "swot.tows.intro": {
        "zh-TW": "SO：用優勢抓機會；ST：用優勢擋威脅；WO：借機會補劣勢；WT：減少劣勢、避開威脅。",
        "en": "SO: use strengths to seize opportunities; ST: use strengths against threats; "
        "WO: use opportunities to fix weaknesses; WT: shrink weaknesses, avoid threats.",
    },
    "swot.cell.SO": {"zh-TW": "SO 攻勢", "en": "SO attack"},
    "swot.cell.ST": {"zh-TW": "ST 防守", "en": "ST defend"},
    "swot.cell.WO": {"zh-TW": "WO 補強", "en": "WO improve"},
    "swot.cell.WT": {"zh-TW": "WT 避險", "en": "WT avoid"},
    "swot.none": {"zh-TW": "（尚無策略）", "en": "(no strategy yet)"},
    "swot.serves": {"zh-TW": "對應 KPI：{kpi}", "en": "KPI: {kpi}"},
    "swot.prompts.title": {"zh-TW": "討論提示：還可以怎麼配對", "en": "Prompts: pairings to discuss"},
    "swot.prompts.intro": {
        "zh-TW": "從最重的項目兩兩配對，還沒寫成策略的組合，值得在下次會議討論。",
        "en": "Pairings of the heaviest items that no strategy covers yet: worth discussing next.",
    },
    "swot.prompt": {"zh-TW": "{cell}：「{a}」×「{b}」", "en": "{cell}: “{a}” × “{b}”"},
    "swot.prompts.done": {
        "zh-TW": "最重的項目都已有對應策略。",
        "en": "The heaviest items are all covered by a strategy.",
    },
    "swot.actions.title": {"zh-TW": "優先行動清單", "en": "Priority actions"},
    "swot.actions.intro": {
        "zh-TW": "依策略所配對項目的重要度加總排序；每一項都可以帶到目標工作簿，寫成 SMART 目標。",
        "en": "Ranked by the summed weight of the items each strategy pairs; each can become a "
        "SMART goal in the goals workbook.",
    },
    "swot.col.rank": {"zh-TW": "順序", "en": "Rank"},
    "swot.col.strategy": {"zh-TW": "策略", "en": "Strategy"},
    "swot.col.cell": {"zh-TW": "類型", "en": "Type"},
    "swot.col.priority": {"zh-TW": "重要度加總", "en": "Priority"},
    "swot.col.goal": {"zh-TW": "寫成目標時要補", "en": "To become a goal, add"},
    "swot.goal.todo": {
        "zh-TW": "基準值、目標數字、期限、負責人",
        "en": "baseline, target, deadline, owner",
    },
    "swot.goal.todo_kpi": {
        "zh-TW": "指標（KPI）、基準值、目標數字、期限、負責人",
        "en": "a KPI, baseline, target, deadline, owner",
    },
    "swot.factor.title": {"zh-TW": "內外部因素評分（IFE／EFE）", "en": "Factor scores (IFE/EFE)"},
    "swot.factor.intro": {
        "zh-TW": "每個因素的權重加總為 1，評分 1–4；總分介於 1 到 4 之間，2.5 為平均。",
        "en": "Weights add up to 1, ratings 1–4; totals run from 1 to 4 with 2.5 as average.",
    },
    "swot.factor.IFE": {"zh-TW": "內部（優勢＋劣勢）", "en": "Internal (S+W)"},
    "swot.factor.EFE": {"zh-TW": "外部（機會＋威脅）", "en": "External (O+T)"},
    "swot.factor.above": {"zh-TW": "高於平均 2.5", "en": "above the 2.5 average"},
    "swot.factor.below": {"zh-TW": "低於平均 2.5", "en": "at or below the 2.5 average"},
    # --- funnel workbook ------------------------------------------------------------------
    "funnel.title": {"zh-TW": "行銷與銷售漏斗工作簿", "en": "Marketing & sales funnel workbook"},
    "funnel.intro": {
        "zh-TW": "漏斗看的是客人一步步往下走時，每一關留下多少人。找出最值得修的那一關，"
        "比全面加預算更省錢。",
        "en": "A funnel shows how many people stay at each step towards buying. Fixing the "
        "step worth most is cheaper than spending more everywhere.",
    },
    "funnel.stage.exposure": {"zh-TW": "看到品牌（曝光）", "en": "Exposure"},
    "funnel.stage.consideration": {"zh-TW": "考慮（點擊、瀏覽）", "en": "Consideration"},
    "funnel.stage.purchase": {"zh-TW": "購買", "en": "Purchase"},
    "funnel.stage.repurchase": {"zh-TW": "回購", "en": "Repurchase"},
    "funnel.stage.lead_magnet": {"zh-TW": "領取免費資源", "en": "Lead magnet"},
    "funnel.stage.subscriber": {"zh-TW": "成為訂閱者", "en": "Subscriber"},
    "funnel.stage.trial": {"zh-TW": "試用／小額購買", "en": "Trial"},
    "funnel.stage.paying": {"zh-TW": "付費客戶", "en": "Paying customer"},
    "funnel.stage.ad_reach": {"zh-TW": "看到廣告", "en": "Ad reach"},
    "funnel.stage.line_friend": {"zh-TW": "加 LINE 好友", "en": "LINE friend"},
    "funnel.stage.chat": {"zh-TW": "私訊詢問", "en": "Chat"},
    "funnel.stage.order": {"zh-TW": "下單", "en": "Order"},
    "funnel.stage.impressions": {"zh-TW": "商品曝光", "en": "Impressions"},
    "funnel.stage.clicks": {"zh-TW": "點擊商品", "en": "Clicks"},
    "funnel.stage.add_to_cart": {"zh-TW": "加入購物車", "en": "Add to cart"},
    "funnel.table.title": {"zh-TW": "每一關的轉換", "en": "Conversion at each step"},
    "funnel.table.intro": {
        "zh-TW": "「這一關轉換率」＝到達這一關的人 ÷ 上一關的人；「整體」＝到達這一關的人 ÷ 第一關的人。"
        "括號內是 95% 可信範圍：人數少時，真實的比率可能落在這個範圍內任何地方。",
        "en": "Step rate = people reaching this step ÷ the step before; overall = ÷ the first "
        "step. The range in brackets is the 95% interval: with few people the true rate could "
        "be anywhere in it.",
    },
    "funnel.col.stage": {"zh-TW": "階段", "en": "Stage"},
    "funnel.col.count": {"zh-TW": "人數", "en": "People"},
    "funnel.col.step": {"zh-TW": "這一關轉換率", "en": "Step rate"},
    "funnel.col.range": {"zh-TW": "95% 範圍", "en": "95% range"},
    "funnel.col.overall": {"zh-TW": "整體轉換率", "en": "Overall"},
    "funnel.col.lost": {"zh-TW": "在這關流失", "en": "Lost here"},
    "funnel.chart.title": {"zh-TW": "漏斗：每一關的人數與轉換率", "en": "Funnel: people and rates"},
    "funnel.bottleneck.title": {"zh-TW": "瓶頸：修哪一關最值得", "en": "Bottleneck: which step is worth fixing"},
    "funnel.bottleneck.intro": {
        "zh-TW": "每一關的轉換率會相乘，最低的那一關不一定最值得修。這裡算的是：若這一關提升到參考值，"
        "最後會多幾位客人、多少營收。參考值只是粗略的起點，不是標準答案。",
        "en": "Step rates multiply, so the lowest is not always the one to fix. This shows the "
        "extra customers and revenue if each step reached its reference rate. References are "
        "rough starting points, not truth.",
    },
    "funnel.col.benchmark": {"zh-TW": "參考值", "en": "Reference"},
    "funnel.col.extra": {"zh-TW": "多幾位客人", "en": "Extra customers"},
    "funnel.col.value": {"zh-TW": "多少營收", "en": "Extra revenue"},
    "funnel.col.note": {"zh-TW": "判讀", "en": "Reading"},
    "funnel.note.noise": {"zh-TW": "差距在誤差內，可能只是運氣", "en": "Within the noise: may be chance"},
    "funnel.note.gap": {"zh-TW": "明顯落後參考值", "en": "Clearly below reference"},
    "funnel.note.ok": {"zh-TW": "已達參考值", "en": "At or above reference"},
    "funnel.note.none": {"zh-TW": "沒有參考值", "en": "No reference"},
    "funnel.bottleneck.verdict": {
        "zh-TW": "最值得先修的是「{stage}」：若達到參考值 {bench}，每期約多 {extra} 位客人、{value} 營收。",
        "en": "Fix “{stage}” first: at the {bench} reference it would bring about {extra} more "
        "customers and {value} in revenue per period.",
    },
    "funnel.bottleneck.none": {
        "zh-TW": "每一關都已達到參考值，下一步可以試著擴大第一關的人數。",
        "en": "Every step is at its reference: the next lever is more people at the top.",
    },
    "funnel.whatif.title": {"zh-TW": "如果每一關提升 {points}", "en": "If one step improves by {points}"},
    "funnel.whatif.intro": {
        "zh-TW": "一次只改一關，其他不變。排在最上面的，就是同樣努力下報酬最高的一關。",
        "en": "One step at a time, the rest unchanged. The top row pays most for the same effort.",
    },
    "funnel.col.new_rate": {"zh-TW": "提升後", "en": "Improved"},
    "funnel.compare.title": {"zh-TW": "和上一期比較", "en": "Compared with the previous period"},
    "funnel.col.before": {"zh-TW": "上一期", "en": "Before"},
    "funnel.col.after": {"zh-TW": "這一期", "en": "Now"},
    "funnel.col.change": {"zh-TW": "變化", "en": "Change"},
    "funnel.change.real": {"zh-TW": "差異明顯", "en": "A real change"},
    "funnel.change.noise": {"zh-TW": "可能只是運氣", "en": "May be chance"},
    "funnel.change.drop": {"zh-TW": "明顯變差", "en": "A real drop"},
    # --- budget workbook ------------------------------------------------------------------
    "budget.title": {"zh-TW": "廣告預算規劃工作簿", "en": "Ad budget planning workbook"},
    "budget.intro": {
        "zh-TW": "先決定想要幾個成果，再算需要多少預算；每一塊錢花在哪裡、預期換回什麼，都攤開來看。",
        "en": "Decide the results you want, then the budget they need; where every dollar goes "
        "and what it should bring back, in the open.",
    },
    "budget.goal.title": {"zh-TW": "目標達成法", "en": "The goal method"},
    "budget.goal.forward": {
        "zh-TW": "想要 {results} 筆訂單 × 平均每筆訂單的廣告費 {cpa} ＝ 需要預算 {budget}。",
        "en": "{results} orders × {cpa} of ads per order = a budget of {budget}.",
    },
    "budget.goal.backward": {
        "zh-TW": "每月預算 {budget} ÷ 平均每筆訂單的廣告費 {cpa} ≈ 可以換到 {results} 筆訂單。",
        "en": "A monthly budget of {budget} ÷ {cpa} of ads per order ≈ {results} orders.",
    },
    "budget.goal.gap": {
        "zh-TW": "目前預算比目標需要的{direction} {diff}。",
        "en": "The current budget is {diff} {direction} what the target needs.",
    },
    "budget.more": {"zh-TW": "多", "en": "more than"},
    "budget.less": {"zh-TW": "少", "en": "less than"},
    "budget.workback.title": {"zh-TW": "從目標往回推", "en": "Working back from the target"},
    "budget.workback.intro": {
        "zh-TW": "要幾張訂單 → 需要幾次點擊（÷ 轉換率）→ 需要幾次曝光（÷ 點擊率）→ 要花多少（× 每次點擊成本）。",
        "en": "Results needed → clicks (÷ conversion rate) → impressions (÷ click-through rate) "
        "→ cost (× cost per click).",
    },
    "budget.workback.total": {
        "zh-TW": "合計約需 {cost}，才能換到 {results} 個成果。",
        "en": "About {cost} in all buys {results} results.",
    },
    "budget.col.cost": {"zh-TW": "需要花費", "en": "Cost"},
    "budget.plan.title": {"zh-TW": "各通路預算與預期成效", "en": "Budget and expected results by channel"},
    "budget.plan.intro": {
        "zh-TW": "損益兩平 CPA ＝ 客單價 × 毛利率：每筆訂單的廣告費超過它就是賠錢。",
        "en": "Break-even CPA = order value × gross margin: paying more per order loses money.",
    },
    "budget.col.channel": {"zh-TW": "通路", "en": "Channel"},
    "budget.col.budget": {"zh-TW": "預算", "en": "Budget"},
    "budget.col.cpa": {"zh-TW": "CPA", "en": "CPA"},
    "budget.col.results": {"zh-TW": "預期成果", "en": "Results"},
    "budget.col.clicks": {"zh-TW": "點擊", "en": "Clicks"},
    "budget.col.impressions": {"zh-TW": "曝光", "en": "Impressions"},
    "budget.col.roas": {"zh-TW": "ROAS", "en": "ROAS"},
    "budget.col.profit": {"zh-TW": "扣廣告後毛利", "en": "Profit after ads"},
    "budget.col.status": {"zh-TW": "損益兩平", "en": "Break-even"},
    "budget.status.above": {"zh-TW": "有賺", "en": "Profitable"},
    "budget.status.below": {"zh-TW": "賠錢", "en": "Losing"},
    "budget.status.unknown": {"zh-TW": "價值未知", "en": "Value unknown"},
    "budget.col.orders": {"zh-TW": "預期訂單", "en": "Orders"},
    "budget.col.cpl": {"zh-TW": "CPL（每位名單）", "en": "CPL (per lead)"},
    "budget.col.roi": {"zh-TW": "ROI", "en": "ROI"},
    "value.unknown": {"zh-TW": "未知", "en": "unknown"},
    "budget.payback.title": {"zh-TW": "回本：新客要買幾次，廣告費才賺回來", "en": "Payback: how many orders before a new customer's ad cost is back"},
    "budget.payback.orders": {
        "zh-TW": "{channel}：每筆訂單的廣告成本 {cost}，一筆訂單的毛利 {profit}，客人要買 {orders} 次才回本。",
        "en": "{channel}: {cost} of ads per order against {profit} gross profit per order, so a customer must order {orders} times to pay it back.",
    },
    "budget.payback.first": {
        "zh-TW": "{channel}：每筆訂單的廣告成本 {cost}，一筆訂單的毛利 {profit}，第一筆訂單就回本（{orders} 次）。",
        "en": "{channel}: {cost} of ads per order against {profit} gross profit per order, so the first order pays it back ({orders} orders).",
    },
    "budget.payback.unknown": {
        "zh-TW": "{channel}：不知道成果中有幾成會下單，回本與 ROI 無法計算（未知）。",
        "en": "{channel}: the share of results that order is unknown, so payback and ROI cannot be worked out (unknown).",
    },
    "budget.result.purchase": {"zh-TW": "筆訂單", "en": "orders"},
    "budget.result.lead": {"zh-TW": "筆名單", "en": "leads"},
    "budget.result.inquiry": {"zh-TW": "次詢問", "en": "inquiries"},
    "budget.result.signup": {"zh-TW": "位註冊", "en": "sign-ups"},
    "budget.result.line_friend": {"zh-TW": "位 LINE 好友", "en": "LINE friends"},
    "budget.result.follower": {"zh-TW": "位粉絲", "en": "followers"},
    "budget.result.booking": {"zh-TW": "筆預約", "en": "bookings"},
    "budget.result.message": {"zh-TW": "則私訊", "en": "messages"},
    "budget.assume.title": {"zh-TW": "這些數字背後的假設", "en": "The assumptions behind these figures"},
    "budget.assume.rate": {
        "zh-TW": "{channel}：每{kind}成本 {cpa}，不是訂單。假設 {rate} 會下單（約每 {one_in} {kind}有 1 筆，每筆 {aov}），所以每筆訂單約 {per_order}。這是假設，請用實際數字更新。",
        "en": "{channel}: {cpa} per result, and a result is one of the {kind}, not an order. We assume {rate} of them order (about 1 in {one_in}, {aov} per order), so an order costs about {per_order}. This is an assumption; update it with real figures.",
    },
    "budget.assume.unknown": {
        "zh-TW": "{channel}：每{kind}成本 {cpa}，不是訂單。不知道多少{kind}會下單，所以算不出營收、ROAS 與損益；請在 client.yaml 的這個通路填上 to_order（會下單的比例）。",
        "en": "{channel}: {cpa} per result, and a result is one of the {kind}, not an order. How many of them order is unknown, so revenue, ROAS and profit cannot be worked out; set to_order (the share who order) for this channel in client.yaml.",
    },
    "budget.goal.unknown": {
        "zh-TW": "有通路的成果不是訂單、也不知道多少會變成訂單，所以無法用整體每筆訂單成本換算預算。",
        "en": "Some channel's results are not orders and how many become orders is unknown, so the budget cannot be worked out from a cost per order.",
    },
    "budget.breakeven": {
        "zh-TW": "損益兩平 CPA：{cpa}；損益兩平 ROAS：{roas}（ROAS 低於它就是賠錢）。",
        "en": "Break-even CPA: {cpa}; break-even ROAS: {roas} (below it, ads lose money).",
    },
    "budget.chart.title": {"zh-TW": "各通路 CPA 與損益兩平線", "en": "CPA by channel vs break-even"},
    "budget.chart.breakeven": {"zh-TW": "損益兩平 CPA", "en": "Break-even CPA"},
    "budget.chart.target": {"zh-TW": "目標 CPA", "en": "Target CPA"},
    "budget.learning.title": {"zh-TW": "學習期檢查", "en": "Learning-phase check"},
    "budget.learning.intro": {
        "zh-TW": "每個廣告平台都要累積一定次數的成果，系統才會「學會」找對的人；每天預算不夠時，"
        "廣告會一直卡在學習期、成本偏高。每個平台的門檻不同，下表用各平台自己公布的規則。",
        "en": "Each platform needs a number of results before its delivery settles; below the "
        "daily budget that buys them, ads stay in the learning phase and cost more. Each "
        "platform's own published rule is used below.",
    },
    "budget.learning.rule": {"zh-TW": "{days} 天內 {events} 次成果", "en": "{events} results in {days} days"},
    "budget.learning.no_rule": {"zh-TW": "平台未公布門檻", "en": "No published threshold"},
    "budget.learning.unknown": {"zh-TW": "無法判斷", "en": "Cannot tell"},
    "budget.learning.sources": {"zh-TW": "規則來源：{sources}", "en": "Sources: {sources}"},
    "budget.col.rule": {"zh-TW": "平台規則", "en": "Platform rule"},
    "budget.col.daily": {"zh-TW": "每日預算", "en": "Daily budget"},
    "budget.col.needed": {"zh-TW": "學習期需要", "en": "Needed to learn"},
    "budget.col.enough": {"zh-TW": "夠不夠", "en": "Enough?"},
    "budget.learning.ok": {"zh-TW": "足夠", "en": "Enough"},
    "budget.learning.low": {
        "zh-TW": "不足：改為最佳化更便宜的事件（如加 LINE 好友、加入購物車），或合併廣告組合",
        "en": "Too low: optimise for a cheaper event (LINE friend, add to cart) or merge ad sets",
    },
    "budget.scale.title": {"zh-TW": "小額測試、逐步加碼", "en": "Test small, then scale"},
    "budget.scale.intro": {
        "zh-TW": "每個通路從自己的金額開始：{start}。CPA 連續 {days} 天低於目標 {target}，下週預算最多加 {step}，"
        "但不超過該通路的計畫預算；CPA 連續 {days} 天高於損益兩平 {be}，就停損暫停、檢查素材與受眾。",
        "en": "Each channel starts from its own amount: {start}. When CPA stays under the {target} "
        "target for {days} days, raise next week's budget by at most {step}, never above the "
        "channel's plan; when CPA stays above break-even {be} for {days} days, pause and check "
        "creative and audience.",
    },
    "budget.scale.start.current": {"zh-TW": "{channel} 每天 {daily}（目前實際）", "en": "{channel} {daily} a day (spending now)"},
    "budget.scale.start.start": {"zh-TW": "{channel} 每天 {daily}（測試起點）", "en": "{channel} {daily} a day (test start)"},
    "budget.col.vs_plan": {"zh-TW": "佔計畫", "en": "Of plan"},
    "budget.col.week": {"zh-TW": "週", "en": "Week"},
    "budget.col.weekly": {"zh-TW": "該週花費", "en": "Week spend"},
    "budget.col.cumulative": {"zh-TW": "累計", "en": "Cumulative"},
    "budget.col.expected": {"zh-TW": "預期成果", "en": "Expected results"},
    "budget.scenarios.title": {"zh-TW": "情境比較", "en": "Scenarios side by side"},
    "budget.scenarios.intro": {
        "zh-TW": "同一筆預算，在不同假設下的結果；差別只在點擊成本、轉換率與客單價的倍數。",
        "en": "The same budget under different assumptions: only the CPC, conversion and order "
        "value multipliers differ.",
    },
    "budget.col.scenario": {"zh-TW": "情境", "en": "Scenario"},
    "budget.col.assumptions": {"zh-TW": "假設", "en": "Assumptions"},
    "budget.scenario.conservative": {"zh-TW": "保守", "en": "Conservative"},
    "budget.scenario.base": {"zh-TW": "基準", "en": "Base"},
    "budget.scenario.optimistic": {"zh-TW": "樂觀", "en": "Optimistic"},
    "budget.pacing.title": {"zh-TW": "本月花費進度", "en": "Spend so far this month"},
    "budget.pacing.status": {
        "zh-TW": "到 {date} 已花 {spent}（預算 {budget}）。照目前速度，月底會花 {projected}。",
        "en": "By {date}, {spent} spent of {budget}. At this pace the month ends at {projected}.",
    },
    "budget.pacing.overrun": {
        "zh-TW": "⚠ 會超支 {over}，預算約在 {day} 日用完。剩下每天花 {daily} 以內才不會超支。",
        "en": "⚠ On course to overspend by {over}; the budget runs out around day {day}. Keep "
        "to {daily} a day for the rest of the month.",
    },
    "budget.pacing.ok": {
        "zh-TW": "在預算內；剩下每天可花約 {daily}。",
        "en": "Within budget; about {daily} a day is left for the rest of the month.",
    },
    "budget.curve.title": {"zh-TW": "加碼的邊際效益（方向參考）", "en": "Diminishing returns (directional)"},
    "budget.curve.intro": {
        "zh-TW": "同一個通路花越多，每多花一塊錢換到的成果越少。依過去每週的花費與成果，"
        "畫出每個通路的曲線，並建議讓各通路「多買一個成果的成本」相等的分配。資料只有幾週，請當作方向參考。",
        "en": "The more a channel spends, the less each extra dollar brings. From past weekly "
        "spend and results we fit a curve per channel and suggest the split that equalises the "
        "cost of one more result. With only weeks of data, treat it as directional.",
    },
    "budget.curve.col.fit": {"zh-TW": "吻合度 R²", "en": "Fit R²"},
    "budget.curve.col.now": {"zh-TW": "過去每週平均", "en": "Past weekly average"},
    "budget.curve.col.suggested": {"zh-TW": "建議每週", "en": "Suggested weekly"},
    "budget.curve.col.trust": {"zh-TW": "可信度", "en": "Trust"},
    "budget.curve.trusted": {"zh-TW": "可參考", "en": "Usable"},
    "budget.curve.thin": {"zh-TW": "資料太少，僅供參考", "en": "Too thin to trust"},
    "budget.curve.summary": {
        "zh-TW": "同樣每週 {total}，建議分配預估 {best} 個成果，照目前的分配約 {current} 個（方向參考）。",
        "en": "For the same {total} a week, the suggested split should bring about {best} "
        "results against {current} with the current split (directional).",
    },
    "budget.curve.none": {
        "zh-TW": "還沒有足夠的每週花費資料（至少 8 週）可以畫出曲線。",
        "en": "Not enough weekly spend data yet (8 weeks or more) to fit curves.",
    },
    "budget.curve.chart": {"zh-TW": "每週花費與成果", "en": "Weekly spend and results"},
    "budget.curve.x": {"zh-TW": "每週花費", "en": "Weekly spend"},
    "budget.curve.y": {"zh-TW": "成果數", "en": "Results"},
    # --- monthly report ------------------------------------------------------------------
    "report.title": {"zh-TW": "{month}成效報告", "en": "Report for {month}"},
    "report.intro": {
        "zh-TW": "這個月的重點、數字和下一步。每個專有名詞都可以點一下，看白話解釋。",
        "en": "This month's highlights, numbers and next steps. Tap any term for a plain explanation.",
    },
    "report.sources": {"zh-TW": "資料來源：{sources}", "en": "Data: {sources}"},
    "report.source.meta": {"zh-TW": "Meta 廣告管理員", "en": "Meta Ads Manager"},
    "report.source.google": {"zh-TW": "Google Ads", "en": "Google Ads"},
    "report.source.ga4": {"zh-TW": "GA4 網站分析", "en": "GA4"},
    "report.source.orders": {"zh-TW": "訂單匯出", "en": "order export"},
    "report.highlights.title": {"zh-TW": "本月亮點", "en": "Highlights"},
    "report.challenges.title": {"zh-TW": "挑戰與發現", "en": "Challenges and findings"},
    "report.next.title": {"zh-TW": "下一步", "en": "Next steps"},
    "report.none": {"zh-TW": "（本月沒有特別事項）", "en": "(nothing to note this month)"},
    "report.kpi.title": {"zh-TW": "KPI 達成狀況", "en": "KPI progress"},
    "report.kpi.intro": {
        "zh-TW": "「進度」是從起點走到目標的比例；「應有進度」是照每月路徑，這個月應該走到哪裡。"
        "燈號比較兩者：綠燈正常、黃燈要注意、紅燈落後。",
        "en": "Progress is the share of the way from start to target; expected is where the "
        "monthly path says it should be by now. Green: on track, amber: at risk, red: behind.",
    },
    "report.col.kpi": {"zh-TW": "指標", "en": "KPI"},
    "portfolio.todo.title": {"zh-TW": "這個月要處理的事", "en": "This month's to-do"},
    "portfolio.todo.col.client": {"zh-TW": "客戶", "en": "Client"},
    "portfolio.todo.col.kind": {"zh-TW": "類別", "en": "Kind"},
    "portfolio.todo.col.detail": {"zh-TW": "內容", "en": "Detail"},
    "portfolio.todo.overdue": {"zh-TW": "下一步已逾期", "en": "Overdue next step"},
    "portfolio.todo.revise": {"zh-TW": "建議討論調整目標", "en": "Goal to revisit"},
    "portfolio.todo.off_track_twice": {"zh-TW": "「{kpi}」連續兩個月明顯落後", "en": "{kpi} far behind two months running"},
    "portfolio.todo.met_early": {"zh-TW": "「{kpi}」已提前達標", "en": "{kpi} already met before its deadline"},
    "portfolio.todo.missing": {"zh-TW": "缺資料", "en": "Missing data"},
    "portfolio.todo.no_spend": {"zh-TW": "{platform} 沒有本月的花費資料", "en": "No spend data this month for {platform}"},
    "report.step.owner": {"zh-TW": "負責：{owner}", "en": "owner: {owner}"},
    "report.step.due": {"zh-TW": "{due} 前", "en": "by {due}"},
    "report.step.kpi": {"zh-TW": "看「{kpi}」", "en": "moves {kpi}"},
    "report.followup.title": {"zh-TW": "上個月說要做的事", "en": "What we said last month"},
    "report.followup.intro": {
        "zh-TW": "上個月報告裡的下一步，現在做到哪裡；數字的變化是同一段時間的結果，不一定全是這件事的功勞。",
        "en": "Last month's next steps and where they stand; the figures moved over the same weeks, which is not proof the step alone moved them.",
    },
    "report.followup.done": {"zh-TW": "已完成", "en": "Done"},
    "report.followup.not_done": {"zh-TW": "沒有完成", "en": "Not done"},
    "report.followup.moved": {"zh-TW": "延後", "en": "Moved"},
    "report.followup.dropped": {"zh-TW": "取消", "en": "Dropped"},
    "report.followup.unknown": {"zh-TW": "顧問尚未回報", "en": "Not yet reported"},
    "report.followup.overdue": {"zh-TW": "已過期限 {due}", "en": "Overdue since {due}"},
    "report.followup.moved_to": {"zh-TW": "改到 {due}", "en": "moved to {due}"},
    "report.followup.kpi": {"zh-TW": "同期「{kpi}」從 {before} 到 {now}（{change}）", "en": "{kpi} went from {before} to {now} over the same period ({change})"},
    "report.changed.title": {"zh-TW": "上個月寄出後有更正的數字", "en": "Figures corrected since last month's report"},
    "report.changed.intro": {
        "zh-TW": "下列數字和上個月寄給您的報告不同，通常是資料晚到或平台更正了匯出檔；本月報告用的是最新的數字。",
        "en": "These figures differ from the report you were sent last month, usually because data arrived late or a platform corrected its export; this report uses the latest figures.",
    },
    "report.changed.item": {"zh-TW": "{month}的「{name}」：寄出時是 {sent}，現在是 {now}", "en": "{name} for {month}: {sent} when sent, {now} now"},
    "report.changed.none": {"zh-TW": "上個月寄出的數字，到現在都沒有變動。", "en": "Nothing in last month's report has changed since it was sent."},
    "report.changed.spend": {"zh-TW": "{channel} 廣告花費", "en": "{channel} ad spend"},
    "report.col.baseline": {"zh-TW": "起點", "en": "Start"},
    "report.change.better": {"zh-TW": "變好", "en": "better"},
    "report.change.worse": {"zh-TW": "變差", "en": "worse"},
    "report.status.past": {"zh-TW": "期限 {deadline} 已過", "en": "Deadline {deadline} passed"},
    "report.col.actual": {"zh-TW": "本月實績", "en": "This month"},
    "report.col.target": {"zh-TW": "目標", "en": "Target"},
    "report.col.progress": {"zh-TW": "進度", "en": "Progress"},
    "report.col.expected": {"zh-TW": "應有進度", "en": "Expected"},
    "report.col.status": {"zh-TW": "燈號", "en": "Status"},
    "report.col.projected": {"zh-TW": "照目前速度到期限", "en": "At this pace, by the deadline"},
    "report.col.vs_previous": {"zh-TW": "比上月", "en": "vs last month"},
    "report.col.vs_last_year": {"zh-TW": "比去年同月", "en": "vs a year ago"},
    "report.status.on_track": {"zh-TW": "● 正常", "en": "● On track"},
    "report.status.at_risk": {"zh-TW": "● 注意", "en": "● At risk"},
    "report.status.off_track": {"zh-TW": "● 落後", "en": "● Behind"},
    "report.status.unknown": {"zh-TW": "缺資料", "en": "No data"},
    "report.trend.title": {"zh-TW": "趨勢", "en": "Trends"},
    "report.trend.actual": {"zh-TW": "實績", "en": "Actual"},
    "report.ads.title": {"zh-TW": "廣告成效（各通路）", "en": "Advertising by channel"},
    "report.ads.intro": {
        "zh-TW": "花了多少、換到幾個成果、每個成果多少錢（CPA）、每 1 元廣告帶回多少營收（ROAS）。",
        "en": "What was spent, the results it bought, the cost per result (CPA) and revenue per "
        "NT$1 of ads (ROAS).",
    },
    "report.col.channel": {"zh-TW": "通路", "en": "Channel"},
    "report.col.spend": {"zh-TW": "花費", "en": "Spend"},
    "report.col.results": {"zh-TW": "成果", "en": "Results"},
    "report.col.cpa": {"zh-TW": "CPA", "en": "CPA"},
    "report.col.cpa_change": {"zh-TW": "CPA 比上月", "en": "CPA vs last month"},
    "report.col.roas": {"zh-TW": "ROAS", "en": "ROAS"},
    "report.col.roi": {"zh-TW": "ROI", "en": "ROI"},
    "report.col.cpl": {"zh-TW": "CPL（每位名單）", "en": "CPL (per lead)"},
    "report.roi.note": {
        "zh-TW": "ROI =（廣告帶來的營收 − 花費）÷ 花費，只用匯出檔的購買價值，或 client.yaml 寫明的「幾成會下單」；兩者都沒有時寫「未知」，不自己假設。CPL 是非購買成果（LINE 好友、詢問、名單）每一個的成本。",
        "en": "ROI = (revenue from the ads − spend) ÷ spend, using only the export's purchase value or the share who order stated in client.yaml; with neither it says unknown instead of assuming. CPL is the cost of each non-purchase result (LINE friend, inquiry, lead).",
    },
    "report.col.vs_break_even": {"zh-TW": "損益兩平", "en": "Break-even"},
    "report.roas.note": {
        "zh-TW": "ROAS 要高於損益兩平 {be} 才有賺。Meta 匯出檔沒有營收欄位，ROAS 顯示為「—」，請以廣告管理員的購買價值為準。",
        "en": "ROAS must beat the break-even {be} to make money. The Meta export has no revenue, "
        "so its ROAS shows “—”: see the purchase value in Ads Manager.",
    },
    "report.budget.line": {
        "zh-TW": "本月廣告花費 {spent}，預算 {budget}（{share}）。",
        "en": "Ad spend this month {spent} against a budget of {budget} ({share}).",
    },
    "report.spend.title": {"zh-TW": "預算與實際花費（各通路）", "en": "Budget vs actual spend by channel"},
    "report.spend.intro": {
        "zh-TW": "每個計畫中的通路都列出來；沒有匯出檔的通路寫「還沒有資料」，不當成 0 元。",
        "en": "Every planned channel is listed; a channel without an export says “no data yet” instead of counting as zero.",
    },
    "report.spend.col.channel": {"zh-TW": "通路", "en": "Channel"},
    "report.spend.col.planned": {"zh-TW": "本月預算", "en": "Planned"},
    "report.spend.col.spend": {"zh-TW": "實際花費", "en": "Spent"},
    "report.spend.col.share": {"zh-TW": "花了幾成", "en": "Share spent"},
    "report.spend.col.verdict": {"zh-TW": "判讀", "en": "Verdict"},
    "report.spend.under": {"zh-TW": "花得比計畫少，請確認原因", "en": "Under plan: check why"},
    "report.spend.on_plan": {"zh-TW": "照計畫", "en": "On plan"},
    "report.spend.over": {"zh-TW": "超出計畫", "en": "Over plan"},
    "report.spend.no_data": {"zh-TW": "還沒有資料", "en": "No data yet"},
    "report.spend.estimated": {"zh-TW": "約 {amount}（由週報估算）", "en": "about {amount} (from the weekly file)"},
    "report.spend.missing": {
        "zh-TW": "還沒有資料的通路：{platforms}（預算已算進去，花費沒有）。",
        "en": " No data yet for: {platforms} (their budget is counted, their spend is not).",
    },
    "finding.fatigue": {
        "zh-TW": "{channel} 的 CPA 上升 {cpa}，點擊率下降 {ctr}：廣告素材可能看膩了（素材疲乏），建議換新圖片或影片。",
        "en": "{channel}: CPA rose {cpa} while CTR fell {ctr}: ad creative fatigue is likely; "
        "refresh the images or videos.",
    },
    "finding.landing": {
        "zh-TW": "{channel} 的 CPA 上升 {cpa}、轉換率下降 {cvr}，點擊率卻持平：問題可能在商品頁或優惠，不在廣告本身。",
        "en": "{channel}: CPA rose {cpa} and conversion fell {cvr} with CTR steady: look at the "
        "product page or the offer rather than the ad.",
    },
    "finding.cpa_up": {"zh-TW": "{channel} 的 CPA 上升 {cpa}。", "en": "{channel}: CPA rose {cpa}."},
    "finding.cpa_down": {
        "zh-TW": "{channel} 的 CPA 下降 {cpa}：同樣的錢換到更多成果。",
        "en": "{channel}: CPA fell {cpa}: the same money bought more results.",
    },
    "finding.below_break_even": {
        "zh-TW": "{channel} 的 ROAS {roas} 低於損益兩平 {be}：這個通路目前在賠錢。",
        "en": "{channel}: ROAS {roas} is below the break-even {be}: this channel loses money.",
    },
    "finding.kpi_done": {"zh-TW": "「{kpi}」已達成目標！", "en": "“{kpi}” has reached its target!"},
    "finding.kpi_on_track": {
        "zh-TW": "「{kpi}」進度正常，已完成 {progress}。",
        "en": "“{kpi}” is on track, {progress} of the way.",
    },
    "finding.kpi_off_track": {
        "zh-TW": "「{kpi}」落後：目前完成 {progress}，照計畫應完成 {expected}。",
        "en": "“{kpi}” is behind: {progress} of the way where the plan expected {expected}.",
    },
    "finding.overrun": {
        "zh-TW": "廣告花費 {spent} 超出預算 {budget}（超支 {over}）。",
        "en": "Ad spend {spent} went over the {budget} budget by {over}.",
    },
    # --- customers (RFM) -----------------------------------------------------------------
    "customers.title": {"zh-TW": "顧客分群（RFM）工作簿", "en": "Customer segments (RFM) workbook"},
    "customers.intro": {
        "zh-TW": "用三個問題把顧客分群：多久沒來買（R）、買了幾次（F）、花了多少（M）。"
        "不同的客人用不同的方式照顧，比每個人都發一樣的優惠更有效。",
        "en": "Three questions sort customers: how recently they bought (R), how often (F) and "
        "how much (M). Treating each group differently beats the same offer for everyone.",
    },
    "customers.method.quintiles": {
        "zh-TW": "顧客共 {n} 位：R、F、M 各依排名分成五等份（1–5 分），同樣數值一定同分。",
        "en": "{n} customers: R, F and M are each scored 1–5 by rank in fifths; equal values "
        "always share a score.",
    },
    "customers.method.median_gap": {
        "zh-TW": "顧客共 {n} 位，人數不多，分五等份不穩定；改用貴店自己的回購間隔：顧客兩次購買的中位數是 {gap} 天，"
        "多久沒來買（R）以 1、2、3、6 個間隔為分界。",
        "en": "{n} customers is too few for stable fifths, so recency uses the shop's own "
        "rhythm: the median gap between purchases is {gap} days, and R is cut at 1, 2, 3 and "
        "6 gaps.",
    },
    "customers.as_of": {"zh-TW": "資料截至 {date}。", "en": "Data up to {date}."},
    "customers.segments.title": {"zh-TW": "顧客分群與建議做法", "en": "Segments and what to do"},
    "customers.col.segment": {"zh-TW": "分群", "en": "Segment"},
    "customers.col.customers": {"zh-TW": "人數", "en": "Customers"},
    "customers.col.customer_share": {"zh-TW": "人數占比", "en": "Share of customers"},
    "customers.col.revenue": {"zh-TW": "營收", "en": "Revenue"},
    "customers.col.revenue_share": {"zh-TW": "營收占比", "en": "Share of revenue"},
    "customers.col.action": {"zh-TW": "建議做法", "en": "What to do"},
    "customers.chart.title": {"zh-TW": "各分群的人數占比與營收占比", "en": "Share of customers and revenue"},
    "customers.chart.customers": {"zh-TW": "人數占比", "en": "Customers"},
    "customers.chart.revenue": {"zh-TW": "營收占比", "en": "Revenue"},
    "segment.champions": {"zh-TW": "VIP 顧客", "en": "Champions (VIP)"},
    "segment.loyal": {"zh-TW": "忠實顧客", "en": "Loyal"},
    "segment.new": {"zh-TW": "新顧客", "en": "New"},
    "segment.promising": {"zh-TW": "潛力顧客", "en": "Promising"},
    "segment.needs_attention": {"zh-TW": "需要關心", "en": "Needs attention"},
    "segment.at_risk": {"zh-TW": "流失風險", "en": "At risk"},
    "segment.dormant": {"zh-TW": "沉睡顧客", "en": "Dormant"},
    "action.champions": {
        "zh-TW": "點數累積與會員專屬好禮、新品搶先通知，邀請他們留下評價",
        "en": "Points and member perks, early access to new products, ask for reviews",
    },
    "action.loyal": {
        "zh-TW": "點數加倍日、推薦好友獎勵，讓他們升級成 VIP",
        "en": "Double-points days and referral rewards to move them up to VIP",
    },
    "action.new": {
        "zh-TW": "歡迎訊息＋第二次購買優惠（7–14 天內），邀請加 LINE 好友",
        "en": "A welcome message and a second-order offer within 7–14 days; invite to LINE",
    },
    "action.promising": {
        "zh-TW": "LINE 分眾推播搭配商品與季節性優惠",
        "en": "LINE audience pushes with matching products and seasonal offers",
    },
    "action.needs_attention": {
        "zh-TW": "限時優惠或試用小樣，喚起第二次購買",
        "en": "A time-limited offer or a sample to spark a second order",
    },
    "action.at_risk": {
        "zh-TW": "LINE 專屬優惠挽回，並詢問不再回購的原因",
        "en": "A LINE-only win-back offer, and ask why they stopped buying",
    },
    "action.dormant": {
        "zh-TW": "在他上次購買的週年日推新品或季節性優惠，喚醒沉睡顧客",
        "en": "Anniversary reactivation: new products or a seasonal offer on the date they last bought",
    },
    "customers.retention.title": {"zh-TW": "留住舊客 vs. 找新客", "en": "Keeping vs. replacing customers"},
    "customers.repeat": {
        "zh-TW": "回購率 {rate}：{n} 位顧客中有 {repeat} 位買過兩次以上，{one} 位只買過一次。回購過的客人超過 {days} 天沒買（貴店回購間隔的兩倍）就列為「流失風險」。",
        "en": "Repeat rate {rate}: {repeat} of {n} customers ordered more than once, {one} only once. A repeat buyer silent for more than {days} days (twice the shop's usual gap) counts as at risk.",
    },
    "customers.retention.lapsed": {
        "zh-TW": "有 {n} 位回購過的客人超過 {days} 天沒買（其中 {gone} 位已超過一年）。",
        "en": "{n} repeat buyers have not ordered for more than {days} days ({gone} of them for over a year).",
    },
    "customers.retention.text": {
        "zh-TW": "這 {n} 位顧客過去平均每人一年貢獻 {annual} 營收。找一位新客要花約 {cac}（CAC）；"
        "依「留住舊客只需新客 1/5 成本」的經驗法則，留住一位約 {keep}。全部挽回約花 {keep_all}，"
        "換成找新客要 {replace_all}，可省下 {saving}。",
        "en": "These {n} customers each brought about {annual} a year. A new customer "
        "costs about {cac} (CAC); by the 1:5 rule keeping one costs about {keep}. Keeping all "
        "costs about {keep_all} against {replace_all} to replace them: {saving} saved.",
    },
    "customers.cac.computed": {
        "zh-TW": "找一位新客的成本（CAC）{cac}：{start} 到 {end} 的廣告花費，除以同期第一次下單的新客人數（由廣告匯出檔與訂單算出）。",
        "en": "Cost of a new customer (CAC) {cac}: ad spend from {start} to {end} divided by the customers whose first order fell in those months (from the ad exports and the orders).",
    },
    "customers.cac.typed": {
        "zh-TW": "找一位新客的成本（CAC）{cac}：這是 client.yaml 裡填寫的數字，沒有廣告匯出檔可以核對。",
        "en": "Cost of a new customer (CAC) {cac}: the figure typed in client.yaml; no ad export is available to check it.",
    },
    "customers.cac.none": {
        "zh-TW": "不知道找一位新客要花多少（CAC）：沒有廣告匯出檔，client.yaml 也沒有填，所以無法比較留住舊客與找新客。",
        "en": "The cost of a new customer (CAC) is unknown: no ad export and none typed in client.yaml, so keeping and replacing customers cannot be compared.",
    },
    "customers.payback": {
        "zh-TW": "回本時間：一位新客約 {cac}，平均每月帶來 {monthly} 毛利，約 {months} 個月回本。",
        "en": "Payback: a new customer costs about {cac} and brings about {monthly} gross profit a month, so about {months} months to pay back.",
    },
    "customers.ltv": {
        "zh-TW": "歷史顧客價值（LTV）：到目前為止，平均每位顧客帶來 {ltv} 毛利（營收 {revenue}）。",
        "en": "Historical customer value (LTV): so far each customer brought {ltv} in gross "
        "profit ({revenue} revenue).",
    },
    "glossary.title": {"zh-TW": "名詞小辭典", "en": "Glossary"},
    # --- plan workbook ------------------------------------------------------------------
    "plan.title": {"zh-TW": "客群、旅程與活動規劃工作簿", "en": "Audience, journey and campaign plan"},
    "plan.intro": {
        "zh-TW": "先說清楚要對誰說話、他們在哪裡，再把每一步變成量得到的數字、排進行事曆，"
        "並用小規模測試找出有效的做法。",
        "en": "Who we talk to and where they are, each step of their journey as a number, "
        "a content calendar, and small tests that show what works.",
    },
    "plan.personas.title": {"zh-TW": "目標客群輪廓", "en": "Audience profiles"},
    "plan.persona.age": {"zh-TW": "年齡", "en": "Age"},
    "plan.persona.region": {"zh-TW": "地區", "en": "Region"},
    "plan.persona.interests": {"zh-TW": "興趣", "en": "Interests"},
    "plan.persona.pains": {"zh-TW": "困擾", "en": "Pains"},
    "plan.persona.channels": {"zh-TW": "常出現在", "en": "Where they are"},
    "plan.persona.unfunded": {
        "zh-TW": "⚠ {name} 常在 {channels}，但廣告預算沒有投放這些通路。",
        "en": "⚠ {name} is on {channels}, which the ad budget does not fund.",
    },
    "plan.persona.funded": {
        "zh-TW": "{name} 常出現的通路都有預算投放。",
        "en": "Every channel {name} uses is funded by the budget.",
    },
    "plan.journey.title": {"zh-TW": "顧客旅程地圖", "en": "Customer journey map"},
    "plan.journey.intro": {
        "zh-TW": "客人從認識到回購的每一步：在哪裡接觸到我們、這一步的目的、用哪個數字追蹤、現在多少、目標多少。",
        "en": "Each step from discovery to repeat purchase: touchpoints, the aim, the number "
        "that tracks it, where it is and where it should get to.",
    },
    "plan.col.stage": {"zh-TW": "階段", "en": "Stage"},
    "plan.col.touchpoints": {"zh-TW": "接觸點", "en": "Touchpoints"},
    "plan.col.goal": {"zh-TW": "這一步的目的", "en": "Aim"},
    "plan.col.kpi": {"zh-TW": "追蹤指標", "en": "KPI"},
    "plan.col.current": {"zh-TW": "現在", "en": "Now"},
    "plan.col.target": {"zh-TW": "目標", "en": "Target"},
    "plan.calendar.title": {"zh-TW": "內容行事曆", "en": "Content calendar"},
    "plan.calendar.intro": {
        "zh-TW": "每週每個通路要發什麼。⚠ 表示有投放預算的通路那週沒有內容。",
        "en": "What goes out each week on each channel. ⚠ marks a funded channel with nothing "
        "planned that week.",
    },
    "plan.col.week": {"zh-TW": "週（週一）", "en": "Week of"},
    "plan.calendar.gap": {"zh-TW": "⚠ 尚未安排", "en": "⚠ nothing planned"},
    "plan.dates.title": {"zh-TW": "檔期提醒", "en": "Retail dates ahead"},
    "plan.dates.none": {"zh-TW": "（還沒想好優惠）", "en": "(no offer yet)"},
    "date.lunar_new_year": {"zh-TW": "農曆新年", "en": "Lunar New Year"},
    "date.valentines": {"zh-TW": "西洋情人節", "en": "Valentine's Day"},
    "date.mothers_day": {"zh-TW": "母親節", "en": "Mother's Day"},
    "date.dragon_boat": {"zh-TW": "端午節", "en": "Dragon Boat Festival"},
    "date.qixi": {"zh-TW": "七夕情人節", "en": "Qixi"},
    "date.mid_autumn": {"zh-TW": "中秋節", "en": "Mid-Autumn Festival"},
    "date.double_11": {"zh-TW": "雙 11", "en": "Double 11"},
    "date.double_12": {"zh-TW": "雙 12", "en": "Double 12"},
    "date.year_end": {"zh-TW": "聖誕與年終", "en": "Christmas and year end"},
    "plan.campaigns.title": {"zh-TW": "訊息活動（簡訊／LINE／Email）", "en": "Message campaigns (SMS / LINE / email)"},
    "plan.step.goal": {"zh-TW": "1. 目的", "en": "1. Goal"},
    "plan.step.target": {"zh-TW": "2. SMART 目標", "en": "2. SMART target"},
    "plan.step.segment": {"zh-TW": "3. 對象", "en": "3. Audience"},
    "plan.step.message": {"zh-TW": "4. 訊息與 A/B 版本", "en": "4. Message and A/B variants"},
    "plan.step.measure": {"zh-TW": "5. 怎麼衡量", "en": "5. Measurement"},
    "plan.step.compliance": {"zh-TW": "6. 同意與退訂", "en": "6. Consent and unsubscribe"},
    "plan.compliance": {
        "zh-TW": "名單來源：{source}；退訂方式：{route}",
        "en": "Opt-in source: {source}; unsubscribe: {route}",
    },
    "plan.compliance.missing": {
        "zh-TW": "⚠ 還沒寫下名單來源與退訂方式：發送前一定要補上",
        "en": "⚠ Opt-in source and unsubscribe route not recorded: fill them in before sending",
    },
    "plan.ab.size": {
        "zh-TW": "要看出點擊率從 {base} 提升到 {goal}，每個版本至少要寄給 {n} 人（顯著水準 {alpha}、檢定力 {power}）。",
        "en": "To detect a click rate rising from {base} to {goal}, send each variant to at "
        "least {n} people (significance {alpha}, power {power}).",
    },
    "plan.ab.reach.ok": {
        "zh-TW": "名單有 {audience} 人，兩個版本共需要 {total} 人：夠用。",
        "en": "The list has {audience} people and both variants together need {total}: enough.",
    },
    "plan.ab.reach.small": {
        "zh-TW": "名單只有 {audience} 人，但兩個版本共需要 {total} 人：這份名單太小，看不出 {lift}的差別（最少要差 {smallest}才看得出來）。建議不做 A/B，或只測差異更大的版本。",
        "en": "The list has only {audience} people but both variants need {total}: it is too small to tell a {lift} difference (it can only tell {smallest} or more). Skip the A/B test or test bolder versions.",
    },
    "plan.ab.reach.unknown": {
        "zh-TW": "不知道名單有多少人：請在 ab.audience 填上這次能寄送的人數，才知道測不測得出來。",
        "en": "The list size is unknown: set ab.audience to the number of people the campaign can reach to know whether the test can tell.",
    },
    "ab.too_small": {
        "zh-TW": "這份名單寄不到計畫的 {n} 人，所以這個測試無法下結論：目前 {a} {ra}、{b} {rb}，差距可能只是運氣。下次只測差異更大的版本，或用更大的名單。",
        "en": "This list cannot reach the planned {n} per variant, so the test cannot conclude: {a} {ra}, {b} {rb}, and the gap may be chance. Next time test bolder versions or use a bigger list.",
    },
    "ab.b_wins": {
        "zh-TW": "版本 {b} 的點擊率（{rb}）比版本 {a}（{ra}）高，而且差距不太可能只是運氣（p = {p}）。",
        "en": "Variant {b}'s click rate ({rb}) is higher than {a}'s ({ra}) and the difference "
        "is unlikely to be chance (p = {p}).",
    },
    "ab.a_wins": {
        "zh-TW": "版本 {a} 的點擊率（{ra}）比版本 {b}（{rb}）高，而且差距不太可能只是運氣（p = {p}）。",
        "en": "Variant {a}'s click rate ({ra}) is higher than {b}'s ({rb}) and the difference "
        "is unlikely to be chance (p = {p}).",
    },
    "ab.keep_running": {
        "zh-TW": "還不能下結論：每個版本才寄了 {sent} 人，是計畫 {n} 人的 {share}。目前 {a} {ra}、{b} {rb}，現在看到的差距可能只是運氣；寄滿 {n} 人再判斷，中途先不要換版本。",
        "en": "Too early to tell: each variant has reached {sent} people, {share} of the planned {n}. "
        "So far {a} {ra}, {b} {rb}; a gap this early may be chance. Judge it at {n} per "
        "variant and do not switch versions before then.",
    },
    "ab.no_difference": {
        "zh-TW": "兩個版本的點擊率差不多（{a} {ra}、{b} {rb}），差距可能只是運氣：挑成本低的版本即可。",
        "en": "Both variants click about the same ({a} {ra}, {b} {rb}); the gap may be chance: "
        "keep the cheaper one.",
    },
    "plan.pilots.title": {"zh-TW": "小規模測試紀錄", "en": "Pilot log"},
    "plan.pilots.intro": {
        "zh-TW": "每個測試先寫下假設與預算，結束後不論成敗都記下學到什麼。",
        "en": "Each test states its hypothesis and budget first; afterwards, good or bad, "
        "the lesson is written down.",
    },
    "plan.col.pilot": {"zh-TW": "測試", "en": "Pilot"},
    "plan.col.hypothesis": {"zh-TW": "假設", "en": "Hypothesis"},
    "plan.col.budget": {"zh-TW": "預算", "en": "Budget"},
    "plan.col.dates": {"zh-TW": "期間", "en": "Dates"},
    "plan.col.result": {"zh-TW": "結果", "en": "Result"},
    "plan.col.lesson": {"zh-TW": "學到什麼", "en": "Lesson"},
    "report.pilots.title": {"zh-TW": "本月的小規模測試", "en": "Pilots this month"},
    # --- report frame ---------------------------------------------------------------------
    "report.period": {"zh-TW": "報告期間", "en": "Period"},
    "report.prepared": {"zh-TW": "製作日期", "en": "Prepared"},
    "report.footer": {
        "zh-TW": "本報告內容僅供 {client} 使用。",
        "en": "Prepared for {client} only.",
    },
    # --- validation -----------------------------------------------------------------------
    "val.missing": {"zh-TW": "缺少此欄位（必填）", "en": "missing (required)"},
    "val.revenue_non_purchase": {
        "zh-TW": "目標「{goal}」看的是營收，但「{channel}」的成果是{kind}，不是訂單，也沒寫幾成會下單，所以它帶來多少營收算不出來（報告會寫「未知」）。請在這一項加上 to_order（例如 to_order: 16%），或改用購買當成果。",
        "en": "the goal \"{goal}\" is about revenue, but the results of \"{channel}\" are {kind}, not orders, and the share who order is not given, so the revenue it brings cannot be counted (the report says unknown). Add to_order here (e.g. to_order: 16%), or use purchases as the result.",
    },
    "val.extra": {"zh-TW": "不認得的欄位，拼錯了嗎？", "en": "unknown field: a typo?"},
    "val.number": {"zh-TW": "應為數字，收到「{input}」", "en": "expected a number, got “{input}”"},
    "val.integer": {"zh-TW": "應為整數，收到「{input}」", "en": "expected a whole number, got “{input}”"},
    "val.text": {"zh-TW": "應為文字，收到「{input}」", "en": "expected text, got “{input}”"},
    "val.list": {"zh-TW": "應為清單（每項一行，以 - 開頭）", "en": "expected a list (one '- ' line per item)"},
    "val.mapping": {"zh-TW": "應為一組「欄位: 值」", "en": "expected a set of 'field: value' lines"},
    "val.month": {
        "zh-TW": "應為年月，例如 202610 或 2026-10，收到「{input}」",
        "en": "expected a year and month like 202610 or 2026-10, got “{input}”",
    },
    "report.nonadditive": {
        "zh-TW": "「{kpi}」本月沒有數字：GA4 的「使用者」是不重複人數，每天的人數不能相加成每月人數（同一個人會被算好幾次）。請在 GA4 以「年月」為維度下載報表（每月一列），月報就會用它的每月總數。",
        "en": "“{kpi}” has no figure this month: GA4 users are unique people, so daily users cannot be added into monthly users (the same person would count several times). Download the GA4 report with “Year month” as the dimension (one row a month) and the report uses its monthly totals.",
    },
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
    "val.funnel_value_stage": {
        "zh-TW": "「{stage}」不是漏斗的階段；應為其中之一：{stages}",
        "en": "“{stage}” is not a funnel stage; expected one of: {stages}",
    },
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
    "data.duplicate": {
        "zh-TW": "訂單編號「{input}」重複出現，內容卻不同（另見 {other}）：請確認哪一筆才對",
        "en": "order id “{input}” appears twice with different contents (see also {other}): "
        "check which one is right",
    },
    "data.duplicates_dropped": {
        "zh-TW": "{n} 列與前面完全相同（兩次下載重疊），已略過；第一筆在 {file} 第 {row} 行",
        "en": "{n} row(s) exactly repeat earlier rows (overlapping downloads) and were "
        "skipped; the first is {file} line {row}",
    },
    "data.too_large": {
        "zh-TW": "檔案超過 {mb} MB，不像是一份資料匯出檔",
        "en": "the file is larger than {mb} MB, which is not a data export",
    },
    "data.mixed_encoding": {
        "zh-TW": "同一個檔案混用了 UTF-8 與 Big5 編碼（從這一行開始不是 UTF-8）：請整份另存為 UTF-8 的 CSV",
        "en": "the file mixes UTF-8 and Big5 (this line is not UTF-8): save the whole file "
        "again as a UTF-8 CSV",
    },
    "data.xlsx": {
        "zh-TW": "無法開啟這個 Excel 檔（損壞或不是 .xlsx）：請重新下載或另存為 CSV",
        "en": "cannot open this Excel file (damaged or not .xlsx): download it again or save "
        "it as CSV",
    },
    "data.field_limit": {
        "zh-TW": "有一個欄位超過 {limit} 個字元：多半是少了結尾的引號（\"），請檢查這一行",
        "en": "a field is longer than {limit} characters: most likely a closing quote (\") is "
        "missing on this line",
    },
    "data.csv": {
        "zh-TW": "CSV 格式錯誤（{problem}）",
        "en": "broken CSV ({problem})",
    },
    "data.too_many_fields": {
        "zh-TW": "這一列有 {n} 個欄位，標題列只有 {width} 個：多半是含逗號的金額沒加引號（例如 NT$2,599 應寫成 \"NT$2,599\" 或 2599）",
        "en": "this row has {n} fields but the header has {width}: most likely an amount with "
        "a comma is not quoted (write NT$2,599 as \"NT$2,599\" or 2599)",
    },
    "data.too_few_fields": {
        "zh-TW": "這一列只有 {n} 個欄位，標題列有 {width} 個：少了值，或一筆資料被斷成兩行",
        "en": "this row has {n} fields but the header has {width}: a value is missing or a "
        "row was split over two lines",
    },
    "data.binary": {
        "zh-TW": "這一行含有控制字元（NUL）：不是文字檔，請重新下載或另存為 CSV",
        "en": "this line holds control characters (NUL): not a text file, download it again "
        "or save it as CSV",
    },
    "data.empty": {"zh-TW": "檔案是空的", "en": "the file is empty"},
    "data.no_rows": {
        "zh-TW": "只有標題列，沒有任何資料列：請確認下載的期間是否正確",
        "en": "there is a header but no data rows: check the period of the download",
    },
    "data.ga4_no_date": {
        "zh-TW": "這份 GA4 報表沒有日期欄，期間又跨了好幾個月：請加上「日期」維度或一次只下載一個月",
        "en": "this GA4 report has no date column and covers several months: add the Date "
        "dimension or download one month at a time",
    },
    "data.future": {
        "zh-TW": "日期 {date} 晚於報告月份 {period} 的月底：是打錯的日期嗎？",
        "en": "date {date} is after the end of the report month {period}: a typo?",
    },
    "data.after_period": {
        "zh-TW": "{n} 列的日期晚於報告月份 {period}（第一列在這裡）：這些資料不算進這份報告",
        "en": "{n} row(s) are dated after the report month {period} (the first is here): "
        "they are not part of this report",
    },
    "data.outside": {
        "zh-TW": "檔案必須在客戶自己的資料夾裡（連結到資料夾外的捷徑也不行）",
        "en": "the file must be inside the client's own folder (a link pointing outside is "
        "refused)",
    },
    "data.not_regular": {
        "zh-TW": "不是一般檔案（是資料夾或特殊檔案）",
        "en": "not a regular file (a folder or a special file)",
    },
    "data.missing_export": {
        "zh-TW": "報告會在沒有這份資料的情況下產出，用到它的段落會註明缺資料",
        "en": "the report will be made without it; the sections that need it say so",
    },
    "data.one_order": {
        "zh-TW": "只有 1 筆訂單：資料太少，無法估計每位顧客一年的價值",
        "en": "only one order: too little to estimate yearly value",
    },
    "data.few_orders": {
        "zh-TW": "只有 {n} 筆訂單、{days} 天的紀錄：顧客分群與年價值只能當參考",
        "en": "only {n} orders over {days} days: segments and yearly value are rough",
    },
    "logo.kind": {
        "zh-TW": "標誌必須是 PNG、JPEG 或 WebP 圖片（依檔案內容判斷；SVG 不接受，請另存為 PNG）",
        "en": "the logo must be a PNG, JPEG or WebP image (judged by its content; SVG is "
        "refused, save it as PNG)",
    },
    "logo.size": {
        "zh-TW": "標誌檔案太大（{kb} KB）：請小於 {limit} KB、{pixels} 像素以內",
        "en": "the logo is too large ({kb} KB): keep it under {limit} KB and {pixels} pixels",
    },
    "val.margin": {
        "zh-TW": "毛利率應大於 0% 且小於 100%，例如 40%，收到「{input}」",
        "en": "a gross margin must be above 0% and below 100%, e.g. 40%, got “{input}”",
    },
    "val.yaml_alias": {
        "zh-TW": "不接受 YAML 別名（*{name}）：請把內容直接寫出來",
        "en": "YAML aliases (*{name}) are not accepted: write the value out",
    },
    "val.yaml_size": {
        "zh-TW": "client.yaml 超過 {kb} KB，不像是客戶設定檔",
        "en": "client.yaml is larger than {kb} KB, which is not a client profile",
    },
    "val.timeout": {
        "zh-TW": "檢查超過 {seconds} 秒仍未完成，已中止：請檢查 client.yaml 與資料檔",
        "en": "checking took more than {seconds} seconds and was stopped: check client.yaml "
        "and the data files",
    },
    "val.crashed": {
        "zh-TW": "檢查時程式意外結束（{problem}）",
        "en": "the check stopped unexpectedly ({problem})",
    },
    "val.glyph": {
        "zh-TW": "圖表字型 {font} 畫不出「{chars}」（會變成空白方框）：請刪除或改用文字",
        "en": "the chart font {font} cannot draw “{chars}” (it would show as empty boxes): "
        "remove it or use words",
    },
    "report.missing": {
        "zh-TW": "以下資料無法讀取，本月報告不含這些數字（用到它們的段落會是空的）：",
        "en": "These data could not be read; this report leaves their numbers out (the "
        "sections that need them stay empty):",
    },
    "report.kpi.no_data": {
        "zh-TW": "「{kpi}」本月沒有數字：它的資料檔無法讀取（見報告開頭）",
        "en": "“{kpi}” has no number this month: its data file could not be read (see the "
        "top of the report)",
    },
    "customers.too_short": {
        "zh-TW": "訂單紀錄不到 30 天：還無法估計每位顧客一年的價值與終身價值",
        "en": "less than 30 days of orders: too little to estimate yearly or lifetime value",
    },
    "val.warning": {"zh-TW": "警告：", "en": "warning: "},
    "val.warnings": {"zh-TW": "{n} 個警告", "en": "{n} warning(s)"},
    "data.invalid": {"zh-TW": "資料不符合格式：{problem}", "en": "data does not fit: {problem}"},
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
    "batch.checking": {"zh-TW": "檢查哪些報告需要更新…", "en": "Checking what needs running…"},
    "batch.running": {
        "zh-TW": "產生 {n} 份報告（{skipped} 份沒變，略過）",
        "en": "Making {n} reports ({skipped} unchanged, skipped)",
    },
    "batch.skipped": {
        "zh-TW": "{n} 份報告的來源沒有變動，沿用上次的結果（要重跑請加 --force）",
        "en": "{n} report(s) unchanged since the last run, kept (use --force to rerun)",
    },
    "workshop.conflict": {
        "zh-TW": "「{section}」在你開啟之後已被其他人儲存過：請重新執行筆記本載入最新內容，再做修改。",
        "en": "“{section}” was saved by someone else after you opened it: rerun the notebook "
        "to load the latest, then make your change again.",
    },
    "workshop.nothing": {
        "zh-TW": "客戶 {client} 沒有可以開啟的工作簿（請先執行 kit validate {client}）",
        "en": "client {client} has no workbook to open (run kit validate {client} first)",
    },
    "workshop.save": {"zh-TW": "儲存決定", "en": "Save decisions"},
    "workshop.saved": {"zh-TW": "已儲存到 {file}：{what}", "en": "Saved to {file}: {what}"},
    # --- workshop: merge saves, undo, input messages, field names (issue 15) ----------------
    "workshop.unchanged": {"zh-TW": "沒有要儲存的變更", "en": "Nothing changed to save"},
    "workshop.conflicts": {
        "zh-TW": "⚠ 有 {n} 個欄位在你開啟後已被其他人改過，也被你改了：請在下面選擇要保留哪一個（其他變更已儲存）。",
        "en": "⚠ {n} field(s) were changed by someone else after you opened them, and by you: "
        "choose below which to keep (your other changes are saved).",
    },
    "workshop.theirs": {"zh-TW": "檔案裡（其他人）：", "en": "On file (someone else):"},
    "workshop.mine": {"zh-TW": "你的：", "en": "Yours:"},
    "workshop.use_theirs": {"zh-TW": "保留檔案裡的", "en": "Keep theirs"},
    "workshop.use_mine": {"zh-TW": "改用我的", "en": "Use mine"},
    "workshop.kept_theirs": {
        "zh-TW": "保留檔案裡的「{field}」；重新執行筆記本就會顯示。",
        "en": "Kept the value on file for “{field}”; re-run the notebook to see it.",
    },
    "workshop.undo": {"zh-TW": "復原上次儲存", "en": "Undo last save"},
    "workshop.undone": {
        "zh-TW": "已復原：{what}（重新執行筆記本就會顯示）",
        "en": "Undone: {what} (re-run the notebook to see it)",
    },
    "workshop.nothing_to_undo": {"zh-TW": "這次還沒有儲存過，沒有可以復原的", "en": "Nothing saved yet to undo"},
    "workshop.undo_conflict": {
        "zh-TW": "⚠ 無法復原：有 {n} 個欄位在儲存後又被改過，請在下面選擇。",
        "en": "⚠ Cannot undo: {n} field(s) were changed again since; choose below.",
    },
    "workshop.params_note": {
        "zh-TW": "客戶資料：由 kit 從 {file} 帶入；工作坊中每次執行都會重新讀取這個檔案",
        "en": "Client data: taken by kit from {file}; in a workshop every run reads the file again",
    },
    "workshop.undone_field": {"zh-TW": "已復原 {field}：{old} → {new}", "en": "Undone {field}: {old} → {new}"},
    "workshop.undo_kept": {
        "zh-TW": "⚠ {field} 在那次儲存之後又被改成 {value}：沒有覆蓋",
        "en": "⚠ {field} was changed again to {value} since that save: not overwritten",
    },
    "workshop.code_note": {"zh-TW": "計算步驟（已收合，客戶不用看）", "en": "Calculation (collapsed)"},
    "workshop.items": {"zh-TW": "{n} 項", "en": "{n} item(s)"},
    "workshop.input.number": {
        "zh-TW": "「{field}」看不懂「{text}」：請輸入數字，例如 25,000、NT$25,000、2.5 萬或兩萬。",
        "en": "“{field}”: cannot read “{text}”; type a number such as 25,000, NT$25,000 or 2.5 萬.",
    },
    "workshop.input.rate": {
        "zh-TW": "「{field}」看不懂「{text}」：請輸入 0% 到 100% 之間的百分比，例如 3% 或 3.5。",
        "en": "“{field}”: cannot read “{text}”; type a percentage between 0% and 100%, e.g. 3% or 3.5.",
    },
    "workshop.input.negative": {
        "zh-TW": "「{field}」不能是負數（{text}）：沒有儲存，請輸入 0 以上的數字。",
        "en": "“{field}” cannot be negative ({text}): not saved; type 0 or more.",
    },
    "workshop.input.integer": {
        "zh-TW": "「{field}」要是整數（{text}）：沒有採用，請輸入像 1,200 這樣的人數。",
        "en": "“{field}” must be a whole number ({text}): not used; type a count such as 1,200.",
    },
    "workshop.input.positive": {
        "zh-TW": "「{field}」要大於 0：沒有採用，請輸入每月預算金額，例如 25,000。",
        "en": "“{field}” must be above 0: not used; type the monthly budget, e.g. 25,000.",
    },
    "workshop.budget.shares": {
        "zh-TW": "各通路比例合計 {total}，不是 100%：試算先依比例換算；儲存前請調整到合計 100%。",
        "en": "Channel shares add up to {total}, not 100%: the preview scales them; make them "
        "add up to 100% before saving.",
    },
    "workshop.goal.reason": {"zh-TW": "為什麼改（會寫進調整紀錄，報告會顯示）", "en": "Why the change (kept in the revision record; the report shows it)"},
    "workshop.goal.agreed_by": {"zh-TW": "誰同意", "en": "Agreed by"},
    "workshop.goal.reason_needed": {"zh-TW": "還沒儲存：{what} 是調整目標，請在「為什麼改」寫下原因", "en": "Not saved yet: {what} changes a goal; please write the reason under \"Why the change\""},
    "workshop.goal.update_sentence": {"zh-TW": "把句子裡的數字改成新目標", "en": "Update the sentence to the new target"},
    "workshop.intro": {
        "zh-TW": "工作坊：先按上方工具列的 ▶▶（重啟核心並執行所有區塊），編輯欄位就會出現。在欄位輸入或拖動，數字會立即更新；按「儲存決定」寫回客戶設定檔（只寫你改過的欄位，可以復原）。",
        "en": "Workshop: press ▶▶ (restart and run all) in the toolbar and the editors appear. Type or "
        "drag in the fields and the numbers update at once; "
        "“Save decisions” writes your changes back to the client's profile (only what you "
        "changed, undoable).",
    },
    "plan.ab.baseline": {"zh-TW": "目前點擊率", "en": "Current rate"},
    "plan.ab.lift": {"zh-TW": "想看出的提升", "en": "Lift to detect"},
    "plan.ab.power": {"zh-TW": "檢定力", "en": "Power"},
    "plan.ab.alpha": {"zh-TW": "顯著水準", "en": "Significance"},
    "plan.ab.sent": {"zh-TW": "{variant} 發送數", "en": "{variant} sent"},
    "plan.ab.clicks": {"zh-TW": "{variant} 點擊數", "en": "{variant} clicks"},
    "plan.col.channel": {"zh-TW": "通路", "en": "Channel"},
    "plan.col.topic": {"zh-TW": "主題", "en": "Topic"},
    "plan.col.format": {"zh-TW": "形式（短影片、圖文…）", "en": "Format (reel, post…)"},
    "field.target": {"zh-TW": "目標值", "en": "target"},
    "field.baseline": {"zh-TW": "基準值", "en": "baseline"},
    "field.deadline": {"zh-TW": "期限", "en": "deadline"},
    "field.text": {"zh-TW": "句子", "en": "wording"},
    "field.goals": {"zh-TW": "目標", "en": "goals"},
    "field.revisions": {"zh-TW": "調整紀錄", "en": "revisions"},
    "field.monthly_budget": {"zh-TW": "每月預算", "en": "monthly budget"},
    "field.channels": {"zh-TW": "通路", "en": "channels"},
    "field.share": {"zh-TW": "分配比例", "en": "share"},
    "field.benchmarks": {"zh-TW": "參考轉換率", "en": "reference rates"},
    "field.strengths": {"zh-TW": "優勢", "en": "strengths"},
    "field.weaknesses": {"zh-TW": "劣勢", "en": "weaknesses"},
    "field.opportunities": {"zh-TW": "機會", "en": "opportunities"},
    "field.threats": {"zh-TW": "威脅", "en": "threats"},
    "field.weight": {"zh-TW": "權重", "en": "weight"},
    "field.calendar": {"zh-TW": "內容行事曆", "en": "content calendar"},
    "field.campaigns": {"zh-TW": "活動", "en": "campaigns"},
    "field.ab": {"zh-TW": "A/B 測試", "en": "A/B test"},
    "field.lift": {"zh-TW": "想看出的提升", "en": "lift"},
    "field.power": {"zh-TW": "檢定力", "en": "power"},
    "field.alpha": {"zh-TW": "顯著水準", "en": "significance"},
    "field.variants": {"zh-TW": "版本", "en": "variants"},
    "field.sent": {"zh-TW": "發送數", "en": "sent"},
    "field.clicks": {"zh-TW": "點擊數", "en": "clicks"},
    "batch.locked_wait": {
        "zh-TW": "另一個批次（{host} 上的程序 {pid}，{since} 開始）正在寫入同一個資料夾，等它完成…",
        "en": "Another batch (process {pid} on {host}, since {since}) is writing to this folder; waiting for it…",
    },
    "batch.locked": {
        "zh-TW": "另一個批次（{host} 上的程序 {pid}，{since} 開始）正在寫入同一個資料夾；稍後再試，或不加 --no-wait 讓它等候。",
        "en": "Another batch (process {pid} on {host}, since {since}) is writing to this folder; try later, or drop --no-wait to wait for it.",
    },
    "execute.failed": {
        "zh-TW": "第 {cell} 格出錯：{error}（執行結果在 {notebook}）",
        "en": "Cell {cell} failed: {error} (the executed notebook is {notebook})",
    },
    "execute.timeout": {
        "zh-TW": "有一格執行超過 {seconds} 秒，已停止（執行結果在 {notebook}）",
        "en": "A cell ran longer than {seconds} s and was stopped (see {notebook})",
    },
    "execute.dead": {
        "zh-TW": "kernel 中途結束：{error}",
        "en": "The kernel died: {error}",
    },
    "zygote.fallback": {
        "zh-TW": "無法使用預熱的 kernel（{reason}），改用一般 kernel 執行，速度會比較慢。",
        "en": "Warm (zygote) kernels are unavailable ({reason}); using normal kernels, which is slower.",
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
