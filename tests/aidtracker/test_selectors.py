import datetime
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from aidtracker import selectors
from aidtracker.models import Pledge
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


def test_pledge_rows_attach_gives_the_same_items_and_evidence_as_prefetching(
    django_assert_num_queries,
):
    for n in range(3):
        pledge = PledgeFactory()
        PledgeItemFactory(pledge=pledge)
        EvidenceFactory(pledge=pledge, article=ArticleFactory(outlet="AP"), start=n)
    pledges = list(selectors.pledge_list(prefetch=False))
    # On PostgreSQL the rows came with the pledges, as JSON; elsewhere two queries.
    with django_assert_num_queries(0 if connection.vendor == "postgresql" else 2):
        selectors.pledge_rows_attach(pledges)
    for pledge in pledges:
        assert [row["id"] for row in pledge.item_rows] == [i.pk for i in pledge.items.all()]
        assert [row["sentence"] for row in pledge.evidence_rows] == [
            e.sentence for e in pledge.evidence.all()
        ]


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
