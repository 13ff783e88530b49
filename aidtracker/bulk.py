"""Fast inserts of plain rows: PostgreSQL COPY, or bulk_create on other databases.

Used by the synthetic data generator, where model instances and per-value preparation
would cost more time than the database itself.
"""

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED


def ids_allocate(model: type[models.Model], count: int) -> list[int]:
    """Reserve `count` primary keys for `model` (from its sequence on PostgreSQL)."""
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT MAX("{pk}") FROM "{table}"')
        start = (cursor.fetchone()[0] or 0) + 1
    return list(range(start, start + count))


def commit_without_waiting() -> None:
    """In this transaction, let COMMIT return before the WAL is flushed (PostgreSQL).

    Safe for regenerable data: a crash can lose the last batches but never corrupts.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")


def _default(field: models.Field) -> Any:
    if field.default is not NOT_PROVIDED or field.null:
        return field.get_default()
    return "" if field.empty_strings_allowed else None


def rows_insert(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows given as {attname: python value}; missing fields get their default.

    Rows must carry their primary key (see ids_allocate). Returns how many were inserted.
    """
    fields = model._meta.concrete_fields
    defaults = {f.attname: _default(f) for f in fields}
    full: list[dict[str, Any]] = [{**defaults, **row} for row in rows]
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create([model(**row) for row in full], batch_size=500)
        return len(full)
    json_fields = [f.attname for f in fields if isinstance(f, models.JSONField)]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's cursor: COPY is not part of the DB-API
        with raw.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
            for row in full:
                for name in json_fields:
                    row[name] = json.dumps(row[name])
                copy.write_row([row[f.attname] for f in fields])
    return len(full)
