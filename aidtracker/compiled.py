"""Querysets of one fixed shape, built and compiled by the ORM once, then run as their SQL.

A pledge's detail reads two such queries (its document row and its history), and building
a `.values()` queryset and compiling it cost more than running it: about a fifth of the
request. OneValueRows builds the queryset once per process with a marker in place of the
one value that changes (a pledge id), compiles it and finds the marker among the
parameters. From then on it runs that SQL with the value in the marker's place and makes
the rows as the ORM does: the same keys, the same converters applied. Where the marker is
not found exactly once, the queryset is built and run as usual. Queries go through
Django's cursor, so they are counted and logged as any other.

The same works for several values: `compile_rows` takes one marker per value (markers()
makes them, each of its value's type) and `run` puts the values in their places.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import QuerySet

MARKER = -6_917_529_027_641_081_857  # no row has this id; a bigint, so it compiles as one


Converters = tuple[tuple[int, list[Any], Any], ...]  # (column, converters, expression)


class Compiled(NamedTuple):
    sql: str
    params: tuple[Any, ...]
    at: tuple[int, ...]  # each marker's place among the parameters
    names: tuple[str, ...]
    converters: Converters


class OneValueRows:
    """`rows(value)` equals `list(build(value))` for a `build` that returns a `.values()`
    queryset depending on `value` only through one filter parameter."""

    def __init__(self, build: Callable[[int], QuerySet]) -> None:
        self.build = build
        self._compiled: dict[str, Compiled | None] = {}

    def rows(self, value: int) -> list[dict[str, Any]]:
        if connection.alias not in self._compiled:
            self._compiled[connection.alias] = compile_rows(self.build(MARKER), [MARKER])
        compiled = self._compiled[connection.alias]
        if compiled is None:
            return list(self.build(value))
        return run(compiled, [value])


def markers(kinds: Sequence[type]) -> list[Any]:
    """One marker per value type (int, str, Decimal or datetime.date), each unlike the
    others and unlike any value a filter would hold. ValueError for another type."""
    made: list[Any] = []
    for n, kind in enumerate(kinds, start=1):
        if kind is int:
            made.append(MARKER + n)
        elif kind is str:
            made.append(f"\x1fmarker {n}\x1f")
        elif kind is Decimal:
            made.append(Decimal(f"-7{n:05d}7.77"))
        elif kind is datetime.date:
            made.append(datetime.date(1000 + n, 1, 1))
        else:
            raise ValueError(f"No marker for {kind.__name__} values")
    return made


def compile_rows(queryset: QuerySet, marks: Sequence[Any]) -> Compiled | None:
    """What running the queryset's SQL takes to make the ORM's rows, or None if a marker
    is not among its parameters exactly once."""
    query = queryset.query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    names = tuple(
        query.selected or (*query.extra_select, *query.values_select, *query.annotation_select)
    )  # as ValuesIterable
    places = [[i for i, param in enumerate(params) if _is(param, mark)] for mark in marks]
    if any(len(found) != 1 for found in places) or len(names) != len(compiler.select):
        return None
    converters = compiler.get_converters([column for column, _, _ in compiler.select])
    found = tuple((at, functions, expression) for at, (functions, expression) in converters.items())
    return Compiled(sql, tuple(params), tuple(at for (at,) in places), names, found)


def run(compiled: Compiled, values: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows of the compiled queryset with `values` in its markers' places."""
    params = list(compiled.params)
    for at, value in zip(compiled.at, values, strict=True):
        marker = params[at]
        # A backend may wrap ints in its own type (psycopg's Int8 for a bigint).
        params[at] = type(marker)(value) if isinstance(marker, int) else value
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if compiled.converters:
        rows = [_converted(row, compiled.converters) for row in rows]
    return [dict(zip(compiled.names, row, strict=True)) for row in rows]


def _converted(row: tuple[Any, ...], converters: Converters) -> list[Any]:
    """The row as SQLCompiler.apply_converters makes it, with this thread's connection."""
    values = list(row)
    for at, functions, expression in converters:
        for function in functions:
            values[at] = function(values[at], expression, connection)
    return values


def _is(param: Any, marker: Any) -> bool:
    if isinstance(marker, int):  # or a backend's int type, as psycopg's Int8
        return isinstance(param, int) and not isinstance(param, bool) and param == marker
    return type(param) is type(marker) and param == marker
