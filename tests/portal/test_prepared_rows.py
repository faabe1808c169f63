"""portal.prepared.instances: model instances from a statement's rows, the same as ``Model.objects.raw()`` gives,
with the columns' mapping and converters worked out once per connection and statement."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connections

from disclosure.models import Column, Document
from portal import prepared
from tests.disclosure.conftest import published

pytestmark = pytest.mark.django_db

SQL = (
    "SELECT id, title, published_at, written_date, column_id, 1 AS one_more FROM disclosure_document "
    "WHERE id >= %s ORDER BY id"
)


@pytest.fixture
def documents(officer, reviewer, leader, office_staff):
    from datetime import date

    people, news_column = (officer, reviewer, leader, office_staff), Column.objects.get(slug="tzgg")
    return [published(*people, news_column, title=f"第{i}号通知", written_date=date(2026, 3, i + 1)) for i in range(3)]


def _fields(document: Document) -> dict:
    return {k: v for k, v in document.__dict__.items() if k != "_state"}


def test_rows_come_out_as_raw_gives_them(documents):
    first = min(d.pk for d in documents)
    expected = list(Document.objects.raw(SQL, [first]))
    got = prepared.instances(Document, SQL, [first])
    assert [_fields(d) for d in got] == [_fields(d) for d in expected]
    # Converted values (SQLite stores moments as text), the other columns as attributes, the rest deferred.
    assert got[0].published_at == Document.objects.get(pk=first).published_at
    assert got[0].published_at.tzinfo is not None
    assert got[0].one_more == 1
    assert "body" in got[0].get_deferred_fields()
    assert got[0]._state.db == "default" and not got[0]._state.adding


def test_a_named_statement_gives_the_same_rows(documents):
    first = min(d.pk for d in documents)
    named = prepared.instances(Document, SQL, [first], "portal_test_rows")
    again = prepared.instances(Document, SQL, [first], "portal_test_rows")
    assert [d.title for d in named] == [d.title for d in again] == ["第0号通知", "第1号通知", "第2号通知"]


def test_the_plan_is_made_once_per_connection_and_statement(documents, monkeypatch):
    made = []
    real = prepared._RowPlan.__init__
    monkeypatch.setattr(prepared._RowPlan, "__init__", lambda self, *a: made.append(1) or real(self, *a))
    connections["default"].__dict__.pop("portal_row_plans", None)
    for _ in range(3):
        prepared.instances(Document, SQL, [0])
    assert len(made) == 1
    prepared.instances(Document, SQL.replace("ORDER BY id", "ORDER BY id DESC"), [0])
    assert len(made) == 2


def test_rows_without_the_primary_key_are_refused(documents):
    with pytest.raises(FieldDoesNotExist):
        prepared.instances(Document, "SELECT title FROM disclosure_document", [])
