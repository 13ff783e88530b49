"""Reads that only the web pages need (shared reads live in aidtracker.selectors)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, F, Field, Max, Min, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from aidtracker.filters import DEFAULT_STATUSES, PledgeFilter
from aidtracker.models import Category, Country, Equipment, Pledge, PledgeItem
from aidtracker.selectors import MONEY, pledge_list
from ingest.models import Article, Evidence

from .cache import cached
from .text import Segment, excerpt_segments, text_segments

PAGE_SIZE = 50
HISTORY_FIELDS = (*Pledge.EDITABLE_FIELDS, "status", "confidence", "merged_into")
SEARCH_LIMIT = 50


def pledges_shown() -> QuerySet:
    """What analysts see by default, as the API: reported and confirmed pledges."""
    return Pledge.objects.filter(status__in=DEFAULT_STATUSES)


def pledges_filterable() -> QuerySet:
    """All pledges, with the sort key that PledgeFilter's ordering=amount_usd uses
    (as selectors.pledge_list annotates it), and nothing else that would slow sums."""
    return Pledge.objects.annotate(
        usd_sort=Coalesce(F("amount_usd"), Value(Decimal(-1)), output_field=MONEY)
    )


@dataclass
class Page:
    """One page of a list, without counting the whole list (one query less, and fast)."""

    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def pledge_page(queryset: QuerySet, *, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """One page of `queryset` in its order, each pledge with the API's list bundle
    (items, evidence and articles, source_count): one query for the page's ids, then
    selectors.pledge_list for those ids."""
    offset = (number - 1) * size
    ids = list(queryset.values_list("id", flat=True)[offset : offset + size + 1])
    return page_of_ids(ids, number=number, size=size)


def page_of_ids(ids: list[int], *, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """The pledges of `ids` (one more than a page tells that there is a next page)."""
    found = {pledge.pk: pledge for pledge in pledge_list().filter(pk__in=ids[:size])}
    rows = [found[pk] for pk in ids[:size] if pk in found]
    return Page(rows=rows, number=number, has_next=len(ids) > size)


def donors_with_pledges() -> QuerySet:
    return Country.objects.filter(code__in=Pledge.objects.visible().values("donor_id")).only(
        "code", "name"
    )


def country_choices() -> list[tuple[str, str]]:
    return list(Country.objects.order_by("name").values_list("code", "name"))


def catalogue_choices() -> list[tuple[str, str]]:
    return list(Equipment.objects.order_by("name").values_list("slug", "name"))


def country_names(codes: list[str]) -> dict[str, str]:
    return dict(Country.objects.filter(code__in=codes).values_list("code", "name"))


# --- pledge page ---


@dataclass
class EvidenceView:
    evidence: Evidence
    segments: list[Segment]


@dataclass
class Change:
    when: Any
    who: Any
    reason: str
    kind: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


def pledge_detail(pk: int) -> Pledge:
    evidence = Evidence.objects.select_related("article").order_by("article_id", "start")
    return (
        Pledge.objects.select_related("donor", "recipient", "merged_into")
        .prefetch_related("items__equipment", Prefetch("evidence", evidence), "merged_from")
        .get(pk=pk)
    )


def pledge_evidence(pledge: Pledge) -> list[EvidenceView]:
    return [
        EvidenceView(e, excerpt_segments(e.article.text, e.start, e.end, e.sentence))
        for e in pledge.evidence.all()
    ]


def evidence_sources(pledge: Pledge) -> dict[str, int]:
    articles = {e.article_id for e in pledge.evidence.all()}
    outlets = {e.article.outlet or e.article.url or e.article_id for e in pledge.evidence.all()}
    return {"articles": len(articles), "outlets": len(outlets)}


def _field_changes(new: Any, old: Any | None) -> list[tuple[str, Any, Any]]:
    fields = [cast(Field, Pledge._meta.get_field(name)) for name in HISTORY_FIELDS]
    names = [(field.name, field.attname, str(field.verbose_name)) for field in fields]
    if old is None:
        return []
    return [
        (label, getattr(old, attname), getattr(new, attname))
        for _, attname, label in names
        if getattr(old, attname) != getattr(new, attname)
    ]


def _pledge_records(pledge: Pledge) -> list[Change]:
    records = list(pledge.history.select_related("history_user").order_by("history_date"))
    return [
        Change(
            when=record.history_date,
            who=record.history_user,
            reason=record.history_change_reason or "",
            kind={"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
            fields=_field_changes(record, previous),
        )
        for previous, record in zip([None, *records], records, strict=False)
    ]


def _item_records(pledge: Pledge) -> list[Change]:
    records = PledgeItem.history.filter(pledge_id=pledge.pk).select_related("history_user")
    verbs = {"+": "item added", "~": "item changed", "-": "item removed"}
    return [
        Change(
            when=record.history_date,
            who=record.history_user,
            reason=record.history_change_reason or "",
            kind=verbs[record.history_type],
            fields=[(verbs[record.history_type], "", str(record.instance))],
        )
        for record in records.order_by("history_date")
    ]


def pledge_changes(pledge: Pledge) -> list[Change]:
    """The pledge's history, newest first: one entry per edit (same second, user and
    reason), with its field changes and the items it added or removed."""
    grouped: dict[tuple, Change] = {}
    for change in sorted(_pledge_records(pledge) + _item_records(pledge), key=lambda c: c.when):
        key = (change.when.replace(microsecond=0), getattr(change.who, "pk", None), change.reason)
        if key not in grouped:
            grouped[key] = change
            continue
        entry = grouped[key]
        if entry.kind.startswith("item") and not change.kind.startswith("item"):
            entry.kind = change.kind
        entry.fields += change.fields
    for entry in grouped.values():
        if entry.kind.startswith("item"):
            entry.kind = "items changed"
    return sorted(grouped.values(), key=lambda change: change.when, reverse=True)


# --- article page ---


def article_detail(pk: int) -> Article:
    evidence = Evidence.objects.select_related("pledge__donor", "pledge__recipient")
    return Article.objects.prefetch_related(Prefetch("evidence", evidence)).get(pk=pk)


def article_segments(article: Article) -> list[Segment]:
    return text_segments(article.text, [(e.start, e.end) for e in article.evidence.all()])


def article_pledges(article: Article) -> list[Pledge]:
    seen: dict[int, Pledge] = {}
    for evidence in article.evidence.all():
        seen.setdefault(evidence.pledge_id, evidence.pledge)
    return sorted(seen.values(), key=lambda p: (p.announced_on, p.pk), reverse=True)


# --- donor, equipment and category pages ---


def items_by_category(pledges: QuerySet) -> list[dict[str, Any]]:
    rows = (
        PledgeItem.objects.filter(pledge__in=pledges)
        .values("category")
        .annotate(
            items=Count("id"), pledges=Count("pledge", distinct=True), quantity=Sum("quantity")
        )
        .order_by("-pledges", "category")
    )
    return [{**row, "label": Category(row["category"]).label} for row in rows]


def donor_sources(code: str, *, limit: int = 20) -> list[Article]:
    ids = Evidence.objects.filter(pledge__donor_id=code).values("article_id")
    return list(
        Article.objects.filter(id__in=ids)
        .only("id", "title", "url", "outlet", "published_on")
        .order_by("-published_on", "-id")[:limit]
    )


def item_donors(items: QuerySet) -> list[dict[str, Any]]:
    """Who pledged these items: per donor, the pledges, the quantity, first and last date."""
    return list(
        items.values("pledge__donor_id", "pledge__donor__name")
        .annotate(
            pledges=Count("pledge", distinct=True),
            quantity=Sum("quantity"),
            first=Min("pledge__announced_on"),
            last=Max("pledge__announced_on"),
        )
        .order_by("-pledges", "pledge__donor__name")
    )


def shown_items(**lookup: Any) -> QuerySet:
    return PledgeItem.objects.filter(pledge__in=pledges_shown(), **lookup)


def latest_items(items: QuerySet, *, limit: int = PAGE_SIZE, few: bool = False) -> list:
    """The latest `limit` items. With `few` (one system's items), sorting on an expression
    rather than the bare column keeps PostgreSQL from walking the pledges' date index
    looking for them (20 ms instead of 350 ms at 100,000 pledges); for a whole category
    that walk is the quick way."""
    announced: Any = F("pledge__announced_on")
    if few:
        announced = Coalesce("pledge__announced_on", Value(datetime.date.min))
    return list(
        items.select_related("pledge__donor", "pledge__recipient", "equipment").order_by(
            announced.desc(), "-pledge_id", "id"
        )[:limit]
    )


def category_equipment(items: QuerySet) -> list[dict[str, Any]]:
    return list(
        items.values("equipment__slug", label=Coalesce("equipment__name", "name"))
        .annotate(pledges=Count("pledge", distinct=True), quantity=Sum("quantity"))
        .order_by("-pledges", "label")[:100]
    )


def equipment_get(slug: str) -> Equipment:
    return Equipment.objects.get(slug=slug)


# --- search and review ---


def search_pledges(q: str) -> QuerySet:
    """Pledges matching `q` as the API's q filter matches them (summary, items, evidence)."""
    filterset = PledgeFilter({"q": q}, queryset=pledges_filterable())
    return filterset.qs if filterset.is_valid() else Pledge.objects.none()


def search_pledge_ids(queryset: QuerySet) -> list[int]:
    return list(queryset.values_list("id", flat=True)[: SEARCH_LIMIT + 1])


def search_donors(q: str, *, limit: int = 12) -> list[Country]:
    with_pledges = Pledge.objects.values("donor_id")
    matches = Q(name__icontains=q) | Q(code__iexact=q)
    return list(Country.objects.filter(matches, code__in=with_pledges).order_by("name")[:limit])


def search_equipment(q: str, *, limit: int = 12) -> list[Equipment]:
    matches = Q(name__icontains=q) | Q(slug__icontains=q)
    return list(Equipment.objects.filter(matches).order_by("name")[:limit])


def search_articles(q: str, *, limit: int = SEARCH_LIMIT) -> list[Article]:
    return list(
        Article.objects.filter(Q(title__icontains=q) | Q(text__icontains=q) | Q(outlet__iexact=q))
        .only("id", "title", "url", "outlet", "published_on", "status")
        .order_by("-published_on", "-id")[:limit]
    )


def review_queue(*, number: int = 1, size: int = 20, version: str) -> Page:
    """Reported pledges, lowest confidence first, with their evidence and articles.

    Finding the page's ids sorts every reported pledge by confidence, so the ids are
    cached under the data version (which every review action changes)."""
    offset = (number - 1) * size
    reported = Pledge.objects.filter(status=Pledge.Status.REPORTED)
    ordering = ("confidence", "-announced_on", "id")
    ids = cached(
        "review",
        (number, size),
        lambda: list(
            reported.order_by(*ordering).values_list("id", flat=True)[offset : offset + size + 1]
        ),
        version=version,
    )
    evidence = Evidence.objects.select_related("article").order_by("article_id", "start")
    rows = list(
        reported.filter(id__in=ids[:size])
        .order_by(*ordering)
        .with_related()
        .prefetch_related(Prefetch("evidence", evidence))
    )
    return Page(rows=rows, number=number, has_next=len(ids) > size)
