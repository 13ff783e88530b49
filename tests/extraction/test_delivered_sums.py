"""A sum after a perfect of delivery ("has now provided more than C$4 billion") with no
package named before it is what was given so far, not a new pledge."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Canada has now provided more than C$4 billion in military aid to Ukraine.", "en"),
        ("Britain has delivered £2.3 billion worth of weapons to Ukraine.", "en"),
        ("La France a livré pour 3 milliards d'euros d'armes à l'Ukraine.", "fr"),
        ("España ha entregado 1.200 millones de euros en material a Ucrania.", "es"),
        ("L'Italia ha fornito 2 miliardi di euro di armi all'Ucraina.", "it"),
        ("Portugal já entregou 250 milhões de euros em material à Ucrânia.", "pt"),
    ],
)  # fmt: skip
def test_sum_already_delivered_is_no_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []


@pytest.mark.parametrize(
    ("text", "language", "donor"),
    [
        ("Britain has delivered a new package worth £500 million to Ukraine.", "en", "GB"),
        ("Germany will deliver arms worth 500 million euros to Ukraine.", "en", "DE"),
        ("La France a annoncé un nouveau paquet de 300 millions d'euros pour l'Ukraine.", "fr",
         "FR"),
    ],
)  # fmt: skip
def test_new_sums_stay(text, language, donor):
    assert [p[0] for p in pledges_of(text, language=language, published="2024-10-10")] == [donor]
