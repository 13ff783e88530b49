from decimal import Decimal

import pytest

from ingest.extraction.money import find_money, parse_number, resolve_currency


@pytest.mark.parametrize(
    ("text", "language", "amount", "currency"),
    [
        ("$325 million", "en", 325_000_000, "$"),
        ("US$1.2bn", "en", 1_200_000_000, "USD"),
        ("€500m", "en", 500_000_000, "EUR"),
        ("£2.3 billion", "en", 2_300_000_000, "GBP"),
        ("DKK 1.3 billion", "en", 1_300_000_000, "DKK"),
        ("a billion dollars", "en", 1_000_000_000, "$"),
        ("325 millions de dollars", "fr", 325_000_000, "$"),
        ("un milliard de dollars", "fr", 1_000_000_000, "$"),
        ("500 000 euros", "fr", 500_000, "EUR"),
        ("1,2 Milliarden Euro", "de", 1_200_000_000, "EUR"),
        ("500 Mio. Euro", "de", 500_000_000, "EUR"),
        ("2.000 millones de euros", "es", 2_000_000_000, "EUR"),
        ("1,5 miliardi di euro", "it", 1_500_000_000, "EUR"),
        ("126 milhões de euros", "pt", 126_000_000, "EUR"),
        ("1,2 miljard euro", "nl", 1_200_000_000, "EUR"),
        ("1,5 mld zł", "pl", 1_500_000_000, "PLN"),
        ("500 milionů korun", "cs", 500_000_000, "CZK"),
        ("325 млн доларів", "uk", 325_000_000, "$"),
        ("1,2 млрд евро", "ru", 1_200_000_000, "EUR"),
        ("7,5 milliarder kroner", "da", 7_500_000_000, "KR"),
        ("7,1 miljarder kronor", "sv", 7_100_000_000, "SEK"),
        ("1,5 milliarder kroner", "no", 1_500_000_000, "NOK"),
        ("188 miljoonaa euroa", "fi", 188_000_000, "EUR"),
        ("500 de milioane de lire sterline", "ro", 500_000_000, "GBP"),
    ],
)
def test_amounts_as_news_writes_them(text, language, amount, currency):
    found = find_money(f"Le pays donne {text} à l'Ukraine.", language)
    assert [(int(m.amount), m.currency) for m in found] == [(amount, currency)]


def test_no_money_without_currency():
    assert find_money("They retook 100 km² and sent 22 million rounds.", "en") == []


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "value"),
    [("1,2", True, "1.2"), ("2.000", True, "2000"), ("1 500 000", True, "1500000"),
     ("1.2", False, "1.2"), ("1,250,000", False, "1250000"), ("36,000", False, "36000")],
)  # fmt: skip
def test_parse_number(raw, decimal_comma, value):
    assert parse_number(raw, decimal_comma) == Decimal(value)


def test_bare_dollars_and_crowns_follow_the_donor():
    assert resolve_currency("$", "CA", "en") == "CAD"
    assert resolve_currency("$", "US", "fr") == "USD"
    assert resolve_currency("KR", "NO", "no") == "NOK"
    assert resolve_currency("KR", None, "da") == "DKK"
