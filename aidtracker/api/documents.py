"""Stored pledge documents: each pledge's JSON as the API's lists show it, built once and
served until the pledge changes (PostgreSQL).

Reading a page of 50 pledges with their items and evidence and writing them as JSON costs
most of an uncached list request. With documents, the page query reads each pledge's
stored JSON along with the keys it is ordered by; only the pledges without a current
document are read and serialised as before (and their documents stored).

A document is current when it was built for the pledge's doc_version, which triggers
(migration 0008) renew in the writer's transaction on every change the JSON shows, and by
this code (code_format()). It is labelled with the doc_version the page query read, before its
rows are read: a change landing in between leaves it labelled with a version that is
already outdated, so it is never served. Nothing stale is served; nothing is invalidated.

The links depend on the request (its host), so they are not stored but spliced in.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import marshal
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import orjson
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from aidtracker import models, selectors
from aidtracker.compiled import OneValueRows
from aidtracker.filters import ORDERINGS
from aidtracker.models import PledgeDocument

logger = logging.getLogger(__name__)

# What a page row carries: the links' keys and every key a page is ordered by.
PAGE_ROW = ("id", "donor_id", "recipient_id", "merged_into_id", "version", "body")
ORDER_KEYS = tuple(
    sorted({key.lstrip("-") for keys in ORDERINGS.values() for key in keys} - {"id"})
)
LINKS_AT = ',"created_at":'  # the key after "links" (a key's quote is never inside a string)
PLEDGE = '"aidtracker_pledge"'
CURRENT_BODY = f"""
    SELECT d.body FROM aidtracker_pledgedocument d
    WHERE d.pledge_id = {PLEDGE}.id AND d.version = {PLEDGE}.doc_version AND d.format = %s
"""
UPSERT = """
    INSERT INTO aidtracker_pledgedocument (pledge_id, version, format, body)
    SELECT * FROM UNNEST(%s::bigint[], %s::bigint[], %s::varchar[], %s::text[])
    ON CONFLICT (pledge_id) DO UPDATE
    SET version = EXCLUDED.version, format = EXCLUDED.format, body = EXCLUDED.body
"""


@functools.cache
def code_format() -> str:
    """Changes with the code that writes a document: a new deployment rebuilds them."""
    from . import serializers

    digest = hashlib.sha256()
    for module in (serializers, selectors, models):
        digest.update(_module_text(module))
    return digest.hexdigest()[:16]


def _module_text(module: ModuleType) -> bytes:
    try:
        return inspect.getsource(module).encode()
    except OSError:  # installed without sources: the compiled code
        return marshal.dumps(module.__spec__.loader.get_code(module.__name__))  # type: ignore[union-attr]


def enabled() -> bool:
    """Documents are kept on PostgreSQL (its triggers), for the default time zone."""
    return (
        connection.vendor == "postgresql"
        and getattr(settings, "API_DOCUMENTS", True)
        and timezone.get_current_timezone_name() == settings.TIME_ZONE
    )


def page_rows(queryset: QuerySet | None = None) -> QuerySet:
    """Pledges (selectors.pledge_keys(), to be filtered) as rows of PAGE_ROW and the
    ordering keys: `body` is the pledge's current document or None. Without `queryset`,
    a copy of one built once per process (building it cost more than running it)."""
    if queryset is None:
        return _page_rows().all()
    return queryset.annotate(
        version=RawSQL(f"{PLEDGE}.doc_version", ()),
        # As SQL: a Subquery was compiled again for every page, which cost more than its run.
        body=RawSQL(CURRENT_BODY, (code_format(),), output_field=TextField()),
    ).values(*PAGE_ROW, *ORDER_KEYS)


@functools.cache
def _page_rows() -> QuerySet:
    return page_rows(selectors.pledge_keys())


def pledge_row(pk: int) -> list[dict[str, Any]]:
    """The page row of one pledge (none if there is no such pledge), from SQL compiled once
    per process (aidtracker.compiled)."""
    return _ONE_ROW.rows(pk)


_ONE_ROW = OneValueRows(lambda pk: page_rows().filter(pk=pk))


def page_fragments(rows: Sequence[dict[str, Any]], bases: tuple[str, str]) -> list[Any]:
    """The page's pledges as JSON fragments, with their links (`bases`: the absolute URLs of
    the pledge list and the country list). Missing documents are built and stored; a
    pledge deleted since the page was read is left out."""
    return [orjson.Fragment(text) for text in page_texts(rows, bases)]


def page_texts(rows: Sequence[dict[str, Any]], bases: tuple[str, str]) -> list[str]:
    """page_fragments as JSON text."""
    missing = {row["id"]: row["version"] for row in rows if row["body"] is None}
    built = build(missing) if missing else {}
    return [
        _with_links(row["body"] or built[row["id"]], row, bases)
        for row in rows
        if row["body"] is not None or row["id"] in built
    ]


def build(versions: dict[int, int]) -> dict[int, str]:
    """Build and store the documents of the pledges {id: doc_version read before}."""
    from .serializers import PledgeListSerializer

    rows = list(selectors.pledge_rows().filter(pk__in=list(versions)))
    selectors.pledge_rows_attach(rows)
    serializer = PledgeListSerializer()
    bodies: dict[int, str] = {}
    for row in rows:
        data = serializer.to_representation(row)
        del data["links"]
        bodies[row["id"]] = orjson.dumps(data).decode()
    store({pk: (versions[pk], body) for pk, body in bodies.items()})
    return bodies


def store(documents: dict[int, tuple[int, str]]) -> None:
    """Upsert documents {pledge id: (version, body)}, in id order (rows locked alike). A
    database that refuses (read-only, say) is logged: the page is served all the same."""
    ids = sorted(documents)
    params: list[Any] = [
        ids,
        [documents[pk][0] for pk in ids],
        [code_format()] * len(ids),
        [documents[pk][1] for pk in ids],
    ]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(UPSERT, params)
    except DatabaseError:
        logger.warning("Could not store %d pledge documents", len(ids), exc_info=True)


def outdated(*, after: int = 0, limit: int) -> tuple[dict[int, int], int | None]:
    """Among the `limit` pledges after the id `after` (in id order), those without a
    current document {id: doc_version}, and the last id read (None: no pledge left).
    Two lookups by primary key: an anti-join scanned every document once per batch."""
    pledges = dict(
        models.Pledge.objects.filter(id__gt=after)
        .annotate(version=RawSQL('"aidtracker_pledge"."doc_version"', ()))
        .order_by("id")
        .values_list("id", "version")[:limit]
    )
    if not pledges:
        return {}, None
    current = set(
        PledgeDocument.objects.filter(
            pledge_id__in=list(pledges), format=code_format()
        ).values_list("pledge_id", "version")
    )
    return {pk: v for pk, v in pledges.items() if (pk, v) not in current}, max(pledges)


def _with_links(body: str, row: dict[str, Any], bases: tuple[str, str]) -> str:
    from .serializers import pledge_links

    links = orjson.dumps(pledge_links(row, bases)).decode()
    cut = body.rindex(LINKS_AT)
    return f'{body[:cut]},"links":{links}{body[cut:]}'
