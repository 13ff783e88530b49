"""Feeds: a conditional poll (ETag, Last-Modified) turns each new entry into an article."""

import pytest

from aidtracker.settings import CELERY_BEAT_SCHEDULE
from ingest import tasks
from ingest.feeds import FEED_UNREADABLE, feed_poll
from ingest.models import Article, Feed
from tests.ingest.server import Reply

pytestmark = pytest.mark.django_db


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}?utm_source=rss</link>"
        "<pubDate>Tue, 13 Jun 2023 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Aid news</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, path: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Atom news</title><entry><title>Atom story</title><link href="{base}{path}"/>'
        "<updated>2023-06-14T09:00:00Z</updated><id>urn:x</id></entry></feed>"
    ).encode()


def test_new_entries_become_articles_once(allow_server, django_capture_on_commit_callbacks):
    feed = Feed.objects.create(url=allow_server.url("/rss"))
    allow_server.routes["/rss"] = Reply(
        body=rss(allow_server.base, ["/a", "/b"]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 13 Jun 2023 10:00:00 GMT"},
    )
    with django_capture_on_commit_callbacks() as queued:
        first = feed_poll(feed_id=feed.pk)
    assert (first.created, first.duplicates) == (2, 0) and len(queued) == 2
    article = Article.objects.get(url=allow_server.url("/a"))
    assert article.title == "Story /a" and str(article.published_on) == "2023-06-13"
    assert article.feed == feed
    feed.refresh_from_db()
    assert (feed.etag, feed.title, feed.last_error) == ('"v1"', "Aid news", "")
    assert feed.last_polled_at is not None

    allow_server.routes["/rss"] = Reply(
        body=rss(allow_server.base, ["/a", "/c"]), content_type="application/rss+xml"
    )
    second = feed_poll(feed_id=feed.pk)
    assert (second.created, second.duplicates) == (1, 1)
    assert allow_server.requests[-1]["if-none-match"] == '"v1"'
    assert allow_server.requests[-1]["if-modified-since"] == "Tue, 13 Jun 2023 10:00:00 GMT"
    assert Article.objects.count() == 3


def test_not_modified_creates_nothing(allow_server):
    feed = Feed.objects.create(url=allow_server.url("/rss"), etag='"v1"')
    allow_server.routes["/rss"] = Reply(304, b"", "")
    assert feed_poll(feed_id=feed.pk).not_modified
    assert Article.objects.count() == 0


def test_atom_feeds_are_read(allow_server):
    feed = Feed.objects.create(url=allow_server.url("/atom"))
    allow_server.routes["/atom"] = Reply(
        body=atom(allow_server.base, "/x"), content_type="application/atom+xml"
    )
    assert feed_poll(feed_id=feed.pk).created == 1
    assert Article.objects.get().url == allow_server.url("/x")


def test_a_broken_feed_is_recorded_not_raised(allow_server):
    feed = Feed.objects.create(url=allow_server.url("/bad"))
    allow_server.routes["/bad"] = Reply(body=b"\x00\x01 not xml", content_type="text/xml")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.last_error == "The response body is binary data, not text."
    allow_server.routes["/bad"] = Reply(body=b"<html><p>hello</p>", content_type="text/xml")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.last_error.startswith(FEED_UNREADABLE.split("{")[0])


def test_a_feed_at_a_private_address_is_refused(settings):
    settings.ALLOW_PRIVATE_FETCH = False
    settings.FETCH_PRIVATE_ALLOWLIST = []
    feed = Feed.objects.create(url="http://10.0.0.1/rss")
    feed_poll(feed_id=feed.pk)
    feed.refresh_from_db()
    assert feed.last_error.startswith("Refused to fetch 10.0.0.1")


def test_beat_polls_the_active_feeds(allow_server, settings):
    assert CELERY_BEAT_SCHEDULE["poll-active-feeds"] == {
        "task": "ingest.feeds_poll_active",
        "schedule": settings.FEED_POLL_MINUTES * 60.0,
    }
    Feed.objects.create(url=allow_server.url("/one"))
    Feed.objects.create(url=allow_server.url("/off"), active=False)
    allow_server.routes["/one"] = Reply(
        body=rss(allow_server.base, ["/p"]), content_type="application/rss+xml"
    )
    assert tasks.feeds_poll_active.apply().get() == 1
    assert allow_server.hits == {"/one": 1}
    assert Article.objects.get().url == allow_server.url("/p")
