"""A pledge list's page query compiled once per shape, for the lists served from stored
documents (aidtracker.api.documents).

Filtering a queryset and compiling it took about a third of an uncached list request,
though the SQL differs between requests only in the values: a list of US packages since
2023 and one of Polish packages since 2024 are one SQL text. The shape of a request is
what its SQL depends on: which filters it uses, how many values each holds, the choices
it picks (kinds, stages, statuses, categories, the ordering), the cursor's comparison and
the page's limit and offset. For each shape the page query is built once (per process
and database) through the filterset and the paginator's own calls, with a marker in place
of each value, and compiled (aidtracker.compiled); a request of that shape runs its SQL
with its values in the markers' places.

The values that become markers are the slots: country and equipment keys, dates and the
minimum amount, whose filters write the same SQL for any value. Every other filter's value
is part of the shape, so a request is never answered by SQL built for another value.
A search (`q`) is not compiled; nor is a shape whose markers do not each appear exactly
once among the parameters. Those run through the ORM as before.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django_filters import FilterSet

from aidtracker import compiled

from .documents import page_rows

# Filters whose SQL does not depend on their values (only on how many there are).
SLOTS = frozenset({"donor", "recipient", "equipment", "from", "to", "min_usd"})
# Filters never compiled when used: their SQL holds their value transformed.
UNCOMPILED = frozenset({"q"})
SHAPES = 512  # compiled shapes kept per process

Part = tuple[str, Any]  # ("list", items) or ("value", value); a slot's values as types


class PageQuery:
    """Stands in for the filtered queryset in DRF's CursorPagination, which orders it,
    filters it by the cursor's position, slices it and reads it: answered from the SQL of
    the request's shape, or by the queryset itself where the shape does not compile.
    `filterset` is bound to the request and valid, over documents.page_rows()."""

    def __init__(self, filterset: FilterSet) -> None:
        self.filterset = filterset
        self.ordering: tuple[str, ...] = ()
        self.position: tuple[str, str, str] | None = None  # (field, "lt" or "gt", value)
        self.bounds: tuple[int, int] = (0, 0)

    def order_by(self, *fields: str) -> PageQuery:
        return self._with(ordering=fields)

    def filter(self, **lookup: str) -> PageQuery:
        ((name, value),) = lookup.items()  # DRF filters by one position: field__lt or __gt
        field, comparison = name.rsplit("__", 1)
        return self._with(position=(field, comparison, value))

    def __getitem__(self, bounds: slice) -> PageQuery:
        return self._with(bounds=(bounds.start or 0, bounds.stop))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows())

    def rows(self) -> list[dict[str, Any]]:
        position = self._typed_position() if self.position else None
        shape = self.shape(position)
        template = _template(connection.alias, shape) if shape is not None else None
        if template is None:
            return list(_paged(self.filterset.qs, self.ordering, self.position, self.bounds))
        values = _values(self.filterset.form.cleaned_data)
        if self.position:
            values.append(position)
        return compiled.run(template, values)

    def shape(self, position: Any = None) -> tuple | None:
        """What the request's SQL depends on (None: not compiled); `position` is the
        cursor's, typed."""
        data = self.filterset.form.cleaned_data
        if any(data.get(name) for name in UNCOMPILED):
            return None
        parts = tuple((name, _part(value, name in SLOTS)) for name, value in data.items())
        compared = (*self.position[:2], type(position)) if self.position else None
        shape = (type(self.filterset), parts, self.ordering, compared, self.bounds)
        try:
            hash(shape)
        except TypeError:  # a value that cannot be a key: built as usual
            return None
        return shape

    def _typed_position(self) -> Any:
        """The cursor's position as the ORM reads it for its field (a date, a decimal or an
        id); text that is none of these raises Django's ValidationError."""
        assert self.position is not None
        field, _, value = self.position
        queryset = self.filterset.queryset
        annotation = queryset.query.annotations.get(field)
        model_field = (
            annotation.output_field if annotation else queryset.model._meta.get_field(field)
        )
        return model_field.to_python(value)

    def _with(self, **changes: Any) -> PageQuery:
        copied = PageQuery(self.filterset)
        copied.__dict__.update({**self.__dict__, **changes})
        return copied


def _part(value: Any, slot: bool) -> Part:
    if isinstance(value, list):
        return ("list", tuple(type(item) if slot else item for item in value))
    return ("value", type(value) if slot and value is not None else value)


def _values(data: dict[str, Any]) -> list[Any]:
    """The slots' values, in the order of their markers."""
    found: list[Any] = []
    for name, value in data.items():
        if name in SLOTS and value is not None:
            found.extend(value if isinstance(value, list) else [value])
    return found


@functools.lru_cache(maxsize=SHAPES)
def _template(alias: str, shape: tuple) -> compiled.Compiled | None:
    """The page query of `shape`, built with markers and compiled (None: it does not
    compile as one SQL text for every value)."""
    filterset_class, parts, ordering, position, bounds = shape
    types = [kind for name, (_, held) in parts if name in SLOTS for kind in _held(held)]
    if position:
        types.append(position[2])
    try:
        marks = compiled.markers(types)
    except ValueError:
        return None
    unused = iter(marks)
    data = {name: _rebuilt(part, unused if name in SLOTS else None) for name, part in parts}
    filterset = filterset_class(queryset=page_rows())
    queryset = filterset.apply(filterset.queryset, data)
    marked = (position[0], position[1], next(unused)) if position else None
    return compiled.compile_rows(_paged(queryset, ordering, marked, bounds), marks)


def _paged(
    queryset: QuerySet,
    ordering: tuple[str, ...],
    position: tuple[str, str, Any] | None,
    bounds: tuple[int, int],
) -> QuerySet:
    """The queryset with what the paginator asked for: its ordering, the cursor's position
    (field, "lt" or "gt", value) and the slice."""
    queryset = queryset.order_by(*ordering)
    if position:
        field, comparison, value = position
        queryset = queryset.filter(**{f"{field}__{comparison}": value})
    start, stop = bounds
    return queryset[start:stop]


def _held(held: Any) -> tuple[type, ...]:
    if isinstance(held, tuple):
        return held
    return () if held is None else (held,)


def _rebuilt(part: Part, marks: Iterator[Any] | None) -> Any:
    """A cleaned value of the shape's part: a slot's values are markers."""
    container, held = part
    if container == "list":
        return [next(marks) for _ in held] if marks is not None else list(held)
    if marks is not None and held is not None:
        return next(marks)
    return held
