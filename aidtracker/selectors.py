"""Reads of the tracker shared by the API, the web pages and the admin."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import (
    Coalesce,
    TruncDay,
    TruncMonth,
    TruncQuarter,
    TruncWeek,
    TruncYear,
)
from django.http import QueryDict

from ingest.models import Evidence

from .models import Pledge, PledgeItem, PledgeQuerySet

INTERVALS = {
    "day": TruncDay,
    "week": TruncWeek,
    "month": TruncMonth,
    "quarter": TruncQuarter,
    "year": TruncYear,
}
GROUPINGS = ("none", "donor", "kind", "category")
UNKNOWN_INTERVAL = "Unknown interval. Use one of: " + ", ".join(INTERVALS) + "."
UNKNOWN_GROUPING = "Unknown group_by. Use one of: " + ", ".join(GROUPINGS) + "."
ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=24, decimal_places=2)


def pledge_latest(*, limit: int = 50) -> PledgeQuerySet:
    """The most recently announced pledges that stand on their own, with donors and items."""
    return Pledge.objects.visible().with_related().order_by("-announced_on", "-id")[:limit]


def _source_count() -> Subquery:
    """Independent sources: distinct outlets (or articles without an outlet) of the evidence."""
    per_pledge = (
        Evidence.objects.filter(pledge=OuterRef("pk"))
        .order_by()
        .values("pledge")
        .annotate(n=Count("article__outlet", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(per_pledge, output_field=IntegerField()), Value(0))


def pledge_list(*, filters: Mapping[str, Any] | None = None) -> QuerySet[Pledge]:
    """Pledges with everything a list shows, bundled: donor and recipient, items with their
    equipment, evidence with its article (without the article text), and `source_count`.

    With `filters` (a QueryDict or dict of PledgeFilter parameters), they are validated and
    applied; invalid ones raise ValidationError with the filter form's errors. Without, the
    queryset is unfiltered (the API applies PledgeFilter through DjangoFilterBackend).
    """
    items = PledgeItem.objects.select_related("equipment")
    evidence = Evidence.objects.select_related("article").defer("article__text")
    queryset = (
        Pledge.objects.select_related("donor", "recipient")
        .prefetch_related(
            Prefetch("items", queryset=items), Prefetch("evidence", queryset=evidence)
        )
        .annotate(
            source_count=_source_count(),
            usd_sort=Coalesce(F("amount_usd"), Value(Decimal(-1)), output_field=MONEY),
        )
        .order_by("-announced_on", "-id")
    )
    if filters is None:
        return queryset
    from .filters import PledgeFilter  # filters import the models; avoid an import cycle

    filterset = PledgeFilter(data=as_query_dict(filters), queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset.qs


def as_query_dict(data: Mapping[str, Any]) -> QueryDict:
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [value])
    return query


def pledge_detail(*, pk: int) -> Pledge:
    """One pledge with its list bundle and its history (newest first), or Pledge.DoesNotExist."""
    history = Pledge.history.model.objects.select_related("history_user").order_by("-history_id")
    return pledge_list().prefetch_related(Prefetch("history", queryset=history)).get(pk=pk)


def _group_expression(group_by: str) -> Any:
    return {"none": Value(""), "donor": F("donor_id"), "kind": F("kind")}[group_by]


def _timeline_rows(queryset: QuerySet[Pledge], interval: str, group_by: str) -> QuerySet:
    trunc = INTERVALS[interval]
    if group_by == "category":
        # One row per (pledge, category): a pledge with two items of one category counts once.
        earlier = PledgeItem.objects.filter(
            pledge=OuterRef("pledge"), category=OuterRef("category"), id__lt=OuterRef("id")
        )
        base = PledgeItem.objects.filter(pledge__in=queryset.values("pk")).exclude(Exists(earlier))
        period, group, prefix = trunc("pledge__announced_on"), F("category"), "pledge__"
    else:
        base, period, group, prefix = queryset, trunc("announced_on"), None, ""
        group = _group_expression(group_by)
    return (
        base.order_by()
        .annotate(period=period, group=group)
        .values("period", "group")
        .annotate(
            count=Count("pk"),
            amount_usd=Coalesce(Sum(f"{prefix}amount_usd"), Value(ZERO), output_field=MONEY),
            amount_eur=Coalesce(Sum(f"{prefix}amount_eur"), Value(ZERO), output_field=MONEY),
        )
        .order_by("period", "group")
    )


def pledge_timeline(
    queryset: QuerySet[Pledge], *, interval: str = "month", group_by: str = "none"
) -> list[dict[str, Any]]:
    """The pledges of `queryset` per period and group, summed in the database.

    Returns rows {period, group, count, amount_usd, amount_eur, cumulative_usd,
    cumulative_eur} ordered by period then group; the cumulative sums run per group.
    With group_by=category, a pledge counts once in each category among its items.
    """
    if interval not in INTERVALS:
        raise ValidationError({"interval": UNKNOWN_INTERVAL})
    if group_by not in GROUPINGS:
        raise ValidationError({"group_by": UNKNOWN_GROUPING})
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    series = []
    for row in _timeline_rows(queryset, interval, group_by):
        usd, eur = totals.get(row["group"], (ZERO, ZERO))
        usd, eur = usd + row["amount_usd"], eur + row["amount_eur"]
        totals[row["group"]] = (usd, eur)
        period = row["period"]
        if isinstance(period, datetime.datetime):
            period = period.date()
        series.append(
            {**row, "period": period, "group": row["group"] or None}
            | {"cumulative_usd": usd, "cumulative_eur": eur}
        )
    return series
