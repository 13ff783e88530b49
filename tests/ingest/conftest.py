"""Ingestion fixtures: eager Celery unless a test runs real workers, a local HTTP server."""

import pytest

from aidtracker.celery import app as celery_app
from tests.ingest.server import LocalServer


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Tasks run in-process, as without REDIS_URL, except in tests with real workers."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


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
