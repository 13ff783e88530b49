"""Stand-in for aidtracker.filters and the timeline selector until branch api lands.

Same filter names as the API (donor, recipient, kind, stage, status, category,
equipment, from, to, min_usd, q); removed once the shared FilterSet is on main.
"""

from typing import Any

import django_filters
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear

from aidtracker.models import Category, Pledge

TRUNC = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}
GROUP_FIELDS = {"donor": "donor_id", "kind": "kind", "none": None}


class PledgeFilter(django_filters.FilterSet):
    donor = django_filters.BaseInFilter(field_name="donor_id")
    recipient = django_filters.CharFilter(field_name="recipient_id")
    kind = django_filters.MultipleChoiceFilter(choices=Pledge.Kind.choices)
    stage = django_filters.MultipleChoiceFilter(choices=Pledge.Stage.choices)
    status = django_filters.MultipleChoiceFilter(choices=Pledge.Status.choices)
    category = django_filters.ChoiceFilter(choices=Category.choices, method="filter_category")
    equipment = django_filters.CharFilter(method="filter_equipment")
    min_usd = django_filters.NumberFilter(field_name="amount_usd", lookup_expr="gte")
    q = django_filters.CharFilter(method="filter_q")

    class Meta:
        model = Pledge
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["from"] = django_filters.DateFilter(
            field_name="announced_on", lookup_expr="gte"
        )
        self.filters["to"] = django_filters.DateFilter(field_name="announced_on", lookup_expr="lte")

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(id__in=_item_pledges(category=value))

    def filter_equipment(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(id__in=_item_pledges(equipment__slug=value))

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(summary__icontains=value) | Q(donor__name__icontains=value))


def _item_pledges(**lookup: Any) -> QuerySet:
    from aidtracker.models import PledgeItem

    return PledgeItem.objects.filter(**lookup).values("pledge_id")


def pledge_timeline(queryset: QuerySet, *, interval: str, group_by: str) -> list[dict[str, Any]]:
    field = GROUP_FIELDS[group_by]
    rows = (
        queryset.order_by()
        .annotate(period=TRUNC[interval]("announced_on"))
        .values("period", *([field] if field else []))
        .annotate(count=Count("id"), amount_usd=Sum("amount_usd"), amount_eur=Sum("amount_eur"))
        .order_by("period")
    )
    return [
        {
            "period": row["period"],
            "group": row[field] if field else "all",
            "count": row["count"],
            "amount_usd": row["amount_usd"] or 0,
            "amount_eur": row["amount_eur"] or 0,
        }
        for row in rows
    ]
