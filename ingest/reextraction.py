"""Which stored articles a re-extraction runs over."""

from __future__ import annotations

import datetime

from django.db.models import Q

from .models import Article


def articles_to_reextract(*, everything: bool = False, since: datetime.date | None = None):
    """Ids of articles with text: all, those published (or added) since a day, or by
    default those extracted by another extractor version (or never)."""
    from .extraction import EXTRACTOR_VERSION

    articles = Article.objects.exclude(text="")
    if since is not None:
        articles = articles.filter(
            Q(published_on__gte=since) | Q(published_on__isnull=True, created_at__date__gte=since)
        )
    elif not everything:
        articles = articles.exclude(
            status=Article.Status.EXTRACTED, extractor_version=EXTRACTOR_VERSION
        )
    return list(articles.order_by("id").values_list("id", flat=True))
