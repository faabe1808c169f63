"""Turning a unit's figures into points, item by item, with the sentence that explains each (考核制度 art. 5:
考核工作实行量化标准). The monthly ranking and the yearly 考核 use the same rules.

Points are exact to the cent (ROUND_HALF_UP) and a total is the sum of its items' points as shown, so a reader can
add up any score from its explanation."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from evaluation.figures import METRICS, UnitFigures
from evaluation.models import Indicator

R = Indicator.Rule
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def number(value) -> str:
    """A Decimal as people write it: 10, 2.5, 7.25."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Rule:
    """How one item scores: a 考核 indicator, or an item of the monthly ranking."""

    key: str
    name: str
    rule: str
    weight: Decimal
    metric: str = ""
    target: Decimal | None = None
    criteria: str = ""

    @classmethod
    def of(cls, indicator: Indicator) -> Rule:
        return cls(str(indicator.pk), indicator.name, indicator.rule, Decimal(indicator.weight), indicator.metric,
                   None if indicator.target is None else Decimal(indicator.target), indicator.criteria)  # fmt: skip

    def problem(self) -> str | None:
        """Why the rule cannot score, or None: a computed rule needs a metric of the right kind and a target."""
        if self.rule == R.MANUAL:
            return None
        metric = METRICS.get(self.metric)
        if metric is None:
            return f"“{self.name}”须选择数据指标。"
        if self.rule == R.RATE and not metric.is_rate:
            return f"“{self.name}”按比率得分，须选择比率类指标（%）。"
        if self.rule in (R.TARGET, R.PENALTY) and metric.is_rate:
            return f"“{self.name}”按数量得分或扣分，须选择数量类指标。"
        if self.rule in (R.TARGET, R.PENALTY) and not (self.target and self.target > 0):
            return f"“{self.name}”须填写大于0的目标值或每项扣分。"
        return None


@dataclass(frozen=True)
class Manual:
    points: Decimal
    note: str


@dataclass
class ItemScore:
    key: str
    name: str
    weight: str
    points: str
    value: str
    explanation: str
    scored: bool = True  # False: a manual item not yet scored

    def to_json(self) -> dict:
        return asdict(self)


def score_item(rule: Rule, figures: UnitFigures, manual: Manual | None = None) -> ItemScore:
    weight = cents(rule.weight)
    w = number(weight)
    if rule.rule == R.MANUAL:
        if manual is None:
            return ItemScore(rule.key, rule.name, w, "0", "—", "尚未评分。", scored=False)
        points = min(cents(manual.points), weight)
        return ItemScore(rule.key, rule.name, w, number(points), number(points), f"人工评分：{manual.note}")
    metric = METRICS[rule.metric]
    if rule.rule == R.RATE:
        fraction = metric.fraction(figures)
        if fraction is None:
            return ItemScore(rule.key, rule.name, w, w, "—", f"本期无{metric.label}所计事项，按满分计。")
        done, due = fraction
        points = cents(weight * done / due)
        value = f"{metric.value(figures)}%"
        return ItemScore(rule.key, rule.name, w, number(points), value,
                         f"{metric.label}{done}/{due}（{value}），{w}分 × {done}/{due} = {number(points)}分。")  # fmt: skip
    value = metric.read(figures)
    target = rule.target
    if rule.rule == R.TARGET:
        reached = min(Decimal(value), target)
        points = cents(weight * reached / target)
        return ItemScore(rule.key, rule.name, w, number(points), f"{value}{metric.unit}",
                         f"{metric.label}{value}{metric.unit}，达到{number(target)}{metric.unit}得满分，"
                         f"{w}分 × {number(reached)}/{number(target)} = {number(points)}分。")  # fmt: skip
    deduction = cents(target * value)
    points = max(weight - deduction, Decimal(0))
    return ItemScore(rule.key, rule.name, w, number(points), f"{value}{metric.unit}",
                     f"{metric.label}{value}{metric.unit}，每{metric.unit}扣{number(target)}分，"
                     f"{w}分 − {number(deduction)}分 = {number(points)}分。")  # fmt: skip


def score_unit(rules: list[Rule], figures: UnitFigures, manual: dict[str, Manual] | None = None):
    """(items, total): every item's score and their sum."""
    items = [score_item(rule, figures, (manual or {}).get(rule.key)) for rule in rules]
    return items, sum((Decimal(item.points) for item in items), Decimal(0))


def ranks(totals: dict[int, Decimal]) -> dict[int, int]:
    """Rank by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    return {key: ordered.index(total) + 1 for key, total in totals.items()}


# --- The monthly ranking's items (the 通报): every figure the office follows each month, 100 points in all.

MONTHLY_RULES = [
    Rule("published", "信息发布", R.TARGET, Decimal(20), "published", Decimal(5), "每月发布5条及以上得满分"),
    Rule("timely", "按时公开", R.RATE, Decimal(15), "timely_rate"),
    Rule("interpretation", "政策解读", R.RATE, Decimal(10), "interpretation_rate"),
    Rule("applications", "依申请公开按时答复", R.RATE, Decimal(15), "app_on_time_rate"),
    Rule("messages", "留言按时答复", R.RATE, Decimal(15), "msg_on_time_rate"),
    Rule("satisfaction", "留言满意度", R.RATE, Decimal(10), "msg_satisfaction"),
    Rule("corrections", "纠错按时处理", R.RATE, Decimal(5), "corr_on_time_rate"),
    Rule("newmedia", "新媒体活跃", R.PENALTY, Decimal(10), "nm_flags", Decimal("2.5"), "每次预警扣2.5分"),
]

# --- A new 考核方案 starts from the six areas of the county's 考核制度 (art. 4), 100 points in all.

DEFAULT_INDICATORS = [
    ("组织领导", R.MANUAL, "", 10, None, "纳入年度目标管理、健全领导和办事机构、制定年度计划并定期研究部署"),
    ("制度建设", R.MANUAL, "", 10, None, "主动公开、依申请公开、考核评议、责任追究、保密审查等制度健全、可操作"),
    ("公开内容·信息发布", R.TARGET, "published", 10, 60, "全年发布60条及以上得满分"),
    ("公开内容·按时公开", R.RATE, "timely_rate", 10, None, "成文之日起20个工作日内公开"),
    ("公开内容·政策解读", R.RATE, "interpretation_rate", 10, None, "政策文件配发解读"),
    ("公开形式·政务新媒体", R.PENALTY, "nm_flags", 10, 1, "每次活跃度预警扣1分"),
    ("程序和时限·依申请公开", R.RATE, "app_on_time_rate", 10, None, "按期答复"),
    ("程序和时限·政民互动", R.RATE, "msg_on_time_rate", 10, None, "3个工作日内答复"),
    ("程序和时限·网站纠错", R.RATE, "corr_on_time_rate", 5, None, "按期处理"),
    ("公开效果·群众满意度", R.RATE, "msg_satisfaction", 10, None, "留言答复满意和基本满意"),
    ("公开效果·综合评议", R.MANUAL, "", 5, None, "机关作风、行政效能、依法行政水平改善情况"),
]
