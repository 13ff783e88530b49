"""Bulk loads: one article per JSON line, each line on its own (a bad one never stops the rest)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from .services import article_extract, article_fetch, article_submit_outcome

FIELDS = ("url", "text", "html", "title", "outlet", "published_on", "language")
JSONL_UNREADABLE = "Cannot read {path}: {reason}"
LINE_NOT_JSON = "not valid JSON ({reason})"
LINE_NOT_OBJECT = "a line must be a JSON object with url, text or html"
LINE_BAD_FIELD = "{field} must be a string"


@dataclass(frozen=True)
class LineResult:
    line: int
    outcome: str  # created, duplicate, failed (blank lines are not reported)
    article_id: int | None = None
    error: str = ""


def _fields(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationError(LINE_NOT_JSON.format(reason=exc.msg)) from exc
    if not isinstance(data, dict):
        raise ValidationError(LINE_NOT_OBJECT)
    fields = {key: data[key] for key in FIELDS if data.get(key) is not None}
    for key, value in fields.items():
        if not isinstance(value, str):
            raise ValidationError(LINE_BAD_FIELD.format(field=key))
    return fields


def ingest_line(number: int, raw: str, *, sync: bool = False) -> LineResult:
    try:
        outcome = article_submit_outcome(**_fields(raw), enqueue=not sync)
    except ValidationError as exc:
        return LineResult(number, "failed", error="; ".join(exc.messages))
    article = outcome.article
    if not outcome.created:
        return LineResult(number, "duplicate", article.pk)
    if sync:
        if not article.text:
            article_fetch_sync(article.pk)
        article_extract(article_id=article.pk)
        article.refresh_from_db()
        if article.status == article.Status.FAILED:
            return LineResult(number, "failed", article.pk, article.error)
    return LineResult(number, "created", article.pk)


def article_fetch_sync(article_id: int) -> None:
    """Fetch in this process; a transient failure is recorded like a permanent one."""
    from .fetch import FetchUnavailable
    from .services import article_fail

    try:
        article_fetch(article_id=article_id, enqueue=False)
    except FetchUnavailable as exc:
        article_fail(article_id=article_id, error=str(exc))


def ingest_lines(lines: Iterable[str], *, sync: bool = False) -> Iterator[LineResult]:
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            yield ingest_line(number, raw, sync=sync)
