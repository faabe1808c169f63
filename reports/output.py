"""The report in the national layout: the context every rendering shares (staff page, PDF, the published document's
body) and the XLSX workbook of the tables for 上报."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from portal.pdf import render_pdf
from reports import reading, tables
from reports.models import AnnualReport


def context(report: AnnualReport, *, with_last: bool = True) -> dict:
    current = reading.report_tables(report)
    last = reading.last_year_tables(report) if with_last else None
    return {
        "report": report,
        "tables": current,
        "last": last,
        "two_rows": tables.two_rows(current, last),
        "two_columns": tables.TWO_DOCUMENT_COLUMNS,
        "three_rows": tables.three_rows(current, last),
        "three_columns": tables.THREE_COLUMNS,
        "four_rows": tables.four_rows(current, last),
        "four_columns": tables.FOUR_COLUMNS,
    }


def document_body(report: AnnualReport) -> str:
    """The HTML of the published document: the sections and the tables (no comparison with last year)."""
    return render_to_string("reports/_report_body.html", context(report, with_last=False))


def pdf_bytes(report: AnnualReport) -> bytes:
    return render_pdf("reports/pdf/report.html", context(report, with_last=False))


def stored_pdf(report: AnnualReport):
    """The PDF of a frozen (filed) report, rendered and stored the first time it is asked for; None while the
    report is drafted (its PDF is rendered on each download then). A concurrent render's copy is discarded."""
    if report.is_editable:
        return None
    if report.pdf:
        return report.pdf
    field = report.pdf
    name = field.storage.save(field.field.generate_filename(report, f"annual-report-{report.year}.pdf"),
                              ContentFile(pdf_bytes(report)))  # fmt: skip
    if not AnnualReport.objects.filter(pk=report.pk, pdf="").update(pdf=name):
        field.storage.delete(name)
    report.pdf = AnnualReport.objects.values_list("pdf", flat=True).get(pk=report.pk)
    return report.pdf


def xlsx_sheets(report: AnnualReport) -> list[tuple[str, list, list]]:
    ctx = context(report)
    two = []
    for row in ctx["two_rows"]:
        if row["kind"] == "documents":
            two.append([row["article"], row["label"], *row["cells"], *(row["last"] or ["", "", ""])])
        else:
            two.append([row["article"], row["label"], row["heading"], _number(row["value"]), "", "",
                        _number(row["last_value"])])  # fmt: skip
    two_header = [
        "信息内容",
        "",
        *[label for _, label in tables.TWO_DOCUMENT_COLUMNS],
        "上年制发",
        "上年废止",
        "上年现行有效",
    ]
    three = [[("　" * row["level"]) + row["label"], *row["cells"], row["last_total"]] for row in ctx["three_rows"]]
    three_header = ["", *[label for _, label in tables.THREE_COLUMNS], "上年总计"]
    four = [[row["label"], *row["cells"], row["last_total"]] for row in ctx["four_rows"]]
    four_header = ["", *[label for _, label in tables.FOUR_COLUMNS], "上年总计"]
    return [
        ("二、主动公开政府信息情况", two_header, two),
        ("三、收到和处理政府信息公开申请情况", three_header, three),
        ("四、政府信息公开行政复议、行政诉讼情况", four_header, four),
    ]


def _number(value):
    """An entered figure as a number for the workbook (amounts are kept as text in the frozen tables)."""
    if isinstance(value, str) and value:
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value
