"""The articles admin: ingest URLs, retry failed articles; the feeds admin: poll now."""

import pytest

from ingest.models import Article, Feed
from tests.factories import ArticleFactory
from tests.ingest.server import Reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="ingest"))
    client.force_login(editor)
    return client


def test_ingest_urls_from_the_admin(editor_client, django_capture_on_commit_callbacks):
    changelist = editor_client.get("/admin/ingest/article/")
    assert b"Ingest URL(s)" in changelist.content
    assert editor_client.get("/admin/ingest/article/ingest-urls/").status_code == 200
    with django_capture_on_commit_callbacks() as queued:
        response = editor_client.post(
            "/admin/ingest/article/ingest-urls/",
            {"urls": "https://example.org/a\nhttps://example.org/a#dup\ngopher://x/"},
            follow=True,
        )
    text = response.content.decode()
    assert "1 URL(s) queued, 1 already stored." in text
    assert "gopher://x/: the url must be an absolute" in text.lower()
    assert Article.objects.count() == 1 and len(queued) == 1


def test_retry_failed_articles_action(editor_client, django_capture_on_commit_callbacks):
    failed = ArticleFactory(status="failed", error="HTTP 500")
    done = ArticleFactory(status="extracted")
    with django_capture_on_commit_callbacks() as queued:
        response = editor_client.post(
            "/admin/ingest/article/",
            {"action": "retry_failed", "_selected_action": [failed.pk, done.pk]},
            follow=True,
        )
    assert b"1 failed article(s) queued again." in response.content
    assert b"1 selected article(s) were not failed" in response.content
    failed.refresh_from_db()
    assert failed.status == "queued" and failed.error == "" and len(queued) == 1


def test_poll_feeds_action(editor_client, allow_server):
    allow_server.routes["/rss"] = Reply(
        body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
        content_type="application/rss+xml",
    )
    feed = Feed.objects.create(url=allow_server.url("/rss"))
    response = editor_client.post(
        "/admin/ingest/feed/", {"action": "poll_now", "_selected_action": [feed.pk]}, follow=True
    )
    assert b"1 feed(s) queued for polling." in response.content
    feed.refresh_from_db()
    assert feed.last_polled_at is not None and feed.title == "T"
