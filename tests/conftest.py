"""Shared fixtures, and the rule for tests that need a real service.

A test marked `postgres`, `redis` or `browser` needs PostgreSQL, Redis or Chromium.
Locally it is skipped with the reason when the service is missing; in CI (CI=true) it
fails instead, so that CI can never pass without really running it.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from aidtracker.celery import app as celery_app
from aidtracker.filters import COUNTRY_CODES, EQUIPMENT_SLUGS
from aidtracker.reference import reference_load

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def service_missing(marker: str) -> str | None:
    """Why the service behind `marker` cannot be used here, or None when it can."""
    if (
        marker == "postgres"
        and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    ):
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "redis" and not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://..."
    if marker == "browser" and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("postgres", "redis", "browser"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = service_missing(marker)
        if reason is None:
            continue
        if IN_CI:
            pytest.fail(f"CI requires this service: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Tasks run in-process, as without REDIS_URL, except in tests that start real workers
    (marked `integration`): no test leaves messages in a broker nobody consumes."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def fresh_reference_keys():
    """Country codes and equipment slugs are read once per process (aidtracker.filters);
    each test's database starts anew, so each test starts with nothing read."""
    for known in (COUNTRY_CODES, EQUIPMENT_SLUGS):
        known.forget()


@pytest.fixture
def reference(db):
    """Countries, organisations and the equipment catalogue."""
    return reference_load()


@pytest.fixture
def editors_group(db) -> Group:
    return Group.objects.get(name="Editors")


@pytest.fixture
def editor(db, editors_group):
    from tests.factories import UserFactory

    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(editors_group)
    return user
