import contextlib
import datetime
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from aidtracker import selectors, services
from aidtracker.filters import PledgeFilter
from aidtracker.models import (
    Equipment,
    Pledge,
    PledgeItem,
    TimelineDayTotal,
    TimelineMonth,
    TimelineMonthTotal,
    independent_sources,
)
from aidtracker.services import ItemData, PledgeData
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    EvidenceFactory,
    PledgeFactory,
    PledgeItemFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIES = ["air_defense", "artillery", "ammunition", "tank"]


def truncate(day: datetime.date, interval: str) -> datetime.date:
    if interval == "day":
        return day
    if interval == "week":
        return day - datetime.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


@pytest.fixture
def many_pledges():
    rng = random.Random(7)
    donors = [CountryFactory(code=code) for code in ("US", "GB", "DE", "PL")]
    CountryFactory(code="UA")
    pledges = []
    for n in range(60):
        amount = None if n % 7 == 0 else Decimal(rng.randrange(1, 10**9)) / 100
        pledge = PledgeFactory(
            donor=rng.choice(donors),
            announced_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(1400)),
            kind=rng.choice(Pledge.Kind.values),
            amount=amount,
            currency="USD" if amount is not None else "",
            amount_usd=amount,
            amount_eur=(amount * Decimal("0.9")).quantize(Decimal("0.01")) if amount else None,
        )
        for _ in range(rng.randrange(4)):  # repeated categories on purpose
            PledgeItemFactory(pledge=pledge, category=rng.choice(CATEGORIES))
        pledges.append(pledge)
    return pledges


def expected_series(pledges, interval, group_by):
    sums = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    for pledge in pledges:
        if group_by == "category":
            groups = {item.category for item in pledge.items.all()}
        else:
            groups = {{"none": None, "donor": pledge.donor_id, "kind": pledge.kind}[group_by]}
        for group in groups:
            row = sums[(truncate(pledge.announced_on, interval), group)]
            row[0] += 1
            row[1] += pledge.amount_usd or 0
            row[2] += pledge.amount_eur or 0
    return {key: tuple(value) for key, value in sums.items()}


@pytest.mark.parametrize("interval", list(selectors.INTERVALS))
@pytest.mark.parametrize("group_by", selectors.GROUPINGS)
def test_timeline_sums_equal_the_pledges_sums(many_pledges, interval, group_by):
    series = selectors.pledge_timeline(Pledge.objects.all(), interval=interval, group_by=group_by)
    got = {
        (row["period"], row["group"]): (row["count"], row["amount_usd"], row["amount_eur"])
        for row in series
    }
    assert got == expected_series(many_pledges, interval, group_by)
    cumulative: dict = defaultdict(Decimal)
    for row in series:
        cumulative[row["group"]] += row["amount_usd"]
        assert row["cumulative_usd"] == cumulative[row["group"]]
    assert [(r["period"], r["group"] or "") for r in series] == sorted(
        (r["period"], r["group"] or "") for r in series
    )


def test_timeline_weeks_start_on_monday_on_either_side_of_1900():
    days = [datetime.date(1899, 12, 24) + datetime.timedelta(days=n) for n in range(16)]
    days += [datetime.date(2024, 2, 26), datetime.date(2024, 3, 3), datetime.date(2024, 3, 4)]
    for day in days:
        PledgeFactory(announced_on=day, amount_usd=Decimal("1.00"), amount_eur=None)
    series = selectors.pledge_timeline(Pledge.objects.all(), interval="week")
    weeks = sorted({truncate(day, "week") for day in days})
    assert [row["period"] for row in series] == weeks
    assert [row["count"] for row in series] == [
        sum(truncate(day, "week") == week for day in days) for week in weeks
    ]
    assert all(row["amount_eur"] == 0 for row in series)
    text = selectors.pledge_timeline_text(filters={"status": Pledge.Status.values}, interval="week")
    assert {(row["amount_eur"], row["cumulative_eur"]) for row in text} == {("0.00", "0.00")}
    assert text[0]["period"] == "1899-12-18" and text[1]["amount_usd"] == "7.00"


def test_timeline_follows_the_filters(many_pledges):
    filtered = selectors.pledge_list(filters={"donor": "US", "kind": "package"})
    series = selectors.pledge_timeline(filtered, interval="year", group_by="none")
    mine = [p for p in many_pledges if p.donor_id == "US" and p.kind == "package"]
    assert sum(row["count"] for row in series) == len(mine)
    assert sum(row["amount_usd"] for row in series) == sum(p.amount_usd or 0 for p in mine)


def test_timeline_refuses_unknown_interval_and_grouping():
    with pytest.raises(ValidationError) as interval:
        selectors.pledge_timeline(Pledge.objects.all(), interval="decade")
    assert interval.value.message_dict == {"interval": [selectors.UNKNOWN_INTERVAL]}
    with pytest.raises(ValidationError) as grouping:
        selectors.pledge_timeline(Pledge.objects.all(), group_by="outlet")
    assert grouping.value.message_dict == {"group_by": [selectors.UNKNOWN_GROUPING]}


# --- The monthly rollup behind pledge_timeline_filtered (PostgreSQL) ---

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the rollup's triggers live in PostgreSQL"
)
ROLLUP_FILTERS = [
    {},
    {"donor": "US"},
    {"donor": ["GB", "DE"], "kind": ["package", "equipment"]},
    {"status": ["reported", "rejected", "merged", "confirmed"]},
    {"stage": "announced", "recipient": "UA"},
    {"from": "2022-03-01", "to": "2024-06-30"},
]
# Whole months from the rollup, the days of the months they cut from the pledges.
CUT_MONTH_FILTERS = [
    {"from": "2022-03-02"},
    {"to": "2024-06-29"},
    {"from": "2022-03-15", "to": "2023-02-28", "donor": ["US", "GB"]},
    {"from": "2022-05-31", "to": "2022-08-01"},  # quarters summed from both
    {"to": "2024-02-28"},  # a leap year's February is cut there
    {"from": "2022-02-10", "to": "2024-02-29", "kind": "package"},
]
NO_WHOLE_MONTH_FILTERS = [  # the pledges alone
    {"from": "2022-03-02", "to": "2022-03-30"},
    {"from": "2022-03-02", "to": "2022-03-31"},
    {"from": "2022-03-01", "to": "2022-03-30"},
    {"from": "2022-03-20", "to": "2022-04-10"},
]
CATEGORY_FILTERS = [  # the rollup's category rows, unless grouped by category
    {"category": "artillery"},
    {"category": "tank", "donor": "US", "from": "2022-06-15"},
]
LIVE_FILTERS = [
    {"category": ["artillery", "tank"]},
    {"q": "synthetic"},
    {"min_usd": "1000000"},
]


def from_rollup(filters, interval, group_by) -> bool:
    """Whether the rollup answers (part of) a timeline on PostgreSQL."""
    if filters in NO_WHOLE_MONTH_FILTERS:
        return False
    return interval in selectors.ROLLUP_INTERVALS and not from_live(filters, group_by)


def from_live(filters, group_by) -> bool:
    """Whether filters only the pledges themselves answer (on PostgreSQL)."""
    by_category = filters in CATEGORY_FILTERS and group_by == "category"
    return filters in LIVE_FILTERS or by_category


def timeline_sql(filters, interval, group_by) -> tuple[list, str]:
    with CaptureQueriesContext(connection) as queries:
        series = selectors.pledge_timeline_filtered(
            filters=filters, interval=interval, group_by=group_by
        )
    return series, " ".join(query["sql"] for query in queries.captured_queries)


def live_timeline(filters, interval, group_by) -> list:
    pledges = PledgeFilter(data=selectors.as_query_dict(filters), queryset=Pledge.objects.all())
    return selectors.pledge_timeline(pledges.qs, interval=interval, group_by=group_by)


def expected_rows(filters, interval, group_by) -> list:
    """The timeline summed in Python over the pledges PledgeFilter selects."""
    pledges = Pledge.objects.prefetch_related("items")
    chosen = PledgeFilter(data=selectors.as_query_dict(filters), queryset=pledges).qs
    sums = expected_series(chosen, interval, group_by)
    totals: dict = defaultdict(lambda: (Decimal(0), Decimal(0)))
    rows = []
    for (period, group), (count, usd, eur) in sorted(sums.items(), key=lambda s: sort_key(*s[0])):
        totals[group] = (totals[group][0] + usd, totals[group][1] + eur)
        rows.append(
            {"period": period, "group": group, "count": count, "amount_usd": usd}
            | {"amount_eur": eur, "cumulative_usd": totals[group][0]}
            | {"cumulative_eur": totals[group][1]}
        )
    return rows


def sort_key(period, group) -> tuple:
    return period, group or ""


AMOUNTS = ("amount_usd", "amount_eur", "cumulative_usd", "cumulative_eur")


def rollup_rows() -> set:
    return set(TimelineMonth.objects.values_list(*ROLLUP_COLUMNS))


def assert_rollup_is_exact() -> None:
    """The rollup the triggers kept equals one rebuilt from the tables, and every timeline
    it answers equals the live sums."""
    kept, kept_totals = rollup_rows(), {period: totals_rows(period) for period in TOTALS}
    with connection.cursor() as cursor:
        cursor.execute("SELECT aidtracker_timeline_rebuild()")
    assert kept == rollup_rows()
    assert all(row[-3] > 0 for row in kept)  # no empty rows left behind
    for period in TOTALS:
        assert kept_totals[period] == totals_rows(period) == totals_in_cents(period)
    for interval in selectors.ROLLUP_INTERVALS:
        for group_by in selectors.GROUPINGS:
            for filters in ROLLUP_FILTERS[:2]:
                series, sql = timeline_sql(filters, interval, group_by)
                assert "aidtracker_timelinemonth" in sql
                assert series == live_timeline(filters, interval, group_by)


TOTALS = {"month": TimelineMonthTotal, "day": TimelineDayTotal}


def totals_columns(period: str) -> tuple[str, ...]:
    return (period, "kind", "stage", "status", "category", "pledges", "usd_cents", "eur_cents")


def totals_rows(period: str) -> set:
    """The rows of the totals per `period` summed per key (several rows may share one),
    without keys whose changes cancel out."""
    sums: dict = defaultdict(lambda: [0, 0, 0])
    for *key, pledges, usd, eur in TOTALS[period].objects.values_list(*totals_columns(period)):
        row = sums[tuple(key)]
        row[0], row[1], row[2] = row[0] + pledges, row[1] + usd, row[2] + eur
    return {(*key, *row) for key, row in sums.items() if row != [0, 0, 0]}


def totals_in_cents(period: str) -> set:
    """The totals per `period` summed in Python from the pledges and items, in cents."""

    def key(pledge: Pledge) -> tuple:
        day = pledge.announced_on
        return (day if period == "day" else day.replace(day=1), *timeline_keys(pledge))

    return sums_in_cents(key)


def timeline_keys(pledge: Pledge) -> tuple:
    return pledge.kind, pledge.stage, pledge.status


def assert_totals_exact() -> None:
    for period in TOTALS:
        assert totals_rows(period) == totals_in_cents(period)


ROLLUP_COLUMNS = (
    *("month", "donor", "recipient", "kind", "stage", "status", "category"),
    *("pledges", "usd_cents", "eur_cents"),
)


@postgres_only
@pytest.mark.parametrize("interval", list(selectors.INTERVALS))
@pytest.mark.parametrize("group_by", selectors.GROUPINGS)
def test_filtered_timeline_sums_equal_the_pledges_sums(many_pledges, interval, group_by):
    series, sql = timeline_sql({}, interval, group_by)
    assert ("aidtracker_timelinemonth" in sql) == (interval in selectors.ROLLUP_INTERVALS)
    got = {
        (r["period"], r["group"]): (r["count"], r["amount_usd"], r["amount_eur"]) for r in series
    }
    assert got == expected_series(many_pledges, interval, group_by)
    assert series == selectors.pledge_timeline(
        Pledge.objects.all(), interval=interval, group_by=group_by
    )  # cumulative sums and order too


@postgres_only
@pytest.mark.parametrize(
    "filters",
    ROLLUP_FILTERS + CUT_MONTH_FILTERS + NO_WHOLE_MONTH_FILTERS + CATEGORY_FILTERS + LIVE_FILTERS,
)
@pytest.mark.parametrize("group_by", selectors.GROUPINGS)
def test_filtered_timeline_equals_the_live_one_for_every_filter(many_pledges, filters, group_by):
    many_pledges[0].status = Pledge.Status.REJECTED
    many_pledges[0].save()
    for interval in ("month", "quarter", "year", "week", "day"):
        series, sql = timeline_sql(filters, interval, group_by)
        assert ("aidtracker_timelinemonth" in sql) == from_rollup(filters, interval, group_by)
        # Without a donor or recipient to choose, the sums over every donor serve.
        every_donor = not ({"donor", "recipient"} & set(filters) or group_by == "donor")
        assert ("aidtracker_timelinemonthtotal" in sql) == (
            every_donor and from_rollup(filters, interval, group_by)
        )
        by_day = interval in ("day", "week") and not from_live(filters, group_by)
        assert ("aidtracker_timelinedaytotal" in sql) == (every_donor and by_day)
        assert series == live_timeline(filters, interval, group_by)
        assert series == expected_rows(filters, interval, group_by)
        assert all(row[name].as_tuple().exponent == -2 for row in series for name in AMOUNTS)


@pytest.mark.parametrize("filters", [{}, {"donor": "US"}, {"from": "2022-03-02"}, {"q": "x"}])
@pytest.mark.parametrize("group_by", selectors.GROUPINGS)
def test_timeline_text_writes_the_filtered_timeline(many_pledges, filters, group_by):
    for interval in selectors.INTERVALS:
        series = selectors.pledge_timeline_filtered(
            filters=filters, interval=interval, group_by=group_by
        )
        text = selectors.pledge_timeline_text(filters=filters, interval=interval, group_by=group_by)
        assert text == [
            {"period": row["period"].isoformat(), "group": row["group"], "count": row["count"]}
            | {name: f"{row[name]:f}" for name in AMOUNTS}
            for row in series
        ]


def test_filtered_timeline_refuses_bad_filters_and_options():
    with pytest.raises(ValidationError) as bad_filter:
        selectors.pledge_timeline_filtered(filters={"donor": "XX"})
    assert list(bad_filter.value.message_dict) == ["donor"]
    with pytest.raises(ValidationError) as bad_interval:
        selectors.pledge_timeline_filtered(filters={}, interval="decade")
    assert bad_interval.value.message_dict == {"interval": [selectors.UNKNOWN_INTERVAL]}


@postgres_only
def test_rollup_stays_exact_through_every_kind_of_write(reference, editor):
    made = [
        services.pledge_create(data=_pledge_data(donor, day, amount, items))
        for donor, day, amount, items in (
            ("US", datetime.date(2023, 6, 13), "325000000", ("fim-92-stinger", "m777")),
            ("US", datetime.date(2023, 6, 30), "1000", ("m777",)),
            ("GB", datetime.date(2023, 1, 14), "100000000", ("challenger-2", "as-90")),
            ("DE", datetime.date(2024, 3, 1), None, ()),
        )
    ]
    us, us_small, gb, de = made
    assert_rollup_is_exact()
    services.pledge_correct(  # moves month, donor, amount; items replaced
        pledge=us_small,
        reason="Wrong donor",
        changes={"donor": "GB", "announced_on": datetime.date(2023, 7, 2), "currency": "GBP"},
        items=[{"name": "Shells", "category": "ammunition"}],
        user=editor,
    )
    assert_rollup_is_exact()
    services.pledge_confirm(pledge=gb, user=editor)
    services.pledge_reject(pledge=de, reason="Not a pledge", user=editor)
    assert_rollup_is_exact()
    services.pledge_merge(source=us_small, target=gb, reason="Same package", user=editor)
    assert_rollup_is_exact()
    gb.items.first().delete()  # an item alone
    PledgeItem.objects.filter(pledge=us).update(category="artillery")  # a bulk update
    assert_rollup_is_exact()
    Pledge.objects.filter(donor="US").update(stage=Pledge.Stage.DELIVERED, confidence=0.9)
    us.delete()  # a pledge with its items
    assert_rollup_is_exact()
    assert TimelineMonth.objects.filter(donor="US").count() == 0


@contextlib.contextmanager
def while_held_open(work: Callable[[], Any]) -> Iterator[None]:
    """Run `work` in a transaction of a second connection, kept open while the block runs;
    the block's own writes give up after 5 s of waiting for a lock, rather than hang."""
    written, release = threading.Event(), threading.Event()

    def held_open() -> None:
        try:
            with transaction.atomic():
                work()
                written.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=held_open)
    thread.start()
    try:
        assert written.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '5s'")
            yield
    finally:
        release.set()
        thread.join(timeout=30)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a second connection
def test_writers_of_different_donors_do_not_wait_for_each_other():
    """Another donor's pledge of the same month, kind, stage and status is written while
    a transaction holding one is open: the sums over every donor are only inserted, not
    updated in place, so the two share no row."""
    gb, us, ua = (CountryFactory(code=code) for code in ("GB", "US", "UA"))
    with while_held_open(lambda: PledgeFactory(donor=gb, recipient=ua)):
        PledgeFactory(donor=us, recipient=ua)
    assert_totals_exact()
    for period in TOTALS:
        [row] = totals_rows(period)
        assert row[5] == 2  # both pledges


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a second connection
def test_a_merge_skips_rows_another_merge_holds():
    """Two writers merging the same key at once: the second skips the rows the first
    holds instead of waiting, and the sums stay exact once both commit."""
    ua = CountryFactory(code="UA")
    donors = [CountryFactory(code=code) for code in ("GB", "US", "DE")]
    PledgeFactory(donor=donors[0], recipient=ua)  # committed rows of one key per table

    def write_and_merge(donor) -> None:
        PledgeFactory(donor=donor, recipient=ua)
        merge_totals()

    with while_held_open(lambda: write_and_merge(donors[1])):
        write_and_merge(donors[2])
    assert_totals_exact()
    for period in TOTALS:
        [row] = totals_rows(period)
        assert row[5] == 3


def merge_totals() -> None:
    with connection.cursor() as cursor:
        for period in TOTALS:
            cursor.execute(f"SELECT aidtracker_timeline_merge_{period}()")


def _pledge_data(donor, day, amount, slugs) -> PledgeData:
    return PledgeData(
        donor=donor,
        recipient="UA",
        announced_on=day,
        amount=Decimal(amount) if amount else None,
        currency={"US": "USD", "GB": "GBP", "DE": "EUR"}[donor] if amount else "",
        items=tuple(ItemData(name="", equipment_slug=slug) for slug in slugs),
    )


def cents(amount: Decimal | None) -> int:
    return int((amount or 0) * 100)


def pledges_in_cents() -> set:
    """The rollup's rows summed in Python from the pledges and items: amounts in cents."""
    return sums_in_cents(
        lambda p: (p.announced_on.replace(day=1), p.donor_id, p.recipient_id, *timeline_keys(p))
    )


def sums_in_cents(key: Callable[[Pledge], tuple]) -> set:
    """Rows (*key(pledge), category, pledges, usd, eur in cents) summed in Python: each
    pledge under category "" and under each distinct category of its items."""
    sums: dict = defaultdict(lambda: [0, 0, 0])
    for pledge in Pledge.objects.prefetch_related("items"):
        for category in {"", *(item.category for item in pledge.items.all())}:
            row = sums[(*key(pledge), category)]
            row[0] += 1
            row[1] += cents(pledge.amount_usd)
            row[2] += cents(pledge.amount_eur)
    return {(*key, *row) for key, row in sums.items()}


@postgres_only
def test_rollup_cents_equal_the_pledges_sums_in_cents(many_pledges):
    assert rollup_rows() == pledges_in_cents()
    changed = many_pledges[1:20]
    for n, pledge in enumerate(changed):  # amounts up, down, to none, from none
        pledge.amount_usd = None if n % 5 == 0 else Decimal(n * 1234567) / 100
        pledge.amount_eur = Decimal(n) / 100
        pledge.save()
    Pledge.objects.filter(pk__in=[p.pk for p in many_pledges[20:30]]).update(
        amount_usd=Decimal("0.01")
    )
    assert rollup_rows() == pledges_in_cents()
    assert_totals_exact()
    Pledge.objects.filter(pk__in=[p.pk for p in many_pledges[::3]]).delete()
    assert rollup_rows() == pledges_in_cents()
    assert_totals_exact()
    assert_rollup_is_exact()


@postgres_only
@pytest.mark.parametrize("period", list(TOTALS))
def test_totals_of_every_donor_merge_into_one_row_per_key(many_pledges, period):
    model = TOTALS[period]

    def unmerged() -> int:
        return model.objects.filter(merged=False).count()

    assert unmerged() > 60  # each pledge's and item's write added rows
    for n in range(1, 40):  # each update adds a row per key it changes, unmerged
        Pledge.objects.filter(amount_usd__isnull=False).update(amount_usd=F("amount_usd") + n)
        assert totals_rows(period) == totals_in_cents(period)
    # Past 1,000 unmerged rows a writer merged the keys they touched.
    assert model.objects.filter(merged=True).exists()
    assert unmerged() < 1000
    PledgeFactory(donor=many_pledges[0].donor, amount_usd=Decimal("7.00"))  # touches a key
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT aidtracker_timeline_merge_{period}()")
    assert unmerged() == 0
    keys = model.objects.values_list(*totals_columns(period)[:5])
    assert len(keys) == len(set(keys)) == len(totals_in_cents(period))  # one row per key
    assert totals_rows(period) == totals_in_cents(period)
    assert_rollup_is_exact()


@postgres_only
def test_rollup_keeps_big_amounts_to_the_cent():
    big = Decimal("123456789012.34")
    for day in (3, 17):
        PledgeFactory(announced_on=datetime.date(2024, 5, day), amount_usd=big, amount_eur=big)
    assert TimelineMonth.objects.get(category="").usd_cents == 2 * 12345678901234
    for interval in selectors.ROLLUP_INTERVALS:
        [row] = selectors.pledge_timeline_text(filters={}, interval=interval)
        assert (row["amount_usd"], row["cumulative_eur"]) == ("246913578024.68",) * 2
        assert row["count"] == 2
    Pledge.objects.filter(announced_on__day=3).update(amount_usd=Decimal("0.01"))
    assert TimelineMonth.objects.get(category="").usd_cents == 12345678901234 + 1
    [row] = selectors.pledge_timeline_text(filters={}, interval="month")
    assert row["amount_usd"] == "123456789012.35"


def test_pledge_list_bundles_relations_and_counts_independent_sources(
    django_assert_num_queries,
):
    for n in range(5):
        pledge = PledgeFactory()
        PledgeItemFactory(pledge=pledge)
        for outlet in ("Reuters", "Reuters", "AP"):
            EvidenceFactory(pledge=pledge, article=ArticleFactory(outlet=outlet), start=n)
    with django_assert_num_queries(3):  # pledges, items with equipment, evidence with article
        rows = list(selectors.pledge_list())
        for pledge in rows:
            assert pledge.source_count == 2
            assert pledge.donor.name and pledge.items.all()[0].name
            assert pledge.evidence.all()[0].article.outlet


def test_pledge_list_with_bad_filters_raises_the_form_errors():
    with pytest.raises(ValidationError) as error:
        selectors.pledge_list(filters={"donor": "XX"})
    assert "donor" in error.value.message_dict


def test_pledge_rows_carry_the_same_items_evidence_and_sources_as_the_pledge_list(
    django_assert_num_queries, reference
):
    outlets = [["AP"], ["AP", "AP", "Reuters"], ["", "", "dpa"], []]
    made = []
    for n, names in enumerate(outlets):
        pledge = PledgeFactory()
        made.append(pledge.pk)
        PledgeItemFactory(pledge=pledge, equipment=Equipment.objects.order_by("slug")[n])
        PledgeItemFactory(pledge=pledge, equipment=None)
        for start, outlet in enumerate(names):
            EvidenceFactory(pledge=pledge, article=ArticleFactory(outlet=outlet), start=start)
    rows = list(selectors.pledge_rows())
    # On PostgreSQL one query (the database writes the rows as JSON); elsewhere two.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        selectors.pledge_rows_attach(rows)
    pledges = list(selectors.pledge_list())
    assert [row["id"] for row in rows] == [pledge.pk for pledge in pledges]
    for row, pledge in zip(rows, pledges, strict=True):
        assert row["donor_name"] == pledge.donor.name
        assert row["recipient_name"] == pledge.recipient.name
        assert [(i["id"], i["equipment"]) for i in row["item_rows"]] == [
            (i.pk, i.equipment.slug if i.equipment else None) for i in pledge.items.all()
        ]
        assert [(e["sentence"], e["url"]) for e in row["evidence_rows"]] == [
            (e.sentence, e.article.url) for e in pledge.evidence.all()
        ]
        outlets = (quote["outlet"] for quote in row["evidence_rows"])
        assert independent_sources(outlets) == pledge.source_count
    counts = {pledge.pk: pledge.source_count for pledge in pledges}
    assert [counts[pk] for pk in made] == [1, 2, 2, 0]


def test_dataset_version_changes_with_every_kind_of_change(reference):
    seen = [selectors.dataset_version().key]
    pledge = PledgeFactory()
    seen.append(selectors.dataset_version().key)
    PledgeItemFactory(pledge=pledge)
    seen.append(selectors.dataset_version().key)
    EvidenceFactory(pledge=pledge)
    seen.append(selectors.dataset_version().key)
    CountryFactory(code="XK", name="Kosovo")
    seen.append(selectors.dataset_version().key)
    pledge.delete()
    seen.append(selectors.dataset_version().key)
    assert len(set(seen)) == len(seen)
    assert selectors.dataset_version().last_modified is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # it closes the connection
def test_dataset_version_runs_its_statement_prepared_once_per_connection(reference):
    """EXECUTE of the statement prepared at the connection's first read: on a new connection
    (and after a rollback) it is prepared again or still there, and sees every write."""
    first = selectors.dataset_version()
    with CaptureQueriesContext(connection) as queries:
        assert selectors.dataset_version() == first
    assert [query["sql"] for query in queries] == [f"EXECUTE {selectors.VERSION_STATEMENT}"]
    with contextlib.suppress(RuntimeError), transaction.atomic():
        PledgeFactory()
        raise RuntimeError("roll back")
    assert selectors.dataset_version() == first
    connection.close()  # a new session, without the statement
    PledgeFactory()
    assert selectors.dataset_version().key != first.key
    assert connection.connection.execute(
        "SELECT count(*) FROM pg_prepared_statements WHERE name = %s",
        [selectors.VERSION_STATEMENT],
    ).fetchone() == (1,)


def test_item_and_evidence_rows_keep_their_text_types_and_key_order(reference):
    text = 'Leopard "2A4" \\ ñ \u2013 🚀\nsecond line\u2028'
    pledge = PledgeFactory()
    item = PledgeItemFactory(pledge=pledge, name=text, quantity=2**62, equipment=None)
    article = ArticleFactory(outlet="", published_on=datetime.date(2023, 6, 13))
    EvidenceFactory(pledge=pledge, article=article, sentence=text, start=0)
    (row,) = selectors.pledge_rows_attach(list(selectors.pledge_rows()))
    assert row["item_rows"] == [
        {"id": item.pk, "name": text, "category": item.category, "quantity": 2**62,
         "unit": item.unit, "equipment": None}
    ]  # fmt: skip
    assert list(row["item_rows"][0]) == list(selectors.ITEM_ROW)
    assert list(row["evidence_rows"][0]) == list(selectors.EVIDENCE_ROW)
    assert row["evidence_rows"][0]["sentence"] == text
    assert row["evidence_rows"][0]["published_on"] in ("2023-06-13", datetime.date(2023, 6, 13))


def test_rows_of_a_pledge_deleted_after_its_row_was_read_get_no_items_or_evidence(reference):
    kept, gone = PledgeFactory(), PledgeFactory()
    for pledge in (kept, gone):
        PledgeItemFactory(pledge=pledge)
        EvidenceFactory(pledge=pledge, article=ArticleFactory(), start=0)
    rows, gone_id = list(selectors.pledge_rows()), gone.pk
    gone.delete()  # between the page query and the items query
    by_id = {row["id"]: row for row in selectors.pledge_rows_attach(rows)}
    assert (by_id[gone_id]["item_rows"], by_id[gone_id]["evidence_rows"]) == ([], [])
    assert len(by_id[kept.pk]["item_rows"]) == 1
    assert len(by_id[kept.pk]["evidence_rows"]) == 1
