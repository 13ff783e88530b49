# ruff: noqa: RUF001 - Cyrillic text on purpose
"""A donor finances a purchase from a third country; the next sentence gives the cost of
that purchase without naming the donor: one pledge of the financing donor with that value."""

import pytest

from .conftest import pledges_of

PUBLISHED = "2024-03-10"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ottawa will finance the purchase in the United States of a NASAMS system for "
         "Ukraine. The cost of the purchase will be 406 million Canadian dollars.", "en"),
        ("Оттава профінансує закупівлю у США системи NASAMS для України. Вартість закупівлі "
         "становитиме 406 мільйонів канадських доларів.", "uk"),
        ("Kanada finanziert den Kauf eines NASAMS-Systems in den USA für die Ukraine. Die "
         "Kosten für den Kauf belaufen sich auf 406 Millionen kanadische Dollar.", "de"),
        ("Ottawa financera l'achat aux États-Unis d'un système NASAMS pour l'Ukraine. Le coût "
         "de l'achat sera de 406 millions de dollars canadiens.", "fr"),
    ],
)  # fmt: skip
def test_cost_of_the_purchase_values_the_pledge(text, language):
    found = pledges_of(text, language=language, published=PUBLISHED)
    assert [(p[0], p[1], p[2]) for p in found] == [("CA", 406_000_000, "CAD")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Germany will send an IRIS-T system to Ukraine. Experts estimate that a single system "
         "costs about €140 million.", "en"),
        ("Norge sender stridsvogner til Ukraina. Kontrakten med produsenten har en verdi på "
         "rundt 19 milliarder kroner.", "no"),
    ],
)  # fmt: skip
def test_a_price_quoted_in_passing_is_not_the_value(text, language):
    found = pledges_of(text, language=language, published=PUBLISHED)
    assert all(p[1] is None for p in found)
