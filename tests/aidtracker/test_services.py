import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aidtracker import services
from aidtracker.models import Country, Pledge
from tests.factories import EvidenceFactory, PledgeFactory, PledgeItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_data(**overrides) -> services.PledgeData:
    fields = {
        "donor": "US",
        "recipient": "UA",
        "announced_on": datetime.date(2023, 6, 13),
        "amount": Decimal("325000000"),
        "currency": "USD",
        "items": (services.ItemData(name="Stinger", equipment_slug="fim-92-stinger"),),
    }
    return services.PledgeData(**{**fields, **overrides})


def test_create_normalises_money_and_links_catalogue_items(reference):
    pledge = services.pledge_create(data=make_data())
    assert pledge.amount_usd == Decimal("325000000.00")
    item = pledge.items.get()
    assert item.equipment.slug == "fim-92-stinger"
    assert item.category == "air_defense"
    assert pledge.history.get().history_change_reason == "Created"


def test_correction_is_recorded_with_reason_and_user_and_locks_fields(reference):
    pledge = services.pledge_create(data=make_data())
    editor = UserFactory(username="ed")
    services.pledge_correct(
        pledge=pledge,
        changes={"amount": Decimal("300000000"), "donor": "GB"},
        reason="The ministry corrected the figure",
        user=editor,
    )
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("300000000")
    assert pledge.donor_id == "GB"
    assert pledge.locked_fields == ["amount", "donor"]
    latest = pledge.history.first()
    assert latest.history_change_reason == "The ministry corrected the figure"
    assert latest.history_user == editor
    changed = set(latest.diff_against(latest.prev_record).changed_fields)
    assert {"donor", "amount"} <= changed


def test_correction_recomputes_the_normalised_amounts(reference):
    pledge = services.pledge_create(data=make_data())
    services.pledge_correct(pledge=pledge, changes={"currency": "EUR"}, reason="It was euros")
    assert pledge.amount_eur == Decimal("325000000.00")
    assert pledge.amount_usd == (Decimal("325000000") * Decimal("1.0793")).quantize(Decimal("0.01"))


def test_correction_without_reason_is_refused_and_changes_nothing(reference):
    pledge = services.pledge_create(data=make_data())
    with pytest.raises(ValidationError) as error:
        services.pledge_correct(pledge=pledge, changes={"amount": Decimal(1)}, reason="  ")
    assert services.REASON_REQUIRED in error.value.messages
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("325000000") and pledge.locked_fields == []


def test_correction_of_items_replaces_them_and_locks_items(reference):
    pledge = services.pledge_create(data=make_data())
    services.pledge_correct(
        pledge=pledge,
        items=[{"name": "Javelin", "equipment_slug": "fgm-148-javelin", "quantity": 100}],
        reason="Wrong system",
    )
    assert [(i.name, i.quantity) for i in pledge.items.all()] == [("Javelin", 100)]
    assert "items" in pledge.locked_fields


def test_invalid_correction_is_refused(reference):
    pledge = services.pledge_create(data=make_data())
    with pytest.raises(ValidationError) as error:
        services.pledge_correct(pledge=pledge, changes={"amount": Decimal(-3)}, reason="typo")
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.pledge_correct(pledge=pledge, changes={"confidence": 1}, reason="not editable")


def test_reject_and_confirm_keep_reasons_in_history(reference):
    pledge = services.pledge_create(data=make_data())
    services.pledge_reject(pledge=pledge, reason="A running total, not a pledge")
    assert pledge.status == Pledge.Status.REJECTED
    assert pledge.history.first().history_change_reason == "A running total, not a pledge"
    services.pledge_confirm(pledge=pledge)
    assert Pledge.objects.get(pk=pledge.pk).status == Pledge.Status.CONFIRMED


def test_merge_moves_evidence_and_missing_items_and_keeps_the_source(reference):
    target = PledgeFactory()
    source = PledgeFactory()
    PledgeItemFactory(pledge=target, name="Stinger")
    PledgeItemFactory(pledge=source, name="Stinger")
    PledgeItemFactory(pledge=source, name="Bradley")
    EvidenceFactory(pledge=source)
    services.pledge_merge(source=source, target=target, reason="Same announcement")
    source.refresh_from_db()
    assert source.status == Pledge.Status.MERGED and source.merged_into == target
    assert sorted(target.items.values_list("name", flat=True)) == ["Bradley", "Stinger"]
    assert target.evidence.count() == 1 and source.evidence.count() == 0
    assert list(Pledge.objects.visible()) == [target]


def test_merge_refuses_itself_and_different_donors(reference):
    pledge = PledgeFactory()
    with pytest.raises(ValidationError):
        services.pledge_merge(source=pledge, target=pledge, reason="x")
    other = PledgeFactory(donor=Country.objects.get(pk="GB"))
    with pytest.raises(ValidationError) as error:
        services.pledge_merge(source=other, target=pledge, reason="x")
    assert services.MERGE_DIFFERENT_DONORS in error.value.messages
