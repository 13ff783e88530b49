"""Reads of the tracker shared by the API, the web pages and the admin."""

import datetime
import functools
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractYear,
    TruncDay,
    TruncMonth,
    TruncQuarter,
    TruncWeek,
    TruncYear,
)
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ingest.models import Article, Evidence

from .changes import changes_since  # the changes feed reader, kept in its own module
from .compiled import OneValueRows
from .dbcheck import checked_by
from .models import Country, Equipment, Pledge, PledgeItem, PledgeQuerySet

__all__ = ["changes_since"]  # and every function below


class _DateTrunc:
    """Trunc* on a DateField, cast to a plain timestamp first on PostgreSQL: DATE_TRUNC on
    a date otherwise converts every row to timestamptz at the session's time zone."""

    @staticmethod
    def as_postgresql(self: Any, compiler: Any, connection: Any, **extra: Any) -> tuple:
        sql, params = compiler.compile(self.lhs)
        return f"DATE_TRUNC(%s, ({sql})::timestamp)::date", (self.kind, *params)


def _plain(trunc: type) -> type:
    return type(f"Plain{trunc.__name__}", (trunc,), {"as_postgresql": _DateTrunc.as_postgresql})


INTERVALS = {
    "day": _plain(TruncDay),
    "week": _plain(TruncWeek),
    "month": _plain(TruncMonth),
    "quarter": _plain(TruncQuarter),
    "year": _plain(TruncYear),
}
GROUPINGS = ("none", "donor", "kind", "category")
ROLLUP_INTERVALS = ("month", "quarter", "year")  # whole months: the rollup's grain
UNKNOWN_INTERVAL = "Unknown interval. Use one of: " + ", ".join(INTERVALS) + "."
UNKNOWN_GROUPING = "Unknown group_by. Use one of: " + ", ".join(GROUPINGS) + "."
ZERO = Decimal("0.00")
STANDING = (Pledge.Status.REPORTED, Pledge.Status.CONFIRMED)
MONEY = DecimalField(max_digits=24, decimal_places=2)


def pledge_latest(*, limit: int = 50) -> PledgeQuerySet:
    """The most recently announced pledges that stand on their own, with donors and items."""
    return Pledge.objects.visible().with_related().order_by("-announced_on", "-id")[:limit]


def pledge_list(*, filters: Mapping[str, Any] | None = None) -> QuerySet[Pledge]:
    """Pledges with everything a page shows, bundled: donor and recipient, items with their
    equipment, evidence with its article (without the article text, and read by
    Pledge.source_count without another query).

    With `filters` (a QueryDict or dict of PledgeFilter parameters), they are validated and
    applied; invalid ones raise ValidationError with the filter form's errors. The API
    reads plain rows instead: pledge_rows().
    """
    items = PledgeItem.objects.select_related("equipment")
    evidence = Evidence.objects.select_related("article").defer("article__text")
    queryset = _pledge_list_base().prefetch_related(
        Prefetch("items", queryset=items), Prefetch("evidence", queryset=evidence)
    )
    return queryset if filters is None else _filtered(queryset, filters)


def _filtered(queryset: QuerySet, filters: Mapping[str, Any]) -> QuerySet:
    return _valid_filterset(filters, queryset).qs


def _valid_filterset(filters: Mapping[str, Any], queryset: QuerySet) -> Any:
    """PledgeFilter over `queryset` with `filters`; invalid ones raise ValidationError with
    the filter form's errors."""
    from .filters import PledgeFilter  # filters import the models; avoid an import cycle

    filterset = PledgeFilter(data=as_query_dict(filters), queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset


def _usd_sort() -> Coalesce:
    """The sort key of ordering=amount_usd: unvalued pledges after every valued one."""
    return Coalesce(F("amount_usd"), Value(Decimal(-1)), output_field=MONEY)


def pledge_keys() -> QuerySet[Pledge]:
    """Pledges with the keys the list orderings use (usd_sort), newest first, and no join:
    the base of every pledge list, and on its own for a page whose rows are read elsewhere
    (the API's stored documents). Filter as pledge_rows()."""
    return Pledge.objects.annotate(usd_sort=_usd_sort()).order_by("-announced_on", "-id")


def _pledge_list_base() -> QuerySet[Pledge]:
    return pledge_keys().select_related("donor", "recipient")


# A pledge row: its own columns, its donor's and recipient's names, the ordering key.
PLEDGE_ROW = (
    *(field.attname for field in Pledge._meta.concrete_fields),
    "donor_name",
    "recipient_name",
    "usd_sort",
)
ITEM_ROW = {
    "id": "id",
    "name": "name",
    "category": "category",
    "quantity": "quantity",
    "unit": "unit",
    "equipment": "equipment__slug",
}
EVIDENCE_ROW = {
    "article_id": "article_id",
    "sentence": "sentence",
    "url": "article__url",
    "title": "article__title",
    "outlet": "article__outlet",
    "published_on": "article__published_on",
}


def pledge_rows(*, filters: Mapping[str, Any] | None = None) -> QuerySet[Any]:
    """What the API shows of each pledge, as plain rows (dicts, no model instances), with
    the PLEDGE_ROW keys. Pass the rows that are read to pledge_rows_attach() for their
    items and evidence. `filters` as in pledge_list(); without, the queryset is unfiltered.
    """
    queryset = _pledge_rows_base().all()
    return queryset if filters is None else _filtered(queryset, filters)


@functools.cache
def _pledge_rows_base() -> QuerySet[Any]:
    return (
        pledge_keys()
        .annotate(donor_name=F("donor__name"), recipient_name=F("recipient__name"))
        .values(*PLEDGE_ROW)
    )


def pledge_rows_attach(rows: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """Give each row of pledge_rows() its `item_rows` and `evidence_rows`: lists of
    ITEM_ROW and EVIDENCE_ROW dicts. On PostgreSQL one query, whose SQL is built once per
    process (the database writes the rows as JSON); elsewhere two. Returns the rows."""
    ids = [row["id"] for row in rows]
    if not ids:
        return rows
    found = _json_rows(ids) if connection.vendor == "postgresql" else _plain_rows(ids)
    for row in rows:
        row["item_rows"], row["evidence_rows"] = found[row["id"]]
    return rows


_IDS = object()  # where the ids go among the parameters of the SQL built once


class _JSONRow(Func):
    """JSON_BUILD_OBJECT (PostgreSQL): the keys in the order given, as the rows built in
    Python have them (JSONB_BUILD_OBJECT, Django's JSONObject, sorts them)."""

    function = "JSON_BUILD_OBJECT"
    output_field = TextField()

    def __init__(self, **fields: Any) -> None:
        pairs: list[Any] = []
        for key, value in fields.items():
            pairs += [Cast(Value(key), TextField()), F(value) if isinstance(value, str) else value]
        super().__init__(*pairs)


def _json_array(rows: QuerySet, **fields: Any) -> Cast:
    """The rows as one JSON array (text), each an object of `fields`."""
    array = ArraySubquery(rows.values(row=_JSONRow(**fields)))
    return Cast(Func(array, function="ARRAY_TO_JSON", output_field=TextField()), TextField())


@functools.cache
def _json_rows_sql() -> tuple[str, tuple[Any, ...]]:
    """PostgreSQL: the items and evidence of the pledges whose ids are the parameter _IDS,
    each as a JSON array, compiled once (compiling it took about as long as running it)."""
    ids = RawSQL("SELECT UNNEST(%s::bigint[])", (_IDS,))
    items = PledgeItem.objects.filter(pledge=OuterRef("pk")).order_by("id")
    # The slug by its primary key: a join let the planner hash the whole catalogue per pledge.
    slug = Equipment.objects.filter(pk=OuterRef("equipment_id")).values("slug")
    evidence = Evidence.objects.filter(pledge=OuterRef("pk")).order_by("article_id", "start")
    queryset = (
        Pledge.objects.filter(pk__in=ids)
        .order_by()
        .values_list(
            "id",
            _json_array(items, **{**ITEM_ROW, "equipment": Subquery(slug)}),
            _json_array(evidence, **EVIDENCE_ROW),
        )
    )
    return queryset.query.sql_with_params()


def _json_rows(ids: list[int]) -> dict[int, tuple[list, list]]:
    sql, template = _json_rows_sql()
    params = tuple(ids if param is _IDS else param for param in template)
    # A pledge deleted since its row was read has none (its row still shows).
    found: dict[int, tuple[list, list]] = {pk: ([], []) for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, items, evidence in cursor.fetchall():
            found[pk] = (orjson.loads(items), orjson.loads(evidence))
    return found


def _plain_rows(ids: list[int]) -> dict[int, tuple[list, list]]:
    found: dict[int, tuple[list, list]] = {pk: ([], []) for pk in ids}
    item_rows = PledgeItem.objects.filter(pledge__in=ids).values("pledge_id", *ITEM_ROW.values())
    for row in item_rows.order_by("id"):
        found[row["pledge_id"]][0].append({key: row[name] for key, name in ITEM_ROW.items()})
    evidence_rows = Evidence.objects.filter(pledge__in=ids).values(
        "pledge_id", *EVIDENCE_ROW.values()
    )
    for row in evidence_rows.order_by("article_id", "start"):
        found[row["pledge_id"]][1].append({key: row[name] for key, name in EVIDENCE_ROW.items()})
    return found


def as_query_dict(data: Mapping[str, Any]) -> QueryDict:
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [value])
    return query


def pledge_history(*, pledge_id: int, fields: Sequence[str] = ()) -> QuerySet:
    """The pledge's history, newest first, as rows: history_id, history_date, history_type
    (+ ~ -), history_change_reason, user (the username, or None) and the columns `fields`
    (attnames) as they were after each change."""
    username = f"history_user__{get_user_model().USERNAME_FIELD}"
    records = _historical_pledge().objects.filter(id=pledge_id).order_by("-history_id")
    return records.values(
        "history_id",
        "history_date",
        "history_type",
        "history_change_reason",
        *fields,
        user=F(username),
    )


def pledge_history_rows(*, pledge_id: int, fields: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """pledge_history's rows, from SQL compiled once per process (aidtracker.compiled)."""
    return _history_rows(fields).rows(pledge_id)


@functools.cache
def _history_rows(fields: tuple[str, ...]) -> OneValueRows:
    return OneValueRows(lambda pledge_id: pledge_history(pledge_id=pledge_id, fields=fields))


@functools.cache
def _historical_pledge() -> Any:
    return Pledge.history.model  # each access to Model.history builds a manager class


def _group_expression(group_by: str) -> Any:
    return {"none": Value(""), "donor": F("donor_id"), "kind": F("kind")}[group_by]


# --- The timeline in SQL (PostgreSQL) ---
#
# Every source yields (period, grp, n, usd, eur) rows: the pledges summed per period and
# group, or the rollup's months; with more than one source (whole months from the rollup,
# the days of cut months from the pledges) they are summed again in the same statement.
# Amounts keep two decimals throughout (COALESCE with 0.00, the rollup's cents times
# 0.01), so rows need no quantize.

TIMELINE_SQL = """
    SELECT period, grp, SUM(n)::bigint, SUM(usd), SUM(eur)
    FROM ({sources}) t GROUP BY 1, 2 ORDER BY 1, 2
"""
ONE_SOURCE_SQL = "SELECT period, grp, n::bigint, usd, eur FROM ({sources}) t ORDER BY 1, 2"
# A pledge's period: DATE_TRUNC on every row cost a third of the query (over 95,000
# pledges, best of 9: 44 against 33 ms by day, 43 against 28 ms by week); a day needs
# none, a week (from Monday, as DATE_TRUNC) is the date less its days since a Monday.
PERIODS = {
    "day": "{date}",
    "week": "{date} - (({date} - DATE '1900-01-01') %% 7 + 7) %% 7",  # %%: a placeholder's escape
    **{
        interval: f"DATE_TRUNC('{interval}', {{date}}::timestamp)::date"
        for interval in ROLLUP_INTERVALS
    },
}
LIVE_SOURCE = """
    SELECT {period} AS period, {group} AS grp, COUNT(*) AS n,
           COALESCE(SUM(p.amount_usd), 0.00) AS usd, COALESCE(SUM(p.amount_eur), 0.00) AS eur
    FROM ({pledges}) p {join}
    GROUP BY 1, 2
"""
# Per pledge, its distinct item categories (a LATERAL join reading the item index), rather
# than an anti-join over every item: about three times faster on 100,000 pledges.
CATEGORY_JOIN = """
    CROSS JOIN LATERAL (
        SELECT DISTINCT i.category FROM aidtracker_pledgeitem i WHERE i.pledge_id = p.id
    ) c
"""
# The rollup keeps whole cents (bigint: its SUM costs about 60 % of numeric's), turned
# into two-decimal numeric once per group (times 0.01: scale 0 + 2). The totals of every
# donor are changes to add up: a group whose pledges all went adds up to none.
ROLLUP_SOURCE = """
    SELECT {period} AS period, {group} AS grp, SUM(pledges) AS n,
           SUM(usd_cents) * 0.01 AS usd, SUM(eur_cents) * 0.01 AS eur
    FROM {table} WHERE {where}
    GROUP BY 1, 2 HAVING SUM(pledges) > 0
"""
ROLLUP_TABLE = "aidtracker_timelinemonth"
TOTALS_TABLES = {"month": "aidtracker_timelinemonthtotal", "day": "aidtracker_timelinedaytotal"}
LIVE_GROUPS = {"none": "NULL", "donor": "p.donor_id", "kind": "p.kind", "category": "c.category"}
ROLLUP_GROUPS = {"none": "NULL", "donor": "donor", "kind": "kind", "category": "category"}
LIVE_COLUMNS = ("id", "announced_on", "donor_id", "kind", "amount_usd", "amount_eur")

SqlPart = tuple[str, list[Any]]
TimelineRow = tuple[datetime.date, str | None, int, Decimal, Decimal]
SeriesRow = tuple[datetime.date, str | None, int, Decimal, Decimal, Decimal, Decimal]


def _timeline_sql(sources: Sequence[SqlPart]) -> SqlPart:
    union = " UNION ALL ".join(sql for sql, _ in sources)
    params = [param for _, source_params in sources for param in source_params]
    template = ONE_SOURCE_SQL if len(sources) == 1 else TIMELINE_SQL
    return template.format(sources=union), params


def _live_source(queryset: QuerySet[Pledge], interval: str, group_by: str) -> SqlPart:
    """The pledges of `queryset` summed per period and group (EmptyResultSet for none)."""
    pledges = queryset.order_by().values(*LIVE_COLUMNS)
    sql, params = pledges.query.sql_with_params()
    period = PERIODS[interval].format(date="p.announced_on")
    join = CATEGORY_JOIN if group_by == "category" else ""
    group = LIVE_GROUPS[group_by]
    return LIVE_SOURCE.format(period=period, group=group, pledges=sql, join=join), list(params)


def _fetch_rows(sql: str, params: Sequence[Any]) -> list[TimelineRow]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _timeline_rows_orm(
    queryset: QuerySet[Pledge], interval: str, group_by: str
) -> list[TimelineRow]:
    """Other databases: (period, group, count, usd, eur) rows from the ORM."""
    trunc = INTERVALS[interval]
    if group_by == "category":
        # One row per (pledge, category): a pledge with two items of one category counts once.
        earlier = PledgeItem.objects.filter(
            pledge=OuterRef("pledge"), category=OuterRef("category"), id__lt=OuterRef("id")
        )
        base: QuerySet[Any] = PledgeItem.objects.filter(pledge__in=queryset.values("pk")).exclude(
            Exists(earlier)
        )
        period, group, prefix = trunc("pledge__announced_on"), F("category"), "pledge__"
    else:
        base, period, prefix = queryset, trunc("announced_on"), ""
        group = _group_expression(group_by)
    rows = (
        base.order_by()
        .annotate(period=period, group=group)
        .values("period", "group")
        .annotate(
            count=Count("*"),
            amount_usd=Coalesce(Sum(f"{prefix}amount_usd"), Value(ZERO), output_field=MONEY),
            amount_eur=Coalesce(Sum(f"{prefix}amount_eur"), Value(ZERO), output_field=MONEY),
        )
        .order_by("period", "group")
        .values_list("period", "group", "count", "amount_usd", "amount_eur")
    )
    # Cents, whatever scale the database's SUM hands back (SQLite widens it), plain dates.
    return [
        (
            period.date() if isinstance(period, datetime.datetime) else period,
            group or None,
            count,
            usd.quantize(ZERO),
            eur.quantize(ZERO),
        )
        for period, group, count, usd, eur in rows
    ]


def _timeline_rows(queryset: QuerySet[Pledge], interval: str, group_by: str) -> list[TimelineRow]:
    if connection.vendor != "postgresql":
        return _timeline_rows_orm(queryset, interval, group_by)
    try:
        source = _live_source(queryset, interval, group_by)
    except EmptyResultSet:  # queryset.none(): nothing to sum
        return []
    return _fetch_rows(*_timeline_sql([source]))


def pledge_timeline(
    queryset: QuerySet[Pledge], *, interval: str = "month", group_by: str = "none"
) -> list[dict[str, Any]]:
    """The pledges of `queryset` per period and group, summed in the database.

    Returns rows {period, group, count, amount_usd, amount_eur, cumulative_usd,
    cumulative_eur} ordered by period then group; the cumulative sums run per group.
    With group_by=category, a pledge counts once in each category among its items.
    """
    _check_timeline(interval, group_by)
    return _series(_timeline_rows(queryset, interval, group_by))


def _check_timeline(interval: str, group_by: str) -> None:
    if interval not in INTERVALS:
        raise ValidationError({"interval": UNKNOWN_INTERVAL})
    if group_by not in GROUPINGS:
        raise ValidationError({"group_by": UNKNOWN_GROUPING})


def _cumulative(rows: Iterable[TimelineRow]) -> Iterator[SeriesRow]:
    """Each row with the cumulative USD and EUR sums of its group up to it."""
    totals: dict[str | None, tuple[Decimal, Decimal]] = {}
    for period, group, count, usd, eur in rows:
        total_usd, total_eur = totals.get(group, (ZERO, ZERO))
        total_usd, total_eur = total_usd + usd, total_eur + eur
        totals[group] = (total_usd, total_eur)
        yield period, group, count, usd, eur, total_usd, total_eur


def _series(rows: Iterable[TimelineRow]) -> list[dict[str, Any]]:
    """Timeline rows (period, group, count, usd, eur) as dicts with cumulative sums."""
    return [
        {
            "period": period,
            "group": group,
            "count": count,
            "amount_usd": usd,
            "amount_eur": eur,
            "cumulative_usd": total_usd,
            "cumulative_eur": total_eur,
        }
        for period, group, count, usd, eur, total_usd, total_eur in _cumulative(rows)
    ]


def pledge_timeline_filtered(
    *, filters: Mapping[str, Any], interval: str = "month", group_by: str = "none"
) -> list[dict[str, Any]]:
    """pledge_timeline of the pledges PledgeFilter selects with `filters` (a QueryDict or
    dict; ordering and page_size make no difference). Invalid filters raise
    ValidationError with the filter form's errors.

    On PostgreSQL the summaries answer when every filter is one they can: donor,
    recipient, kind, stage, status, one category (unless grouped by category), from and
    to. Month, quarter and year come from the monthly rollup (TimelineMonth), or its sums
    over every donor (TimelineMonthTotal) without a donor or recipient filter and not
    grouped by donor; the days of a month that `from` or `to` cut are summed from the
    pledges, in the same query. Day and week come from the daily sums over every donor
    (TimelineDayTotal) on the same terms. Anything else (q, equipment, min_usd, several
    categories, a donor's days and weeks) sums the pledges themselves. All give the same
    rows.
    """
    return _series(_filtered_rows(filters, interval, group_by))


def pledge_timeline_text(
    *, filters: Mapping[str, Any], interval: str = "month", group_by: str = "none"
) -> list[dict[str, Any]]:
    """pledge_timeline_filtered as the API writes it: periods as ISO dates, amounts as
    text with two decimals (str() of a two-place Decimal, as format(..., "f")). Built in
    one pass: a day timeline has thousands of rows."""
    labels: dict[datetime.date, str] = {}  # a period recurs in every group
    return [
        {
            "period": labels.get(period) or labels.setdefault(period, period.isoformat()),
            "group": group,
            "count": count,
            "amount_usd": str(usd),
            "amount_eur": str(eur),
            "cumulative_usd": str(total_usd),
            "cumulative_eur": str(total_eur),
        }
        for period, group, count, usd, eur, total_usd, total_eur in _cumulative(
            _filtered_rows(filters, interval, group_by)
        )
    ]


def _filtered_rows(filters: Mapping[str, Any], interval: str, group_by: str) -> list[TimelineRow]:
    """(period, group, count, usd, eur) rows of pledge_timeline_filtered."""
    filterset = _valid_filterset(filters, Pledge.objects.all())
    _check_timeline(interval, group_by)
    data = filterset.form.cleaned_data
    if _summaries_answer(data, group_by):
        if interval in ROLLUP_INTERVALS:
            return _fetch_rows(*_rollup_sql(filterset, data, interval, group_by))
        if _every_donor(data, group_by):
            return _fetch_rows(*_timeline_sql([_day_totals_source(data, interval, group_by)]))
    return _timeline_rows(filterset.qs, interval, group_by)


def _every_donor(data: Mapping[str, Any], group_by: str) -> bool:
    """Whether the sums over every donor and recipient answer (TimelineMonthTotal,
    TimelineDayTotal): no donor or recipient to choose, none to group by."""
    return not (data.get("donor") or data.get("recipient") or group_by == "donor")


def _summaries_answer(data: Mapping[str, Any], group_by: str) -> bool:
    """Whether the rollup and the totals can answer these filters."""
    categories = data.get("category") or []
    return (
        connection.vendor == "postgresql"  # the triggers that keep them live there
        # A category's rows count each pledge with such items once; two categories would
        # count a pledge with both twice, and grouped by category its other categories.
        and (not categories or (len(categories) == 1 and group_by != "category"))
        and not data.get("equipment")
        and data.get("min_usd") is None
        and not (data.get("q") or "").strip()
    )


def _whole_months(
    start: datetime.date | None, end: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """The first day of the first whole month from `start` and the last day of the last
    whole month up to `end` (None: unbounded)."""
    if start is not None and start.day != 1:
        start = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    if end is not None and (end + datetime.timedelta(days=1)).day != 1:
        end = end.replace(day=1) - datetime.timedelta(days=1)
    return start, end


def _rollup_sql(filterset: Any, data: Mapping[str, Any], interval: str, group_by: str) -> SqlPart:
    """The timeline of whole months from the rollup, plus the pledges of cut months."""
    start, end = data.get("from"), data.get("to")
    first, last = _whole_months(start, end)
    sources = []
    if first is None or last is None or first <= last:
        sources.append(_rollup_source(data, interval, group_by, first, last))
    cut = [Q(announced_on__lt=first)] if first != start else []
    cut += [Q(announced_on__gt=last)] if last != end else []
    if cut:  # the pledges already stop at `from` and `to`
        pledges = filterset.qs.filter(functools.reduce(operator.or_, cut))
        sources.append(_live_source(pledges, interval, group_by))
    return _timeline_sql(sources)


def _rollup_source(
    data: Mapping[str, Any],
    interval: str,
    group_by: str,
    first: datetime.date | None,
    last: datetime.date | None,
) -> SqlPart:
    """Rollup rows of the filters in `data` for the months from `first` to `last`."""
    every_donor = _every_donor(data, group_by)
    where, params = _summary_where(
        data, group_by, every_donor=every_donor, bounds=("month", first, last)
    )
    # Rollup rows are few: DATE_TRUNC on each costs less than summing months first.
    period = "month" if interval == "month" else PERIODS[interval].format(date="month")
    table = TOTALS_TABLES["month"] if every_donor else ROLLUP_TABLE
    return _summary_sql(table, period, group_by, where), params


def _day_totals_source(data: Mapping[str, Any], interval: str, group_by: str) -> SqlPart:
    """TimelineDayTotal rows of the filters in `data`, per day or week."""
    bounds = ("day", data.get("from"), data.get("to"))
    where, params = _summary_where(data, group_by, every_donor=True, bounds=bounds)
    period = PERIODS[interval].format(date="day")
    return _summary_sql(TOTALS_TABLES["day"], period, group_by, where), params


def _summary_sql(table: str, period: str, group_by: str, where: list[str]) -> str:
    group, conditions = ROLLUP_GROUPS[group_by], " AND ".join(where)
    return ROLLUP_SOURCE.format(period=period, group=group, table=table, where=conditions)


def _summary_where(
    data: Mapping[str, Any],
    group_by: str,
    *,
    every_donor: bool,
    bounds: tuple[str, datetime.date | None, datetime.date | None],
) -> tuple[list[str], list[Any]]:
    """Conditions on the rollup's or the totals' columns for the filters in `data`, with
    the period column `bounds[0]` from `bounds[1]` to `bounds[2]` (None: unbounded)."""
    from .filters import DEFAULT_STATUSES

    chosen = {
        "status": list(data.get("status") or DEFAULT_STATUSES),
        "donor": list(data.get("donor") or []),  # country codes
        "recipient": list(data.get("recipient") or []),
        "kind": list(data.get("kind") or []),
        "stage": list(data.get("stage") or []),
        # "": each pledge once; a category's rows: each pledge with such items once.
        "category": [] if group_by == "category" else list(data.get("category") or [""]),
    }
    if every_donor:  # the totals have no such columns
        del chosen["donor"], chosen["recipient"]
    where = ["category <> ''"] if group_by == "category" else []
    params: list[Any] = []
    for column, values in chosen.items():
        if values:
            where.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params += values
    column, first, last = bounds
    for condition, day in ((f"{column} >= %s", first), (f"{column} <= %s", last)):
        if day is not None:
            where.append(condition)
            params.append(day)
    return where, params


def _year_totals(queryset: QuerySet[Pledge]) -> list[dict[str, Any]]:
    rows: Any = (
        queryset.order_by()
        .annotate(year=ExtractYear("announced_on"))
        .values("kind", "year")
        .annotate(
            count=Count("pk"),
            amount_usd=Coalesce(Sum("amount_usd"), Value(ZERO), output_field=MONEY),
            amount_eur=Coalesce(Sum("amount_eur"), Value(ZERO), output_field=MONEY),
        )
        .order_by("year", "kind")
    )
    return list(rows)


def country_totals(*, country: Country) -> dict[str, list[dict[str, Any]]]:
    """What a country pledged (given) and was pledged (received), by kind and year.

    Counts pledges that stand (reported or confirmed); rows {kind, year, count,
    amount_usd, amount_eur} ordered by year then kind.
    """
    standing = Pledge.objects.filter(status__in=STANDING)
    return {
        "given": _year_totals(standing.filter(donor=country)),
        "received": _year_totals(standing.filter(recipient=country)),
    }


def country_list() -> QuerySet[Country]:
    """Countries and organisations with the number of pledges they gave and their USD total."""
    given = Pledge.objects.filter(donor=OuterRef("pk"), status__in=STANDING).order_by()
    count = given.values("donor").annotate(n=Count("pk")).values("n")
    total = given.values("donor").annotate(s=Sum("amount_usd")).values("s")
    return Country.objects.annotate(
        pledge_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        amount_usd_total=Coalesce(Subquery(total, output_field=MONEY), Value(ZERO)),
    ).order_by("code")


def equipment_list() -> QuerySet[Equipment]:
    """The catalogue, with how many standing pledges include each system."""
    items = (
        PledgeItem.objects.filter(equipment=OuterRef("pk"), pledge__status__in=STANDING)
        .order_by()
        .values("equipment")
        .annotate(n=Count("pledge", distinct=True))
        .values("n")
    )
    return Equipment.objects.annotate(
        pledge_count=Coalesce(Subquery(items, output_field=IntegerField()), Value(0))
    ).order_by("slug")


def equipment_usage(*, equipment: Equipment) -> list[dict[str, Any]]:
    """Who pledged this system: rows {donor, donor_name, pledges, quantity}, most pledges
    first; `quantity` sums the reported quantities (None when none was reported)."""
    rows: Any = (
        PledgeItem.objects.filter(equipment=equipment, pledge__status__in=STANDING)
        .order_by()
        .values(donor=F("pledge__donor_id"), donor_name=F("pledge__donor__name"))
        .annotate(pledges=Count("pledge", distinct=True), quantity=Sum("quantity"))
        .order_by("-pledges", "donor")
    )
    return list(rows)


@dataclass(frozen=True)
class DatasetVersion:
    key: str
    last_modified: datetime.datetime | None


def dataset_version() -> DatasetVersion:
    """A cheap fingerprint of the data the API shows, for ETag and Last-Modified.

    Built from the newest history rows of pledges and items (every create, correction,
    merge, status change and deletion writes one), and the newest evidence and article.
    One query, reading primary-key indexes (and counting the small reference tables).
    """
    row = checked_by(_version_row)  # stands in for the connection's health check
    latest, counts = row[:8], row[8:]
    stamps = [_aware(value) if value is not None else None for value in latest[1::2]]
    return DatasetVersion(
        # Ids and times: ids alone could repeat after a rollback or a restore.
        key=".".join(
            f"{pk}@{stamp.timestamp() if stamp else ''}"
            for pk, stamp in zip(latest[0::2], stamps, strict=True)
        )
        + f"/{counts[0]}.{counts[1]}",
        last_modified=max((stamp for stamp in stamps if stamp), default=None),
    )


def _version_row() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_version_statement())
        return cursor.fetchone()


VERSION_STATEMENT = "aidtracker_dataset_version"


def _version_statement() -> str:
    """The version query, or on PostgreSQL the EXECUTE of it prepared once per connection:
    planning its ten subqueries took PostgreSQL 0.3 of its 0.5 ms, on every read.

    The PREPARE goes straight to psycopg, like the connection's own SET statements, and
    outlives rollbacks. (A pooler that hands one client several server sessions, such as
    PgBouncer in transaction mode, would lose it: this app connects to PostgreSQL itself.)
    """
    if connection.vendor != "postgresql":
        return _version_sql()
    raw = connection.connection
    if not getattr(raw, "aidtracker_prepared", False):
        raw.execute(f"PREPARE {VERSION_STATEMENT} AS {_version_sql()}")
        raw.aidtracker_prepared = True
    return f"EXECUTE {VERSION_STATEMENT}"


@functools.cache
def _version_sql() -> str:
    # Built once: each access to Model.history builds a new manager class (slow).
    sources = [
        (Pledge.history.model, "history_id", "history_date"),
        (PledgeItem.history.model, "history_id", "history_date"),
        (Evidence, "id", "created_at"),
        (Article, "id", "created_at"),
    ]
    selects = [
        f'(SELECT "{column}" FROM "{model._meta.db_table}" ORDER BY "{pk}" DESC LIMIT 1)'
        for model, pk, stamp in sources
        for column in (pk, stamp)
    ]
    # Reference data has no history: its row counts tell a (re)load apart.
    selects += [
        f'(SELECT COUNT(*) FROM "{model._meta.db_table}")' for model in (Country, Equipment)
    ]
    return "SELECT " + ", ".join(selects)


def _aware(value: datetime.datetime | str) -> datetime.datetime:
    if isinstance(value, str):  # SQLite hands raw datetimes back as text
        value = parse_datetime(value) or datetime.datetime.min
    return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)
