"""The tasks' retry policy: transient errors retry then fail clearly, bad content fails once."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from ingest import tasks
from ingest.models import Article
from ingest.services import article_submit
from tests.factories import ArticleFactory
from tests.ingest.server import Reply

pytestmark = pytest.mark.django_db


def test_the_tasks_are_late_acknowledged_with_bounded_retries():
    for task in (tasks.article_fetch, tasks.article_extract, tasks.feed_poll):
        assert task.acks_late is True
        assert task.max_retries == tasks.MAX_RETRIES
        assert task.retry_backoff and task.retry_jitter
        assert set(task.autoretry_for) == set(tasks.RETRYABLE)


def test_an_unavailable_server_is_retried_then_the_article_fails(
    allow_server, django_capture_on_commit_callbacks
):
    allow_server.routes["/busy"] = Reply(503, b"later", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url=allow_server.url("/busy"))
    article.refresh_from_db()
    assert allow_server.hits["/busy"] == tasks.MAX_RETRIES + 1
    assert article.status == Article.Status.FAILED
    assert article.error == tasks.GAVE_UP.format(
        retries=tasks.MAX_RETRIES, reason="The server answered HTTP 503."
    )


def test_a_server_error_is_not_retried(allow_server, django_capture_on_commit_callbacks):
    allow_server.routes["/boom"] = Reply(500, b"boom", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url=allow_server.url("/boom"))
    article.refresh_from_db()
    assert allow_server.hits["/boom"] == 1 and article.error == "The server answered HTTP 500."


def test_a_time_limit_marks_the_article_failed():
    article = ArticleFactory(status="queued")
    tasks.article_fetch.on_failure(SoftTimeLimitExceeded(), "id", (article.pk,), {}, None)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED and article.error == tasks.TIMED_OUT


def test_a_missing_article_is_ignored():
    assert tasks.article_fetch.apply(args=(123456,)).get() is None
    assert tasks.article_extract.apply(args=(123456,)).get() is None
