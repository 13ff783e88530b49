import datetime
from decimal import Decimal

import pytest
from django import forms

from aidtracker import filters
from aidtracker.filters import PledgeFilter
from aidtracker.models import Pledge
from aidtracker.selectors import as_query_dict, pledge_list
from tests.factories import (
    CountryFactory,
    EquipmentFactory,
    EvidenceFactory,
    PledgeFactory,
    PledgeItemFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledges():
    gb = CountryFactory(code="GB", name="United Kingdom")
    stinger = EquipmentFactory(slug="fim-92-stinger", name="Stinger", category="air_defense")
    us_package = PledgeFactory(
        summary="Stingers and shells", announced_on=datetime.date(2023, 6, 13)
    )
    PledgeItemFactory(pledge=us_package, name="Stinger", equipment=stinger, category="air_defense")
    gb_training = PledgeFactory(
        donor=gb,
        kind=Pledge.Kind.TRAINING,
        stage=Pledge.Stage.DELIVERED,
        amount=None,
        currency="",
        summary="Training of crews",
        announced_on=datetime.date(2024, 2, 1),
    )
    EvidenceFactory(pledge=gb_training, sentence="London will train Leopard crews.")
    rejected = PledgeFactory(status=Pledge.Status.REJECTED, summary="Not a pledge")
    for pledge in (us_package, rejected):
        pledge.amount_usd = Decimal("325000000.00")
        pledge.save()
    return {"us": us_package, "gb": gb_training, "rejected": rejected}


def ids(data):
    return {p.pk for p in pledge_list(filters=data)}


def errors(data):
    filterset = PledgeFilter(data=as_query_dict(data), queryset=pledge_list())
    assert not filterset.is_valid()
    return filterset.errors


def test_default_shows_reported_and_confirmed_only(pledges):
    assert ids({}) == {pledges["us"].pk, pledges["gb"].pk}
    assert ids({"status": "rejected"}) == {pledges["rejected"].pk}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"donor": "GB"}, {"gb"}),
        ({"donor": ["gb", "US"]}, {"gb", "us"}),
        ({"donor": "GB,US"}, {"gb", "us"}),
        ({"recipient": "UA"}, {"gb", "us"}),
        ({"kind": "training"}, {"gb"}),
        ({"stage": "delivered"}, {"gb"}),
        ({"category": "air_defense"}, {"us"}),
        ({"equipment": "fim-92-stinger"}, {"us"}),
        ({"from": "2024-01-01"}, {"gb"}),
        ({"to": "2023-12-31"}, {"us"}),
        ({"from": "2023-06-13", "to": "2023-06-13"}, {"us"}),
        ({"min_usd": "1000000"}, {"us"}),
        ({"q": "stinger"}, {"us"}),
        ({"q": "LEOPARD"}, {"gb"}),
        ({"q": "crews"}, {"gb"}),
        ({"ordering": "amount_usd", "page_size": "500"}, {"gb", "us"}),
    ],
)
def test_each_filter_selects_its_pledges(pledges, data, expected):
    assert ids(data) == {pledges[key].pk for key in expected}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"donor": "XX"}, "donor", filters.UNKNOWN_DONOR % {"value": "XX"}),
        ({"donor": ["US", "ZZ"]}, "donor", filters.UNKNOWN_DONOR % {"value": "ZZ"}),
        ({"recipient": "QQ"}, "recipient", filters.UNKNOWN_RECIPIENT % {"value": "QQ"}),
        ({"equipment": "nope"}, "equipment", filters.UNKNOWN_EQUIPMENT % {"value": "nope"}),
        ({"kind": "gift"}, "kind", filters.UNKNOWN_CHOICE % {"value": "gift"}),
        ({"stage": "x"}, "stage", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"status": "x"}, "status", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"category": "x"}, "category", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"from": "2023-13-01"}, "from", filters.MALFORMED_DATE),
        ({"to": "yesterday"}, "to", filters.MALFORMED_DATE),
        ({"from": "2024-01-02", "to": "2024-01-01"}, "from", filters.FROM_AFTER_TO),
        ({"min_usd": "lots"}, "min_usd", filters.BAD_NUMBER),
        ({"min_usd": "NaN"}, "min_usd", filters.BAD_NUMBER),
        ({"min_usd": "1e999999"}, "min_usd", filters.NUMBER_TOO_LARGE),
        ({"ordering": "password"}, "ordering", None),
        ({"page_size": "1000000"}, "page_size", None),
        ({"page_size": "0"}, "page_size", None),
        ({"page_size": "2.5"}, "page_size", None),
        ({"q": "x" * 201}, "q", None),
    ],
)
def test_bad_values_are_clear_form_errors(pledges, data, field, message):
    expected = {
        "ordering": filters.UNKNOWN_ORDERING % {"choices": ", ".join(filters.ORDERINGS)},
        "page_size": filters.BAD_PAGE_SIZE % {"max": filters.MAX_PAGE_SIZE},
        "q": filters.QUERY_TOO_LONG % {"max": filters.MAX_QUERY_LENGTH},
    }
    assert errors(data)[field] == [message or expected[field]]


def test_ordering_by_amount_puts_unvalued_pledges_first(pledges):
    ordered = [p.pk for p in pledge_list(filters={"ordering": "amount_usd"})]
    assert ordered[0] == pledges["gb"].pk


def test_a_country_added_after_the_codes_were_read_is_known_at_once(pledges):
    assert ids({"donor": "US"}) == {pledges["us"].pk}  # the codes are read now
    assert "donor" in errors({"donor": "XK"})
    kosovo = CountryFactory(code="XK", name="Kosovo")
    PledgeFactory(donor=kosovo)
    assert len(ids({"donor": "xk"})) == 1


def test_a_deleted_country_matches_nothing_then_is_unknown_once_the_read_is_old(
    pledges, monkeypatch
):
    CountryFactory(code="XK", name="Kosovo")
    assert ids({"donor": "XK"}) == set()
    Pledge.objects.all().delete()
    filters.Country.objects.filter(code="XK").delete()
    assert ids({"donor": "XK"}) == set()  # still among the codes read: it selects nothing
    read_at = filters.COUNTRY_CODES.read_at
    monkeypatch.setattr(filters.time, "monotonic", lambda: read_at + filters.REFERENCE_SECONDS + 1)
    assert errors({"donor": "XK"})["donor"] == [filters.UNKNOWN_DONOR % {"value": "XK"}]


def test_equipment_slugs_select_by_catalogue_entry_and_refuse_null_characters(pledges):
    assert ids({"equipment": "FIM-92-Stinger"}) == {pledges["us"].pk}
    assert ids({"equipment": "fim-92-stinger,fim-92-stinger"}) == {pledges["us"].pk}
    assert errors({"donor": "U\x00S"})["donor"] == ["Null characters are not allowed."]


def test_filter_forms_share_their_fields_and_each_keeps_its_own_values(pledges):
    first = PledgeFilter(data=as_query_dict({"donor": "US", "kind": "package"}))
    second = PledgeFilter(data=as_query_dict({"donor": "GB", "stage": "delivered"}))
    assert first.form.fields["donor"] is second.form.fields["donor"]
    assert first.is_valid() and second.is_valid()
    assert first.form.cleaned_data["donor"] == ["US"]
    assert second.form.cleaned_data["donor"] == ["GB"]
    assert first.form.cleaned_data["stage"] == []
    assert {p.pk for p in second.qs} == {pledges["gb"].pk}
    assert "donor" in errors({"donor": "XX"})  # an invalid form after valid ones
    assert PledgeFilter(data=as_query_dict({"donor": "US"})).is_valid()


def test_each_filterset_filters_with_its_own_filter_copies(pledges):
    """The copies are made when a filterset first filters, each pointing back at it (a
    method filter calls its own filterset's method)."""
    first = PledgeFilter(data=as_query_dict({"status": "rejected"}))
    second = PledgeFilter(data=as_query_dict({"status": "reported"}))
    assert first.is_valid() and second.is_valid()
    assert first.filters["status"] is not second.filters["status"]
    assert first.filters["status"].parent is first and second.filters["status"].parent is second
    assert first.filters is first.filters  # made once
    assert {p.pk for p in first.qs} == {pledges["rejected"].pk}
    assert pledges["rejected"].pk not in {p.pk for p in second.qs}


def test_fixed_choices_accept_what_djangos_walk_through_them_accepts():
    form_fields = PledgeFilter().form.fields
    for name in ("kind", "stage", "status", "category", "ordering"):
        field = form_fields[name]
        assert isinstance(field, filters.FixedChoicesMixin)
        keys = [str(key) for key, _ in field.choices]
        for value in [*keys, "", "-", "PACKAGE", "package ", "unknown", "-id", "id"]:
            walked = forms.ChoiceField.valid_value(field, value)
            assert field.valid_value(value) is walked, (name, value)
        assert field.valid_value(keys[-1]) and not field.valid_value("unknown")
