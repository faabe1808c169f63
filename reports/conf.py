"""Settings of the annual report, read from Django settings with the legal defaults.

条例 arts. 49-50: a department (and a township) publishes its report for the past year by 31 January, the county
government by 31 March. The county office may set earlier internal dates (a unit's report filed with the office)."""

from __future__ import annotations

from datetime import date

from django.conf import settings


def _month_day(name: str, default: tuple[int, int]) -> tuple[int, int]:
    value = getattr(settings, name, default)
    return (int(value[0]), int(value[1]))


def unit_due_on(year: int) -> date:
    month, day = _month_day("REPORTS_UNIT_DUE_MONTH_DAY", (1, 31))
    return date(year + 1, month, day)


def county_due_on(year: int) -> date:
    month, day = _month_day("REPORTS_COUNTY_DUE_MONTH_DAY", (3, 31))
    return date(year + 1, month, day)


def due_on(organization, year: int) -> date:
    return county_due_on(year) if organization.is_county_office else unit_due_on(year)


# The catalogue column every unit publishes its report in (政府信息公开工作年度报告, 国办公开办函〔2019〕61号).
REPORT_COLUMN_SLUG = getattr(settings, "REPORTS_COLUMN_SLUG", "ndbg")
