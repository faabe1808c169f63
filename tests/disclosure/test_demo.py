"""Demo data: every column has content, every workflow state is present, and a second run changes nothing."""

from io import StringIO

import pytest

from disclosure import demo
from disclosure.models import Column, Document

pytestmark = pytest.mark.django_db


def test_demo_fills_every_column_and_every_state_idempotently():
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
    assert Document.objects.filter(interprets__isnull=False).exists()
    count = Document.objects.count()
    demo.seed(StringIO())
    assert Document.objects.count() == count
