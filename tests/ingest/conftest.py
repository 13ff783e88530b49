"""Ingestion fixtures: a local HTTP server (tests/conftest.py makes Celery eager)."""

import pytest
from celery.signals import task_prerun

from tests.ingest.server import LocalServer


@pytest.fixture
def server():
    with LocalServer() as local:
        yield local


@pytest.fixture
def allow_server(settings, server):
    """The local server is reachable (allow-listed); every other private address is not."""
    settings.ALLOW_PRIVATE_FETCH = False
    settings.FETCH_PRIVATE_ALLOWLIST = [f"127.0.0.1:{server.port}"]
    return server


@pytest.fixture
def started():
    """(task name, args) of every task run, as Celery's task_prerun signal reports it."""
    runs: list[tuple[str, tuple]] = []

    def record(sender=None, args=None, **kwargs) -> None:
        runs.append((sender.name, tuple(args or ())))

    task_prerun.connect(record, weak=False)
    yield runs
    task_prerun.disconnect(record)
