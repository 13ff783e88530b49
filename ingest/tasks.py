"""Thin Celery tasks: ids in, one service call, and the retry policy.

Network and database errors retry with exponential backoff up to MAX_RETRIES; bad
content does not (the service marks the article failed with a clear error). Tasks are
idempotent, so they are acknowledged late: a worker lost mid-task gets its message
redelivered to another worker.
"""

from __future__ import annotations

import contextlib
from typing import Any

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, close_old_connections

from . import feeds, services
from .fetch import FetchUnavailable

MAX_RETRIES = 5
RETRYABLE = (FetchUnavailable, OperationalError, InterfaceError)
GAVE_UP = "Gave up after {retries} retries: {reason}"
TIMED_OUT = "Processing took longer than the time limit."
FAILED = "Processing failed: {reason}"


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
