"""aidtracker.compiled: SQL compiled once makes the rows the queryset makes, on every
database, and is really what runs."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext

from aidtracker import selectors, services
from aidtracker.api import documents
from aidtracker.api.serializers import HISTORY_ATTNAMES
from aidtracker.compiled import MARKER, OneValueRows, compile_rows, markers, run
from aidtracker.models import Pledge
from tests.aidtracker.api.conftest import make_pledge

pytestmark = pytest.mark.django_db

HISTORY_FIELDS = tuple(HISTORY_ATTNAMES.values())


def as_listed(rows: list[dict]) -> list[list[tuple]]:
    """Rows with their keys in order and each value's type: equal only if made alike."""
    return [[(key, value, type(value)) for key, value in row.items()] for row in rows]


@pytest.fixture
def pledges(reference) -> list[Pledge]:
    first = make_pledge(amount=Decimal("325000000"), summary="First package")
    second = make_pledge(amount=None, currency="", summary="Training, no amount")
    services.pledge_correct(
        pledge=first, reason="Announced figure", changes={"summary": "First package, corrected"}
    )
    return [first, second]


def test_history_rows_equal_the_querysets(pledges):
    for pledge in pledges:
        queryset = selectors.pledge_history(pledge_id=pledge.pk, fields=HISTORY_FIELDS)
        rows = selectors.pledge_history_rows(pledge_id=pledge.pk, fields=HISTORY_FIELDS)
        assert as_listed(rows) == as_listed(list(queryset))
        assert rows
    assert selectors.pledge_history_rows(pledge_id=10**12, fields=HISTORY_FIELDS) == []


@pytest.mark.postgres  # pledge documents, and their doc_version column, are kept there
def test_a_pledges_page_row_equals_the_querysets(pledges):
    for pledge in pledges:
        queryset = documents.page_rows().filter(pk=pledge.pk)
        assert as_listed(documents.pledge_row(pledge.pk)) == as_listed(list(queryset))
    assert documents.pledge_row(10**12) == []


def test_converters_are_applied_as_the_orm_applies_them(pledges):
    """Both databases hand locked_fields (JSON) back as text, which the field's converter
    reads; on SQLite the decimal (NULL for the second pledge) has converters too."""

    def build(pk: int):
        usd = Coalesce(F("amount_usd"), Value(Decimal("-1")))
        return Pledge.objects.filter(pk=pk).values("id", "locked_fields", usd=usd)

    rows = OneValueRows(build)
    for pledge in pledges:
        assert as_listed(rows.rows(pledge.pk)) == as_listed(list(build(pledge.pk)))
    assert rows.rows(pledges[0].pk)[0]["locked_fields"] == ["summary"]
    assert rows._compiled[connection.alias].converters


def test_the_compiled_sql_is_what_runs(pledges):
    """One query per read, and not built again: the marker's SQL, with the value swapped."""
    rows = selectors._history_rows(HISTORY_FIELDS)
    selectors.pledge_history_rows(pledge_id=pledges[0].pk, fields=HISTORY_FIELDS)
    compiled = rows._compiled[connection.alias]
    assert compiled is not None and compiled.params[compiled.at[0]] == MARKER
    with CaptureQueriesContext(connection) as queries:
        selectors.pledge_history_rows(pledge_id=pledges[1].pk, fields=HISTORY_FIELDS)
    assert len(queries) == 1
    assert str(pledges[1].pk) in queries[0]["sql"] and str(MARKER) not in queries[0]["sql"]


def test_a_queryset_without_the_marker_runs_as_it_is(pledges):
    """A build whose parameters do not hold the value once cannot be swapped: the queryset
    itself runs, with the right value."""
    doubled = OneValueRows(
        lambda pk: Pledge.objects.filter(pk=pk, id__gte=pk).values("id", "summary")
    )
    constant = OneValueRows(lambda pk: Pledge.objects.filter(pk=pledges[0].pk).values("id"))
    assert doubled.rows(pledges[1].pk) == [{"id": pledges[1].pk, "summary": pledges[1].summary}]
    assert doubled._compiled[connection.alias] is None
    assert constant.rows(pledges[1].pk) == [{"id": pledges[0].pk}]
    assert constant._compiled[connection.alias] is None


@pytest.mark.postgres
def test_the_details_queries_are_compiled_on_postgresql(pledges):
    """The two reads of a detail (documents are kept on PostgreSQL) take the compiled path:
    without it this suite would still pass, through the queryset."""
    documents.pledge_row(pledges[0].pk)
    selectors.pledge_history_rows(pledge_id=pledges[0].pk, fields=HISTORY_FIELDS)
    assert documents._ONE_ROW._compiled[connection.alias] is not None
    assert selectors._history_rows(HISTORY_FIELDS)._compiled[connection.alias] is not None


def test_markers_are_one_per_value_of_its_type():
    kinds = [int, str, Decimal, datetime.date, int, str]
    made = markers(kinds)
    assert [type(marker) for marker in made] == kinds
    assert len(set(made)) == len(made)
    with pytest.raises(ValueError, match="float"):
        markers([float])


@pytest.mark.postgres  # SQLite's backend writes dates as text: that marker is not found
def test_several_values_swap_into_their_places(pledges):
    """Values of four types, each in its marker's place; the rows are the queryset's."""

    def build(pk: int, summary: str, usd: Decimal, day: datetime.date):
        return Pledge.objects.filter(
            pk__gte=pk, summary=summary, amount_usd__gte=usd, announced_on__lte=day
        ).values("id", "summary")

    values = (pledges[0].pk, "First package, corrected", Decimal("1"), datetime.date(2030, 1, 1))
    marks = markers([int, str, Decimal, datetime.date])
    template = compile_rows(build(*marks), marks)
    assert template is not None
    assert as_listed(run(template, values)) == as_listed(list(build(*values)))
    assert run(template, values) == [{"id": pledges[0].pk, "summary": "First package, corrected"}]
    assert run(template, (pledges[0].pk, "First package", Decimal("1"), values[3])) == []
    # A lookup that writes its value transformed (LIKE 'value%') holds no marker.
    pattern = Pledge.objects.filter(summary__startswith=markers([str])[0]).values("id")
    assert compile_rows(pattern, markers([str])) is None


def test_a_marker_found_twice_or_not_at_all_does_not_compile(pledges):
    (pk, other) = markers([int, int])
    twice = Pledge.objects.filter(pk=pk, id__gte=pk).values("id")
    assert compile_rows(twice, [pk]) is None
    assert compile_rows(Pledge.objects.filter(pk=pk).values("id"), [pk, other]) is None
