"""Builders for the self-inspection tests. Documents are published through the disclosure services at a chosen
moment (time-machine), so a column's last publication is what publishing really wrote."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure import services as disclosure
from disclosure.models import Column
from inspection.linkcheck import LinkChecker, Manners, host_of

TZ = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 10):
    """Travel to ``day`` at ``hour`` (Shanghai), clock frozen."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


def publish(office_staff, column: Column, title: str, *, on: date | None = None, organization=None, body: str = ""):
    """A published document in ``column`` (through the services), published on ``on`` when given."""
    fields = {"body": body or f"<p>{title}。</p>"}
    if column.carries_metadata:
        fields.update(summary=title, topic="综合政务", genre="通知")
    if column.requires_doc_number:
        fields["doc_number"] = f"清政发〔{(on or date(2026, 1, 1)).year}〕{Column.objects.count() + len(title)}号"
    organization = organization or office_staff.organization

    def make():
        return disclosure.import_document(actor=office_staff, column=column, organization=organization, title=title,
                                          **fields)  # fmt: skip

    if on is None:
        return make()
    with at(on):
        return make()


def news_column(slug: str, name: str | None = None, **fields) -> Column:
    """A news column of its own (the default class of a news column without a rule: 2 weeks)."""
    return Column.objects.create(slug=slug, name=name or slug, kind=Column.Kind.NEWS, **fields)


class LoopbackOnly(LinkChecker):
    """The tests' link checker: only addresses on 127.0.0.1 are ever requested (other links stay unchecked)."""

    def check(self, urls):
        yield from super().check(u for u in urls if host_of(u).startswith("127.0.0.1"))


@pytest.fixture
def checker() -> LinkChecker:
    return LoopbackOnly(Manners(concurrency=4, per_host=2, timeout=0.5, retries=1, retry_delay=0.0))
