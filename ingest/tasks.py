"""Thin Celery tasks: ids in, one service call, and the retry policy.

Network and database errors retry with exponential backoff up to MAX_RETRIES; bad
content does not (the service marks the article failed with a clear error). Tasks are
idempotent, so they are acknowledged late: a worker lost mid-task gets its message
redelivered to another worker.

A bulk load sends its articles in chunks (articles_extract, see
services.articles_batched): each article of a chunk is extracted on its own, in its own
transaction, exactly as article_extract would; one that needs a retry, or that the
chunk's time limit interrupts, goes on alone as an article_extract task.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError, close_old_connections

from . import feeds, services
from .fetch import FetchUnavailable
from .recording import catalogue_kept

MAX_RETRIES = 5
RETRYABLE = (FetchUnavailable, OperationalError, InterfaceError)
GAVE_UP = "Gave up after {retries} retries: {reason}"
TIMED_OUT = "Processing took longer than the time limit."
FAILED = "Processing failed: {reason}"

logger = logging.getLogger(__name__)


class DatabaseTask(Task):
    """Closes stale or broken database connections before and after each run, as Django
    does around a request (the worker keeps connections: settings.CELERY_DB_REUSE_MAX)."""

    def before_start(self, task_id, args, kwargs) -> None:
        if not self.request.is_eager:
            close_old_connections()

    def after_return(self, status, retval, task_id, args, kwargs, einfo) -> None:
        if not self.request.is_eager:
            close_old_connections()


class ArticleTask(DatabaseTask):
    """Marks the article failed, with its error, when the task fails for good."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        article_id = args[0] if args else kwargs.get("article_id")
        if article_id is None:
            return
        if isinstance(exc, SoftTimeLimitExceeded):
            message = TIMED_OUT
        elif isinstance(exc, RETRYABLE):
            message = GAVE_UP.format(retries=self.request.retries, reason=exc)
        else:
            message = FAILED.format(reason=exc or type(exc).__name__)
        # When the database is gone too there is nothing to keep: the message is redelivered.
        with contextlib.suppress(OperationalError, InterfaceError):
            services.article_fail(article_id=article_id, error=message)


RETRY_POLICY: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": RETRYABLE,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
}


@shared_task(name="ingest.article_fetch", base=ArticleTask, **RETRY_POLICY)
def article_fetch(self, article_id: int) -> str | None:
    article = services.article_fetch(article_id=article_id)
    return article.status if article else None


@shared_task(name="ingest.article_extract", base=ArticleTask, **RETRY_POLICY)
def article_extract(self, article_id: int) -> str | None:
    article = services.article_extract(article_id=article_id)
    return article.status if article else None


@shared_task(name="ingest.feed_poll", base=DatabaseTask, **RETRY_POLICY)
def feed_poll(self, feed_id: int) -> int:
    return feeds.feed_poll(feed_id=feed_id).created


@shared_task(name="ingest.feeds_poll_active", base=DatabaseTask, acks_late=True)
def feeds_poll_active() -> int:
    """Beat: queue a poll of every active feed."""
    ids = feeds.feeds_active_ids()
    for feed_id in ids:
        feed_poll.delay(feed_id)
    return len(ids)


class ChunkTask(DatabaseTask):
    """When a chunk fails as a whole (its hard time limit, a broker error while handing an
    article on), every article of it goes on alone: those already extracted are skipped,
    the others get their own task, time limit and retries."""

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        article_ids = args[0] if args else kwargs.get("article_ids", [])
        for article_id in article_ids:
            article_extract.delay(article_id)


@shared_task(name="ingest.articles_extract", base=ChunkTask, bind=True, acks_late=True)
def articles_extract(self, article_ids: list[int]) -> int:
    """Extract a chunk of articles one after the other; returns how many were handled here.

    Per article the guarantees of article_extract hold: its own transaction (an article
    already extracted, e.g. before a lost worker's chunk was redelivered, is skipped), a
    retry with backoff on network and database errors only (that article alone, as an
    article_extract task that carries on its retry count), any other error kept on the
    article. When the chunk's soft time limit strikes, the article in hand and the rest
    go on alone, each with the full time limit.
    """
    with catalogue_kept():
        return _extract_each(article_ids)


def _extract_each(article_ids: list[int]) -> int:
    for index, article_id in enumerate(article_ids):
        try:
            services.article_extract(article_id=article_id)
        except SoftTimeLimitExceeded:
            for rest in article_ids[index:]:
                article_extract.delay(rest)
            return index
        except RETRYABLE as exc:
            _retry_alone(article_id, exc)
        except Exception as exc:
            logger.exception("article %s failed in a chunk", article_id)
            try:
                services.article_fail(article_id=article_id, error=FAILED.format(reason=exc))
            except RETRYABLE as again:
                _retry_alone(article_id, again)
    return len(article_ids)


def _retry_alone(article_id: int, exc: Exception) -> None:
    """The first retry of an article from a chunk, as its own task (retries=1 from there)."""
    logger.warning("article %s will be retried alone: %s", article_id, exc)
    close_old_connections()  # drops the connection if the error broke it
    options = RETRY_POLICY
    countdown = get_exponential_backoff_interval(
        factor=options["retry_backoff"],
        retries=0,
        maximum=options["retry_backoff_max"],
        full_jitter=options["retry_jitter"],
    )
    article_extract.apply_async((article_id,), countdown=countdown, retries=1)
