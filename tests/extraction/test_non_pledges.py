"""Taking part, habits, places joined by "or" and yearly frameworks name no pledge."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Canada also takes part in the training of Ukrainian soldiers in Britain.", "en"),
        ("Kanada beteiligt sich auch an der Ausbildung ukrainischer Soldaten in Großbritannien.",
         "de"),
        ("Le Canada participe aussi à la formation de soldats ukrainiens au Royaume-Uni.", "fr"),
        ("Canadá también participa en el entrenamiento de soldados ucranianos en el Reino Unido.",
         "es"),
        ("Оттава также участвует в подготовке украинских военных в Великобритании.", "ru"),
        ("The Pentagon sometimes delivers NASAMS faster to Ukraine.", "en"),
        ("Das Pentagon liefert manchmal NASAMS schneller an die Ukraine.", "de"),
        ("Le Pentagone livre parfois plus vite des NASAMS à l'Ukraine.", "fr"),
        ("El Pentágono a veces entrega más rápido sistemas NASAMS a Ucrania.", "es"),
        ("Purchases of ammunition for Ukraine will be made in the EU or Norway.", "en"),
        ("Munition für die Ukraine soll in der EU oder Norwegen gekauft werden.", "de"),
        ("Les munitions pour l'Ukraine seront achetées dans l'UE ou en Norvège.", "fr"),
        ("La munición para Ucrania se comprará en la UE o en Noruega.", "es"),
        ("Germany will provide €8 billion a year in military aid to Ukraine.", "en"),
        ("Deutschland stellt der Ukraine künftig 8 Milliarden Euro pro Jahr an Militärhilfe "
         "bereit.", "de"),
        ("L'Allemagne fournira 8 milliards d'euros par an d'aide militaire à l'Ukraine.", "fr"),
        ("Alemania aportará 8.000 millones de euros al año en ayuda militar a Ucrania.", "es"),
        ("La Germania fornirà 8 miliardi di euro all'anno di aiuti militari all'Ucraina.", "it"),
    ],
)  # fmt: skip
def test_no_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-06-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Norway announced a loan to Ukraine for gas purchases.", "en"),
        ("Germany announced it would join the Czech ammunition initiative.", "en"),
        ("Deutschland hat angekündigt, sich an der Munitionsinitiative zu beteiligen.", "de"),
    ],
)
def test_no_financing_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-06-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Denmark pledged a financial contribution to the Czech ammunition initiative.", "en"),
        ("Le Danemark a promis une contribution financière à l'initiative tchèque sur les "
         "munitions.", "fr"),
        ("Dinamarca prometió una contribución financiera a la iniciativa checa de munición.",
         "es"),
        ("Dánská vláda podle ministerstva obrany přislíbila finanční příspěvek na munici.", "cs"),
    ],
)  # fmt: skip
def test_promised_funds_without_a_sum(text, language):
    found = pledges_of(text, language=language, published="2024-06-10")
    assert found == [("DK", None, None, "financing")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Separately, Washington allocated $225 million under Foreign Military Financing.", "en"),
        ("Oddzielnie Waszyngton przeznaczył 225 mln dolarów w ramach programu Foreign Military "
         "Financing dla sił zbrojnych.", "pl"),
        ("Washington stellt zusätzlich 225 Millionen Dollar über das Programm Foreign Military "
         "Financing bereit.", "de"),
        ("Washington a par ailleurs débloqué 225 millions de dollars au titre du Foreign "
         "Military Financing.", "fr"),
    ],
)  # fmt: skip
def test_foreign_military_financing(text, language):
    found = pledges_of(text, language=language, published="2024-06-10")
    assert found == [("US", 225_000_000, "USD", "financing")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a government's contract with a manufacturer, deliveries to follow
        ("Berlin signed a contract with Rheinmetall to restart shell production in a German "
         "plant, with first deliveries expected in summer.", "en"),
        ("Berlim assinou um contrato com a Rheinmetall para retomar a produção de projéteis, "
         "com as primeiras entregas previstas para o verão.", "pt"),
        ("Berlin a signé un contrat avec Rheinmetall pour relancer la production d'obus, avec "
         "de premières livraisons prévues cet été.", "fr"),
        ("Berlín firmó un contrato con Rheinmetall para reanudar la producción de proyectiles, "
         "con las primeras entregas previstas para el verano.", "es"),
        # the delivery of an earlier promise
        ("Warsaw delivered the first four of the fourteen Leopard 2A4 tanks promised in "
         "January.", "en"),
        ("Varsóvia entregou os primeiros quatro dos catorze Leopard 2A4 prometidos em janeiro.",
         "pt"),
        ("Varsovie a livré les quatre premiers des quatorze chars Leopard 2A4 promis en "
         "janvier.", "fr"),
        ("Warschau hat die ersten vier der vierzehn im Januar zugesagten Leopard-2A4-Panzer "
         "geliefert.", "de"),
        # money for a purpose that is not military
        ("Scholz announced €200 million for environmental projects in Brazil, including a "
         "contribution to a fund.", "en"),
        ("Scholz anunciou 200 milhões de euros para projetos ambientais no Brasil, incluindo "
         "uma contribuição para um fundo.", "pt"),
        ("Scholz a annoncé 200 millions d'euros pour des projets environnementaux au Brésil, "
         "dont une contribution à un fonds.", "fr"),
        ("Scholz anunció 200 millones de euros para proyectos medioambientales en Brasil, "
         "incluida una contribución a un fondo.", "es"),
    ],
)  # fmt: skip
def test_contracts_deliveries_and_civil_money(text, language):
    assert pledges_of(text, language=language, published="2023-02-10") == []
