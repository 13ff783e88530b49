"""Counts that sum up the items just listed, and items promised before: no new count, no
new pledge."""

import pytest

from ingest.extraction import extract


def found(text: str, language: str) -> list[tuple[str, list[tuple[str, int | None]]]]:
    result = extract(text, language=language, published="2024-03-01")
    return [(p.donor, [(i.name, i.quantity) for i in p.items]) for p in result.pledges]


@pytest.mark.parametrize(
    ("text", "language", "kept"),
    [
        (
            "Germany will send 20 Marder and 20 Bradley vehicles, altogether 40 infantry "
            "fighting vehicles, to Ukraine.",
            "en",
            [("Marder", 20), ("M2 Bradley", 20)],
        ),
        (
            "Polska przekaże Ukrainie kolejne 10 czołgów PT-91, łącznie będzie to 70 czołgów.",
            "pl",
            [("PT-91 Twardy", 10)],
        ),
        (
            "La France livrera 12 canons Caesar supplémentaires, ce qui portera à 49 le nombre "
            "total de Caesar fournis à l'Ukraine.",
            "fr",
            [("CAESAR howitzer", 12)],
        ),
    ],
)
def test_a_total_after_the_items_is_no_item(text, language, kept):
    [(_, items)] = found(text, language)
    assert items == kept


def test_a_count_after_uncounted_items_is_kept():
    text = "Germany will send Marder vehicles and, in addition, 40 Leopard 1 tanks to Ukraine."
    [(_, items)] = found(text, "en")
    assert ("Leopard 1", 40) in items


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The 31 Abrams tanks the United States pledged in January will arrive in autumn.",
            "en",
        ),
        (
            "I cinque sistemi SAMP/T promessi dall'Italia e dalla Francia sono ormai operativi.",
            "it",
        ),
        ("Los seis carros Leopard 2A4 prometidos por España ya están en Ucrania.", "es"),
        ("Les chars AMX-10 RC promis par la France sont déjà en service.", "fr"),
        ("Die 18 Leopard 2A6, die Deutschland zugesagt hatte, sind in der Ukraine.", "de"),
        (
            "De veertien Leopard 2A4-tanks die Nederland en Denemarken hebben toegezegd, "
            "zijn aangekomen.",
            "nl",
        ),
    ],
)
def test_items_promised_before_make_no_pledge(text, language):
    assert found(text, language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Quarante missiles SCALP de plus pour Kiev, annonce Emmanuel Macron.", "fr"),
        ("Deutschland hat der Ukraine zehn Leopard-Panzer versprochen.", "de"),
    ],
)
def test_a_promise_told_after_the_items_is_still_news(text, language):
    assert len(found(text, language)) == 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Germany has ordered 18 new Leopard 2A8 tanks to replace those sent to Ukraine.", "en"),
        (
            "La France a commandé 42 nouveaux canons CAESAR pour remplacer ceux cédés à l'Ukraine.",
            "fr",
        ),
        (
            "Deutschland hat 18 neue Leopard 2A8 bestellt, um die an die Ukraine "
            "gelieferten zu ersetzen.",
            "de",
        ),
        ("Polska zamówiła 18 nowych czołgów, aby zastąpić te przekazane Ukrainie.", "pl"),
    ],
)
def test_replacement_orders_are_no_pledge(text, language):
    assert found(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "amount"),
    [
        (
            "Nederland kondigde een steunpakket voor Oekraïne aan met een totale waarde van "
            "2 miljard euro.",
            "nl",
            2_000_000_000,
        ),
        (
            "Sverige meddelade ett stödpaket till Ukraina till ett totalt värde av "
            "7,1 miljarder kronor.",
            "sv",
            7_100_000_000,
        ),
        (
            "Suomi ilmoitti Ukrainalle apupaketista, jonka kokonaisarvo on 188 miljoonaa euroa.",
            "fi",
            188_000_000,
        ),
        (
            "The United States announced a package worth a total of $400 million for Ukraine.",
            "en",
            400_000_000,
        ),
    ],
)
def test_total_value_of_a_package_is_its_value(text, language, amount):
    result = extract(text, language=language, published="2024-03-01")
    assert [int(p.amount or 0) for p in result.pledges] == [amount]


@pytest.mark.parametrize(
    "text",
    [
        "In total, Sweden has given Ukraine military support worth 30 billion kronor.",
        "The Pentagon says it has committed a total of $44 billion in military assistance.",
    ],
)
def test_running_total_is_still_no_pledge(text):
    assert found(text, "en") == []
