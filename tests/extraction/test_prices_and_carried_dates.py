"""A price sentence after a pledge adds no items to it; a date recalled months before
publication is not carried to a later undated pledge; money for production or purchase
is financing; compound drone words name drones."""

import pytest

from ingest.extraction import extract

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Denmark will provide 1.1 billion kroner to Ukraine for the production of howitzers. "
         "A single PzH 2000 costs about 17 million euros.", "en"),
        ("Dänemark stellt der Ukraine 1,1 Milliarden dänische Kronen für die Produktion von "
         "Haubitzen bereit. Eine einzelne Panzerhaubitze 2000 kostet rund 17 Millionen Euro.",
         "de"),
        ("Le Danemark versera à l'Ukraine 1,1 milliard de couronnes pour la production de "
         "canons. Un seul CAESAR coûte environ 4 millions d'euros.", "fr"),
    ],
)  # fmt: skip
def test_price_sentence_adds_no_items_and_production_is_financing(text, language):
    result = extract(text, language=language, published="2025-01-15")
    assert [(p.donor, p.kind) for p in result.pledges] == [("DK", "financing")]
    assert all(i.quantity != 1 for i in result.pledges[0].items)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Macron avait annoncé en juin 2024 la cession de ces appareils. Les pilotes ont été "
         "formés pendant des mois. Lecornu a indiqué que la France livrerait une nouvelle "
         "tranche d'obus de 155 mm à l'Ukraine.", "fr"),
        ("Biden had approved the transfer in June 2024. Pilots trained for months. The "
         "minister said the US will send 155 mm shells to Ukraine.", "en"),
    ],
)  # fmt: skip
def test_recalled_date_is_not_carried(text, language):
    result = extract(text, language=language, published="2025-02-07")
    assert [p.announced_on for p in result.pledges] == ["2025-02-07"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nederland trekt 400 miljoen euro uit voor de aanschaf van langeafstandsdrones voor "
         "Oekraïne.", "nl"),
        ("Sverige ger Ukraina 2 miljarder kronor för köp av drönare från drönarproduktionen "
         "i Ukraina.", "sv"),
    ],
)  # fmt: skip
def test_drone_compounds_and_purchase_money(text, language):
    result = extract(text, language=language, published="2024-09-17")
    assert len(result.pledges) == 1
    assert result.pledges[0].kind == "financing"
    assert {i.category for i in result.pledges[0].items} == {"drone"}


def test_swedish_drone_production_names_drones():
    text = "Sverige skickar ett paket till Ukraina med luftvärn och drönarproduktion."
    result = extract(text, language="sv", published="2025-01-29")
    assert "drone" in {i.category for p in result.pledges for i in p.items}


def test_package_stays_a_package():
    found = pledges_of(
        "Norway will send Ukraine a package worth 2 billion kroner with air defence.",
        language="en",
        published="2024-09-17",
    )
    assert [(p[0], p[3]) for p in found] == [("NO", "package")]
