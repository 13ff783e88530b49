"""Stored pledge documents (aidtracker.api.documents): the list they give is the list the
rows give, byte for byte, after any change anything shown in it can undergo."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from aidtracker import selectors, services
from aidtracker.api import documents
from aidtracker.models import Country, Equipment, Pledge, PledgeDocument, PledgeItem
from aidtracker.services import ItemData
from ingest.models import Article, Evidence
from tests.aidtracker.api.conftest import forget_api_cache, make_pledge
from tests.factories import ArticleFactory, EvidenceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LIST = "/api/pledges/"
URLS = [
    LIST,
    f"{LIST}?page_size=2",
    f"{LIST}?donor=DE&donor=GB&ordering=-amount_usd",
    f"{LIST}?ordering=amount_usd&page_size=3",
    f"{LIST}?ordering=announced_on&status=merged&status=reported&status=rejected",
    f"{LIST}?q=artillery",
    f"{LIST}?category=tank&from=2023-01-01",
]


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.API_CACHE_SECONDS = 0


def body(client, settings, url: str, *, stored: bool) -> bytes:
    settings.API_DOCUMENTS = stored
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    return response.content


def assert_same_as_rows(client, settings, urls=URLS) -> None:
    """Every URL and its next page: the documents' JSON (built, then stored) is the rows'."""
    for url in urls:
        expected = body(client, settings, url, stored=False)
        assert body(client, settings, url, stored=True) == expected  # built (or stored)
        assert body(client, settings, url, stored=True) == expected  # stored
        following = client.get(url).json().get("next")  # none for a detail
        if following:
            assert_same_as_rows(client, settings, [following])


def documents_built(client, settings, url: str = LIST) -> int:
    """How many documents a GET built (the others it read as they were stored)."""
    settings.API_DOCUMENTS = True
    before = set(PledgeDocument.objects.values_list("pledge_id", "version", "format"))
    assert client.get(url).status_code == 200
    return len(set(PledgeDocument.objects.values_list("pledge_id", "version", "format")) - before)


def test_lists_from_documents_are_byte_for_byte_the_lists_from_rows(client, settings, pledges):
    services.pledge_merge(source=pledges["us_old"], target=pledges["us"], reason="The same package")
    services.pledge_correct(
        pledge=pledges["gb"], reason="Typo", changes={"summary": 'Line\u2028break "quoted"'}
    )
    assert_same_as_rows(client, settings)
    assert PledgeDocument.objects.count() == Pledge.objects.count()


def detail_urls() -> list[str]:
    return [f"{LIST}{pk}/" for pk in Pledge.objects.values_list("pk", flat=True)]


def test_details_from_documents_are_byte_for_byte_the_details_from_rows(client, settings, pledges):
    services.pledge_merge(source=pledges["us_old"], target=pledges["us"], reason="The same package")
    services.pledge_correct(  # history with changes, and a character JSON in HTML escapes
        pledge=pledges["gb"], reason="Typo", changes={"summary": 'Line\u2028break "quoted"'}
    )
    assert_same_as_rows(client, settings, detail_urls())
    assert client.get(f"{LIST}{pledges['gb'].pk}/").json()["history"][0]["reason"] == "Typo"
    for stored in (False, True):
        settings.API_DOCUMENTS = stored
        for missing in ("999999", "abc", str(2**63)):
            assert client.get(f"{LIST}{missing}/").status_code == 404


def test_documents_are_served_until_their_pledge_changes(client, settings, pledges):
    assert_same_as_rows(client, settings)
    assert documents_built(client, settings) == 0
    services.pledge_correct(pledge=pledges["gb"], reason="Typo", changes={"summary": "New"})
    assert documents_built(client, settings) == 1
    assert documents_built(client, settings) == 0


CHANGES = {
    "pledge corrected": lambda p: services.pledge_correct(
        pledge=p["gb"], reason="Typo", changes={"amount": Decimal("120000000")}
    ),
    "pledge updated in SQL": lambda p: Pledge.objects.filter(pk=p["de"].pk).update(
        summary="Changed behind the ORM's back"
    ),
    "items replaced": lambda p: services.pledge_correct(
        pledge=p["us"],
        reason="Count",
        items=[ItemData(name="Stinger", equipment_slug="fim-92-stinger", quantity=41)],
    ),
    "item updated": lambda p: PledgeItem.objects.filter(pledge=p["gb"]).update(quantity=99),
    "item deleted": lambda p: PledgeItem.objects.filter(pledge=p["gb"]).first().delete(),
    "item added": lambda p: PledgeItem.objects.create(
        pledge=p["de"], name="Shells", category="ammunition", quantity=1000
    ),
    "evidence added": lambda p: EvidenceFactory(
        pledge=p["de"], article=ArticleFactory(outlet="Kyiv Independent"), sentence="More."
    ),
    "evidence moved": lambda p: Evidence.objects.filter(pledge=p["gb"]).update(pledge=p["us"]),
    "evidence deleted": lambda p: Evidence.objects.filter(pledge=p["us"]).delete(),
    "article retitled": lambda p: Article.objects.filter(
        pk__in=Evidence.objects.filter(pledge=p["gb"]).values("article_id")
    ).update(title="A better title", outlet="Reuters UK"),
    "country renamed": lambda p: Country.objects.filter(code="GB").update(name="Britain"),
    "equipment renamed": lambda p: Equipment.objects.filter(slug="challenger-2").update(
        slug="challenger-2-mbt"
    ),
    "pledge rejected": lambda p: services.pledge_reject(pledge=p["de"], reason="Duplicate"),
    "pledges merged": lambda p: services.pledge_merge(
        source=p["us_old"], target=p["us"], reason="The same package"
    ),
    "pledge deleted": lambda p: p["de_training"].delete(),
    "pledge created": lambda p: make_pledge(donor="PL", summary="Rosomak carriers."),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_shows_at_once(client, settings, pledges, change):
    urls = [*URLS, f"{LIST}?status=rejected&status=merged&status=reported"]
    assert_same_as_rows(client, settings, urls)
    before = body(client, settings, urls[-1], stored=True)
    CHANGES[change](pledges)
    forget_api_cache()
    assert body(client, settings, urls[-1], stored=True) != before
    assert_same_as_rows(client, settings, [*urls, *detail_urls()])


def test_unrelated_writes_keep_documents(client, settings, pledges):
    assert_same_as_rows(client, settings)
    Article.objects.update(text="Re-fetched text", status=Article.Status.FETCHED)
    Country.objects.filter(code="GB").update(name="United Kingdom")  # the same name
    Equipment.objects.filter(slug="as-90").update(name="AS-90 Braveheart")
    assert documents_built(client, settings) == 0


def test_a_document_built_before_a_change_is_never_served(client, settings, pledges):
    """A page reads the version, then the pledge changes, then the page stores what it
    read: that document is labelled with the old version, so it is never served."""
    gb = pledges["gb"]
    [row] = documents.page_rows(selectors.pledge_keys().filter(pk=gb.pk)).values("id", "version")
    old = body(client, settings, f"{LIST}?donor=GB", stored=True)
    services.pledge_correct(pledge=gb, reason="Typo", changes={"summary": "Corrected"})
    documents.store({gb.pk: (row["version"], old.decode())})
    now = client.get(f"{LIST}?donor=GB").json()["results"][0]
    assert now["summary"] == "Corrected"
    assert_same_as_rows(client, settings, [f"{LIST}?donor=GB"])


def test_documents_written_by_other_code_are_rebuilt(client, settings, pledges):
    assert_same_as_rows(client, settings)
    PledgeDocument.objects.update(format="0123456789abcdef", body='{"stale":true}')
    assert documents_built(client, settings) == 5
    assert_same_as_rows(client, settings)


def test_a_pledge_deleted_since_its_page_was_read_is_left_out(pledges):
    rows = list(documents.page_rows(selectors.pledge_keys()))
    gone = rows[0]["id"]
    Pledge.objects.filter(pk=gone).delete()
    fragments = documents.page_fragments(rows, ("http://x/api/pledges/", "http://x/c/"))
    assert len(fragments) == len(rows) - 1
    assert not PledgeDocument.objects.filter(pledge_id=gone).exists()


def test_build_documents_command_builds_every_missing_one(client, settings, pledges):
    call_command("build_documents", batch=2)
    assert PledgeDocument.objects.count() == Pledge.objects.count()
    assert documents_built(client, settings) == 0
    assert documents.outdated(limit=10)[0] == {}
    PledgeDocument.objects.update(format="0123456789abcdef")  # another deployment's
    assert len(documents.outdated(limit=10)[0]) == Pledge.objects.count()
    call_command("build_documents", batch=2)
    assert documents.outdated(limit=10)[0] == {}
    assert documents_built(client, settings) == 0


def test_indented_json_and_csv_come_from_the_rows(client, settings, pledges):
    settings.API_DOCUMENTS = True
    indented = client.get(LIST, HTTP_ACCEPT="application/json; indent=2")
    assert indented.status_code == 200 and indented.content.startswith(b'{\n  "next"')
    assert client.get(LIST, {"format": "csv"}).status_code == 200
    assert not PledgeDocument.objects.exists()


def test_a_database_refusing_documents_still_serves_the_list(client, settings, pledges, caplog):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'read-only'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON aidtracker_pledgedocument "
            "FOR EACH ROW EXECUTE FUNCTION refuse()"
        )
    assert_same_as_rows(client, settings)
    assert not PledgeDocument.objects.exists()
    assert "Could not store" in caplog.text and "read-only" in caplog.text
