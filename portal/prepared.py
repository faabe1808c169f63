"""Statements prepared once per database connection, where the backend can (portal.postgresql); elsewhere (SQLite
in development and tests without DATABASE_URL) the SQL runs as it is."""

from __future__ import annotations

from django.db import connections


def statement(name: str, sql: str, param_count: int, using: str = "default") -> str:
    """The SQL to run ``sql`` with its ``param_count`` parameters: ``EXECUTE name(...)`` on PostgreSQL."""
    connection = connections[using]
    prepare = getattr(connection, "prepare", None)
    return prepare(name, sql, param_count) if prepare is not None else sql
