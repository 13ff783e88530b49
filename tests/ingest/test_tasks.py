"""The tasks' retry policy: transient errors retry then fail clearly, bad content fails once."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from aidtracker.models import Pledge
from ingest import services, tasks
from ingest.models import Article, Evidence
from ingest.services import article_submit, articles_batched
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


def pledge_text(n: int) -> str:
    return (
        f"On June {n + 1}, 2023, Germany announced a new €{100 + 50 * n} million military aid "
        "package for Ukraine, including IRIS-T air defence systems."
    )


def test_a_bulk_load_goes_in_chunks_and_a_lone_article_alone(
    reference, started, django_capture_on_commit_callbacks
):
    with articles_batched(size=2), django_capture_on_commit_callbacks(execute=True):
        ids = [article_submit(text=pledge_text(n), published_on="2023-06-30").pk for n in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        alone = article_submit(text=pledge_text(20), published_on="2023-06-30").pk

    assert started == [
        ("ingest.articles_extract", (ids[0:2],)),
        ("ingest.articles_extract", (ids[2:4],)),
        ("ingest.article_extract", (ids[4],)),
        ("ingest.article_extract", (alone,)),
    ]
    articles = Article.objects.filter(pk__in=[*ids, alone])
    assert {a.status for a in articles} == {Article.Status.EXTRACTED}
    assert Evidence.objects.filter(article__in=articles).count() == 6


def test_an_article_committed_after_its_bulk_block_still_goes_alone(
    reference, started, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), articles_batched():
        pk = article_submit(text=pledge_text(1), published_on="2023-06-30").pk
    assert started == [("ingest.article_extract", (pk,))]
    assert Article.objects.get(pk=pk).status == Article.Status.EXTRACTED


def test_articles_to_fetch_are_not_chunked(
    allow_server, started, django_capture_on_commit_callbacks
):
    allow_server.routes["/gone"] = Reply(404, b"gone", "text/plain")
    with articles_batched(), django_capture_on_commit_callbacks(execute=True):
        pk = article_submit(url=allow_server.url("/gone")).pk
    assert started == [("ingest.article_fetch", (pk,))]


def test_a_chunk_skips_what_is_already_extracted_and_missing_articles(reference):
    first = article_submit(text=pledge_text(1), published_on="2023-06-30")
    services.article_extract(article_id=first.pk)
    before = Article.objects.get(pk=first.pk).updated_at
    second = article_submit(text=pledge_text(2), published_on="2023-06-30")

    assert tasks.articles_extract.apply(args=([first.pk, 123456, second.pk],)).get() == 3

    assert Article.objects.get(pk=first.pk).updated_at == before
    assert Evidence.objects.filter(article=first).count() == 1
    assert Article.objects.get(pk=second.pk).status == Article.Status.EXTRACTED
    assert Pledge.objects.count() == 2


def test_the_chunk_task_is_late_acknowledged():
    assert tasks.articles_extract.acks_late is True
