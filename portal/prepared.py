"""Statements prepared once per database connection, where the backend can (portal.postgresql); elsewhere (SQLite
in development and tests without DATABASE_URL) the SQL runs as it is. And model instances built from such a
statement's rows, as ``Model.objects.raw()`` builds them, with the work it redoes for every query done once."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import connections

_PLANS_KEPT = 256  # row plans kept per connection (one per statement and model; a few dozen in practice)


def statement(name: str, sql: str, param_count: int, using: str = "default") -> str:
    """The SQL to run ``sql`` with its ``param_count`` parameters: ``EXECUTE name(...)`` on PostgreSQL."""
    connection = connections[using]
    prepare = getattr(connection, "prepare", None)
    return prepare(name, sql, param_count) if prepare is not None else sql


def instances(model, sql: str, params, name: str | None = None, using: str = "default") -> list:
    """``list(model.objects.raw(sql, params))``: the rows as instances of ``model`` (the columns named like its
    fields, the primary key among them; other columns become attributes, as annotations do), with the fields'
    converters applied. Run as the statement ``name`` prepared once per connection when a name is given.

    ``RawQuerySet`` matches the columns to the fields and looks up their converters for every query; on the document
    page that took longer than building the instance. Here that plan is made once per connection and statement."""
    connection = connections[using]
    if name is not None:
        sql = statement(name, sql, len(params), using)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        plans = connection.__dict__.setdefault("portal_row_plans", {})
        plan = plans.get((model, sql))
        if plan is None:
            if len(plans) >= _PLANS_KEPT:
                plans.clear()
            plan = plans[(model, sql)] = _RowPlan(model, [column[0] for column in cursor.description], connection)
    return [plan.instance(row) for row in rows]


class _RowPlan:
    """Where each field's value sits in a row, and its converters (django.db.models.query.RawModelIterable)."""

    def __init__(self, model, columns: list[str], connection):
        convert = connection.introspection.identifier_converter
        by_column = {convert(field.column): field for field in model._meta.fields}
        fields = [field for field in model._meta.fields if convert(field.column) in columns]
        if model._meta.pk not in fields:
            raise FieldDoesNotExist("Raw query must include the primary key")
        self.model, self.connection, self.db = model, connection, connection.alias
        self.names = [field.attname for field in fields]
        self.positions = [columns.index(convert(field.column)) for field in fields]
        self.annotations = [(column, index) for index, column in enumerate(columns) if column not in by_column]
        self.converters = []
        for index, column in enumerate(columns):
            field = by_column.get(column)
            if field is None:
                continue
            expression = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if converters:
                self.converters.append((index, converters, expression))

    def instance(self, row):
        if self.converters:
            row = list(row)
            for index, converters, expression in self.converters:
                value = row[index]
                for converter in converters:
                    value = converter(value, expression, self.connection)
                row[index] = value
        instance = self.model.from_db(self.db, self.names, [row[position] for position in self.positions])
        for column, index in self.annotations:
            setattr(instance, column, row[index])
        return instance
