"""Kind: one system with its price is equipment; several systems at once are a package."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Canada will donate a NASAMS system to Ukraine worth CAD 406 million.", "en"),
        ("Kanada spendet der Ukraine ein NASAMS-System im Wert von 406 Millionen kanadischen "
         "Dollar.", "de"),
        ("Le Canada va donner à l'Ukraine un système NASAMS d'une valeur de 406 millions de "
         "dollars canadiens.", "fr"),
        ("Canadá donará a Ucrania un sistema NASAMS por valor de 406 millones de dólares "
         "canadienses.", "es"),
    ],
)  # fmt: skip
def test_one_priced_system_is_equipment(text, language):
    assert [p[3] for p in pledges_of(text, language=language, published="2023-01-10")] == [
        "equipment"
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Berlin will hand over about 40 Marder infantry fighting vehicles and a Patriot "
         "battery to Ukraine.", "en"),
        ("Berlin przekaże Ukrainie około 40 bojowych wozów piechoty Marder oraz baterię "
         "systemu Patriot.", "pl"),
        ("Berlin liefert der Ukraine etwa 40 Marder-Schützenpanzer und eine Patriot-Batterie.",
         "de"),
        ("Berlin va livrer à l'Ukraine une quarantaine de blindés Marder et une batterie "
         "Patriot.", "fr"),
    ],
)  # fmt: skip
def test_several_systems_are_a_package(text, language):
    assert [p[3] for p in pledges_of(text, language=language, published="2023-01-10")] == [
        "package"
    ]
