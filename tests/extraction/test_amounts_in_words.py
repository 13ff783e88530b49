"""Amounts with words for the number, amounts in a donor's own currency, and several donors
with their own sums in one sentence."""

import pytest

from .conftest import pledges_of

PUBLISHED = "2024-06-10"


def valued(text: str, language: str) -> list[tuple[str, object, object]]:
    found = pledges_of(text, language=language, published=PUBLISHED)
    return sorted((p[0], p[1], p[2]) for p in found)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("España enviará a Ucrania ayuda militar por valor de mil millones de euros.", "es",
         [("ES", 1_000_000_000, "EUR")]),
        ("Deutschland sagt der Ukraine Militärhilfe über eine Milliarde Euro zu.", "de",
         [("DE", 1_000_000_000, "EUR")]),
        ("Deutschland stellt der Ukraine 700 Millionen Euro Militärhilfe bereit.", "de",
         [("DE", 700_000_000, "EUR")]),
        ("Britain will provide half a billion pounds of military aid to Ukraine.", "en",
         [("GB", 500_000_000, "GBP")]),
        ("La France va fournir un demi-milliard d'euros d'aide militaire à l'Ukraine.", "fr",
         [("FR", 500_000_000, "EUR")]),
        ("L'Italia fornirà all'Ucraina aiuti militari per mezzo miliardo di euro.", "it",
         [("IT", 500_000_000, "EUR")]),
        ("Denmark, which has long been one of the most active supporters of Kyiv and hosts "
         "the training of pilots, announced on Tuesday that it would provide new military aid "
         "worth 1.3 billion kroner.", "en", [("DK", 1_300_000_000, "DKK")]),
    ],
)  # fmt: skip
def test_spelt_and_distant_amounts(text, language, expected):
    assert valued(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le Canada va donner à l'Ukraine un système NASAMS d'une valeur de 406 millions de "
         "dollars canadiens.", "fr"),
        ("Canada will donate a NASAMS system to Ukraine worth CAD 406 million.", "en"),
        ("Kanada spendet der Ukraine ein NASAMS-System im Wert von 406 Millionen kanadischen "
         "Dollar.", "de"),
        ("Canadá donará a Ucrania un sistema NASAMS por valor de 406 millones de dólares "
         "canadienses.", "es"),
    ],
)  # fmt: skip
def test_amount_in_the_donors_currency(text, language):
    assert valued(text, language) == [("CA", 406_000_000, "CAD")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The US will give $250 million and Germany €150 million in military aid to Ukraine.",
         "en"),
        ("Die USA geben 250 Millionen Dollar und Deutschland 150 Millionen Euro Militärhilfe "
         "für die Ukraine.", "de"),
        ("Les États-Unis donneront 250 millions de dollars et l'Allemagne 150 millions d'euros "
         "d'aide militaire à l'Ukraine.", "fr"),
        ("Estados Unidos dará 250 millones de dólares y Alemania 150 millones de euros en "
         "ayuda militar a Ucrania.", "es"),
    ],
)  # fmt: skip
def test_two_donors_two_sums(text, language):
    assert valued(text, language) == [("DE", 150_000_000, "EUR"), ("US", 250_000_000, "USD")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("At the Ramstein meeting, Finland announced a €100 million package for Ukraine.", "en"),
        ("Beim Ramstein-Treffen kündigte Finnland ein Paket über 100 Millionen Euro für die "
         "Ukraine an.", "de"),
        ("The Ukraine Defense Contact Group meeting ended with a Finnish pledge of €100 million "
         "for Ukraine.", "en"),
        ("Lors de la réunion de Ramstein, la Finlande a annoncé un paquet de 100 millions "
         "d'euros pour l'Ukraine.", "fr"),
        ("En la reunión de Ramstein, Finlandia anunció un paquete de 100 millones de euros "
         "para Ucrania.", "es"),
    ],
)  # fmt: skip
def test_a_meeting_is_not_a_donor(text, language):
    assert valued(text, language) == [("FI", 100_000_000, "EUR")]
