"""Two donors handing over jets each get an equipment pledge; a country cited as having
delivered earlier, in an article about another's refusal, gets none."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Poland and Slovakia will hand over MiG-29 fighter jets to Ukraine.", "en"),
        ("Polska i Słowacja przekażą Ukrainie myśliwce MiG-29.", "pl"),
        ("Polsko a Slovensko předají Ukrajině stíhačky MiG-29.", "cs"),
        ("Polen und die Slowakei werden der Ukraine MiG-29-Kampfjets liefern.", "de"),
        ("Польша и Словакия передадут Украине истребители МиГ-29.", "ru"),
    ],
)  # fmt: skip
def test_two_donors_of_jets(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert sorted((p[0], p[3]) for p in found) == [("PL", "equipment"), ("SK", "equipment")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Scholz rejected Taurus again. Britain and France have sent Storm Shadow and SCALP "
         "missiles.", "en"),
        ("Scholz lehnt Taurus-Lieferungen weiter ab. Großbritannien und Frankreich haben Storm "
         "Shadow und SCALP geliefert.", "de"),
        ("Scholz nadal odmawia dostaw pocisków Taurus. Wielka Brytania i Francja przekazały już "
         "pociski Storm Shadow i SCALP.", "pl"),
        ("Шольц по-прежнему отказывается передать ракеты Taurus. Великобритания и Франция уже "
         "передали Storm Shadow и SCALP.", "ru"),
    ],
)  # fmt: skip
def test_earlier_deliveries_cited_beside_a_refusal(text, language):
    assert pledges_of(text, language=language, published="2024-03-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Portugal will send three Leopard 2A6 tanks to Ukraine. The Ukrainian crews are being "
         "trained in Poland.", "en"),
        ("Portugal schickt drei Leopard-2A6-Panzer in die Ukraine. Die ukrainischen Besatzungen "
         "werden in Polen ausgebildet.", "de"),
        ("Portugalia wyśle Ukrainie trzy czołgi Leopard 2A6. Ukraińskie załogi szkolą się w "
         "Niemczech.", "pl"),
        ("Le Portugal enverra trois chars Leopard 2A6 à l'Ukraine. Les équipages ukrainiens "
         "sont formés en Pologne.", "fr"),
    ],
)  # fmt: skip
def test_where_crews_train_is_no_donor(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert [(p[0], p[3]) for p in found] == [("PT", "equipment")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Poland will send Leopard 2 tanks to Ukraine after Germany gave approval for the "
         "re-export.", "en"),
        ("Polen liefert der Ukraine Leopard-2-Panzer, nachdem Deutschland die Genehmigung für "
         "den Re-Export erteilt hat.", "de"),
        ("La Pologne livrera des chars Leopard 2 à l'Ukraine après que l'Allemagne a donné son "
         "feu vert à la réexportation.", "fr"),
        ("Польша передаст Украине танки Leopard 2 после того как Германия дала разрешение на "
         "реэкспорт.", "ru"),
    ],
)  # fmt: skip
def test_approving_a_re_export_is_no_pledge_but_the_re_exporter_pledges(text, language):
    found = pledges_of(text, language=language, published="2024-03-10")
    assert [(p[0], p[3]) for p in found] == [("PL", "equipment")]
