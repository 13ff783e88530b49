"""A sum that aid "has exceeded" or that all earlier packages add up to is a running total."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wartość wszystkich dotychczasowych pakietów przekroczyła 4 mld euro.", "pl"),
        ("Polish military aid to Ukraine has exceeded 4 billion euros.", "en"),
        ("L'aide militaire française à l'Ukraine a dépassé 3 milliards d'euros.", "fr"),
        ("La ayuda militar española a Ucrania ha superado los 1.200 millones de euros.", "es"),
        ("Військова допомога Литви Україні перевищила 700 мільйонів євро.", "uk"),
        ("Vojenská pomoc Česka Ukrajině přesáhla 6 miliard korun.", "cs"),
    ],
)  # fmt: skip
def test_exceeded_sum_is_a_total(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []
