"""Promises to keep supporting Ukraine, money left over and economic or budget aid are no
military-aid pledges."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Germany will continue to support Ukraine with air defence, the chancellor said.", "en"),
        ("L'Italia continuerà a sostenere l'Ucraina con la difesa aerea, ha detto Meloni.", "it"),
        ("Sverige kommer att fortsätta att stödja Ukraina med luftvärn, sa ministern.", "sv"),
        ("The Pentagon said the remaining $3.8 billion in drawdown authority would expire.",
         "en"),
        ("Die verbleibenden 3,8 Milliarden Dollar an US-Mitteln für die Ukraine verfallen.", "de"),
        ("Japan provided Ukraine with $12 billion in economic aid.", "en"),
        ("Norge gir Ukraina 5 milliarder kroner i budsjettstøtte.", "no"),
        ("Україна отримала від Японії економічну допомогу на 4,5 млрд доларів.", "uk"),
    ],
)  # fmt: skip
def test_vague_leftover_and_economic_aid(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []


def test_a_concrete_pledge_beside_a_vague_one_stays():
    text = (
        "Germany will continue to support Ukraine. Berlin will send 20 Marder infantry fighting "
        "vehicles, the ministry said on Tuesday."
    )
    assert [p[0] for p in pledges_of(text, language="en", published="2024-10-10")] == ["DE"]
