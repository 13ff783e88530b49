"""The version read as its connection's health check (aidtracker.dbcheck)."""

import psycopg
import pytest
from django.db import OperationalError, connection, connections, transaction

from aidtracker import selectors
from aidtracker.dbcheck import checked_by

pytestmark = [
    pytest.mark.postgres,  # a backend to terminate, a statement timeout
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # outside a transaction
]


@pytest.fixture
def usable_checks(monkeypatch) -> list[bool]:
    """The health checks (SELECT 1) the connection makes, as they happen."""
    made: list[bool] = []
    wrapper_class = type(connections["default"])
    real = wrapper_class.is_usable

    def is_usable(self) -> bool:
        made.append(usable := real(self))
        return usable

    monkeypatch.setattr(wrapper_class, "is_usable", is_usable)
    return made


def next_request() -> None:
    """What a request's end does to a persistent connection: its next request checks it."""
    connection.health_check_done = False


def terminate(pid: int) -> None:
    params = connection.settings_dict
    with psycopg.connect(
        dbname=params["NAME"], user=params["USER"], password=params["PASSWORD"],
        host=params["HOST"], port=params["PORT"] or None, autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_version_read_replaces_the_health_check(reference, usable_checks):
    first = selectors.dataset_version()
    next_request()
    assert selectors.dataset_version() == first
    assert usable_checks == []  # one statement, not SELECT 1 and then the version


def test_a_connection_killed_between_requests_is_replaced_for_the_read(reference, usable_checks):
    first = selectors.dataset_version()
    pid = connection.connection.info.backend_pid
    next_request()
    terminate(pid)
    assert selectors.dataset_version() == first
    assert connection.connection.info.backend_pid != pid
    assert usable_checks == [False]  # asked only once the read had failed


def test_a_query_that_fails_on_a_healthy_connection_is_not_run_twice(reference, usable_checks):
    selectors.dataset_version()
    runs = []

    def slow() -> None:
        runs.append(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 20")
    try:
        next_request()
        with pytest.raises(OperationalError, match="statement timeout"):
            checked_by(slow)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    assert runs == [1] and usable_checks == [True]


def test_inside_a_transaction_the_health_check_is_django_s(reference, usable_checks):
    selectors.dataset_version()
    next_request()
    with transaction.atomic():
        selectors.dataset_version()
    assert usable_checks == [True]
