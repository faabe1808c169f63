"""Tables 二, 三 and 四 of the annual report (国办公开办函〔2021〕30号), read from the domain apps' selectors, and the
checks run before a report is filed.

A computed set of tables is plain JSON (``{"two": ..., "three": ..., "four": ...}``), so the frozen copy a filed
report keeps and a fresh computation render the same way. ``scope`` is the organisation counted, or None for the
whole county (the county report that adds up every unit)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from disclosure import selectors as disclosure
from requests_app import selectors as requests_app

# Table 二: (key, label, unit) of its rows. The first two come from the documents, the rest are entered.
TWO_DOCUMENT_ROWS = [(slug, label) for slug, label in disclosure.REGULATION_COLUMNS.items()]
TWO_DOCUMENT_COLUMNS = [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]
TWO_ENTERED_ROWS = [
    ("第二十条第（五）项", "licences", "行政许可", "本年处理决定数量"),
    ("第二十条第（六）项", "penalties", "行政处罚", "本年处理决定数量"),
    ("第二十条第（六）项", "enforcements", "行政强制", "本年处理决定数量"),
    ("第二十条第（八）项", "fees", "行政事业性收费", "本年收费金额（单位：万元）"),
]

THREE_ROWS = requests_app.TABLE_THREE_ROWS
THREE_COLUMNS = requests_app.TABLE_THREE_COLUMNS
THREE_HEADINGS = requests_app.TABLE_THREE_HEADINGS
FOUR_KINDS = requests_app.TABLE_FOUR_KINDS
FOUR_COLUMNS = requests_app.TABLE_FOUR_COLUMNS


def compute(year: int, scope=None, entered: dict | None = None) -> dict:
    """Every table of ``year`` for ``scope`` (an Organization, or None: the whole county). ``entered`` holds the
    unit-entered figures of table 二 (None where not yet entered); amounts are strings (JSON keeps no Decimal)."""
    entered = entered or {}
    return {
        "year": year,
        "two": {
            "documents": disclosure.regulation_counts(year, scope.pk if scope is not None else None),
            "entered": {key: _plain(entered.get(key)) for _, key, _, _ in TWO_ENTERED_ROWS},
        },
        "three": requests_app.table_three(year, scope),
        "four": requests_app.table_four(year, scope),
        "fees": requests_app.fee_figures(year, scope),
    }


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return value


# --- Checks


@dataclass(frozen=True)
class Check:
    message: str
    blocking: bool


def checks(tables: dict, last: dict | None) -> list[Check]:
    """What the report's figures must satisfy. Blocking where the rule is an identity of the national form (table 三
    一＋二＝三（七）＋四 in every column; 二 equals last year's 四; table 四 总计 is the sum of its columns) or a figure
    is missing; a warning where older data may simply be missing from the portal (table 二 现行有效 = last year's
    现行有效 + 制发 − 废止)."""
    found: list[Check] = []
    for _, key, label, _ in TWO_ENTERED_ROWS:
        if tables["two"]["entered"].get(key) in (None, ""):
            found.append(Check(f"表二“{label}”尚未填报。", True))
    three = tables["three"]
    for column, column_label in THREE_COLUMNS:
        left = three["new"][column] + three["carried_in"][column]
        right = three["results_total"][column] + three["carried_over"][column]
        if left != right:
            found.append(Check(f"表三“{column_label}”列：一＋二＝{left}，三（七）＋四＝{right}，二者应相等。", True))
    if last is not None:
        for column, column_label in THREE_COLUMNS:
            now, before = three["carried_in"][column], last["three"]["carried_over"][column]
            if now != before:
                found.append(Check(f"表三“{column_label}”列：上年结转{now}件，与上年报告“结转下年度继续办理”{before}件不一致。",
                                   True))  # fmt: skip
        for slug, label in TWO_DOCUMENT_ROWS:
            row, before = tables["two"]["documents"][slug], last["two"]["documents"][slug]["in_force"]
            expected = before + row["issued"] - row["repealed"]
            if row["in_force"] != expected:
                found.append(Check(
                    f"表二“{label}”现行有效{row['in_force']}件，按上年现行有效{before}件＋本年制发{row['issued']}件"
                    f"－本年废止{row['repealed']}件应为{expected}件（可能有往年文件未录入本系统），请核实。",
                    False,
                ))  # fmt: skip
    for kind, kind_label in FOUR_KINDS:
        cells = tables["four"][kind]
        parts = sum(cells[c] for c, _ in FOUR_COLUMNS if c != "total")
        if parts != cells["total"]:
            found.append(Check(f"表四“{kind_label}”总计{cells['total']}件，与各列之和{parts}件不一致。", True))
    return found


def blocking(found: list[Check]) -> list[Check]:
    return [c for c in found if c.blocking]


# --- Rows for output (HTML, PDF, XLSX share them)


def two_rows(tables: dict, last: dict | None = None) -> list[dict]:
    rows = []
    for slug, label in TWO_DOCUMENT_ROWS:
        cells = tables["two"]["documents"][slug]
        before = last["two"]["documents"][slug] if last else None
        rows.append({"article": "第二十条第（一）项", "label": label, "kind": "documents",
                     "cells": [cells[k] for k, _ in TWO_DOCUMENT_COLUMNS],
                     "last": [before[k] for k, _ in TWO_DOCUMENT_COLUMNS] if before else None})  # fmt: skip
    for article, key, label, heading in TWO_ENTERED_ROWS:
        value = tables["two"]["entered"].get(key)
        before = last["two"]["entered"].get(key) if last else None
        rows.append({"article": article, "label": label, "kind": "entered", "heading": heading,
                     "value": "" if value is None else value, "last_value": "" if before is None else before})  # fmt: skip
    return rows


def three_rows(tables: dict, last: dict | None = None) -> list[dict]:
    rows = []
    for spec in THREE_ROWS:
        values = tables["three"].get(spec.key) or {}
        before = (last["three"].get(spec.key) or {}) if last else {}
        heading = spec.key in THREE_HEADINGS
        rows.append({"key": spec.key, "label": spec.label, "level": spec.level, "heading": heading,
                     "cells": ["" if heading else values.get(c, 0) for c, _ in THREE_COLUMNS],
                     "last_total": "" if heading or not last else before.get("total", 0)})  # fmt: skip
    return rows


def four_rows(tables: dict, last: dict | None = None) -> list[dict]:
    rows = []
    for kind, label in FOUR_KINDS:
        cells = tables["four"][kind]
        before = last["four"][kind] if last else None
        rows.append({"label": label, "cells": [cells[c] for c, _ in FOUR_COLUMNS],
                     "last_total": before["total"] if before else ""})  # fmt: skip
    return rows


def row_labels() -> list[str]:
    """Every row label of the three tables, as the national form prints them (the PDF test reads them back)."""
    labels = [label for _, label in TWO_DOCUMENT_ROWS] + [label for _, _, label, _ in TWO_ENTERED_ROWS]
    labels += [spec.label for spec in THREE_ROWS]
    labels += [label for _, label in FOUR_KINDS]
    return labels
