"""Table 二's entered figures from a CSV or XLSX file: a unit whose divisions keep their own 行政许可, 行政处罚,
行政强制 and 收费 figures lists one division a row; the report takes the sums. Every row is checked and every error is
reported with its row number; with any error nothing is taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from services_guide.catalogue import UnreadableFile, read_table

HEADER = ["科室或项目", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"]
FIELDS = ["licences", "penalties", "enforcements", "fees"]
MAX_ROWS = 500


@dataclass
class Imported:
    totals: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rows: int = 0


def read(name: str, data: bytes) -> Imported:
    result = Imported()
    try:
        table = [row for row in read_table(name, data) if any(cell.strip() for cell in row)]
    except UnreadableFile as exc:
        result.errors.append(str(exc))
        return result
    if not table or [c.strip() for c in table[0][: len(HEADER)]] != HEADER:
        result.errors.append("第1行应为表头：" + "，".join(HEADER) + "。")
        return result
    if len(table) - 1 > MAX_ROWS:
        result.errors.append(f"最多{MAX_ROWS}行数据。")
        return result
    totals = {"licences": 0, "penalties": 0, "enforcements": 0, "fees": Decimal(0)}
    for number, row in enumerate(table[1:], start=2):
        cells = [c.strip() for c in row] + [""] * len(HEADER)
        if not cells[0]:
            result.errors.append(f"第{number}行：请填写科室或项目名称。")
        for label, name_, cell in zip(HEADER[1:], FIELDS, cells[1:5], strict=True):
            value = _number(cell, decimal=name_ == "fees")
            if value is None:
                result.errors.append(
                    f"第{number}行：“{label}”应为不小于0的{'数字' if name_ == 'fees' else '整数'}（没有的填0）。"
                )
            else:
                totals[name_] += value
        result.rows += 1
    if not result.errors:
        result.totals = totals
    if not result.rows and not result.errors:
        result.errors.append("文件中没有数据行。")
    return result


def _number(cell: str, *, decimal: bool):
    try:
        value = Decimal(cell.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0:
        return None
    if decimal:
        return value if value == value.quantize(Decimal("0.0001")) else None
    return int(value) if value == int(value) else None
