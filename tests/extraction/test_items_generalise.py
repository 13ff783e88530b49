# ruff: noqa: RUF001 - Cyrillic test sentences
"""Items in every language: pickups, minehunters and night-vision devices by their own
words; vague quantifiers give no count; shells and rounds in Ukrainian and Russian; the
subject of a verb-final clause gives."""

import pytest

from ingest.extraction import extract


def items_of(text: str, language: str) -> list[tuple[str, int | None]]:
    result = extract(text, language=language, published="2024-03-01")
    return [(i.category, i.quantity) for p in result.pledges for i in p.items]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Norwegen schickt der Ukraine 50 Pick-ups.", "de"),
        ("La Norvège enverra à l'Ukraine 50 camionnettes.", "fr"),
        ("Noruega enviará a Ucrania 50 camionetas.", "es"),
        ("A Noruega enviará à Ucrânia 50 caminhonetes.", "pt"),
        ("Noorwegen stuurt Oekraïne 50 pick-ups.", "nl"),
        ("Norge sender Ukraina 50 pickuper.", "no"),
        ("Norja lähettää Ukrainalle 50 lava-autoa.", "fi"),
        ("Norsko pošle Ukrajině 50 pick-upů.", "cs"),
        ("Norwegia wyśle Ukrainie 50 pikapów.", "pl"),
        ("Norvegia va trimite Ucrainei 50 de camionete.", "ro"),
        ("Норвегія передасть Україні 50 пікапів.", "uk"),
        ("Норвегия передаст Украине 50 пикапов.", "ru"),
    ],
)
def test_pickups_with_their_count(text, language):
    assert ("vehicle", 50) in items_of(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Norge sender Ukraina 1500 nattbriller.", "no"),
        ("Norge skickar 1500 mörkerglasögon till Ukraina.", "sv"),
        ("Norja lähettää Ukrainalle 1500 pimeänäkölaitetta.", "fi"),
        ("Norsko pošle Ukrajině 1500 brýlí pro noční vidění.", "cs"),
        ("Norwegia wyśle Ukrainie 1500 gogli noktowizyjnych.", "pl"),
        ("Норвегія передасть Україні 1500 приладів нічного бачення.", "uk"),
        ("Норвегия передаст Украине 1500 приборов ночного видения.", "ru"),
    ],
)
def test_night_vision_devices(text, language):
    assert ("protective", 1500) in items_of(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Norge sender Ukraina fire mineryddere.", "no"),
        ("Norsko pošle Ukrajině čtyři minolovky.", "cs"),
        ("Norvegia va trimite Ucrainei patru vânătoare de mine.", "ro"),
    ],
)
def test_minehunters_are_ships(text, language):
    assert ("naval", 4) in items_of(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Britain will send Ukraine several thousand artillery shells.", "en"),
        ("Česko daruje Ukrajině několik tisíc dělostřeleckých granátů.", "cs"),
        ("Polska przekaże Ukrainie kilka tysięcy pocisków artyleryjskich.", "pl"),
        ("Deutschland liefert der Ukraine mehrere tausend Artilleriegranaten.", "de"),
        ("Литва передасть Україні кілька тисяч пострілів.", "uk"),
    ],
)
def test_vague_thousands_give_no_count(text, language):
    found = items_of(text, language)
    assert found and all(q is None for _, q in found)


def test_a_thousand_is_still_a_count():
    assert ("ammunition", 1000) in items_of("Britain will send Ukraine a thousand shells.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Литва передасть Україні 5000 пострілів.", "uk"),
        ("Литва передаст Украине 5000 выстрелов.", "ru"),
    ],
)
def test_rounds_in_ukrainian_and_russian(text, language):
    assert ("ammunition", 5000) in items_of(text, language)


@pytest.mark.parametrize(
    ("text", "language", "donor"),
    [
        (
            "Minister Ollongren kondigde aan dat Nederland nog eens 12 pantserhouwitsers "
            "en 10.000 artilleriegranaten van 155 millimeter aan Oekraïne levert.",
            "nl",
            "NL",
        ),
        (
            "Pistorius teilte mit, dass Deutschland weitere 15 Gepard-Panzer und "
            "6.000 Schuss Munition an die Ukraine liefert.",
            "de",
            "DE",
        ),
    ],
)
def test_subject_of_a_verb_final_clause(text, language, donor):
    result = extract(text, language=language, published="2024-03-01")
    assert [p.donor for p in result.pledges] == [donor]


@pytest.mark.parametrize(
    ("text", "language", "count"),
    [
        ("Polska przekaże Ukrainie czołgi Leopard 2A4 w liczbie 14 sztuk.", "pl", 14),
        ("Польща передасть Україні танки Leopard 2A4 у кількості 14 одиниць.", "uk", 14),
        ("Польша передаст Украине танки Leopard 2A4 в количестве 14 штук.", "ru", 14),
        ("Polsko předá Ukrajině tanky Leopard 2A4 v počtu 14 kusů.", "cs", 14),
        ("Polen liefert der Ukraine Leopard-2A4-Panzer, insgesamt 14 Stück.", "de", 14),
        ("Poland will deliver Leopard 2A4 tanks to Ukraine, 14 units in all.", "en", 14),
        ("Norge sender Ukraina M109-haubitser, til sammen 14 stykker.", "no", 14),
        ("Danmark sender Ukraine Leopard 1-kampvogne, i alt 80 stk.", "da", 80),
        ("La France livrera des canons CAESAR à l'Ukraine, au nombre de 12.", "fr", 12),
        ("España enviará tanques Leopard 2A4 a Ucrania, en concreto seis unidades.", "es", 6),
        ("L'Italia invierà obici FH70 all'Ucraina, in numero di 12.", "it", 12),
        ("Suomi lähettää Ukrainalle Leopard 2R -vaunuja, yhteensä kolme kappaletta.", "fi", 3),
    ],
)
def test_count_after_the_item_with_a_unit_or_an_introduction(text, language, count):
    assert [q for _, q in items_of(text, language)][:1] == [count]


def test_a_bare_number_after_a_comma_is_no_count():
    text = "Poland will deliver Leopard 2A4 tanks to Ukraine, 2023 was a hard year."
    assert all(q is None for _, q in items_of(text, "en"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Germany will send 10 electronic warfare systems, 500 loitering munitions, "
            "20 satellite terminals and 1,000 assault rifles to Ukraine.",
            "en",
        ),
        (
            "Niemcy przekażą Ukrainie 10 systemów walki elektronicznej, 500 amunicji krążącej, "
            "20 terminali satelitarnych i 1000 karabinów szturmowych.",
            "pl",
        ),
        (
            "Німеччина передасть Україні 10 систем РЕБ, 500 барражуючих боєприпасів, "
            "20 супутникових терміналів і 1000 автоматів.",
            "uk",
        ),
        (
            "L'Allemagne livrera à l'Ukraine 10 systèmes de guerre électronique, 500 munitions "
            "rôdeuses, 20 terminaux satellitaires et 1000 fusils d'assaut.",
            "fr",
        ),
        (
            "Duitsland levert Oekraïne 10 systemen voor elektronische oorlogvoering, 500 zwevende "
            "munitie, 20 satellietterminals en 1000 aanvalsgeweren.",
            "nl",
        ),
        (
            "Saksa lähettää Ukrainalle 10 elektronisen sodankäynnin järjestelmää, 500 "
            "lennokkiasetta, 20 satelliittipäätettä ja 1000 rynnäkkökivääriä.",
            "fi",
        ),
    ],
)
def test_electronic_warfare_loitering_munitions_terminals_rifles(text, language):
    assert items_of(text, language) == [
        ("other", 10),
        ("drone", 500),
        ("communications", 20),
        ("small_arms", 1000),
    ]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Франція передасть Україні 12 гаубиць Цезар.", "uk", "CAESAR howitzer"),
        ("Франция передаст Украине 40 ракет СКАЛП.", "ru", "SCALP-EG"),
        ("Німеччина передасть Україні 15 зенітних установок Гепард.", "uk", "Gepard"),
    ],
)
def test_bare_cyrillic_names_of_systems(text, language, name):
    result = extract(text, language=language, published="2024-03-01")
    assert name in [i.name for p in result.pledges for i in p.items]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Polska przekaże Ukrainie pakiet złożony z dwóch systemów Patriot, trzech radarów "
            "i pięciu śmigłowców.",
            "pl",
        ),
        (
            "Німеччина передасть Україні пакет у складі двох систем IRIS-T, трьох радарів "
            "і п'яти гелікоптерів.",
            "uk",
        ),
        (
            "Германия передаст Украине пакет из двух систем IRIS-T, трёх радаров "
            "и пяти вертолётов.",
            "ru",
        ),
        (
            "Německo předá Ukrajině balík složený ze dvou systémů IRIS-T, tří radarů a pěti "
            "vrtulníků.",
            "cs",
        ),
        (
            "Deutschland liefert ein Paket mit zwei IRIS-T-Systemen, drei Radaren und fünf "
            "Hubschraubern.",
            "de",
        ),
    ],
)
def test_counts_in_oblique_cases(text, language):
    assert [q for _, q in items_of(text, language)] == [2, 3, 5]


def test_german_dative_plurals():
    text = (
        "Deutschland liefert ein Paket mit 5 Booten, 12 Mörsern, 3 Flugzeugen, 4 Geschützen, "
        "6 Raketenwerfern und 7 Transportpanzern."
    )
    assert items_of(text, "de") == [
        ("naval", 5),
        ("artillery", 12),
        ("aircraft", 3),
        ("artillery", 4),
        ("rocket_artillery", 6),
        ("armored_vehicle", 7),
    ]
