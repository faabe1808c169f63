"""The monthly 通报's content: every unit's figures, its points item by item, its rank, and the change from the month
before. Computed once when the 通报 is generated and kept on it as a snapshot (JSON), which the pages, the PDF and
the next month's comparison read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from evaluation import charts, conf
from evaluation.figures import LEVELS, METRICS, Period, UnitFigures, totals, unit_figures
from evaluation.models import Bulletin
from evaluation.scoring import MONTHLY_RULES, number, ranks, score_unit

# The figures the ranking table shows, in order (the full set is on each unit's line of the detail table).
TABLE_METRICS = ("published", "late", "interpretation_rate", "app_on_time_rate", "msg_on_time_rate",
                 "msg_satisfaction", "corr_on_time_rate", "nm_flags")  # fmt: skip


def scores(period: Period) -> tuple[list[UnitFigures], dict[int, list], dict[int, Decimal], dict[int, int]]:
    rows = unit_figures(period)
    items, total = {}, {}
    for f in rows:
        items[f.unit_id], total[f.unit_id] = score_unit(MONTHLY_RULES, f)
    return rows, items, total, ranks(total)


def previous_standing(period: Period) -> dict[int, dict]:
    """Each unit's total and rank the month before: as that month's 通报 told them, or computed when there was none."""
    before = period.previous_month()
    bulletin = Bulletin.objects.filter(year=before.start.year, month=before.start.month).first()
    if bulletin is not None and bulletin.figures.get("units"):
        return {u["figures"]["unit_id"]: {"total": u["total"], "rank": u["rank"]} for u in bulletin.figures["units"]}
    _, _, total, rank = scores(before)
    return {unit_id: {"total": number(total[unit_id]), "rank": rank[unit_id]} for unit_id in total}


def snapshot(period: Period) -> dict:
    rows, items, total, rank = scores(period)
    previous = previous_standing(period)
    units = [
        {
            "figures": f.to_json(),
            "items": [item.to_json() for item in items[f.unit_id]],
            "total": number(total[f.unit_id]),
            "rank": rank[f.unit_id],
            "previous": previous.get(f.unit_id),
        }
        for f in sorted(rows, key=lambda f: (rank[f.unit_id], f.name))
    ]
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "rules": [{"name": r.name, "weight": number(r.weight), "criteria": r.criteria} for r in MONTHLY_RULES],
        "units": units,
        "totals": totals(rows).to_json(),
    }


# --- Reading a snapshot


@dataclass
class Line:
    """One unit's line of the 通报 as pages show it."""

    unit_id: int
    name: str
    rank: int
    total: Decimal
    figures: UnitFigures
    items: list[dict]
    previous: dict | None
    inspection: object = None  # the office's entry: open marks of the site's self-inspection

    @property
    def total_change(self) -> Decimal | None:
        return None if not self.previous else self.total - Decimal(self.previous["total"])

    @property
    def label(self) -> str:
        return self.figures.short or self.name

    @property
    def change_text(self) -> str:
        """The month-on-month change as the 通报 words it: “+2.50分，上升3位”."""
        if not self.previous:
            return "—"
        change, places = self.total_change, self.rank_change
        sign = "+" if change > 0 else ""
        moved = f"上升{places}位" if places > 0 else f"下降{-places}位" if places < 0 else "名次持平"
        return f"{sign}{change:.2f}分，{moved}"

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost since last month."""
        return None if not self.previous else self.previous["rank"] - self.rank

    @property
    def cells(self) -> list:
        return [METRICS[key].value(self.figures) for key in TABLE_METRICS]

    @property
    def review_days(self) -> list:
        return [self.figures.average_days(level) for level, _ in LEVELS]


class Reading:
    """A 通报's snapshot with the entries the office made, for templates."""

    def __init__(self, bulletin: Bulletin) -> None:
        data = bulletin.figures or {}
        inspection = (bulletin.entries or {}).get("inspection", {})
        self.rules = data.get("rules", [])
        self.lines = [
            Line(
                u["figures"]["unit_id"],
                u["figures"]["name"],
                u["rank"],
                Decimal(u["total"]),
                UnitFigures.from_json(u["figures"]),
                u["items"],
                u.get("previous"),
                inspection.get(str(u["figures"]["unit_id"])),
            )  # fmt: skip
            for u in data.get("units", [])
        ]
        self.totals = UnitFigures.from_json(data["totals"]) if data.get("totals") else UnitFigures(0, "合计")
        self.headings = [f"{METRICS[key].label}（{METRICS[key].unit}）" for key in TABLE_METRICS]
        self.total_cells = [METRICS[key].value(self.totals) for key in TABLE_METRICS]
        self.levels = [label for _, label in LEVELS]
        self.total_review_days = [self.totals.average_days(level) for level, _ in LEVELS]

    def chart(self) -> charts.Chart:
        pass_line = conf.grades()[-2].minimum
        rows = [(line.label, float(line.total), float(line.total) < pass_line) for line in self.lines]
        return charts.ranking(rows, title="各单位得分排名")

    def publication_chart(self) -> charts.Chart:
        rows = [(line.label, line.figures.published) for line in self.lines]
        top = max([n for _, n in rows] + [0])
        return charts.ranking([(name, n, False) for name, n in rows], title="各单位发布信息数量",
                              maximum=charts.nice_max(top))  # fmt: skip
