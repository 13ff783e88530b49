import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from aidtracker import changes, services
from aidtracker.models import Pledge, PledgeItem
from aidtracker.services import ItemData, PledgeData

pytestmark = pytest.mark.django_db


def _data(**overrides) -> PledgeData:
    fields = {
        "donor": "US",
        "recipient": "UA",
        "announced_on": datetime.date(2023, 6, 13),
        "amount": Decimal("325000000"),
        "currency": "USD",
        "items": (ItemData(name="Stinger", equipment_slug="fim-92-stinger"),),
    }
    return PledgeData(**{**fields, **overrides})


def source_state() -> dict:
    """The live tables, as the feed describes rows."""
    return {
        "pledge": {
            p.pk: {name: changes._plain(getattr(p, name)) for name in changes.PLEDGE_FIELDS}
            for p in Pledge.objects.all()
        },
        "pledge_item": {
            i.pk: {name: changes._plain(getattr(i, name)) for name in changes.ITEM_FIELDS}
            for i in PledgeItem.objects.all()
        },
    }


def replay(copy: dict, client: APIClient, cursor: str = "") -> tuple[str, list]:
    """Apply every change after `cursor` to `copy`, a page of three at a time."""
    seen = []
    while True:
        page = client.get("/api/changes/", {"since": cursor, "page_size": 3}).json()
        for change in page["results"]:
            table = copy[change["object"]]
            if change["data"] is None:
                table.pop(change["id"], None)
            else:
                table[change["id"]] = change["data"]
            seen.append(change)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return cursor, seen


def test_replaying_the_feed_into_an_empty_copy_equals_the_source(reference, editor):
    client = APIClient()
    us = services.pledge_create(data=_data())
    gb = services.pledge_create(data=_data(donor="GB", currency="GBP"))
    twin = services.pledge_create(data=_data(summary="The same package, reported again"))
    services.pledge_correct(
        pledge=gb,
        reason="Tanks, not Stingers",
        changes={"amount": Decimal("1"), "summary": "Fixed"},
        items=[{"name": "Challenger 2", "equipment_slug": "challenger-2", "quantity": 14}],
        user=editor,
    )
    copy: dict = {"pledge": {}, "pledge_item": {}}
    cursor, first = replay(copy, client)
    assert copy == source_state()

    services.pledge_confirm(pledge=us, user=editor)
    services.pledge_merge(source=twin, target=us, reason="Duplicate", user=editor)
    doomed = services.pledge_create(data=_data(donor="DE", currency="EUR"))
    services.pledge_reject(pledge=doomed, reason="Not aid")
    doomed.delete()
    cursor, later = replay(copy, client, cursor)
    assert copy == source_state()

    actions = [(c["object"], c["action"]) for c in later]
    assert ("pledge", "confirmed") in actions and ("pledge", "merged") in actions
    assert ("pledge", "rejected") in actions and ("pledge", "deleted") in actions
    assert ("pledge_item", "deleted") in actions
    moments = [c["at"] for c in first + later]
    assert moments == sorted(moments)
    assert replay(copy, client, cursor) == (cursor, [])  # nothing new: same cursor


def test_corrections_carry_reason_and_user(reference, editor):
    pledge = services.pledge_create(data=_data())
    services.pledge_correct(pledge=pledge, reason="Typo", changes={"summary": "x"}, user=editor)
    found, _ = changes.changes_since()
    last = [c for c in found if c.object == "pledge"][-1]
    assert (last.action, last.reason, last.user) == ("corrected", "Typo", "editor")


@pytest.mark.parametrize("cursor", ["x", "bm9wZQ", "MjAyMy0wMS0wMXwyfDE", "MjAyM3wwfDE"])
def test_a_forged_cursor_is_refused(cursor):
    with pytest.raises(changes.CursorError):
        changes.changes_since(cursor=cursor)


def _held_open_create(data: PledgeData, written: threading.Event, release: threading.Event):
    """In a second connection: create a pledge, then keep the transaction open until told."""
    try:
        with transaction.atomic():
            services.pledge_create(data=data)
            written.set()
            assert release.wait(timeout=30)
    finally:
        connection.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="open transactions: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as test_integration
def test_a_transaction_that_commits_late_is_not_skipped(reference):
    written, release = threading.Event(), threading.Event()
    slow = threading.Thread(
        target=_held_open_create, args=(_data(donor="GB", currency="GBP"), written, release)
    )
    slow.start()
    try:
        assert written.wait(timeout=30)
        # Written after the slow one, committed before it.
        fast = services.pledge_create(data=_data(donor="DE", currency="EUR"))
        first, cursor = changes.changes_since(limit=100)
        # The fast pledge is dated after the start of the open transaction: held back.
        assert first == []
        assert not changes_api("")["results"]  # and the API says the same, uncached
    finally:
        release.set()
        slow.join(timeout=30)
    second, cursor = changes.changes_since(cursor=cursor or None, limit=100)
    pledges = [c.id for c in second if c.object == "pledge"]
    slow_pledge = Pledge.objects.get(donor="GB")
    assert pledges == [slow_pledge.pk, fast.pk]  # both, in the order they were written
    assert [c.position for c in second] == sorted(c.position for c in second)
    assert changes.changes_since(cursor=cursor, limit=100) == ([], cursor)


def changes_api(cursor: str) -> dict:
    return APIClient().get("/api/changes/", {"since": cursor}).json()


def test_changes_younger_than_the_settle_window_wait(reference, settings):
    services.pledge_create(data=_data())
    settings.CHANGES_SETTLE_SECONDS = 3600
    response = APIClient().get("/api/changes/")
    assert response.json()["results"] == [] and response.json()["next_cursor"] == ""
    assert not response.has_header("ETag")  # the answer will change without a new write
    settings.CHANGES_SETTLE_SECONDS = 0
    settled = APIClient().get("/api/changes/")
    assert [c["object"] for c in settled.json()["results"]] == ["pledge", "pledge_item"]
    assert settled.has_header("ETag")
