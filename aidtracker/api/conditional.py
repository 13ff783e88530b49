"""ETag, Last-Modified, 304 and a response cache, all keyed by the dataset version.

Every write to pledges and items leaves a history row, and ingestion adds evidence and
articles; dataset_version() reads the newest of each in one small query. A GET whose
If-None-Match (or If-Modified-Since) still matches gets a 304 before the view runs, and
the data of a response is cached under its ETag, so that a repeated read costs that one
query plus a cache lookup. Any write changes the version, hence every key: nothing stale
is served and nothing needs invalidating.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from rest_framework.response import Response

from aidtracker.selectors import dataset_version

CACHE_PREFIX = "api-response:"


def _cache_seconds() -> int:
    return int(getattr(settings, "API_CACHE_SECONDS", 600))


def conditional(method: Callable) -> Callable:
    """Decorate a viewset or APIView GET method with ETag, Last-Modified, 304 and caching."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        version = dataset_version()
        renderer = getattr(request, "accepted_renderer", None)
        seed = f"{version.key}|{request.get_full_path()}|{getattr(renderer, 'format', '')}"
        etag = quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])
        modified = int(version.last_modified.timestamp()) if version.last_modified else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
        if not_modified is not None:
            return not_modified
        response = _cached(etag) if _cache_seconds() else None
        if response is None:
            response = method(self, request, *args, **kwargs)
            if response.status_code == 200 and _cache_seconds():
                _store(etag, response)
        if response.status_code == 200:
            response["ETag"] = etag
            if modified is not None:
                response["Last-Modified"] = http_date(modified)
            patch_vary_headers(response, ["Accept"])
        return response

    return wrapper


def _cached(etag: str) -> Response | None:
    hit = cache.get(CACHE_PREFIX + etag)
    if hit is None:
        return None
    data, headers = hit
    return Response(data, headers=headers)


def _store(etag: str, response: Response) -> None:
    headers = {name: response[name] for name in ("Link",) if response.has_header(name)}
    cache.set(CACHE_PREFIX + etag, (response.data, headers), _cache_seconds())
