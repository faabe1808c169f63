"""The 信息处理费 of one application under either standard (国办函〔2020〕109号; figures in requests_app.conf)."""

from __future__ import annotations

from decimal import Decimal

from requests_app import conf


def by_count(ordinal: int) -> Decimal:
    """The charge for the applicant's ``ordinal``-th application of the calendar month."""
    s = conf.fee_by_count()
    if ordinal <= s["free"]:
        return Decimal(0)
    if ordinal <= s["first_band_end"]:
        return Decimal(s["first_fee"])
    bands = (ordinal - s["first_band_end"] - 1) // s["band"] + 1
    return Decimal(s["first_fee"] + bands * s["step"])


def by_volume(pages: int) -> Decimal:
    """The charge for ``pages`` pages, each band charged for the pages within it."""
    total, start = 0, 0
    for last, per_page in conf.fee_by_volume():
        end = pages if last is None else min(pages, last)
        if end > start:
            total += (end - start) * per_page
        if last is None or pages <= last:
            break
        start = last
    return Decimal(total)
