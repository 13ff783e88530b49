"""Anonymous throttling with a fixed-window counter.

DRF's AnonRateThrottle keeps every request time of the window in one cached list, read
and written whole on each request: at high rates that list costs more than the request.
This one counts per window with cache.incr (cache.add starts a window): constant cost,
same rate setting ("anon" in DEFAULT_THROTTLE_RATES, e.g. "600/minute").
"""

import time
from typing import Any

from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle


class AnonWindowThrottle(AnonRateThrottle):
    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.window_start = int(time.time() // self.duration * self.duration)
        key = f"{self.key}:{self.window_start}"
        try:
            count = cache.incr(key)  # one round trip in the common case
        except ValueError:  # the window's first request
            count = 1 if cache.add(key, 1, self.duration + 1) else cache.incr(key)
        return count <= self.num_requests

    def wait(self) -> float:
        return max(0.0, self.window_start + self.duration - time.time())
