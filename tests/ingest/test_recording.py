"""Recording extracted pledges: merge rules, locked fields, rejected and merged pledges."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from aidtracker.models import Pledge
from aidtracker.services import pledge_correct, pledge_merge, pledge_reject
from ingest.extraction.model import ExtractedItem, ExtractedPledge
from ingest.models import Evidence
from ingest.recording import announced_date, article_record, catalogue_kept, pledges_record
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

STINGER = ExtractedItem("FIM-92 Stinger", "air_defense", None, None, "fim-92-stinger")
SHELLS = ExtractedItem("155 mm artillery ammunition", "ammunition", 10000, "shells", "ammo-155mm")
LEOPARD = ExtractedItem("Leopard 2A4", "tank", 14, None, None)


def extracted(**changes) -> ExtractedPledge:
    values = {
        "donor": "US",
        "recipient": "UA",
        "announced_on": "2023-06-13",
        "amount": Decimal("325000000"),
        "currency": "USD",
        "kind": "package",
        "stage": "announced",
        "items": (STINGER,),
        "evidence": "The United States announced a $325 million package for Ukraine.",
        "evidence_start": 0,
        "evidence_end": 63,
        "confidence": 0.8,
    }
    return ExtractedPledge(**{**values, **changes})


def record(*pledges, article=None):
    article = article or ArticleFactory(status="fetched")
    notes = pledges_record(article=article, pledges=pledges, version="test-1")
    return article, notes


def test_a_new_pledge_is_reported_with_its_items_and_evidence(reference):
    article, notes = record(extracted(items=(STINGER, SHELLS)))
    pledge = Pledge.objects.get()
    assert notes == []
    assert pledge.status == Pledge.Status.REPORTED
    assert (pledge.donor_id, pledge.recipient_id, pledge.kind) == ("US", "UA", "package")
    assert pledge.announced_on == datetime.date(2023, 6, 13) and pledge.amount_usd == 325_000_000
    items = {(i.equipment.slug if i.equipment else None, i.quantity) for i in pledge.items.all()}
    assert items == {("fim-92-stinger", None), ("ammo-155mm", 10000)}
    evidence = pledge.evidence.get()
    assert (evidence.article, evidence.start, evidence.end) == (article, 0, 63)
    assert evidence.extractor_version == "test-1"


@pytest.mark.parametrize(
    ("changes", "merged"),
    [
        ({"amount": Decimal("325000000")}, True),
        ({"amount": Decimal("322000000")}, True),  # within 1%
        ({"amount": Decimal("318000000")}, False),  # 2.2% off
        ({"currency": "EUR"}, False),
        ({"announced_on": "2023-06-27"}, True),  # 14 days later
        ({"announced_on": "2023-06-28"}, False),
        ({"recipient": "MD"}, False),
        ({"donor": "GB"}, False),
        ({"amount": None, "currency": None}, False),
        ({"kind": "financing", "items": ()}, True),  # valued: kind may be read differently
    ],
)
def test_the_same_announcement_merges(reference, changes, merged):
    record(extracted())
    record(extracted(**changes))
    assert Pledge.objects.count() == (1 if merged else 2)
    if merged:
        assert Pledge.objects.get().evidence.count() == 2


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ({"items": (STINGER, SHELLS)}, {"items": (SHELLS,)}, True),
        ({"items": (STINGER,)}, {"items": (LEOPARD,)}, False),
        ({"items": (STINGER,)}, {"items": (STINGER,), "kind": "equipment"}, False),
        ({"items": (), "kind": "training"}, {"items": (), "kind": "training"}, True),
        ({"items": (), "kind": "training"}, {"items": (STINGER,), "kind": "training"}, False),
    ],
)
def test_unvalued_pledges_merge_on_kind_and_overlapping_items(reference, first, second, merged):
    record(extracted(amount=None, currency=None, **first))
    record(extracted(amount=None, currency=None, announced_on="2023-06-20", **second))
    assert Pledge.objects.count() == (1 if merged else 2)


def test_a_merge_adds_the_items_the_pledge_lacked(reference):
    record(extracted(items=(STINGER,)))
    record(extracted(items=(STINGER, SHELLS), confidence=0.95))
    pledge = Pledge.objects.get()
    assert sorted(i.name for i in pledge.items.all()) == [SHELLS.name, STINGER.name]
    assert pledge.confidence == 0.95


def test_a_locked_field_is_never_overwritten(reference, editor):
    record(extracted(items=(STINGER,)))
    pledge = Pledge.objects.get()
    pledge_correct(
        pledge=pledge,
        reason="The ministry's release says air defence only",
        changes={"summary": "Corrected"},
        items=[{"name": "FIM-92 Stinger", "category": "air_defense"}],
        user=editor,
    )
    record(extracted(items=(STINGER, SHELLS)))
    pledge.refresh_from_db()
    assert pledge.summary == "Corrected" and pledge.locked_fields == ["items", "summary"]
    assert [i.name for i in pledge.items.all()] == ["FIM-92 Stinger"]
    assert pledge.evidence.count() == 2


def test_a_rejected_pledge_stays_rejected_and_only_gains_evidence(reference):
    record(extracted(items=(STINGER,)))
    pledge = Pledge.objects.get()
    pledge_reject(pledge=pledge, reason="A rumour, denied the next day")
    record(extracted(items=(STINGER, SHELLS), confidence=0.99))
    pledge.refresh_from_db()
    assert Pledge.objects.count() == 1
    assert pledge.status == Pledge.Status.REJECTED and pledge.confidence == 0.8
    assert pledge.items.count() == 1 and pledge.evidence.count() == 2


def test_a_merged_pledge_forwards_to_the_pledge_it_was_merged_into(reference):
    record(extracted())
    record(extracted(amount=Decimal("300000000")))
    source, target = Pledge.objects.order_by("id")
    pledge_merge(source=source, target=target, reason="Same package, misreported amount")
    article, _ = record(extracted())
    assert Pledge.objects.count() == 2
    assert Evidence.objects.get(article=article).pledge == target
    assert target.evidence.count() == 3


def test_the_same_sentence_twice_in_one_article_is_one_evidence(reference):
    article, _ = record(extracted())
    pledges_record(article=article, pledges=[extracted()], version="test-1")
    assert Evidence.objects.count() == 1 and Pledge.objects.count() == 1


def test_a_first_extraction_stores_a_repeated_span_once(reference):
    article = ArticleFactory(status="fetched", extractor_version="")
    notes = pledges_record(
        article=article, pledges=[extracted(), extracted()], version="test-1", first=True
    )
    assert notes == []
    assert Evidence.objects.count() == 1 and Pledge.objects.count() == 1


def test_unusable_pledges_are_skipped_with_a_note(reference):
    _, notes = record(extracted(donor="XX"), extracted(donor="UA"), extracted(donor="GB"))
    assert Pledge.objects.get().donor_id == "GB"
    assert len(notes) == 2 and "Unknown donor or recipient code 'XX'" in notes[0]
    assert "must be different" in notes[1]


def test_re_recording_an_article_replaces_its_evidence_and_drops_orphans(reference):
    article, _ = record(extracted(), extracted(donor="GB", amount=Decimal("10"), currency="GBP"))
    assert Pledge.objects.count() == 2
    pledges_record(article=article, pledges=[extracted()], version="test-2")
    assert list(Pledge.objects.values_list("donor_id", flat=True)) == ["US"]
    assert Evidence.objects.get().extractor_version == "test-2"


def test_an_orphan_an_editor_touched_is_kept(reference):
    article, _ = record(extracted())
    pledge = Pledge.objects.get()
    pledge_correct(pledge=pledge, reason="Checked", changes={"amount": Decimal("330000000")})
    pledges_record(article=article, pledges=[], version="test-2")
    assert pledge.evidence.count() == 1 and Pledge.objects.count() == 1


def test_an_editor_corrected_pledge_keeps_its_evidence_on_re_recording(reference):
    article, _ = record(extracted())
    pledge = Pledge.objects.get()
    pledge_correct(pledge=pledge, reason="Typo in source", changes={"amount": Decimal("352000000")})
    pledges_record(article=article, pledges=[extracted()], version="test-2")
    pledge.refresh_from_db()
    assert Pledge.objects.count() == 1 and pledge.amount == Decimal("352000000")
    assert pledge.evidence.get().extractor_version == "test-2"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-13", (datetime.date(2023, 6, 13), "day")),
        ("2023-06", (datetime.date(2023, 6, 1), "month")),
        ("2023", (datetime.date(2023, 1, 1), "year")),
        (None, (datetime.date(2023, 6, 16), "day")),
        ("2023-02-30", (datetime.date(2023, 6, 16), "day")),
    ],
)
def test_announced_date(value, expected):
    article = ArticleFactory.build(published_on=datetime.date(2023, 6, 16))
    assert announced_date(value, article) == expected


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_workers_do_not_create_the_same_pledge_twice(reference):
    articles = [ArticleFactory(status="fetched") for _ in range(4)]
    barrier = threading.Barrier(len(articles))
    errors = []

    def work(article):
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                pledges_record(article=article, pledges=[extracted()], version="test-1")
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(article,)) for article in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Pledge.objects.count() == 1
    assert Pledge.objects.get().evidence.count() == len(articles)


def test_a_report_of_the_value_an_editor_corrected_still_joins_the_pledge(reference):
    record(extracted())
    pledge = Pledge.objects.get()
    pledge_correct(pledge=pledge, reason="Release says 352", changes={"amount": Decimal("352e6")})
    record(extracted(evidence_start=100, evidence_end=160))
    record(extracted(amount=Decimal("352000000")))
    assert Pledge.objects.count() == 1 and pledge.evidence.count() == 3
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("352000000")


def test_a_merge_skips_generic_items_of_a_category_already_named(reference):
    record(extracted(items=(SHELLS,)))
    record(extracted(items=(ExtractedItem("ammunition", "ammunition", None, None, None),)))
    assert [i.name for i in Pledge.objects.get().items.all()] == [SHELLS.name]


DE_THEN_FAR_FUTURE = (
    "On June 14, 2023, Germany announced a new €100 million military aid package for "
    "Ukraine, including IRIS-T air defence systems. On June 13, 2099, the United States "
    "announced a new $325 million military aid package for Ukraine, including Stinger missiles."
)


def test_an_invalid_pledge_after_a_valid_one_is_noted_and_the_valid_one_kept_once(reference):
    # Recorded first without savepoints: the German pledge is written, then the American
    # one fails validation; the article is recorded again, each pledge in a savepoint.
    article = ArticleFactory(status="queued", text=DE_THEN_FAR_FUTURE, extractor_version="")
    article = article_record(article_id=article.pk)
    assert article.status == "extracted"
    assert "A pledge was not recorded (US → UA)" in article.error
    assert "more than a year ahead" in article.error
    pledge = Pledge.objects.get()
    assert pledge.donor_id == "DE" and pledge.items.count() == 1
    assert Evidence.objects.filter(article=article).count() == 1
    assert pledge.history.count() == 1


def donor_lock_queries() -> int:
    """The per-donor advisory lock is a query on PostgreSQL; SQLite serialises writers."""
    return 1 if connection.vendor == "postgresql" else 0


def test_a_new_pledge_costs_one_query_per_row_written(reference, django_assert_num_queries):
    # the first article of a process also reads the country codes, which are then kept
    article_record(article_id=ArticleFactory(status="queued", text=UK_IRIS_T).pk)
    article = ArticleFactory(status="queued", text=DE_THEN_FAR_FUTURE.split(" On June 13")[0])
    # savepoint, article (for update), donor lock, candidates, pledge, its history,
    # equipment, items, their history, evidence, article update, release
    with django_assert_num_queries(11 + donor_lock_queries()):
        article_record(article_id=article.pk)
    assert Pledge.objects.get(donor="DE").evidence.count() == 1


def test_within_a_chunk_the_catalogue_is_looked_up_once(reference, django_assert_num_queries):
    texts = [DE_THEN_FAR_FUTURE.split(" On June 13")[0], UK_IRIS_T]
    first, second = (ArticleFactory(status="queued", text=text) for text in texts)
    with catalogue_kept():
        article_record(article_id=first.pk)
        with django_assert_num_queries(10 + donor_lock_queries()):  # no equipment query
            article_record(article_id=second.pk)
    assert {p.items.get().equipment.slug for p in Pledge.objects.all()} == {"iris-t-slm"}


UK_IRIS_T = (
    "On March 2, 2024, the United Kingdom announced a new £80 million military aid package "
    "for Ukraine, including IRIS-T air defence systems."
)
