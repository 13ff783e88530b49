"""The country leading a joint effort ("the Czech initiative", "the coalition led by
Latvia") is no donor in a sentence where another country pays into it."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "donor"),
    [
        ("Portugal will contribute 100 million euros to the initiative led by the Czech "
         "Republic to buy artillery shells for Ukraine.", "en", "PT"),
        ("O Governo português vai contribuir com 100 milhões de euros para a iniciativa "
         "liderada pela República Checa para comprar munições para a Ucrânia.", "pt", "PT"),
        ("Portugal junta-se à iniciativa checa e vai pagar munições para a Ucrânia.", "pt", "PT"),
        ("La Belgique versera 200 millions d'euros à l'initiative tchèque pour acheter des "
         "obus destinés à l'Ukraine.", "fr", "BE"),
        ("Dänemark stellt 300 Millionen Euro für die tschechische Initiative bereit, um "
         "Artilleriemunition für die Ukraine zu kaufen.", "de", "DK"),
        ("Szwecja przekaże 30 mln euro na rzecz koalicji dronowej kierowanej przez Łotwę dla "
         "Ukrainy.", "pl", "SE"),
        ("Nederland draagt 250 miljoen euro bij aan het initiatief onder leiding van Tsjechië "
         "om granaten voor Oekraïne te kopen.", "nl", "NL"),
    ],
)  # fmt: skip
def test_organiser_of_a_joint_effort_is_no_donor(text, language, donor):
    found = pledges_of(text, language=language, published="2024-06-12")
    assert found and {p[0] for p in found} == {donor}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nederland 400 miljoen euro uittrekt voor drones voor Oekraïne, zei de minister.", "nl"),
        ("Deutschland will 500 Millionen Euro zur Munitionsinitiative für die Ukraine "
         "beitragen.", "de"),
    ],
)  # fmt: skip
def test_contribution_verbs(text, language):
    assert len(pledges_of(text, language=language, published="2024-06-12")) == 1


def test_the_organiser_alone_still_pledges():
    text = "Tsjechië lanceert een initiatief en stuurt 20 houwitsers naar Oekraïne."
    assert [p[0] for p in pledges_of(text, language="nl", published="2024-06-12")] == ["CZ"]
