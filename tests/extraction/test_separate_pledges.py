"""A donor's unvalued equipment pledge the text calls separate from its valued pledge stays
a pledge of its own; without such words it joins the valued one."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Belgium announced €977 million of military aid for Ukraine this year. Belgium will "
         "hand over 30 F-16 jets by 2028. That promise is separate from this year's sum.", "en"),
        ("België belooft dit jaar 977 miljoen euro militaire steun aan Oekraïne. België zal "
         "tegen 2028 dertig F-16's overdragen. Die toezegging staat los van het bedrag.", "nl"),
        ("Belgien sagt der Ukraine in diesem Jahr Militärhilfe über 977 Millionen Euro zu. "
         "Belgien wird der Ukraine bis 2028 dreißig F-16 liefern, unabhängig von dieser "
         "Summe.", "de"),
        ("La Belgique promet 977 millions d'euros d'aide militaire à l'Ukraine cette année. "
         "Indépendamment de ce montant, la Belgique livrera trente F-16 d'ici 2028.", "fr"),
    ],
)  # fmt: skip
def test_separate_equipment_pledge_stays(text, language):
    found = sorted(pledges_of(text, language=language, published="2024-05-29"), key=str)
    assert [(p[0], p[1], p[3]) for p in found] == [
        ("BE", 977_000_000, "package"),
        ("BE", None, "equipment"),
    ]


def test_equipment_in_the_valued_package_joins_it():
    text = (
        "Belgium announced €977 million of military aid for Ukraine. The aid includes "
        "ammunition and 30 armoured vehicles."
    )
    found = pledges_of(text, language="en", published="2024-05-29")
    assert [(p[0], p[1]) for p in found] == [("BE", 977_000_000)]
