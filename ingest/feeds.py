"""RSS and Atom feeds: a conditional poll (ETag, Last-Modified), new entries become articles."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import feedparser
from django.core.exceptions import ValidationError
from django.utils import timezone

from .fetch import FEED_TYPES, FetchError, FetchUnavailable, fetch
from .models import Feed
from .services import article_submit_outcome

logger = logging.getLogger(__name__)

FEED_UNREADABLE = "The feed could not be read as RSS or Atom: {reason}"
ENTRIES_SKIPPED = "{count} entries were skipped (no usable link)."


@dataclass(frozen=True)
class FeedPoll:
    created: int = 0
    duplicates: int = 0
    skipped: int = 0
    not_modified: bool = False


def feeds_active_ids() -> list[int]:
    return list(Feed.objects.filter(active=True).values_list("pk", flat=True))


def feed_poll(*, feed_id: int) -> FeedPoll:
    """Fetch the feed (conditionally) and submit each entry's link as an article.

    Records the feed's ETag, Last-Modified, poll time and last error. A transient
    fetch error is recorded and raised again (the task retries); a permanent one only
    recorded. Returns the counts of created, duplicate and skipped entries.
    """
    feed = Feed.objects.get(pk=feed_id)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.modified:
        headers["If-Modified-Since"] = feed.modified
    try:
        response = fetch(feed.url, accept=FEED_TYPES, headers=headers)
    except FetchUnavailable as exc:
        _polled(feed, error=str(exc))
        raise
    except FetchError as exc:
        _polled(feed, error=str(exc))
        return FeedPoll()
    if response.status == 304:
        _polled(feed, error="")
        return FeedPoll(not_modified=True)
    parsed = feedparser.parse(
        response.body,
        response_headers={"content-location": response.url, "content-type": response.content_type},
    )
    if not parsed.version and not parsed.entries:
        _polled(feed, error=FEED_UNREADABLE.format(reason=parsed.get("bozo_exception", "")))
        return FeedPoll()
    result = _submit_entries(feed, parsed.entries)
    feed.etag = response.headers.get("etag", "")[:300]
    feed.modified = response.headers.get("last-modified", "")[:100]
    if not feed.title:
        feed.title = str(parsed.feed.get("title", ""))[:300]
    skipped = ENTRIES_SKIPPED.format(count=result.skipped) if result.skipped else ""
    _polled(feed, error=skipped)
    return result


def _submit_entries(feed: Feed, entries: list) -> FeedPoll:
    created = duplicates = skipped = 0
    for entry in entries:
        link = entry.get("link")
        if not link:
            skipped += 1
            continue
        try:
            outcome = article_submit_outcome(
                url=link,
                title=str(entry.get("title", ""))[:500],
                published_on=_entry_date(entry),
                feed=feed,
            )
        except ValidationError:
            skipped += 1
            continue
        created += outcome.created
        duplicates += not outcome.created
    return FeedPoll(created=created, duplicates=duplicates, skipped=skipped)


def _entry_date(entry) -> datetime.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _polled(feed: Feed, *, error: str) -> None:
    feed.last_polled_at = timezone.now()
    feed.last_error = error
    feed.save()
