"""Sums whose number is spelt out with hundreds: "siebenhundert", "seven hundred",
"sept cents", "setecientos", "сімсот", with approximators before them."""

from decimal import Decimal

import pytest

from ingest.extraction.money import find_money

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "amount"),
    [
        ("knapp siebenhundert Millionen Euro", "de", 700_000_000),
        ("rund zweihundertfünfzig Millionen Euro", "de", 250_000_000),
        ("about seven hundred million dollars", "en", 700_000_000),
        ("two hundred and fifty million dollars", "en", 250_000_000),
        ("sept cents millions d'euros", "fr", 700_000_000),
        ("setecientos millones de euros", "es", 700_000_000),
        ("dos mil millones de euros", "es", 2_000_000_000),
        ("сімсот мільйонів євро", "uk", 700_000_000),
        ("около семисот миллионов евро", "ru", 700_000_000),
        ("siedemset milionów euro", "pl", 700_000_000),
        ("sedm set milionů eur", "cs", 700_000_000),
        ("settecento milioni di euro", "it", 700_000_000),
        ("zevenhonderd miljoen euro", "nl", 700_000_000),
        ("sjuhundra miljoner kronor", "sv", 700_000_000),
        ("seitsemänsataa miljoonaa euroa", "fi", 700_000_000),
        ("half a billion dollars", "en", 500_000_000),
    ],
)  # fmt: skip
def test_spelt_hundreds(text, language, amount):
    found = find_money(text, language)
    assert [m.amount for m in found] == [Decimal(amount)]


@pytest.mark.parametrize(
    ("text", "language", "donor"),
    [
        ("Deutschland sagt der Ukraine knapp siebenhundert Millionen Euro an Militärhilfe zu.",
         "de", "DE"),
        ("Italy pledged about seven hundred million euros in military aid to Ukraine.", "en",
         "IT"),
        ("La France promet sept cents millions d'euros d'aide militaire à l'Ukraine.", "fr",
         "FR"),
        ("España promete setecientos millones de euros en ayuda militar a Ucrania.", "es", "ES"),
        ("Німеччина виділить Україні сімсот мільйонів євро військової допомоги.", "uk", "DE"),
    ],
)  # fmt: skip
def test_spelt_hundreds_in_pledges(text, language, donor):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert [(p[0], p[1]) for p in found] == [(donor, 700_000_000)]
