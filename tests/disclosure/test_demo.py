"""Demo data: every column has content, every workflow state is present, and a second run changes nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure import demo
from disclosure.models import Attachment, Column, Document, DocumentHistory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_demo_fills_every_column_and_every_state_idempotently():
    """Frozen mid-year: the demo back-dates items within the current year, which early in January would crowd them
    onto 1 January."""
    from portal import demo as portal_demo

    portal_demo.seed(StringIO())
    demo.seed(StringIO())
    empty = [
        c.name
        for c in Column.objects.filter(kind__in=["news", "catalogue"])
        if not c.documents.filter(status="published").exists()
    ]
    assert empty == []
    assert set(Document.objects.values_list("status", flat=True)) == set(Document.Status.values)
    # Only 主动公开 items are published.
    assert not Document.objects.filter(status="published").exclude(disclosure_method="主动公开").exists()
    assert Document.objects.filter(interprets__isnull=False).exists()
    # The scan is shown at work: a word from the admin list holds an item at 终审; another went out on an override.
    assert Document.objects.filter(status="pending_final", scan_blocking=True).exists()
    assert DocumentHistory.objects.filter(action="override").exclude(opinion="").exists()
    assert Attachment.objects.filter(kind="docx").exclude(extracted_text="").exists()
    # 超期公开 is judged against the (back-dated) publishing date: only the deliberately late example is flagged.
    late = list(Document.objects.filter(published_late=True).values_list("column__slug", flat=True))
    assert late == ["ndbg"]
    count = Document.objects.count()
    demo.seed(StringIO())
    assert Document.objects.count() == count
