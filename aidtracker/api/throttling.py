"""Anonymous throttling with a fixed-window counter.

DRF's AnonRateThrottle keeps every request time of the window in one cached list, read
and written whole on each request: at high rates that list costs more than the request.
This one counts per window: constant cost, same rate setting ("anon" in
DEFAULT_THROTTLE_RATES, e.g. "600/minute"). On Redis a request costs one INCR (Django's
cache.incr asks whether the key exists first, a second round trip on every request).
"""

import time
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import AnonRateThrottle


class AnonWindowThrottle(AnonRateThrottle):
    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.window_start = int(time.time() // self.duration * self.duration)
        count = window_count(f"{self.key}:{self.window_start}", self.duration + 1)
        return count <= self.num_requests

    def wait(self) -> float:
        return max(0.0, self.window_start + self.duration - time.time())


def window_count(key: str, seconds: int) -> int:
    """Count one more request under `key`, which lives `seconds` from its first count;
    return the count. A value the cache's get() reads back as an int."""
    cache = caches["default"]  # the backend itself (django.core.cache.cache is a proxy)
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(full_key, write=True)  # the redis-py client
        count = int(client.incr(full_key))  # creates the key at 1
        if count == 1:
            client.expire(full_key, seconds)
        return count
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request
        return 1 if cache.add(key, 1, seconds) else cache.incr(key)
