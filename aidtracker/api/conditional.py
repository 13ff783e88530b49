"""ETag, Last-Modified, 304 and a response cache, all keyed by the dataset version.

Every write to pledges and items leaves a history row, and ingestion adds evidence and
articles; dataset_version() reads the newest of each in one small query. A GET whose
If-None-Match (or If-Modified-Since) still matches gets a 304 before the view runs, and
the rendered body of a response is cached under its ETag, so that a repeated read costs
that one query plus a cache lookup. Any write changes the version, hence every key:
nothing stale is served and nothing needs invalidating.

A view whose answer can change while the version stays the same (the changes feed, which
hands out history rows only once they have settled) says so with `version_is_stable`:
until it holds, the view runs without ETag or cache.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from aidtracker.selectors import dataset_version

CACHE_PREFIX = "api-response:"
CACHED_HEADERS = ("Content-Type", "Link")


def _cache_seconds() -> int:
    return int(getattr(settings, "API_CACHE_SECONDS", 600))


def conditional(method: Callable) -> Callable:
    """Decorate a viewset or APIView GET method with ETag, Last-Modified, 304 and caching."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        version = dataset_version()
        if not getattr(self, "version_is_stable", lambda version: True)(version):
            return method(self, request, *args, **kwargs)  # may change without a write
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
                response._cache_key = CACHE_PREFIX + etag  # stored once rendered
        if response.status_code == 200:
            response["ETag"] = etag
            if modified is not None:
                response["Last-Modified"] = http_date(modified)
            patch_vary_headers(response, ["Accept"])
        return response

    return wrapper


def _cached(etag: str) -> HttpResponse | None:
    hit = cache.get(CACHE_PREFIX + etag)
    if hit is None:
        return None
    content, headers = hit
    return HttpResponse(content, headers=headers)


def cache_rendered(response: Any) -> Any:
    """After rendering: store the body of a response marked by `conditional`."""
    key = getattr(response, "_cache_key", None)
    if key:
        headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), _cache_seconds())
    return response


class CachedRenderMixin:
    """For views using `conditional`: cache the body once DRF has rendered it."""

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if getattr(response, "_cache_key", None):
            response.add_post_render_callback(cache_rendered)
        return response
