import pytest

from aidtracker.web.cache import cache_reset
from tests.factories import UserFactory

from .data import site_load


@pytest.fixture
def site(db):
    """Reference data, the demo pledges and articles with evidence."""
    return site_load()


@pytest.fixture
def reader(db):
    """A logged-in user who is not an editor."""
    return UserFactory(username="reader")


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty page cache (test databases reuse ids)."""
    cache_reset()
