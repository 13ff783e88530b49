"""The value of a pledge stated in the next sentence, without the donor's name."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Canada will donate a NASAMS system to Ukraine. The system is worth CAD 406 million, "
         "Anand said.", "en", ("CA", 406_000_000)),
        ("Kanada schenkt der Ukraine ein NASAMS-System. Der Wert liegt bei 406 Millionen "
         "kanadischen Dollar.", "de", ("CA", 406_000_000)),
        ("Canadá donará un sistema NASAMS a Ucrania. El sistema tiene un valor de 406 millones "
         "de dólares canadienses.", "es", ("CA", 406_000_000)),
        ("Le Canada va donner un système NASAMS à l'Ukraine. La valeur du système s'élève à "
         "406 millions de dollars canadiens.", "fr", ("CA", 406_000_000)),
        ("Germany announced a new package for Ukraine on Friday. It is worth 700 million euros "
         "and includes IRIS-T launchers.", "en", ("DE", 700_000_000)),
        ("Deutschland hat am Freitag ein neues Paket für die Ukraine angekündigt. Es hat einen "
         "Umfang von 700 Millionen Euro und umfasst IRIS-T-Starter.", "de", ("DE", 700_000_000)),
        ("España anunció un nuevo paquete para Ucrania. Tiene un valor de mil millones de euros "
         "e incluye tanques Leopard.", "es", ("ES", 1_000_000_000)),
        ("L'Italia ha annunciato un nuovo pacchetto per l'Ucraina. Il valore è di mezzo "
         "miliardo di euro.", "it", ("IT", 500_000_000)),
    ],
)  # fmt: skip
def test_value_in_the_next_sentence(text, language, expected):
    found = pledges_of(text, language=language, published="2024-06-10")
    assert [(p[0], p[1]) for p in found] == [expected]


def test_a_purchase_for_the_own_army_is_no_continuation():
    text = (
        "Prague announced new aid for Ukraine with ammunition. The government also approved "
        "the purchase of 44 Leopard 2A8 tanks for 34 billion crowns."
    )
    assert [p[1] for p in pledges_of(text, language="en", published="2024-06-10")] == [None]
