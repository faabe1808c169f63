"""Each unit's 政务公开 figures over a period, read from the domain apps' selectors: the rows of the monthly 通报 and
the figures a 考核 indicator scores.

A period is half-open, [start, end), in Asia/Shanghai: a document published at 23:59 on 31 January counts in
January, one at 00:00 on 1 February in February. Each figure counts events dated in the period (published, decided,
received, answered, rated), so a month's figures do not change when later months happen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

from disclosure import selectors as disclosure
from evaluation import conf
from interaction import selectors as interaction
from newmedia import selectors as newmedia
from portal.models import Organization
from requests_app import selectors as requests_app

LEVELS = (("first", "初审"), ("second", "复审"), ("final", "终审"))


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the day after the last

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(date(year, month, 1), end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    def previous_month(self) -> Period:
        if self.start.month == 1:
            return Period.month(self.start.year - 1, 12)
        return Period.month(self.start.year, self.start.month - 1)

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass
class UnitFigures:
    """One unit's counts over a period. Everything is a count (or seconds), so totals add up; rates are derived."""

    unit_id: int
    name: str
    kind: str = ""
    short: str = ""  # the unit's short name, for chart labels
    published: int = 0  # public documents published (withdrawn since included)
    news: int = 0  # of which in news columns (政务动态)
    catalogue: int = 0  # of which in catalogue columns (政府信息公开目录)
    late: int = 0  # published more than 20 working days after their 成文日期
    by_column: dict = field(default_factory=dict)  # column id (str) -> published
    review: dict = field(default_factory=dict)  # level -> [decisions, seconds waited in total]
    policies: int = 0  # policies published
    interpreted: int = 0  # of which had a 解读 by the period's end
    app_received: int = 0
    app_answered: int = 0
    app_on_time: int = 0
    msg_dispatched: int = 0
    msg_answered: int = 0
    msg_on_time: int = 0
    msg_rated: int = 0
    msg_satisfied: int = 0  # 满意 or 基本满意
    corr_replied: int = 0
    corr_on_time: int = 0
    nm_posts: int = 0
    nm_flags: int = 0

    def add(self, other: UnitFigures) -> None:
        """Add another unit's counts (the totals row)."""
        for name, value in asdict(other).items():
            if isinstance(value, int) and name != "unit_id":
                setattr(self, name, getattr(self, name) + value)
        for key, n in other.by_column.items():
            self.by_column[key] = self.by_column.get(key, 0) + n
        for level, (count, seconds) in other.review.items():
            mine = self.review.setdefault(level, [0, 0.0])
            mine[0] += count
            mine[1] += seconds

    def average_days(self, level: str) -> float | None:
        count, seconds = self.review.get(level, (0, 0.0))
        return round(seconds / count / 86400, 1) if count else None

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> UnitFigures:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


# --- Metrics: what an indicator may score, and what the 通报 shows


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "条", "件", "%", "天" ...
    # A count: the value. A rate: (numerator, denominator), None when nothing was due (denominator 0).
    read: Callable[[UnitFigures], int | tuple[int, int]]
    is_rate: bool = False

    def fraction(self, figures: UnitFigures) -> tuple[int, int] | None:
        numerator, denominator = self.read(figures)
        return (numerator, denominator) if denominator else None

    def value(self, figures: UnitFigures) -> float | None:
        """The figure as shown: a count, or a rate in per cent to one decimal (None: nothing was due)."""
        if not self.is_rate:
            return self.read(figures)
        fraction = self.fraction(figures)
        return round(100 * fraction[0] / fraction[1], 1) if fraction else None


def _rate(key: str, label: str, read) -> Metric:
    return Metric(key, label, "%", read, is_rate=True)


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("published", "发布信息", "条", lambda f: f.published),
        Metric("news", "政务动态", "条", lambda f: f.news),
        Metric("catalogue", "公开目录信息", "条", lambda f: f.catalogue),
        Metric("late", "超期公开", "条", lambda f: f.late),
        _rate("timely_rate", "按时公开率", lambda f: (f.published - f.late, f.published)),
        _rate("interpretation_rate", "政策解读率", lambda f: (f.interpreted, f.policies)),
        Metric("app_received", "收到依申请公开", "件", lambda f: f.app_received),
        Metric("app_answered", "答复依申请公开", "件", lambda f: f.app_answered),
        _rate("app_on_time_rate", "依申请公开按时答复率", lambda f: (f.app_on_time, f.app_answered)),
        Metric("msg_dispatched", "交办留言", "件", lambda f: f.msg_dispatched),
        Metric("msg_answered", "答复留言", "件", lambda f: f.msg_answered),
        _rate("msg_on_time_rate", "留言按时答复率", lambda f: (f.msg_on_time, f.msg_answered)),
        _rate("msg_satisfaction", "留言满意率", lambda f: (f.msg_satisfied, f.msg_rated)),
        Metric("corr_replied", "处理纠错", "件", lambda f: f.corr_replied),
        _rate("corr_on_time_rate", "纠错按时处理率", lambda f: (f.corr_on_time, f.corr_replied)),
        Metric("nm_posts", "新媒体发布", "条", lambda f: f.nm_posts),
        Metric("nm_flags", "新媒体活跃度预警", "次", lambda f: f.nm_flags),
    )
}
# What an indicator may read: the metrics above, as (key, label) choices.
METRIC_CHOICES = [(m.key, f"{m.label}（{m.unit}）") for m in METRICS.values()]


# --- Computing


def evaluated_units() -> list[dict]:
    return list(
        Organization.objects.active()
        .exclude(kind=conf.OFFICE_KIND)
        .order_by("order", "id")
        .values("id", "name", "short_name", "kind")
    )


def unit_figures(period: Period) -> list[UnitFigures]:
    """Every evaluated unit's figures for ``period``, in the units' order (a few grouped queries in all)."""
    units = {u["id"]: UnitFigures(u["id"], u["name"], u["kind"], u["short_name"]) for u in evaluated_units()}
    start_at, end_at = period.start_at, period.end_at
    kinds = {c["id"]: c["kind"] for c in disclosure.all_columns()}
    for row in disclosure.publication_counts(start_at, end_at):
        f = units.get(row["organization_id"])
        if f is None:
            continue
        n = row["published"]
        f.published += n
        f.late += row["late"]
        f.by_column[str(row["column_id"])] = f.by_column.get(str(row["column_id"]), 0) + n
        kind = kinds.get(row["column_id"])
        if kind == "news":
            f.news += n
        elif kind == "catalogue":
            f.catalogue += n
    for unit_id, level, count, seconds in disclosure.review_durations(start_at, end_at):
        if unit_id in units:
            units[unit_id].review[level] = [count, seconds]
    for row in disclosure.interpretation_coverage(start_at, end_at):
        if (f := units.get(row["organization_id"])) is not None:
            f.policies, f.interpreted = row["policies"], row["interpreted"]
    _merge(units, requests_app.unit_figures(period.start, period.end),
           {"received": "app_received", "answered": "app_answered", "on_time": "app_on_time"})  # fmt: skip
    _merge(units, interaction.message_unit_figures(start_at, end_at),
           {"dispatched": "msg_dispatched", "answered": "msg_answered", "on_time": "msg_on_time",
            "rated": "msg_rated", "satisfied": "msg_satisfied"})  # fmt: skip
    _merge(units, interaction.correction_unit_figures(start_at, end_at),
           {"replied": "corr_replied", "on_time": "corr_on_time"})  # fmt: skip
    _merge(units, newmedia.activity_unit_figures(period.start, period.end), {"posts": "nm_posts", "flags": "nm_flags"})
    return list(units.values())


def _merge(units: dict[int, UnitFigures], rows: dict[int, dict], names: dict[str, str]) -> None:
    for unit_id, row in rows.items():
        if (f := units.get(unit_id)) is not None:
            for source, target in names.items():
                setattr(f, target, row.get(source) or 0)


def totals(rows: list[UnitFigures]) -> UnitFigures:
    total = UnitFigures(0, "合计")
    for row in rows:
        total.add(row)
    return total
