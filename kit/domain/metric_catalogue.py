"""One catalogue of the metrics goals are written about: canonical id, unit, kind, the
direction that is good, and the words (zh-TW and English) that name each metric.

The name shown to people is the catalogue entry ``label`` (kit/locales); this module holds no
wording for display, only the words used to *recognise* a metric in a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

Kind = Literal["outcome", "activity", "task"]


@dataclass(frozen=True)
class Metric:
    """A metric goals can be set on.

    ``unit`` is the metric's own unit ("%" for rates, "NT$" for money, "人" for people…);
    ``good`` is the direction that helps the business ("down" for costs and return rates).
    """

    id: str
    label: str  # the catalogue key of its name on the page
    unit: str
    kind: Kind
    good: Literal["up", "down"] = "up"
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        """True for metrics measured in percent (a "+20%" on them is ambiguous)."""
        return self.unit == "%"


CATALOGUE: tuple[Metric, ...] = (
    Metric("revenue", "metric.revenue", "NT$", "outcome",
           zh=("營收", "營業額", "銷售額", "業績額", "業績", "銷售金額", "月營收"),
           en=("revenue", "sales", "turnover")),
    Metric("profit", "metric.profit", "NT$", "outcome", zh=("淨利", "利潤", "毛利額", "獲利"),
           en=("profit", "gross profit")),
    Metric("orders", "metric.orders", "筆", "outcome",
           zh=("訂單數", "訂單", "預購單", "預購", "出貨量", "出貨", "成交數", "成交筆數", "下單數"),
           en=("orders", "order", "purchases")),
    Metric("aov", "metric.aov", "NT$", "outcome",
           zh=("客單價", "平均訂單金額", "每筆訂單金額", "平均客單"),
           en=("average order value", "aov", "basket size")),
    Metric("cvr", "metric.cvr", "%", "outcome",
           zh=("購物車轉換率", "結帳轉換率", "轉換率", "成交率"),
           en=("conversion rate", "cvr", "conversion")),
    Metric("cpa", "metric.cpa", "NT$", "outcome", "down",
           zh=("每筆訂單的廣告成本", "每筆訂單廣告成本", "每筆訂單成本", "單筆取得成本",
               "廣告成本", "取得成本", "轉換成本", "CPA"),
           en=("cost per acquisition", "cost per order", "cost per purchase", "cpa")),
    Metric("cac", "metric.cac", "NT$", "outcome", "down",
           zh=("獲客成本", "新客成本", "CAC"), en=("customer acquisition cost", "cac")),
    Metric("cpc", "metric.cpc", "NT$", "activity", "down",
           zh=("每次點擊成本", "點擊成本", "CPC"), en=("cost per click", "cpc")),
    Metric("roas", "metric.roas", "倍", "outcome",
           zh=("廣告投報率", "廣告投資報酬率", "廣告投報", "ROAS"),
           en=("return on ad spend", "roas")),
    Metric("roi", "metric.roi", "%", "outcome", zh=("投資報酬率", "ROI"), en=("return on investment", "roi")),
    Metric("repeat_rate", "metric.repeat_rate", "%", "outcome",
           zh=("回購率", "回頭率", "再購率", "複購率"),
           en=("repeat purchase rate", "repurchase rate", "repeat rate", "retention rate")),
    Metric("customers", "metric.customers", "人", "outcome",
           zh=("新客數", "客戶數", "顧客數", "新客", "來客數", "客人數"),
           en=("new customers", "customers", "buyers")),
    Metric("leads", "metric.leads", "筆", "outcome",
           zh=("潛在客戶名單", "潛在客戶", "名單數", "名單"), en=("leads", "lead", "sign-ups")),
    Metric("inquiries", "metric.inquiries", "件", "outcome",
           zh=("詢價數", "詢價", "詢問數", "詢問", "私訊詢問", "洽詢"),
           en=("inquiries", "enquiries", "quote requests")),
    Metric("bookings", "metric.bookings", "筆", "outcome", zh=("預約數", "預約", "訂位"),
           en=("bookings", "reservations", "appointments")),
    Metric("members", "metric.members", "人", "activity", zh=("會員數", "會員"), en=("members", "membership")),
    Metric("visitors", "metric.visitors", "人", "activity",
           zh=("網站訪客數", "訪客數", "訪客", "來訪人數", "網站流量", "流量", "瀏覽人數",
               "工作階段"),
           en=("website visitors", "visitors", "visits", "traffic", "sessions")),
    Metric("line_friends", "metric.line_friends", "人", "activity",
           zh=("LINE 好友數", "LINE 好友", "LINE好友", "官方帳號好友", "好友數", "好友"),
           en=("line friends", "line followers")),
    Metric("followers", "metric.followers", "人", "activity",
           zh=("追蹤人數", "追蹤者", "追蹤數", "粉絲數", "粉絲", "訂閱數", "訂閱者"),
           en=("followers", "subscribers", "fans")),
    Metric("engagement_rate", "metric.engagement_rate", "%", "activity",
           zh=("貼文互動率", "互動率"), en=("engagement rate", "engagement")),
    Metric("ctr", "metric.ctr", "%", "activity", zh=("點擊率", "CTR"), en=("click-through rate", "ctr")),
    Metric("open_rate", "metric.open_rate", "%", "activity", zh=("開信率", "開啟率"), en=("open rate",)),
    Metric("reviews", "metric.reviews", "則", "activity",
           zh=("評論數", "五星評論", "好評數", "好評", "評論", "評價數"),
           en=("reviews", "testimonials")),
    Metric("rating", "metric.rating", "星", "outcome", zh=("評分", "星等", "平均評價", "Google 評價", "Google 評分"),
           en=("rating", "star rating", "stars")),
    Metric("return_rate", "metric.return_rate", "%", "outcome", "down", zh=("退貨率", "退款率"),
           en=("return rate", "refund rate")),
    Metric("bounce_rate", "metric.bounce_rate", "%", "activity", "down", zh=("跳出率",), en=("bounce rate",)),
    Metric("posts", "metric.posts", "則", "activity",
           zh=("貼文數", "篇貼文", "則貼文", "貼文", "支影片", "發文數", "發文", "篇文章"),
           en=("posts", "articles", "videos")),
)

BY_ID: dict[str, Metric] = {m.id: m for m in CATALOGUE}

#: Words that sound like a goal but cannot be counted as written.
VAGUE_TERMS = ("知名度", "品牌形象", "形象", "品牌力", "口碑", "曝光度", "聲量", "更好", "更多人", "生意",
               "awareness", "brand image", "visibility", "reputation", "buzz")

#: A sentence naming no metric but one of these is a task (done / not done), not a KPI.
TASK_WORDS = ("上線", "開設", "開通", "建立", "完成", "架設", "改版", "拍攝", "導入", "申請",
              "launch", "set up", "build", "create", "publish", "finish", "open a")


@dataclass(frozen=True)
class Mention:
    """Where a metric is named in a text."""

    metric: Metric
    start: int
    end: int
    term: str


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, Metric]]:
    lookup: dict[str, Metric] = {}
    for metric in CATALOGUE:
        for term in (*metric.zh, *metric.en):
            lookup.setdefault(term.lower().replace(" ", ""), metric)
    # longest first, so "每筆訂單的廣告成本" wins over "訂單"; spaces in terms are optional
    terms = sorted({t for m in CATALOGUE for t in (*m.zh, *m.en)}, key=len, reverse=True)
    parts = []
    for term in terms:
        body = r"\s*".join(re.escape(piece) for piece in term.split(" "))
        # ASCII words must stand alone ("ctr" not inside "electric"; "roas" not in "roast")
        if term.isascii():
            body = rf"(?<![a-z]){body}(?![a-z])"
        parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE), lookup


def find_metrics(text: str) -> list[Mention]:
    """Every metric named in ``text``, longest names first, no overlaps, in text order."""
    pattern, lookup = _pattern()
    found = []
    for m in pattern.finditer(text):
        key = re.sub(r"\s+", "", m.group(0)).lower()
        found.append(Mention(lookup[key], m.start(), m.end(), m.group(0)))
    return found


def metric_of(name: str | None) -> Metric | None:
    """The catalogue metric a free-text metric name (``LINE 好友數``, ``月營收``) refers to."""
    if not name:
        return None
    if name in BY_ID:
        return BY_ID[name]
    mentions = find_metrics(name)
    return mentions[0].metric if mentions else None


def vague_terms(text: str) -> list[str]:
    """Words that sound like a goal but cannot be counted as written (知名度, awareness)."""
    low = text.lower()
    return [term for term in VAGUE_TERMS if term in low]
