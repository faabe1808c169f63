"""The yearly 考核: each unit's score under the office's scheme, item by item, and its grade (考核制度 art. 4-7).

While a scheme is drafted the results are computed afresh on every look; finalising keeps them on the scheme, so the
grades the units were told stay what they were."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from evaluation import conf
from evaluation.figures import Period, unit_figures
from evaluation.models import ManualScore, Scheme
from evaluation.scoring import Manual, Rule, number, ranks, score_unit


def assess(scheme: Scheme) -> dict:
    indicators = list(scheme.indicators.all())
    rules = [Rule.of(i) for i in indicators]
    manual: dict[int, dict[str, Manual]] = {}
    for s in ManualScore.objects.filter(indicator__scheme=scheme):
        manual.setdefault(s.organization_id, {})[str(s.indicator_id)] = Manual(s.points, s.note)
    scale = conf.grades()
    weight = Decimal(scheme.performance_weight)
    results, totals = [], {}
    for f in unit_figures(Period.year(scheme.year)):
        items, total = score_unit(rules, f, manual.get(f.unit_id))
        totals[f.unit_id] = total
        results.append({
            "unit_id": f.unit_id, "name": f.name, "items": [item.to_json() for item in items], "total": number(total),
            "grade": conf.grade_for(float(total), scale),
            "weighted": number((total * weight / 100).quantize(Decimal("0.01"))),
        })  # fmt: skip
    rank = ranks(totals)
    for row in results:
        row["rank"] = rank[row["unit_id"]]
    results.sort(key=lambda row: (row["rank"], row["name"]))
    return {
        "year": scheme.year,
        "computed_at": timezone.now().isoformat(),
        "performance_weight": number(weight),
        "grades": [[g.name, g.minimum] for g in scale],
        "indicators": [
            {"key": r.key, "name": r.name, "weight": number(r.weight), "criteria": r.criteria} for r in rules
        ],  # fmt: skip
        "units": results,
    }


def results_of(scheme: Scheme) -> dict:
    """The kept results of a finalised scheme, or the results as they stand for a draft."""
    return scheme.results if scheme.status == Scheme.Status.FINAL and scheme.results else assess(scheme)


def table(results: dict) -> tuple[list[str], list[list]]:
    """Header and rows of the export: one line per unit, one column per item, then total, grade and the weighted
    score carried into the government's performance review."""
    header = ["名次", "单位", *(f"{i['name']}（{i['weight']}分）" for i in results["indicators"]),
              "得分", "等次", f"折算绩效考核得分（权重{results['performance_weight']}%）"]  # fmt: skip
    rows = []
    for unit in results["units"]:
        points = [Decimal(item["points"]) if item["scored"] else "未评分" for item in unit["items"]]
        rows.append([unit["rank"], unit["name"], *points, Decimal(unit["total"]), unit["grade"],
                     Decimal(unit["weighted"])])  # fmt: skip
    return header, rows


def explanations(results: dict) -> tuple[list[str], list[list]]:
    """Every item's score and the sentence that explains it, one line per unit and item."""
    header = ["单位", "考核项目", "分值", "得分", "数据", "得分说明"]
    rows = [
        [
            unit["name"],
            item["name"],
            Decimal(item["weight"]),
            Decimal(item["points"]),
            item["value"],
            item["explanation"],
        ]  # fmt: skip
        for unit in results["units"]
        for item in unit["items"]
    ]
    return header, rows
