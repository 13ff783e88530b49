"""A request's first query as its connection's health check.

With CONN_HEALTH_CHECKS, Django sends a `SELECT 1` before the first query of each request
on a reused connection: a round trip that every API read paid for before its own first
query (the dataset version). `checked_by` runs such a first query in place of that check:
on a connection that went bad in between (a restarted server, a killed backend) the query
fails, the connection is closed and the query runs once more on a new one, which is what
the health check would have led to.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import InterfaceError, OperationalError
from django.db import connection as default_connection

T = TypeVar("T")
connection: Any = default_connection  # health_check_* are not in django-stubs


def checked_by(query: Callable[[], T]) -> T:
    """Run `query` (which reads and writes nothing that a retry could repeat) as the
    connection's health check when one is due, else as it is."""
    if not _check_due():
        return query()
    connection.health_check_done = True  # this query is the check
    try:
        return query()
    except (InterfaceError, OperationalError):
        if connection.is_usable():
            raise  # the query failed, not the connection
        connection.close()
        return query()


def _check_due() -> bool:
    return (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.in_atomic_block  # a transaction cannot move to a new connection
    )
