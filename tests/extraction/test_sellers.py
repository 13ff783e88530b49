# ruff: noqa: RUF001 - Cyrillic text on purpose
"""A country that sells weapons to another buyer (named as the source of the purchase) is
no donor."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Poland is buying 250 Abrams tanks from the US to replace the T-72s it sent to "
         "Ukraine.", "en"),
        ("Romania will buy seven Patriot systems from the United States for its own army.",
         "en"),
        ("Polen kauft 250 Abrams-Panzer von den USA, um die an die Ukraine abgegebenen T-72 "
         "zu ersetzen.", "de"),
        ("Polska kupuje od USA 250 czołgów Abrams, by zastąpić T-72 przekazane Ukrainie.", "pl"),
        ("Польша покупает у США 250 танков Abrams взамен переданных Украине Т-72.", "ru"),
    ],
)  # fmt: skip
def test_seller_is_not_a_donor(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert "US" not in [p[0] for p in found]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Washington approved the sale of 250 Abrams tanks to Poland.", "en"),
        ("The US will deliver the Patriot systems ordered by Romania in 2025.", "en"),
        ("USA dostarczą Polsce 250 czołgów Abrams zamówionych przez MON.", "pl"),
        ("Washington a approuvé la vente de 250 chars Abrams à la Pologne.", "fr"),
        ("Washington aprobó la venta de 250 tanques Abrams a Polonia.", "es"),
        ("Washington genehmigte den Verkauf von 250 Abrams-Panzern an Polen.", "de"),
        ("Statele Unite vor livra sistemele Patriot comandate de România pentru propria "
         "armată.", "ro"),
    ],
)  # fmt: skip
def test_sales_and_orders_for_a_buyers_own_army_are_no_pledges(text, language):
    assert pledges_of(text, language=language, published="2024-03-10") == []
