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
