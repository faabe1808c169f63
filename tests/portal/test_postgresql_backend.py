"""portal.postgresql: the health check (SELECT 1) is skipped for a connection that a request used without error less
than half a second ago, and done as before for one idle longer; a connection that died is replaced either way."""

import psycopg2
import pytest
from django.db import OperationalError, connections

from disclosure.models import Column
from portal.postgresql import base
from tests.disclosure.conftest import published

pytestmark = pytest.mark.django_db(transaction=True)


def _db():
    return connections["default"]  # the wrapper itself, not django.db.connection's proxy


def _request(query: str = "SELECT 1") -> None:
    """What Django does around a request: close_old_connections at its start and its end, a query in between."""
    _db().close_if_unusable_or_obsolete()
    try:
        with _db().cursor() as cursor:
            cursor.execute(query)
    finally:
        _db().close_if_unusable_or_obsolete()


@pytest.fixture
def checks(postgres_only, monkeypatch):
    assert _db().health_check_enabled, "CONN_HEALTH_CHECKS is on for PostgreSQL (portal/settings.py)"
    assert isinstance(_db(), base.DatabaseWrapper)
    done = []
    real = _db().is_usable
    monkeypatch.setattr(_db(), "is_usable", lambda: done.append(1) or real())
    _request()  # a request that used the connection
    done.clear()
    return done


def _terminate_backend() -> None:
    pid = _db().connection.info.backend_pid
    other = psycopg2.connect(**_db().get_connection_params())
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()


def test_a_connection_that_has_just_answered_is_not_checked_again(checks):
    _request()
    _request()
    assert checks == []


def test_a_connection_idle_for_longer_is_checked_first(checks):
    _db()._proven_at -= base.HEALTH_CHECK_BYPASS_SECONDS
    _request()
    assert checks == [1]


def test_a_request_that_made_no_query_proves_nothing(checks):
    _db()._proven_at -= base.HEALTH_CHECK_BYPASS_SECONDS
    _db().close_if_unusable_or_obsolete()  # a request answered without the database (a cached page)
    _db().close_if_unusable_or_obsolete()
    _request()
    assert checks == [1]


def test_a_dead_connection_idle_for_longer_is_replaced_before_the_query(checks):
    _terminate_backend()
    _db()._proven_at -= base.HEALTH_CHECK_BYPASS_SECONDS
    old = _db().connection

    _request()  # no error: the check failed, a new connection answered

    assert checks == [1] and _db().connection is not old


def test_inside_the_window_a_dead_connection_fails_one_request_and_is_then_replaced(checks):
    _terminate_backend()
    with pytest.raises(OperationalError):
        _request()
    assert _db().connection is None  # the error marked it; it was closed when the request ended
    _request()
    assert _db().connection is not None


def test_a_statement_is_prepared_once_per_connection_and_forgotten_with_it(postgres_only):
    from portal import prepared

    sql = "SELECT %s::int + 1, '100%%' WHERE %s::int > 0"
    with _db().cursor() as cursor:
        cursor.execute(prepared.statement("portal_test_plus_one", sql, 2), [41, 1])
        assert cursor.fetchone() == (42, "100%")
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'portal_test_plus_one'")
        assert cursor.fetchone() == (1,)
        cursor.execute(prepared.statement("portal_test_plus_one", sql, 2), [1, 1])  # no second PREPARE (it would fail)
        assert cursor.fetchone() == (2, "100%")

    _db().close()
    with _db().cursor() as cursor:  # a new connection: prepared again
        cursor.execute(prepared.statement("portal_test_plus_one", sql, 2), [2, 1])
        assert cursor.fetchone() == (3, "100%")


def test_the_document_page_runs_its_prepared_statement(postgres_only, client, officer, reviewer, leader, office_staff):
    news = published(
        officer, reviewer, leader, office_staff, Column.objects.get(slug="tzgg"), title="关于春节假期安排的通知"
    )
    response = client.get(news.get_absolute_url())
    assert response.status_code == 200 and news.title in response.content.decode()
    with _db().cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'portal_document_page'")
        assert cursor.fetchone() == (1,)


def test_a_column_page_runs_its_prepared_statement_unless_items_are_cross_listed(
    postgres_only, client, officer, reviewer, leader, office_staff
):
    column = Column.objects.get(slug="tzgg")
    published(officer, reviewer, leader, office_staff, column, title="关于春节假期安排的通知")
    response = client.get(column.get_absolute_url())
    assert "关于春节假期安排的通知" in response.content.decode()
    with _db().cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'portal_column_rows_%'")
        assert [row[0] for row in cursor.fetchall()] == ["portal_column_rows_1_0"]


def test_without_persistent_connections_nothing_is_prepared(postgres_only, monkeypatch):
    monkeypatch.setitem(_db().settings_dict, "CONN_MAX_AGE", 0)
    from portal import prepared

    assert prepared.statement("portal_test_never", "SELECT %s::int", 1) == "SELECT %s::int"
    with _db().cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name = 'portal_test_never'")
        assert cursor.fetchone() == (0,)
