"""The timeline chart's data for a filtered list of pledges."""

from typing import Any

from django.db.models import QuerySet

from aidtracker.selectors import pledge_timeline

from ..chart import TOP_GROUPS, timeline_figure, top_groups
from ..queries import country_names

KIND_LABELS = {
    "package": "Packages",
    "financing": "Financing",
    "training": "Training",
    "equipment": "Equipment",
}


def donor_timeline(queryset: QuerySet, *, interval: str, currency: str) -> dict[str, Any]:
    """Stacked by donor: the ten largest and the rest."""
    rows = pledge_timeline(queryset, interval=interval, group_by="donor")
    labels = country_names(top_groups(rows, currency=currency, top=TOP_GROUPS))
    return timeline_figure(rows, currency=currency, interval=interval, labels=labels)


def kind_timeline(queryset: QuerySet, *, interval: str, currency: str) -> dict[str, Any]:
    """Stacked by kind of pledge (for one donor's page)."""
    rows = pledge_timeline(queryset, interval=interval, group_by="kind")
    return timeline_figure(
        rows, currency=currency, interval=interval, labels=KIND_LABELS, rest_label="Other"
    )
