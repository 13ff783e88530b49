"""A pledge list's page query compiled once per shape (aidtracker.api.list_pages): any
request, and every page its cursors lead to, answers what the rows answer, byte for byte,
while SQL compiled for another request of its shape is what runs."""

import base64
import datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidtracker import filters
from aidtracker.api import list_pages, pagination
from aidtracker.models import Category, Pledge
from aidtracker.synthetic import FIRST_DAY, LAST_DAY, synthetic_load

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]  # documents are kept there

LIST = "/api/pledges/"
DONORS = ["US", "DE", "GB", "PL", "EU", "NL", "DK", "CA", "FR"]
SLUGS = ["leopard-2", "m777", "himars", "patriot", "bradley", "fim-92-stinger"]


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.API_CACHE_SECONDS = 0


@pytest.fixture
def many(reference):
    """Synthetic pledges: many share a day (cursors with offsets), some are rejected."""
    synthetic_load(pledges=400, seed=11, batch_size=200)


def body(client, settings, url: str, *, stored: bool) -> tuple[int, bytes]:
    settings.API_DOCUMENTS = stored
    response = client.get(url, HTTP_ACCEPT="application/json")
    return response.status_code, response.content


def assert_pages_as_rows(client, settings, url: str, *, pages: int = 3) -> None:
    """The URL, then its next pages, then a previous page: each as the rows give it."""
    for hop in range(pages + 1):
        expected = body(client, settings, url, stored=False)
        assert body(client, settings, url, stored=True) == expected, url
        if expected[0] != 200:
            return
        page = client.get(url, HTTP_ACCEPT="application/json").json()
        url = page["next"] if hop < pages - 1 else page["previous"]
        if not url:
            return


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
lists = st.fixed_dictionaries(
    {},
    optional={
        "donor": st.lists(st.sampled_from(DONORS), min_size=1, max_size=3),
        "recipient": st.just(["UA"]),
        "kind": st.lists(st.sampled_from(Pledge.Kind.values), min_size=1, max_size=4),
        "stage": st.lists(st.sampled_from(Pledge.Stage.values), min_size=1, max_size=2),
        "status": st.lists(st.sampled_from(Pledge.Status.values), min_size=1, max_size=2),
        "category": st.lists(st.sampled_from(Category.values), min_size=1, max_size=2),
        "equipment": st.lists(st.sampled_from(SLUGS), min_size=1, max_size=2),
        "from": days,
        "to": days,
        "min_usd": st.sampled_from(["0", "1000000", "25000000.50", "400000000"]),
        "ordering": st.sampled_from(list(filters.ORDERINGS)),
        "page_size": st.integers(min_value=1, max_value=60),
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=lists)
def test_any_list_and_its_pages_are_what_the_rows_give(client, settings, many, params):
    assert_pages_as_rows(client, settings, f"{LIST}?{urlencode(params, doseq=True)}")


def test_requests_of_one_shape_run_the_sql_compiled_for_the_first(client, settings, many):
    settings.API_DOCUMENTS = True
    first = f"{LIST}?donor=US&kind=package&from=2023-01-01&ordering=-amount_usd"
    second = f"{LIST}?donor=DE&kind=package&from=2024-03-05&ordering=-amount_usd"
    other = f"{LIST}?donor=DE&kind=training&from=2024-03-05&ordering=-amount_usd"
    client.get(first)
    before = list_pages._template.cache_info()
    with CaptureQueriesContext(connection) as queries:
        client.get(second)
    after = list_pages._template.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    (page_sql,) = [query["sql"] for query in queries if "LIMIT" in query["sql"]]
    assert "'DE'" in page_sql and "'2024-03-05'" in page_sql and "marker" not in page_sql
    client.get(other)  # a choice is part of the shape: compiled on its own
    assert list_pages._template.cache_info().misses == after.misses + 1
    assert_pages_as_rows(client, settings, second)
    assert_pages_as_rows(client, settings, other)


def test_a_search_runs_through_the_orm(client, settings, many):
    settings.API_DOCUMENTS = True
    before = list_pages._template.cache_info()
    assert_pages_as_rows(client, settings, f"{LIST}?q=package&donor=US")
    after = list_pages._template.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


def cursor(**fields: str) -> str:
    return base64.b64encode(urlencode(fields).encode()).decode()


@pytest.mark.parametrize(
    ("ordering", "position"),
    [
        ("announced_on", "2024-13-45"),
        ("-amount_usd", "a lot"),
        ("-amount_usd", "NaN"),
        ("id", "12x"),
    ],
)
def test_a_forged_cursor_position_is_a_400(client, settings, many, ordering, position):
    settings.API_DOCUMENTS = True
    url = f"{LIST}?{urlencode({'ordering': ordering, 'cursor': cursor(p=position)})}"
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response.json() == {"cursor": [pagination.BAD_CURSOR]}


@pytest.mark.parametrize("reverse", ["0", "1"])
def test_a_position_beyond_any_id_pages_as_the_rows_do(client, settings, many, reverse):
    """Beyond bigint: the ORM makes the comparison always false (forward) or always true
    (reverse); the compiled SQL compares it as a number, with the same rows."""
    forged = cursor(p="99999999999999999999999", r=reverse)
    url = f"{LIST}?{urlencode({'ordering': 'id', 'cursor': forged, 'page_size': 7})}"
    assert body(client, settings, url, stored=True) == body(client, settings, url, stored=False)
    assert len(client.get(url).json()["results"]) == (7 if reverse == "1" else 0)


def cursor_fields(url: str) -> dict[str, list[str]]:
    token = parse_qs(urlsplit(url).query)["cursor"][0]
    return parse_qs(base64.b64decode(token).decode())


def test_a_cursor_on_a_tie_carries_an_offset_and_pages_alike(client, settings, many):
    """Pages of one day's pledges: DRF's cursor then holds an offset as well."""
    crowded = Pledge.objects.values("announced_on").order_by().annotate(n=Count("id"))
    day = (
        crowded.filter(n__gte=3).order_by("announced_on").values_list("announced_on", flat=True)[0]
    )
    assert isinstance(day, datetime.date)
    params = {"from": day, "to": day, "page_size": 1, "status": Pledge.Status.values}
    url = f"{LIST}?{urlencode(params, doseq=True)}"
    following = client.get(url).json()["next"]
    assert cursor_fields(following)["o"] == ["1"]
    assert_pages_as_rows(client, settings, url, pages=4)
