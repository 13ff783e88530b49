"""A simple past of delivery ("skickade", "leverde", "poslalo", "sendte") tells of aid
already handed over, as "delivered" does in English; the future form is still a pledge."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I april skickade Sverige tio stridsvagnar till Ukraina.", "sv"),
        ("In april leverde Nederland 10 pantserhouwitsers aan Oekraïne.", "nl"),
        ("V dubnu Česko poslalo Ukrajině další tanky T-72.", "cs"),
        ("I april sendte Danmark 19 CAESAR-kanoner til Ukraina.", "da"),
        ("I april sendte Norge 10 stridsvogner til Ukraina.", "no"),
    ],
)  # fmt: skip
def test_simple_past_delivery_is_no_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sverige skickar tio stridsvagnar till Ukraina, meddelade regeringen.", "sv"),
        ("Nederland levert 10 pantserhouwitsers aan Oekraïne, zei de minister.", "nl"),
        ("Česko pošle Ukrajině další tanky T-72, oznámil ministr.", "cs"),
        ("Danmark sender 19 CAESAR-kanoner til Ukraine, oplyste ministeren.", "da"),
    ],
)  # fmt: skip
def test_present_or_future_delivery_is_a_pledge(text, language):
    assert len(pledges_of(text, language=language, published="2024-10-10")) == 1
