import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.test import APIClient

from aidtracker import services
from aidtracker.api.conditional import CACHE_PREFIX
from aidtracker.api.throttling import AnonWindowThrottle
from aidtracker.services import ItemData, PledgeData
from tests.factories import ArticleFactory, EvidenceFactory


def forget_api_cache() -> None:
    """Drop cached API responses only: in CI the cache shares Redis with Celery's broker."""
    cache = caches["default"]  # the backend (django.core.cache.cache is a proxy)
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client()
    keys = list(client.scan_iter(match=f"*{CACHE_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    forget_api_cache()
    # Throttle counters of this test only (they live a whole window, across runs).
    monkeypatch.setattr(
        AnonWindowThrottle, "cache_format", f"throttle_%(scope)s_{uuid.uuid4().hex}_%(ident)s"
    )
    yield
    forget_api_cache()


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture
def editor_client(editor) -> APIClient:
    api = APIClient()
    api.force_authenticate(editor)
    return api


def make_pledge(**overrides):
    fields = {
        "donor": "US",
        "recipient": "UA",
        "announced_on": datetime.date(2023, 6, 13),
        "amount": Decimal("325000000"),
        "currency": "USD",
        "summary": "Stingers and artillery shells for Kyiv.",
        "items": (ItemData(name="Stinger", equipment_slug="fim-92-stinger", quantity=40),),
    }
    return services.pledge_create(data=PledgeData(**{**fields, **overrides}))


@pytest.fixture
def pledges(reference):
    """Five pledges of three donors, valued in three currencies, with items and sources."""
    made = {
        "us": make_pledge(),
        "gb": make_pledge(
            donor="GB",
            announced_on=datetime.date(2023, 1, 14),
            amount=Decimal("100000000"),
            currency="GBP",
            kind="equipment",
            summary="Challenger 2 tanks for Ukraine.",
            items=(
                ItemData(name="Challenger 2", equipment_slug="challenger-2", quantity=14),
                ItemData(name="AS-90", equipment_slug="as-90", quantity=30),
            ),
        ),
        "de": make_pledge(
            donor="DE",
            announced_on=datetime.date(2024, 3, 1),
            amount=Decimal("500000000"),
            currency="EUR",
            kind="financing",
            stage="committed",
            summary="Financing for ammunition.",
            items=(),
        ),
        "de_training": make_pledge(
            donor="DE",
            announced_on=datetime.date(2022, 9, 5),
            amount=None,
            currency="",
            kind="training",
            summary="Training of air defence crews.",
            items=(),
        ),
        "us_old": make_pledge(announced_on=datetime.date(2022, 4, 21), amount=Decimal("8e8")),
    }
    for n, pledge in enumerate(made.values()):
        for outlet in ("Reuters", "AP")[: 1 + n % 2]:
            article = ArticleFactory(outlet=outlet)
            EvidenceFactory(pledge=pledge, article=article, sentence=f"Source {n} on {outlet}.")
    return made
