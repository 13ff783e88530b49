"""Donors by name, adjective and metonym; items from the catalogue and generic words."""

import pytest

from ingest.extraction import extract

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "donor"),
    [
        ("Washington announced a new $300 million package for Ukraine.", "en", "US"),
        ("Berlin kündigte am Dienstag ein Paket über 500 Mio. Euro an.", "de", "DE"),
        ("Les Pays-Bas ont annoncé une aide militaire de 200 millions d'euros.", "fr", "NL"),
        ("Die britische Regierung sagte ein Paket von 100 Mio. Pfund zu.", "de", "GB"),
        ("Данія оголосила новий пакет допомоги на 500 млн євро.", "uk", "DK"),
        ("Polska przekaże Ukrainie pakiet pomocy o wartości 1,5 mld zł.", "pl", "PL"),
        ("The allies agreed a credit line of $1 billion to buy shells.", "en", "NATO"),
    ],
)
def test_donor_names_adjectives_metonyms(text, language, donor):
    assert [p[0] for p in pledges_of(text, language=language, published="2023-06-16")] == [donor]


def test_one_pledge_per_donor_in_coordination():
    text = "The Netherlands, Denmark and Belgium will train Ukrainian F-16 pilots."
    found = pledges_of(text, language="en", published="2023-06")
    assert sorted(found) == [("BE", None, None, "training"), ("DK", None, None, "training"),
                             ("NL", None, None, "training")]  # fmt: skip


def test_places_are_not_donors():
    text = "At a meeting in Washington, Norway announced 1 billion kroner for Ukraine."
    assert pledges_of(text, language="en") == [("NO", 1_000_000_000, "NOK", "package")]


def test_running_totals_are_not_pledges():
    text = "The US has committed more than $43 billion in security assistance since February 2022."
    assert pledges_of(text, language="en", published="2023-06-16") == []


def test_requested_aid_is_not_a_pledge():
    text = "Kyiv has requested 300 Western tanks and asked Germany for more Leopard 2 tanks."
    assert pledges_of(text, language="en") == []


def test_new_package_next_to_a_total():
    text = "The $325 million package brings total US aid to $40 billion since February 2022."
    assert pledges_of(text, language="en", published="2023-06-16") == [
        ("US", 325_000_000, "USD", "package")
    ]


@pytest.mark.parametrize(
    ("text", "language", "name", "quantity"),
    [
        ("The US will send 36,000 rounds of 105 mm ammunition.", "en", "105 mm", 36000),
        ("Les États-Unis livrent 22 millions de cartouches.", "fr", "ammunition", 22_000_000),
        ("Deutschland liefert vier Leopard-2-Panzer an die Ukraine.", "de", "Leopard 2", 4),
        ("The US will send 18 howitzers to Ukraine.", "en", "howitzers", 18),
        ("Norway will send air defence munitions.", "en", "air defence", None),
        ("Les États-Unis livrent des munitions de 155 mm.", "fr", "155 mm", None),
        ("Німеччина передасть Україні боєприпаси.", "uk", "ammunition", None),
    ],
)
def test_items_and_quantities(text, language, name, quantity):
    pledges = extract(text, language=language).pledges
    assert len(pledges) == 1
    words = set(name.lower().replace("-", " ").split())
    found = [
        i for i in pledges[0].items
        if words <= set((i.name + " " + i.category).lower().replace("-", " ").replace("_", " ")
                        .replace("(", " ").replace(")", " ").split())
    ]  # fmt: skip
    assert found, pledges[0].items
    assert quantity is None or any(i.quantity == quantity for i in found)


def test_catalogue_items_carry_their_slug():
    pledges = extract("Denmark will donate 19 CAESAR howitzers to Ukraine.", language="en").pledges
    assert any(i.slug for i in pledges[0].items)


def test_catalogue_path_can_be_overridden(tmp_path):
    path = tmp_path / "equipment.json"
    path.write_text('[{"slug": "zz", "name": "Zorro 9", "category": "tank", "aliases": []}]')
    result = extract("Spain will donate 3 Zorro 9 to Ukraine.", language="en", catalogue=str(path))
    assert [(i.slug, i.quantity) for i in result.pledges[0].items] == [("zz", 3)]
