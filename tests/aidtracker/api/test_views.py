import csv
import io
import uuid
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from rest_framework.authtoken.models import Token

from aidtracker import filters, selectors
from aidtracker.api import pagination, renderers, serializers, views
from aidtracker.api.throttling import window_count
from aidtracker.models import Pledge
from aidtracker.services import ItemData
from tests.aidtracker.api.conftest import make_pledge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/pledges/"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_carries_money_rates_items_sources_and_links(client, pledges):
    response = client.get(LIST, {"donor": "GB"})
    [row] = response.json()["results"]
    gb = pledges["gb"]
    assert row["donor"] == {"code": "GB", "name": "United Kingdom"}
    assert (row["amount"], row["currency"]) == ("100000000.00", "GBP")
    assert Decimal(row["amount_usd"]) == gb.amount_usd
    assert Decimal(row["rate_usd"]) == gb.rate_usd and row["rate_date"] == "2023-01-13"
    assert [item["equipment"] for item in row["items"]] == ["challenger-2", "as-90"]
    assert {e["outlet"] for e in row["evidence"]} == {"Reuters", "AP"}
    assert row["source_count"] == 2
    assert row["links"]["self"].endswith(f"/api/pledges/{gb.pk}/")
    assert row["links"]["donor"].endswith("/api/countries/GB/")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"donor": "DE"}, {"de", "de_training"}),
        ({"donor": ["de", "GB"]}, {"de", "de_training", "gb"}),
        ({"recipient": "UA", "kind": "training"}, {"de_training"}),
        ({"stage": "committed"}, {"de"}),
        ({"status": "reported"}, {"us", "gb", "de", "de_training", "us_old"}),
        ({"category": "tank"}, {"gb"}),
        ({"equipment": "as-90"}, {"gb"}),
        ({"from": "2023-01-01", "to": "2023-12-31"}, {"us", "gb"}),
        ({"min_usd": "600000000"}, {"us_old"}),
        ({"q": "challenger"}, {"gb"}),
        ({"q": "source 2 on"}, {"de"}),
    ],
)
def test_every_filter(client, pledges, params, expected):
    assert ids(client.get(LIST, params)) == {pledges[key].pk for key in expected}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"donor": "XX"}, "donor", filters.UNKNOWN_DONOR % {"value": "XX"}),
        ({"recipient": "??"}, "recipient", filters.UNKNOWN_RECIPIENT % {"value": "??"}),
        ({"kind": "gift"}, "kind", filters.UNKNOWN_CHOICE % {"value": "gift"}),
        ({"stage": "x"}, "stage", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"status": "x"}, "status", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"category": "x"}, "category", filters.UNKNOWN_CHOICE % {"value": "x"}),
        ({"equipment": "death-star"}, "equipment", None),
        ({"from": "2023-02-30"}, "from", filters.MALFORMED_DATE),
        ({"to": "13/01/2023"}, "to", filters.MALFORMED_DATE),
        ({"from": "2024-01-01", "to": "2023-01-01"}, "from", filters.FROM_AFTER_TO),
        ({"min_usd": "a lot"}, "min_usd", filters.BAD_NUMBER),
        ({"min_usd": "Infinity"}, "min_usd", filters.BAD_NUMBER),
        ({"page_size": "1000000"}, "page_size", None),
        ({"page_size": "-1"}, "page_size", None),
        ({"ordering": "secret_field"}, "ordering", None),
        ({"rows": "cells"}, "rows", views.BAD_ROWS),
        ({"cursor": "garbage"}, "cursor", pagination.BAD_CURSOR),
        ({"cursor": "cD1ub3QtYS1kYXRl"}, "cursor", pagination.BAD_CURSOR),  # p=not-a-date
        ({"q": "\x00"}, "q", None),
    ],
)
def test_bad_values_are_a_400_with_a_clear_message(client, pledges, params, field, message):
    response = client.get(LIST, params)
    assert response.status_code == 400, response.content
    errors = response.json()[field]
    if message:
        assert errors == [message]
    assert errors[0]


def test_bad_values_on_other_lists_are_400_too(client, pledges):
    for url, params in [
        ("/api/countries/", {"page_size": "501"}),
        ("/api/countries/", {"kind": "planet"}),
        ("/api/equipment/", {"category": "lasers"}),
        ("/api/equipment/", {"cursor": "bz1hYmM="}),  # o=abc
        ("/api/timeline/", {"interval": "century"}),
        ("/api/timeline/", {"group_by": "outlet"}),
        ("/api/timeline/", {"donor": "XX"}),
        ("/api/changes/", {"since": "not-a-cursor"}),
        ("/api/changes/", {"page_size": "0"}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400, (url, params, response.content)
        assert set(response.json()) <= {next(iter(params)), "non_field_errors"}


def test_cursor_pages_cover_every_pledge_once_in_order(client, pledges):
    for ordering in filters.ORDERINGS:
        seen, url, params = [], LIST, {"page_size": 2, "ordering": ordering}
        while url:
            page = client.get(url, params).json()
            seen += [row["id"] for row in page["results"]]
            url, params = page["next"], None
        expected = list(selectors.pledge_list(filters={"ordering": ordering}))
        assert seen == [pledge.pk for pledge in expected]


@pytest.mark.parametrize("stored_documents", [True, False])
def test_page_of_100_pledges_takes_a_constant_number_of_queries(
    client, reference, django_assert_num_queries, settings, stored_documents
):
    from tests.aidtracker.api.conftest import make_pledge

    settings.API_CACHE_SECONDS = 0
    settings.API_DOCUMENTS = stored_documents
    for _ in range(10):
        make_pledge()
    client.get(LIST, {"donor": "US", "page_size": 5})  # country codes: read once per process
    if connection.vendor == "postgresql" and stored_documents:
        # the version, the page with its stored documents; for pledges without a current
        # one, their rows, their items and evidence (as JSON) and the documents stored (in
        # a savepoint)
        missing, current = 7, 2
    else:
        # version, the page, then items and evidence: one query as JSON on PostgreSQL, two
        # elsewhere
        missing = current = 3 if connection.vendor == "postgresql" else 4
    page = {"page_size": 100, "donor": "US"}
    with django_assert_num_queries(missing):
        assert len(client.get(LIST, page).json()["results"]) == 10
    with django_assert_num_queries(current):
        assert len(client.get(LIST, page).json()["results"]) == 10
    for _ in range(90):
        make_pledge()
    with django_assert_num_queries(missing):
        assert len(client.get(LIST, page).json()["results"]) == 100
    with django_assert_num_queries(current):
        assert len(client.get(LIST, page).json()["results"]) == 100


def test_lists_come_from_stored_documents_on_postgresql_only(settings):
    """Elsewhere there are no triggers to keep them current (migration 0008)."""
    from aidtracker.api import documents

    settings.API_DOCUMENTS = True
    assert documents.enabled() == (connection.vendor == "postgresql")
    settings.API_DOCUMENTS = False
    assert not documents.enabled()


def test_detail_adds_history_and_shows_merged_and_rejected_pledges(editor_client, client, pledges):
    us = pledges["us"]
    editor_client.post(f"{LIST}{us.pk}/reject/", {"reason": "A duplicate report"})
    response = client.get(f"{LIST}{us.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected"
    assert [entry["action"] for entry in body["history"]] == ["changed", "created"]
    assert body["history"][0]["changes"] == {"status": ["reported", "rejected"]}
    assert body["history"][0]["reason"] == "A duplicate report"
    assert us.pk not in ids(client.get(LIST))
    assert client.get(f"{LIST}999999/").status_code == 404


# --- Writes ---


def test_anonymous_and_non_editors_cannot_write(client, pledges):
    pk = pledges["us"].pk
    assert client.patch(f"{LIST}{pk}/", {"reason": "x", "summary": "y"}).status_code == 403
    assert client.post(f"{LIST}{pk}/confirm/", {}).status_code == 403
    client.force_authenticate(UserFactory(username="reader"))
    assert client.patch(f"{LIST}{pk}/", {"reason": "x", "summary": "y"}).status_code == 403
    assert Pledge.objects.get(pk=pk).summary == pledges["us"].summary


def test_editor_patch_lands_in_history_and_locks_fields(editor_client, editor, pledges):
    pk = pledges["gb"].pk
    response = editor_client.patch(
        f"{LIST}{pk}/",
        {
            "reason": "The ministry gave 12 tanks",
            "amount": "120000000",
            "items": [{"equipment": "challenger-2", "quantity": 12}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["amount"] == "120000000.00"
    assert body["locked_fields"] == ["amount", "items"]
    assert [(i["name"], i["quantity"]) for i in body["items"]] == [("Challenger 2", 12)]
    latest = body["history"][0]
    assert latest["reason"] == "The ministry gave 12 tanks" and latest["user"] == "editor"
    assert latest["changes"]["amount"] == ["100000000.00", "120000000.00"]
    assert Pledge.objects.get(pk=pk).history.first().history_user == editor


def test_editor_with_a_token_can_write(client, editor, pledges):
    token = Token.objects.create(user=editor)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(f"{LIST}{pledges['us'].pk}/confirm/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"


def test_superuser_can_write(client, pledges):
    client.force_authenticate(UserFactory(username="root", is_superuser=True))
    response = client.post(f"{LIST}{pledges['us'].pk}/reject/", {"reason": "Not aid"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"summary": "no reason"}, "reason", None),
        ({"reason": "  ", "summary": "blank reason"}, "reason", None),
        ({"reason": "r", "status": "confirmed"}, "status", serializers.NOT_EDITABLE),
        ({"reason": "r", "amount_usd": "1"}, "amount_usd", serializers.NOT_EDITABLE),
        ({"reason": "r", "donor": "XX"}, "donor", serializers.UNKNOWN_COUNTRY % {"value": "XX"}),
        ({"reason": "r", "donor": "UA"}, "recipient", None),  # donor == recipient
        ({"reason": "r", "currency": "ZZZ"}, "currency", None),
        ({"reason": "r", "amount": "-5"}, "amount", None),
        ({"reason": "r", "announced_on": "2023-02-31"}, "announced_on", None),
        ({"reason": "r", "items": [{"equipment": "nope"}]}, "items", None),
        ({"reason": "r", "items": [{"quantity": 3}]}, "items", None),
    ],
)
def test_bad_corrections_are_400(editor_client, pledges, body, field, message):
    response = editor_client.patch(f"{LIST}{pledges['us'].pk}/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    if message:
        assert response.json()[field] == [message]


def test_merge_moves_evidence_and_marks_the_source(editor_client, client, pledges):
    source, target = pledges["us_old"], pledges["us"]
    response = editor_client.post(
        f"{LIST}{source.pk}/merge/", {"into": target.pk, "reason": "Same package"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["id"] == target.pk
    assert len(response.json()["evidence"]) == 2
    merged = client.get(f"{LIST}{source.pk}/").json()
    assert merged["status"] == "merged" and merged["merged_into"] == target.pk
    again = editor_client.post(f"{LIST}{source.pk}/merge/", {"into": target.pk, "reason": "x"})
    assert again.status_code == 400
    other = editor_client.post(
        f"{LIST}{target.pk}/merge/", {"into": pledges["gb"].pk, "reason": "x"}
    )
    assert other.status_code == 400
    missing = editor_client.post(f"{LIST}{target.pk}/merge/", {"into": 999999, "reason": "x"})
    assert missing.status_code == 404


def test_reject_needs_a_reason(editor_client, pledges):
    response = editor_client.post(f"{LIST}{pledges['us'].pk}/reject/", {})
    assert response.status_code == 400 and "reason" in response.json()


def test_put_and_delete_are_not_allowed(editor_client, client, pledges):
    pk = pledges["us"].pk
    assert editor_client.put(f"{LIST}{pk}/", {"reason": "x"}).status_code == 405
    assert editor_client.delete(f"{LIST}{pk}/").status_code == 405
    assert client.delete(f"{LIST}{pk}/").status_code == 405


# --- CSV ---


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _link(response) -> dict[str, str]:
    """The Link header as {rel: url}."""
    found = {}
    for part in filter(None, response.get("Link", "").split(", ")):
        url, rel = part.split("; ")
        found[rel.removeprefix('rel="').removesuffix('"')] = url.strip("<>")
    return found


def test_the_link_header_carries_the_bodys_links(client, pledges):
    first = client.get(LIST, {"page_size": 2})
    assert _link(first) == {"next": first.json()["next"]}
    second = client.get(first.json()["next"])
    body = second.json()
    assert _link(second) == {"next": body["next"], "prev": body["previous"]}
    assert not client.get(LIST, {"page_size": 500}).has_header("Link")


def test_csv_pages_follow_the_link_header_through_every_pledge(client, pledges):
    """CSV has no body field for the next page: the Link header leads through them all."""
    seen, url, params = [], LIST, {"page_size": 2, "format": "csv"}
    while url:
        response = client.get(url, params)
        seen += [int(row["id"]) for row in _csv(response)]
        url, params = _link(response).get("next"), None
    json_ids = [row["id"] for row in client.get(LIST, {"page_size": 500}).json()["results"]]
    assert seen == json_ids and len(seen) > 2


def test_csv_parses_back_to_the_same_values(client, pledges):
    json_rows = client.get(LIST, {"page_size": 500}).json()["results"]
    csv_rows = _csv(client.get(LIST, {"page_size": 500, "format": "csv"}))
    assert len(csv_rows) == len(json_rows)
    for row, pledge in zip(csv_rows, json_rows, strict=True):
        assert int(row["id"]) == pledge["id"]
        assert row["donor"] == pledge["donor"]["code"]
        for name in ("amount", "amount_usd", "amount_eur", "rate_usd", "currency", "kind"):
            assert row[name] == (pledge[name] or "")
        assert row["summary"] == pledge["summary"]
        assert int(row["source_count"]) == pledge["source_count"]
        assert (
            row["url"]
            == pledge["links"]["self"]
            == f"http://testserver/api/pledges/{pledge['id']}/"
        )
    by_id = {pledge.pk: pledge for pledge in pledges.values()}
    for row in csv_rows:
        pledge = by_id[int(row["id"])]
        assert (Decimal(row["amount_usd"]) if row["amount_usd"] else None) == pledge.amount_usd


FORMULAS = ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(client, pledges):
    for n, text in enumerate(FORMULAS):
        make_pledge(donor="PL", summary=text, items=(ItemData(name=f"{text} {n}"),))
    rows = _csv(client.get(LIST, {"format": "csv", "donor": "PL", "rows": "items"}))
    assert sorted(row["summary"] for row in rows) == sorted("'" + text for text in FORMULAS)
    assert all(row["item_name"].startswith("'") for row in rows)
    # Errors echo the input: neutralised too.
    errors = _csv_any(client.get(LIST, {"format": "csv", "donor": "=1+1"}))
    assert errors[0]["error"].startswith("Unknown donor code")
    assert client.get(LIST, {"donor": "PL"}).json()["results"][0]["summary"] in FORMULAS


@pytest.mark.parametrize("number", ["-12.50", "+3", "-7", "0.00"])
def test_csv_leaves_plain_numbers_as_numbers(number):
    rendered = renderers.CSVRenderer().render({"results": [{"amount": number, "n": -1}]})
    (row,) = csv.DictReader(io.StringIO(rendered.decode()))
    assert row == {"amount": number, "n": "-1"}
    assert Decimal(row["amount"]) == Decimal(number)


def _csv_any(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_with_one_row_per_item(client, pledges):
    rows = _csv(client.get(LIST, {"format": "csv", "rows": "items", "donor": "GB"}))
    assert [(r["item_equipment"], r["item_quantity"]) for r in rows] == [
        ("challenger-2", "14"),
        ("as-90", "30"),
    ]
    assert {r["id"] for r in rows} == {str(pledges["gb"].pk)}


def test_csv_on_the_other_lists(client, pledges):
    countries = _csv(client.get("/api/countries/", {"format": "csv", "page_size": 500}))
    assert {"code", "name", "pledge_count"} <= set(countries[0])
    assert _csv(client.get("/api/equipment/", {"format": "csv"}))[0]["slug"]
    timeline = _csv(client.get("/api/timeline/", {"format": "csv", "interval": "year"}))
    assert sum(int(row["count"]) for row in timeline) == len(pledges)
    changes = _csv(client.get("/api/changes/", {"format": "csv"}))
    assert changes[0]["action"] == "created"
    error = client.get(LIST, {"format": "csv", "donor": "XX"})
    assert error.status_code == 400 and b"donor" in error.content


# --- Conditional GET ---


def test_etag_and_last_modified_give_304_until_something_changes(editor_client, client, pledges):
    for url in (LIST, f"{LIST}{pledges['us'].pk}/", "/api/timeline/", "/api/countries/US/"):
        first = client.get(url)
        etag, modified = first["ETag"], first["Last-Modified"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
        assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    before = client.get(LIST)
    editor_client.patch(
        f"{LIST}{pledges['us'].pk}/", {"reason": "typo", "summary": "Fixed"}, format="json"
    )
    after = client.get(LIST, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Fixed" in {row["summary"] for row in after.json()["results"]}


def test_csv_and_json_have_different_etags(client, pledges):
    assert client.get(LIST)["ETag"] != client.get(LIST, {"format": "csv"})["ETag"]


def test_anonymous_reads_are_throttled(client, pledges, settings):
    from rest_framework.throttling import AnonRateThrottle

    rates = {**AnonRateThrottle.THROTTLE_RATES, "anon": "2/day"}
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = rates
    try:
        statuses = [client.get("/api/countries/").status_code for _ in range(3)]
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert statuses == [200, 200, 429]


def test_a_throttle_window_counts_each_request_once_and_the_next_starts_at_one():
    key = f"throttle-window-{uuid.uuid4().hex}"
    assert [window_count(key, 30) for _ in range(3)] == [1, 2, 3]
    assert caches["default"].get(key) == 3  # the cache reads the counter back
    assert window_count(f"{key}-next", 30) == 1  # another window starts anew


@pytest.mark.redis
def test_a_throttle_window_lives_in_redis_as_long_as_the_window():
    cache = caches["default"]
    key = f"throttle-window-{uuid.uuid4().hex}"
    window_count(key, 30)
    full_key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(full_key)
    assert 25 <= client.ttl(full_key) <= 30
    window_count(key, 30)
    assert client.get(full_key) == b"2" and 25 <= client.ttl(full_key) <= 30  # not renewed


# --- Countries, equipment, timeline ---


def test_country_detail_has_totals_by_kind_and_year(client, pledges):
    body = client.get("/api/countries/de/").json()
    assert body["pledge_count"] == 2
    given = {(row["kind"], row["year"]): row for row in body["totals"]["given"]}
    assert set(given) == {("financing", 2024), ("training", 2022)}
    assert Decimal(given[("financing", 2024)]["amount_eur"]) == Decimal("500000000.00")
    received = client.get("/api/countries/UA/").json()["totals"]["received"]
    assert sum(row["count"] for row in received) == 5
    assert client.get("/api/countries/ZZ/").status_code == 404


def test_equipment_detail_says_who_pledged_it(client, pledges):
    body = client.get("/api/equipment/fim-92-stinger/").json()
    assert body["pledge_count"] == 2
    assert body["pledged_by"] == [
        {"donor": "US", "donor_name": "United States", "pledges": 2, "quantity": 80}
    ]
    slugs = [
        row["slug"] for row in client.get("/api/equipment/", {"category": "tank"}).json()["results"]
    ]
    assert "challenger-2" in slugs
    assert client.get("/api/equipment/nope/").status_code == 404


@pytest.mark.parametrize("interval", ["day", "week", "month", "quarter", "year"])
@pytest.mark.parametrize("group_by", ["none", "donor", "kind", "category"])
def test_timeline_sums_equal_the_pledges(client, pledges, interval, group_by):
    body = client.get("/api/timeline/", {"interval": interval, "group_by": group_by}).json()
    assert (body["interval"], body["group_by"]) == (interval, group_by)
    rows = body["results"]
    if group_by == "category":
        expected_count = sum(len({i.category for i in p.items.all()}) for p in pledges.values())
    else:
        expected_count = len(pledges)
        total = sum((p.amount_usd or 0) for p in pledges.values())
        assert sum(Decimal(row["amount_usd"]) for row in rows) == total
    assert sum(row["count"] for row in rows) == expected_count
    last = {}
    for row in rows:
        last[row["group"]] = Decimal(row["cumulative_usd"])
    assert sum(last.values()) == sum(Decimal(row["amount_usd"]) for row in rows)


def test_timeline_applies_the_pledge_filters(client, pledges):
    rows = client.get("/api/timeline/", {"donor": "US", "interval": "year"}).json()["results"]
    assert [(row["period"], row["count"]) for row in rows] == [("2022-01-01", 1), ("2023-01-01", 1)]


def test_an_editor_session_writes_with_its_csrf_token(editor, pledges):
    from rest_framework.test import APIClient

    session = APIClient(enforce_csrf_checks=True)
    session.login(username="editor", password="pass-word-123")
    url = f"{LIST}{pledges['us'].pk}/confirm/"
    assert session.post(url, {}, format="json").status_code == 403  # no CSRF token
    token = "a" * 32  # a CSRF secret, as the cookie and the header carry it
    session.cookies["csrftoken"] = token
    response = session.post(url, {}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


def test_fast_json_is_byte_for_byte_what_drf_writes(editor_client, client, pledges, settings):
    settings.API_DOCUMENTS = False  # response.data: dicts (stored documents are JSON)
    from django.utils import timezone
    from django.utils.translation import gettext_lazy
    from rest_framework.renderers import JSONRenderer

    editor_client.post(f"{LIST}{pledges['gb'].pk}/reject/", {"reason": "Line\u2028break"})
    urls = [
        f"{LIST}?page_size=500&status=rejected&status=reported",
        f"{LIST}{pledges['gb'].pk}/",
        "/api/timeline/?interval=quarter&group_by=donor",
        "/api/changes/",
        "/api/countries/?page_size=500",
        "/api/countries/GB/",
        "/api/equipment/fim-92-stinger/",
    ]
    samples = [client.get(url).data for url in urls]
    samples.append(
        {"at": timezone.now(), "n": Decimal("1.50"), "lazy": gettext_lazy("Ukraine"), "f": 0.85}
    )
    for data in samples:
        assert renderers.FastJSONRenderer().render(data) == JSONRenderer().render(data)
    # Embedded JSON (a detail's history): the same, U+2028 escaped once the whole is written.
    assert renderers.json_text(samples[-1]).encode() == JSONRenderer().render(samples[-1])
    assert renderers.json_text({"n": 2**70}) == '{"n":1180591620717411303424}'  # beyond orjson
    indented = "application/json; indent=2"
    assert renderers.FastJSONRenderer().render({"a": 1}, indented) == b'{\n  "a": 1\n}'
