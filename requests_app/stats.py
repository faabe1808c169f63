"""Table 三 of the annual report (国办公开办函〔2021〕30号): applications received and handled.

For a year (and optionally one organisation asked):
- 一 本年新收: received in the year;
- 二 上年结转: received before the year and not concluded before it;
- 三 办理结果: concluded in the year, by result;
- 四 结转下年度继续办理: received by the year's end and not concluded by it.
Because nothing is concluded before it is received (a database constraint), 一 + 二 = 三（七） + 四 holds in every
column. Applications never received (an online filing withdrawn before the office confirmed it) are not counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from requests_app.models import ApplicantType, Application, DisputeCase, Result

# The national form's labels: the five kinds sit under 法人或其他组织, the last of them is plain 其他.
COLUMNS: list[tuple[str, str]] = [
    (value, "其他" if value == ApplicantType.OTHER_ORG else label) for value, label in ApplicantType.choices
] + [("total", "总计")]
COLUMN_KEYS = [key for key, _ in COLUMNS]


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    level: int  # 0: 一/二/三/四, 1: （一）…（七）, 2: numbered reasons
    results: tuple[str, ...] = ()  # result categories counted in this row (section 三)


def _reasons(prefix: str, labels: list[str]) -> list[RowSpec]:
    return [RowSpec(f"{prefix}_{i}", f"{i}.{label}", 2, (f"{prefix}_{i}",)) for i, label in enumerate(labels, 1)]


ROWS: list[RowSpec] = [
    RowSpec("new", "一、本年新收政府信息公开申请数量", 0),
    RowSpec("carried_in", "二、上年结转政府信息公开申请数量", 0),
    RowSpec("results", "三、本年度办理结果", 0),
    RowSpec("disclosed", "（一）予以公开", 1, (Result.DISCLOSED,)),
    RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, (Result.PARTIAL,)),
    RowSpec("withheld", "（三）不予公开", 1),
    *_reasons("withheld", [
        "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
        "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项",
    ]),
    RowSpec("unavailable", "（四）无法提供", 1),
    *_reasons("unavailable", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
    RowSpec("not_handled", "（五）不予处理", 1),
    *_reasons("not_handled", [
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ]),
    RowSpec("other", "（六）其他处理", 1),
    *_reasons("other", [
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他",
    ]),
    RowSpec("results_total", "（七）总计", 1),
    RowSpec("carried_over", "四、结转下年度继续办理", 0),
]  # fmt: skip

# Heading rows of the national form that carry no figures of their own.
HEADING_ROWS = {"results", "withheld", "unavailable", "not_handled", "other"}


@dataclass
class TableThree:
    year: int
    organization: object
    rows: list[tuple[RowSpec, dict[str, int]]]

    def row(self, key: str) -> dict[str, int]:
        return next(values for spec, values in self.rows if spec.key == key)

    def display_rows(self) -> list[tuple[RowSpec, list]]:
        """Rows with their cells in column order; heading rows have empty cells."""
        return [(spec, [values.get(c, "") for c in COLUMN_KEYS]) for spec, values in self.rows]

    def identity_holds(self) -> bool:
        """一 + 二 = 三（七） + 四, in every column."""
        new, carried_in = self.row("new"), self.row("carried_in")
        total, carried_over = self.row("results_total"), self.row("carried_over")
        return all(new[c] + carried_in[c] == total[c] + carried_over[c] for c in COLUMN_KEYS)


def _flows(base, start: date, end: date) -> dict[str, dict[str, int]]:
    """Rows 一, 二 and 四 per applicant type, in one grouped scan."""
    still_open = Q(concluded_on__isnull=True)
    aggregates = {
        "new": Count("id", filter=Q(received_on__gte=start)),
        "carried_in": Count("id", filter=Q(received_on__lt=start) & (still_open | Q(concluded_on__gte=start))),
        "carried_over": Count("id", filter=still_open | Q(concluded_on__gt=end)),
    }
    out = {key: dict.fromkeys(COLUMN_KEYS, 0) for key in aggregates}
    for row in base.values("applicant_type").annotate(**aggregates).order_by():
        for key in aggregates:
            out[key][row["applicant_type"]] = row[key]
            out[key]["total"] += row[key]
    return out


def table_three(year: int, organization=None) -> TableThree:
    start, end = date(year, 1, 1), date(year, 12, 31)
    base = Application.objects.filter(received_on__isnull=False, received_on__lte=end)
    if organization is not None:
        base = base.filter(organization=organization)
    flows = _flows(base, start, end)
    by_result = _results(base.filter(concluded_on__gte=start, concluded_on__lte=end))

    rows: list[tuple[RowSpec, dict[str, int]]] = []
    for spec in ROWS:
        if spec.key in flows:
            values = flows[spec.key]
        elif spec.key == "results_total":
            values = _sum(by_result.values())
        elif spec.results:
            values = _sum(by_result.get(r, dict.fromkeys(COLUMN_KEYS, 0)) for r in spec.results)
        else:
            values = {}
        rows.append((spec, values))
    return TableThree(year, organization, rows)


def _results(qs) -> dict[str, dict[str, int]]:
    """{result: {column: count}} in one grouped query."""
    out: dict[str, dict[str, int]] = {}
    for result, applicant_type, n in qs.values_list("result", "applicant_type").annotate(n=Count("id")).order_by():
        counts = out.setdefault(result, dict.fromkeys(COLUMN_KEYS, 0))
        counts[applicant_type] += n
        counts["total"] += n
    return out


def _sum(dicts) -> dict[str, int]:
    total = dict.fromkeys(COLUMN_KEYS, 0)
    for d in dicts:
        for k in COLUMN_KEYS:
            total[k] += d[k]
    return total


# --- Table 四: 行政复议 and 行政诉讼 (国办公开办函〔2021〕30号)

# Row labels of table 四 (the three kinds of case) and its five columns, in the national order.
FOUR_KINDS: list[tuple[str, str]] = [
    (DisputeCase.Kind.REVIEW, "行政复议"),
    (DisputeCase.Kind.LAWSUIT_DIRECT, "行政诉讼·未经复议直接起诉"),
    (DisputeCase.Kind.LAWSUIT_AFTER_REVIEW, "行政诉讼·复议后起诉"),
]
FOUR_COLUMNS: list[tuple[str, str]] = [
    *[(value, label) for value, label in DisputeCase.Outcome.choices],
    ("pending", "尚未审结"),
    ("total", "总计"),
]
FOUR_COLUMN_KEYS = [key for key, _ in FOUR_COLUMNS]


def table_four(year: int, organization=None) -> dict[str, dict[str, int]]:
    """{kind: {column: count}}. A case counts in a year when it was filed by 31 December and not concluded before
    1 January (a case open across the new year is counted again, with the result it then has). Its column is its
    result when concluded within the year, else 尚未审结. One grouped query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = DisputeCase.objects.filter(filed_on__lte=end).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
    if organization is not None:
        qs = qs.filter(organization=organization)
    aggregates = {
        value: Count("id", filter=Q(outcome=value, concluded_on__lte=end)) for value in DisputeCase.Outcome.values
    }
    aggregates["pending"] = Count("id", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))
    out = {kind: dict.fromkeys(FOUR_COLUMN_KEYS, 0) for kind, _ in FOUR_KINDS}
    for row in qs.values("kind").annotate(**aggregates).order_by():
        cells = out[row["kind"]]
        for key in aggregates:
            cells[key] = row[key]
        cells["total"] = sum(row[key] for key in aggregates)
    return out
