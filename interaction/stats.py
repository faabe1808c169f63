"""Statistics of messages per month and per unit (the 网站年度报表 counts received, closed,
average days to close). A message counts in the month it was received; on-time flags were frozen when the unit
answered, so later calendar edits do not rewrite history."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from portal.models import Organization

from .models import Message

S = Message.Status
SAT = Message.Satisfaction


_COUNTS = ("received", "accepted", "rejected", "answered", "on_time", "workdays_sum", "rated", "satisfied", "basic",
           "unsatisfied")  # fmt: skip


@dataclass
class Row:
    label: str
    received: int = 0
    accepted: int = 0
    rejected: int = 0
    answered: int = 0
    on_time: int = 0
    workdays_sum: int = 0
    rated: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    key: object = None

    def add(self, values: dict) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + (values.get(name) or 0))

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def avg_workdays(self) -> float | None:
        """Average working days from receipt to the reply, over answered messages."""
        return round(self.workdays_sum / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        """满意 + 基本满意 over all ratings."""
        return round(100 * (self.satisfied + self.basic) / self.rated, 1) if self.rated else None


@dataclass
class Report:
    year: int
    months: list[Row]
    units: list[Row]
    total: Row
    chart: dict = field(default_factory=dict)


_AGGREGATES = {
    "received": Count("id"),
    "accepted": Count("id", filter=Q(accepted_at__isnull=False)),
    "rejected": Count("id", filter=Q(status=S.REJECTED)),
    "answered": Count("id", filter=Q(replied_at__isnull=False)),
    "on_time": Count("id", filter=Q(replied_at__isnull=False, replied_on_time=True)),
    "workdays_sum": Sum("handling_workdays", filter=Q(replied_at__isnull=False)),
    "rated": Count("id", filter=~Q(satisfaction="")),
    "satisfied": Count("id", filter=Q(satisfaction=SAT.SATISFIED)),
    "basic": Count("id", filter=Q(satisfaction=SAT.BASIC)),
    "unsatisfied": Count("id", filter=Q(satisfaction=SAT.UNSATISFIED)),
}


def year_report(year: int, queryset: QuerySet[Message] | None = None, month: int | None = None) -> Report:
    """One aggregate query grouped by (month, unit) — a few hundred rows at most — rolled up here into the month
    table, the unit table (the whole year or one month) and the total; plus one query for the unit names."""
    qs = (queryset if queryset is not None else Message.objects.all()).order_by()
    qs = qs.filter(received_month__range=(year * 100 + 1, year * 100 + 12))
    cells = list(qs.values("received_month", "unit_id").annotate(**_AGGREGATES))
    months = [Row(f"{m}月", key=m) for m in range(1, 13)]
    total = Row("合计")
    by_unit: dict[int | None, Row] = {}
    for cell in cells:
        m = cell["received_month"] % 100
        months[m - 1].add(cell)
        total.add(cell)
        if month is None or m == month:
            by_unit.setdefault(cell["unit_id"], Row("", key=cell["unit_id"])).add(cell)
    names = dict(Organization.objects.filter(pk__in=[k for k in by_unit if k]).values_list("pk", "name"))
    units = sorted(by_unit.values(), key=lambda r: (r.key is None, -r.received, r.key or 0))
    for row in units:
        row.label = names.get(row.key, "未分办")
    return Report(year=year, months=months, units=units, total=total, chart=chart(months))


# --- the chart, drawn on the server as SVG coordinates (no JavaScript, no external library)

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 20, 40


def chart(months: list[Row]) -> dict:
    """Bars of received and answered per month, and the on-time rate as a line on a 0-100% right axis."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = _nice_max(max([r.received for r in months] + [1]))
    slot = plot_w / len(months)
    bar_w = slot * 0.32
    base_y = TOP + plot_h
    bars, points, labels = [], [], []
    for i, r in enumerate(months):
        x0 = LEFT + i * slot + slot * 0.16
        for j, (value, css, name) in enumerate(
            ((r.received, "bar-received", "收到"), (r.answered, "bar-answered", "答复"))
        ):
            h = plot_h * value / top_value
            bars.append({"x": round(x0 + j * bar_w, 1), "y": round(base_y - h, 1), "w": round(bar_w, 1),
                         "h": round(h, 1), "css": css, "title": f"{r.label}{name} {value} 件"})  # fmt: skip
        cx = round(LEFT + i * slot + slot / 2, 1)
        labels.append({"x": cx, "y": base_y + 18, "text": r.label})
        if r.on_time_rate is not None:
            points.append(
                {
                    "x": cx,
                    "y": round(base_y - plot_h * r.on_time_rate / 100, 1),
                    "title": f"{r.label}按时率 {r.on_time_rate}%",
                }
            )
    ticks = [
        {"y": round(base_y - plot_h * k / 4, 1), "left": round(top_value * k / 4), "right": f"{25 * k}%"}
        for k in range(5)
    ]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right_x": WIDTH - RIGHT, "base_y": base_y, "top": TOP,
        "bars": bars, "points": points, "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "labels": labels, "ticks": ticks,
    }  # fmt: skip


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value``, divisible by 4 for the gridlines."""
    step = 4
    while step * 10 < value:
        step *= 10
    return -(-value // step) * step if value > 4 else 4
