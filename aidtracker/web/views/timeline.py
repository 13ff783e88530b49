"""The timeline chart's data and the headline totals of a filtered list of pledges.

Both come from one aggregation, pledge_timeline grouped by donor or kind, cached for a
short while under the data version (see ..cache).
"""

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from aidtracker.selectors import pledge_timeline

from ..cache import cached
from ..chart import TOP_GROUPS, timeline_figure, top_groups
from ..queries import country_names

KIND_LABELS = {
    "package": "Packages",
    "financing": "Financing",
    "training": "Training",
    "equipment": "Equipment",
}


def timeline_summary(
    queryset: QuerySet, *, interval: str, currency: str, group_by: str, version: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(totals, chart figure) of the list, cached under its SQL and the data version."""
    if queryset.query.is_empty():  # invalid filters: nothing to aggregate
        return rows_totals([]), FIGURES[group_by]([], interval=interval, currency=currency)

    def compute() -> tuple[dict[str, Any], dict[str, Any]]:
        rows = pledge_timeline(queryset, interval=interval, group_by=group_by)
        figure = FIGURES[group_by](rows, interval=interval, currency=currency)
        return rows_totals(rows), figure

    parts = (str(queryset.query), interval, currency, group_by)
    return cached("timeline", parts, compute, version=version)


def rows_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline totals from timeline rows: they cover every pledge of the list."""
    return {
        "pledges": sum(row["count"] for row in rows),
        "donors": len({row["group"] for row in rows}),
        "usd": sum((row["amount_usd"] for row in rows), Decimal(0)),
        "eur": sum((row["amount_eur"] for row in rows), Decimal(0)),
    }


def donor_figure(rows: list[dict[str, Any]], *, interval: str, currency: str) -> dict[str, Any]:
    """Stacked by donor: the ten largest and the rest."""
    labels = country_names(top_groups(rows, currency=currency, top=TOP_GROUPS))
    return timeline_figure(rows, currency=currency, interval=interval, labels=labels)


def kind_figure(rows: list[dict[str, Any]], *, interval: str, currency: str) -> dict[str, Any]:
    """Stacked by kind of pledge (for one donor's page)."""
    return timeline_figure(
        rows, currency=currency, interval=interval, labels=KIND_LABELS, rest_label="Other"
    )


FIGURES = {"donor": donor_figure, "kind": kind_figure}
