# ruff: noqa: RUF001 - Cyrillic text on purpose
"""Gapping: one verb shared by two donors, each with its own object and sum."""

import pytest

from .conftest import pledges_of

EXPECTED = [("DE", 150_000_000, "EUR", "equipment"), ("US", 250_000_000, "USD", "package")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("At Ramstein the United States announced a new package worth $250 million and Germany "
         "twelve PzH 2000 howitzers for €150 million.", "en"),
        ("In Ramstein kündigten die USA ein neues Paket über 250 Millionen Dollar an und "
         "Deutschland zwölf Panzerhaubitzen für 150 Millionen Euro.", "de"),
        ("À Ramstein, les États-Unis ont annoncé un nouveau paquet de 250 millions de dollars "
         "et l'Allemagne douze obusiers PzH 2000 pour 150 millions d'euros.", "fr"),
        ("W Ramstein Stany Zjednoczone ogłosiły nowy pakiet o wartości 250 mln dolarów, a "
         "Niemcy dwanaście haubic PzH 2000 za 150 mln euro.", "pl"),
        ("В Рамштайне США объявили о новом пакете на 250 миллионов долларов, а Германия — о "
         "двенадцати гаубицах PzH 2000 на 150 миллионов евро.", "ru"),
    ],
)  # fmt: skip
def test_gapped_donors_get_their_own_sums_and_kinds(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert sorted(found) == EXPECTED


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ramstein: US adds $250 million, Germany twelve howitzers", "en"),
        ("Ramstein : les États-Unis ajoutent 250 millions de dollars, l'Allemagne douze obusiers",
         "fr"),
        ("Рамштайн: США выделяют 250 миллионов долларов, Германия — двенадцать гаубиц", "ru"),
    ],
)  # fmt: skip
def test_gapped_headline_gives_the_second_donor_its_weapons(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert sorted((p[0], p[1], p[3]) for p in found) == [
        ("DE", None, "equipment"),
        ("US", 250_000_000, "package"),
    ]
