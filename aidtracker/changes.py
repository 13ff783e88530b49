"""The changes feed: every pledge and item change since a cursor, in order, from the history.

django-simple-history writes one row per create, correction, status change, merge and
deletion of a pledge or an item. The feed merges the two history tables in the order
(history_date, table, history_id); an opaque cursor marks the last row a consumer has
seen. Replaying every event in order (upsert the snapshot, or delete) rebuilds the data.

A history row's time is taken when it is written, not when its transaction commits, so a
transaction that commits late could land behind a cursor a consumer already holds. The
feed therefore hands out only rows older than a frontier: now minus a settle window
(CHANGES_SETTLE_SECONDS), and on PostgreSQL also before the start of the oldest other
transaction of this database that has written anything and not yet finished. Whatever
such a transaction writes is dated after its start, so it can no longer be skipped.
"""

import base64
import binascii
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Pledge, PledgeItem

BAD_CURSOR = "The cursor is not one this feed handed out."


def _history_fields(model: Any) -> tuple[str, ...]:
    """The model's columns that its history keeps (the pledge's leaves out updated_at), in
    the model's order: what a change carries, and what a replay writes back."""
    kept = {f.name for f in model.history.model._meta.fields}
    return tuple(f.attname for f in model._meta.concrete_fields if f.name in kept)


PLEDGE_FIELDS = _history_fields(Pledge)
ITEM_FIELDS = _history_fields(PledgeItem)
STATUS_ACTIONS = {
    Pledge.Status.CONFIRMED: "confirmed",
    Pledge.Status.REJECTED: "rejected",
    Pledge.Status.MERGED: "merged",
    Pledge.Status.REPORTED: "corrected",
}
TYPE_ACTIONS = {"+": "created", "~": "corrected", "-": "deleted"}
# The start of the oldest other open transaction of this database that holds a
# transaction id (it has written something); NULL when there is none.
OLDEST_OPEN_WRITER_SQL = """
    SELECT MIN(xact_start) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND backend_xid IS NOT NULL
"""


class CursorError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Position:
    at: datetime.datetime
    table: int  # 0 pledges, 1 items: the order of two rows written in the same instant
    history_id: int

    def encode(self) -> str:
        raw = f"{self.at.isoformat()}|{self.table}|{self.history_id}"
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> "Position":
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
            at, table, history_id = raw.split("|")
            moment = parse_datetime(at)
            position = cls(at=moment, table=int(table), history_id=int(history_id))  # type: ignore[arg-type]
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
            raise CursorError(BAD_CURSOR) from error
        if moment is None or moment.tzinfo is None or position.table not in (0, 1):
            raise CursorError(BAD_CURSOR)
        if not 0 <= position.history_id < 2**63:
            raise CursorError(BAD_CURSOR)
        return position


@dataclass(frozen=True)
class Change:
    position: Position
    object: str  # "pledge" or "pledge_item"
    action: str
    id: int
    pledge_id: int
    reason: str
    user: str | None
    data: dict[str, Any] | None  # the row after the change; None when deleted


def changes_frontier() -> datetime.datetime:
    """Rows dated at or after this moment are held back: their writers may not all have
    committed yet (see the module docstring)."""
    frontier = timezone.now()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(OLDEST_OPEN_WRITER_SQL)
            oldest = cursor.fetchone()[0]
        if oldest is not None:
            frontier = min(frontier, oldest)
    return frontier - datetime.timedelta(seconds=settings.CHANGES_SETTLE_SECONDS)


def _after(
    queryset: QuerySet, table: int, since: Position | None, frontier: datetime.datetime
) -> QuerySet:
    queryset = queryset.filter(history_date__lt=frontier)
    if since is None:
        return queryset
    later = Q(history_date__gt=since.at)
    if table > since.table:
        later |= Q(history_date=since.at)
    elif table == since.table:
        later |= Q(history_date=since.at, history_id__gt=since.history_id)
    return queryset.filter(later)


def _pledge_rows(since: Position | None, limit: int, frontier: datetime.datetime) -> list[Model]:
    history = Pledge.history.model.objects
    previous = history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
    rows = _after(history.all(), 0, since, frontier).annotate(
        previous_status=Subquery(previous.order_by("-history_id").values("status")[:1])
    )
    return list(rows.select_related("history_user").order_by("history_date", "history_id")[:limit])


def _item_rows(since: Position | None, limit: int, frontier: datetime.datetime) -> list[Model]:
    rows = _after(PledgeItem.history.model.objects.all(), 1, since, frontier)
    return list(rows.select_related("history_user").order_by("history_date", "history_id")[:limit])


def _pledge_change(row: Any) -> Change:
    action = TYPE_ACTIONS[row.history_type]
    if row.history_type == "~" and row.status != row.previous_status:
        action = STATUS_ACTIONS.get(row.status, "corrected")
    return _change(row, 0, "pledge", action, row.id, PLEDGE_FIELDS)


def _item_change(row: Any) -> Change:
    action = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
    return _change(row, 1, "pledge_item", action, row.pledge_id, ITEM_FIELDS)


def _change(row: Any, table: int, kind: str, action: str, pledge_id: int, fields: tuple) -> Change:
    return Change(
        position=Position(at=row.history_date, table=table, history_id=row.history_id),
        object=kind,
        action=action,
        id=row.id,
        pledge_id=pledge_id,
        reason=row.history_change_reason or "",
        user=row.history_user.get_username() if row.history_user else None,
        data=None if row.history_type == "-" else {n: _plain(getattr(row, n)) for n in fields},
    )


def _plain(value: Any) -> Any:
    """JSON-safe without loss: decimals and dates as text."""
    if isinstance(value, Decimal | datetime.date):  # datetime is a date too
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    return value


def changes_since(*, cursor: str | None = None, limit: int = 100) -> tuple[list[Change], str]:
    """Up to `limit` changes after `cursor` (from the start when None), oldest first,
    and the cursor to pass next time (the same one when nothing changed). Changes newer
    than changes_frontier() wait for a later call.

    Raises CursorError for a cursor this feed did not produce.
    """
    since = Position.decode(cursor) if cursor else None
    frontier = changes_frontier()
    changes = [_pledge_change(row) for row in _pledge_rows(since, limit, frontier)]
    changes += [_item_change(row) for row in _item_rows(since, limit, frontier)]
    changes = sorted(changes, key=lambda change: change.position)[:limit]
    next_cursor = changes[-1].position.encode() if changes else (cursor or "")
    return changes, next_cursor
