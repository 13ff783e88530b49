"""Ingestion's writes: articles in (submitted, fetched, extracted), failures and retries.

Recording the extracted pledges lives in ingest/recording.py; this module decides what
happens to an article and when its next step is queued (always after the commit).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from .models import Article, Feed

logger = logging.getLogger(__name__)

SUBMIT_NOTHING = "Give a url, a text or an html body to ingest."
SUBMIT_BAD_URL = "The url must be an absolute http:// or https:// URL."
SUBMIT_NO_TEXT = "No article text was found in the html."
SUBMIT_BAD_DATE = "published_on must be a date (YYYY-MM-DD)."
DUPLICATE_CONTENT = "The same text is already stored as article {id}; it is not extracted twice."
ONLY_FAILED_RETRY = "Only a failed article can be retried; this one is {status}."
DROPPED_QUERY_PREFIXES = ("utm_",)
DROPPED_QUERY_KEYS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})
# Articles with text queued together (articles_batched) go to the workers this many per
# task: the per-task costs (broker round trips, acknowledgement, the worker's bookkeeping)
# are paid once per chunk; a single article still goes alone, without waiting.
EXTRACT_CHUNK = 20


@dataclass(frozen=True)
class Submitted:
    article: Article
    created: bool


def url_canonical(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no utm_* parameters."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (ValueError, AttributeError) as exc:
        raise ValidationError({"url": SUBMIT_BAD_URL}) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": SUBMIT_BAD_URL})
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(DROPPED_QUERY_PREFIXES)
        and key.lower() not in DROPPED_QUERY_KEYS
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def text_normalise(text: str) -> str:
    """The text as compared for duplicates: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def text_hash(text: str) -> str:
    return hashlib.sha256(text_normalise(text).encode("utf-8")).hexdigest()


def date_parse(value: Any) -> datetime.date | None:
    """A date from a date, a datetime or an ISO string (YYYY-MM-DD...); None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise ValidationError({"published_on": SUBMIT_BAD_DATE}) from exc


def _existing(url: str | None, digest: str | None) -> Article | None:
    query = Q(pk__in=[])
    if url:
        query |= Q(url=url)
    if digest:
        query |= Q(content_hash=digest)
    return Article.objects.filter(query).order_by("id").first()


@dataclass
class _Chunks:
    """Ids of committed articles waiting to be published as chunks of `size`."""

    size: int
    ids: list[int] = field(default_factory=list)
    open: bool = True

    def add(self, pk: int) -> None:
        from . import tasks

        if not self.open:  # committed after the block ended (an outer transaction)
            tasks.article_extract.delay(pk)
            return
        self.ids.append(pk)
        if len(self.ids) >= self.size:
            self.flush()

    def flush(self) -> None:
        from . import tasks

        ids, self.ids = self.ids, []
        if len(ids) == 1:
            tasks.article_extract.delay(ids[0])
        elif ids:
            tasks.articles_extract.delay(ids)


_chunks: ContextVar[_Chunks | None] = ContextVar("ingest_chunks", default=None)


@contextmanager
def articles_batched(size: int = EXTRACT_CHUNK) -> Iterator[None]:
    """Within the block, articles with text go to extraction in chunks of `size` ids per
    task (ingest.articles_extract) instead of one task each.

    For bulk loads (ingest_file, the ingestion benchmark). An id joins a chunk only once
    its article's transaction has committed; a full chunk is published at once, the
    rest when the block ends. Articles to fetch (URL only) still get one task each.
    """
    chunks = _Chunks(size=max(1, size))
    token = _chunks.set(chunks)
    try:
        yield
    finally:
        _chunks.reset(token)
        chunks.flush()
        chunks.open = False


def _enqueue(article: Article) -> None:
    """Queue the article's next step once the current transaction commits."""
    from . import tasks

    pk = article.pk
    chunks = _chunks.get()
    if article.text and chunks is not None:
        transaction.on_commit(lambda: chunks.add(pk))
        return
    task = tasks.article_extract if article.text else tasks.article_fetch
    transaction.on_commit(lambda: task.delay(pk))


def article_submit(
    *,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    title: str = "",
    published_on: Any = None,
    outlet: str = "",
    feed: Feed | None = None,
    user: Any = None,
) -> Article:
    """Store an article once (dedup on canonical URL and text hash) and queue its processing.

    With only a URL the worker fetches it; with text or html it goes straight to
    extraction. Returns the new article, or the existing one for a duplicate.
    """
    return article_submit_outcome(
        url=url,
        text=text,
        html=html,
        title=title,
        published_on=published_on,
        outlet=outlet,
        feed=feed,
        user=user,
    ).article


def article_submit_outcome(
    *,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    title: str = "",
    published_on: Any = None,
    outlet: str = "",
    feed: Feed | None = None,
    user: Any = None,
    language: str = "",
    enqueue: bool = True,
) -> Submitted:
    """article_submit, also telling whether the article was created (False: a duplicate).

    `language` (an ISO 639-1 code) skips detection; `enqueue=False` leaves processing to
    the caller (bulk loads that extract in-process). Atomic: inside the caller's
    transaction a duplicate that wins a race only rolls back this submission.
    """
    if not (url or (text and text.strip()) or (html and html.strip())):
        raise ValidationError(SUBMIT_NOTHING)
    canonical = url_canonical(url) if url else None
    fields: dict[str, Any] = {"title": title or "", "outlet": outlet or ""}
    fields["language"] = (language or "").strip().lower()[:8]
    fields["published_on"] = date_parse(published_on)
    body = (text or "").strip()
    if not body and html:
        body = _from_html(html, canonical, fields)
    digest = text_hash(body) if body else None
    try:
        # One transaction (or savepoint) for the look-up and the insert.
        with transaction.atomic():
            return _store(canonical, digest, body, feed, fields, enqueue=enqueue)
    except IntegrityError:
        # Another submission stored the same URL or text between our look-up and insert.
        existing = _existing(canonical, digest)
        if existing is None:
            raise
        return Submitted(existing, False)


def _store(
    canonical: str | None,
    digest: str | None,
    body: str,
    feed: Feed | None,
    fields: dict[str, Any],
    *,
    enqueue: bool,
) -> Submitted:
    existing = _existing(canonical, digest)
    if existing is not None:
        return Submitted(existing, False)
    article = Article(url=canonical, text=body, content_hash=digest, feed=feed, **fields)
    article.title = article.title[:500]
    article.outlet = article.outlet[:200]
    article.full_clean(exclude=["url"] if canonical else None, validate_unique=False)
    article.save()
    if enqueue:
        _enqueue(article)
    return Submitted(article, True)


def _from_html(html: str, url: str | None, fields: dict[str, Any]) -> str:
    from .html import main_text

    main = main_text(html, url)
    text = (main.text or "").strip()
    if not text:
        raise ValidationError({"html": SUBMIT_NO_TEXT})
    fields["title"] = fields["title"] or main.title or ""
    fields["outlet"] = fields["outlet"] or main.outlet or ""
    fields["language"] = fields["language"] or main.language or ""
    if fields["published_on"] is None and main.published:
        fields["published_on"] = _quiet_date(main.published)
    return text


def _quiet_date(value: str | None) -> datetime.date | None:
    try:
        return date_parse(value)
    except ValidationError:
        return None


def article_fail(*, article_id: int, error: str) -> None:
    """Mark an article failed with its error (kept until an editor retries it)."""
    Article.objects.filter(pk=article_id).exclude(status=Article.Status.EXTRACTED).update(
        status=Article.Status.FAILED, error=error[:4000]
    )


def article_fetch(*, article_id: int, enqueue: bool = True) -> Article | None:
    """Fetch a queued article's URL and store its main text; queue its extraction.

    A permanent fetch error marks the article failed; FetchUnavailable (timeout,
    connection, 502/503/504) propagates so that the task retries. Idempotent: an
    article already fetched only has its extraction queued again.
    """
    from .fetch import FetchError, FetchUnavailable, fetch_page

    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.status not in (Article.Status.QUEUED, Article.Status.FETCHED):
        return article
    if article.text:
        if enqueue:
            with transaction.atomic():
                _enqueue(article)
        return article
    try:
        page = fetch_page(article.url or "")
    except FetchUnavailable:
        raise
    except FetchError as exc:
        article_fail(article_id=article_id, error=str(exc))
        return Article.objects.get(pk=article_id)
    return _store_page(article_id, page, enqueue=enqueue)


@transaction.atomic
def _store_page(article_id: int, page: Any, *, enqueue: bool) -> Article:
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.status != Article.Status.QUEUED or article.text:
        return article
    digest = text_hash(page.text)
    twin = Article.objects.filter(content_hash=digest).exclude(pk=article_id).first()
    if twin is not None:
        article.status = Article.Status.FAILED
        article.error = DUPLICATE_CONTENT.format(id=twin.pk)
        article.save(update_fields=["status", "error", "updated_at"])
        return article
    article.text = page.text
    article.content_hash = digest
    article.title = (article.title or page.title)[:500]
    article.outlet = (article.outlet or page.outlet)[:200]
    article.language = (page.language or article.language)[:8]
    article.published_on = article.published_on or _quiet_date(page.published)
    article.status = Article.Status.FETCHED
    article.error = ""
    article.save()
    if enqueue:
        _enqueue(article)
    return article


def article_extract(*, article_id: int, force: bool = False) -> Article | None:
    """Run the extractor over the article's text and record its pledges and evidence.

    All in one transaction, so a worker killed half-way leaves nothing behind and the
    redelivered task starts again. Skips an article already extracted by this
    extractor version unless `force` (re-extraction). Returns the article.
    """
    from .recording import article_record

    return article_record(article_id=article_id, force=force)


@transaction.atomic
def article_retry(*, article: Article) -> Article:
    """Queue a failed article again (fetch when it has no text, else extraction)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != Article.Status.FAILED:
        raise ValidationError(ONLY_FAILED_RETRY.format(status=article.get_status_display()))
    article.status = Article.Status.QUEUED
    article.error = ""
    article.save(update_fields=["status", "error", "updated_at"])
    _enqueue(article)
    return article
