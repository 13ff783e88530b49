"""Short-lived caching of the pages' heavy aggregates (timelines, per-category counts).

A key holds the data version (selectors.dataset_version: the newest history rows of
pledges and items, evidence and articles), so any pledge created, corrected, merged,
rejected or deleted through the services, or loaded in bulk, reaches readers at once.
Writes that bypass both (a raw queryset.update()) show after at most CACHE_SECONDS.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from aidtracker.selectors import dataset_version

CACHE_SECONDS = 60
GENERATION_KEY = "web:generation"


def data_version() -> str:
    """The API's dataset fingerprint (newest pledge, item, evidence and article changes, in
    one query): the pages and the API's ETags change together."""
    return dataset_version().key


def generation() -> str:
    """A value that `cache_reset` changes, so that tests start with an empty page cache
    without flushing a cache that the task broker may share."""
    return str(cache.get_or_set(GENERATION_KEY, 0, timeout=None))


def cache_reset() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def cached(name: str, parts: tuple, compute: Callable[[], Any], *, version: str) -> Any:
    digest = hashlib.sha256(repr((generation(), version, parts)).encode()).hexdigest()[:32]
    key = f"web:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value
