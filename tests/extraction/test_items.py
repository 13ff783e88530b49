"""Items: quantities before and after the item, numbers in words, generic categories in
every language with clean English labels, catalogue names and variants, the text's words
kept apart in ``mention``, and a catalogue free of ambiguous aliases."""

import json

import pytest

from ingest.extraction import extract
from ingest.extraction.items import CATALOGUE_PATH


def items_of(text: str, language: str) -> list[tuple[str, str, int | None]]:
    result = extract(text, language=language, published="2024-03-01")
    return [(i.name, i.category, i.quantity) for p in result.pledges for i in p.items]


def mentions_of(text: str, language: str) -> list[str | None]:
    result = extract(text, language=language, published="2024-03-01")
    return [i.mention for p in result.pledges for i in p.items]


@pytest.mark.parametrize(
    ("text", "language", "name", "quantity"),
    [
        (
            "Polska przekaże Ukrainie kompanię czołgów Leopard 2, czyli 14 maszyn.",
            "pl",
            "Leopard 2",
            14,
        ),
        (
            "The United States will send Ukraine a package with tanks: 31, worth $400 million.",
            "en",
            "Tanks",
            31,
        ),
        ("Norway will donate to Ukraine NASAMS (4) worth 200 million kroner.", "en", "NASAMS", 4),
        (
            "La France livrera à l'Ukraine des chars AMX-10 RC, soit 40 véhicules.",
            "fr",
            "AMX-10 RC",
            40,
        ),
    ],
)
def test_quantity_written_after_the_item(text, language, name, quantity):
    assert (name, quantity) in [(n, q) for n, _, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "name", "quantity"),
    [
        (
            "Deutschland liefert der Ukraine vier Leopard-2-Panzer im Wert von 300 Millionen Euro.",
            "de",
            "Leopard 2",
            4,
        ),
        (
            "Deutschland liefert der Ukraine zwei Patriot-Systeme im Wert von 1 Milliarde Euro.",
            "de",
            "Patriot",
            2,
        ),
        (
            "España enviará a Ucrania cinco radares de contrabatería por 100 millones de euros.",
            "es",
            "Counter-battery artillery radars",
            5,
        ),
        (
            "Sverige skänker Ukraina tio stridsbåtar 90 till ett värde av 1 miljard kronor.",
            "sv",
            "CB90",
            10,
        ),
        (
            "Britain pledged dozens of armoured vehicles to Ukraine worth £100 million.",
            "en",
            "Armoured vehicles",
            None,
        ),
    ],
)
def test_numbers_in_words_and_vague_counts(text, language, name, quantity):
    assert (name, quantity) in [(n, q) for n, _, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "name", "category"),
    [
        (
            "Spain will give Ukraine counter-battery radars worth €50 million.",
            "en",
            "Counter-battery artillery radars",
            "radar",
        ),
        (
            "Italy will send Ukraine air defence interceptors worth €300 million.",
            "en",
            "Air defence interceptor missiles",
            "air_defense",
        ),
        (
            "La France livrera à l'Ukraine des munitions de 155 mm pour 100 millions d'euros.",
            "fr",
            "155 mm artillery ammunition",
            "ammunition",
        ),
        (
            "Німеччина передасть Україні боєприпаси на суму 100 млн євро.",
            "uk",
            "Ammunition",
            "ammunition",
        ),
        ("Česko pošle Ukrajině drony v hodnotě 500 milionů korun.", "cs", "Drones", "drone"),
        (
            "Suomi lähettää Ukrainalle ammuksia 100 miljoonan euron arvosta.",
            "fi",
            "Ammunition",
            "ammunition",
        ),
        (
            "Nederland levert Oekraïne bommen ter waarde van 100 miljoen euro.",
            "nl",
            "Aerial bomb munitions",
            "ammunition",
        ),
        (
            "Rumunia przekaże Ukrainie pojazdy opancerzone o wartości 100 mln euro.",
            "pl",
            "Armoured vehicles",
            "armored_vehicle",
        ),
        (
            "România va trimite Ucrainei rachete interceptoare"
            " în valoare de 100 de milioane de euro.",
            "ro",
            "Air defence interceptor missiles",
            "air_defense",
        ),
    ],
)
def test_generic_items_get_clean_english_labels(text, language, name, category):
    found = items_of(text, language)
    assert (name, category) in [(n, c) for n, c, _ in found]
    assert not any("(" in n for n, _, _ in found)


def test_calibres_in_coordination_and_in_words():
    found = items_of(
        "La France livrera à l'Ukraine des obus de 105 et 155 mm pour 200 millions d'euros.", "fr"
    )
    assert {"105 mm artillery shells", "155 mm artillery shells"} <= {n for n, _, _ in found}
    found = items_of(
        "España enviará a Ucrania 15.000 proyectiles de 155 milímetros por 100 millones de euros.",
        "es",
    )
    assert ("155 mm artillery shells", 15000) in [(n, q) for n, _, q in found]


def test_catalogue_match_is_named_by_the_catalogue_with_the_variant():
    found = items_of(
        "Poland will send Ukraine 14 Leopard 2A4 tanks and Stingers worth $100 million.", "en"
    )
    names = [n for n, _, _ in found]
    assert "Leopard 2 (2A4)" in names
    assert "FIM-92 Stinger" in names


def test_the_texts_words_are_kept_in_mention():
    text = "Німеччина передасть Україні боєприпаси на суму 100 млн євро."
    assert mentions_of(text, "uk") == ["боєприпаси"]
    result = extract(text, language="uk", published="2024-03-01")
    assert result.pledges[0].items[0].to_dict()["mention"] == "боєприпаси"


def test_catalogue_aliases_are_specific():
    catalogue = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    leopard_2 = next(e for e in catalogue if e["slug"] == "leopard-2")
    assert not [a for a in leopard_2["aliases"] if a.split()[-1].lower() in {"leopard", "леопард"}]
    generic = {"tanks", "tank", "drones", "missiles", "howitzers", "radars", "ammunition"}
    assert not [a for e in catalogue for a in e["aliases"] if a.lower() in generic]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Germany will give Ukraine a Patriot battery worth €1 billion.", "en", "Patriot"),
        (
            "Niemcy przekażą Ukrainie baterię systemu obrony powietrznej Patriot za 1 mld euro.",
            "pl",
            "Patriot",
        ),
        ("Італія передасть Україні ще одну систему SAMP/T на суму 500 млн євро.", "uk", "SAMP/T"),
        (
            "Alemania suministrará a Ucrania el sistema de defensa antiaérea IRIS-T SLM"
            " por 150 millones de euros.",
            "es",
            "IRIS-T SLM",
        ),
    ],
)
def test_one_battery_or_system_named_in_the_singular_counts_one(text, language, name):
    assert (name, 1) in [(n, q) for n, _, q in items_of(text, language)]


def test_patriot_systems_in_the_plural_are_not_counted_one():
    found = items_of("Germany will give Ukraine Patriot systems worth €1 billion.", "en")
    assert ("Patriot", None) in [(n, q) for n, _, q in found]


def test_count_before_a_hyphenated_adjective():
    text = (
        "Denmark will give Ukraine all 19 of its French-made CAESAR howitzers, worth $200 million."
    )
    assert ("CAESAR howitzer", 19) in [(n, q) for n, _, q in items_of(text, "en")]


@pytest.mark.parametrize(
    ("text", "language", "item"),
    [
        (
            "США передадуть Україні 65 тисяч мінометних мін калібру 120 мм"
            " на суму 300 млн доларів.",
            "uk",
            ("120 mm mortar rounds", 65000),
        ),
        (
            "Marea Britanie trimite Ucrainei 4 milioane de cartușe pentru arme de infanterie,"
            " în valoare de 100 de milioane de lire.",
            "ro",
            ("Small arms ammunition", 4000000),
        ),
        (
            "Німеччина передасть Україні близько дюжини евакуаційних машин на суму 100 млн євро.",
            "uk",
            ("Armoured recovery vehicle", 12),
        ),
        (
            "Pentagon oznámil nový balík pomoci v hodnotě 400 milionů dolarů."
            " Jeho součástí je 40 říčních obrněných člunů.",
            "cs",
            ("Patrol boat craft", 40),
        ),
    ],
)
def test_phrases_of_several_item_words_become_one_item(text, language, item):
    assert item in [(n, q) for n, _, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "item"),
    [
        (
            "Berlin livrera à l'Ukraine deux lanceurs pour le système de défense antiaérienne"
            " Patriot, une aide de 700 millions d'euros.",
            "fr",
            ("Patriot", 2),
        ),
        (
            "Germany will send Ukraine three launchers for the IRIS-T SLM system, worth €200m.",
            "en",
            ("IRIS-T SLM", 3),
        ),
        (
            "Канада оплатит покупку зенитного ракетного комплекса NASAMS для Украины"
            " на 406 миллионов долларов.",
            "ru",
            ("NASAMS", 1),
        ),
        (
            "Os EUA anunciaram um pacote de 775 milhões de dólares que inclui mil mísseis Javelin.",
            "pt",
            ("FGM-148 Javelin", 1000),
        ),
    ],
)
def test_counts_of_launchers_and_counts_in_words(text, language, item):
    assert item in [(n, q) for n, _, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "item"),
    [
        (
            "Německo dodá Ukrajině přes stovku dalších obrněných vozidel za 500 milionů eur.",
            "cs",
            ("Armoured vehicles", 100),
        ),
        (
            "Sverige skickar till Ukraina två flygburna spaningsplan av typen ASC 890"
            " för 7 miljarder kronor.",
            "sv",
            ("Saab 340 AEW (ASC 890)", 2),
        ),
        (
            "Norge skal bidra med 750 millioner kroner til maritim støtte for Ukraina.",
            "no",
            ("Maritime capabilities", None),
        ),
        (
            "Deutschland liefert der Ukraine 200 Aufklärungsdrohnen für 100 Millionen Euro.",
            "de",
            ("Drones", 200),
        ),
    ],
)
def test_compounds_and_approximate_counts(text, language, item):
    assert item in [(n, q) for n, _, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Німеччина передасть Україні засоби протидії безпілотникам на суму 50 млн євро.", "uk"),
        ("Germany will send Ukraine counter-drone systems worth €50 million.", "en"),
    ],
)
def test_counter_drone_systems(text, language):
    assert ("Counter-drone systems", "air_defense") in [
        (n, c) for n, c, _ in items_of(text, language)
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "The Pentagon announced a new $400 million package for Ukraine on Friday."
            " It includes:\n"
            "- 14 Leopard 2 tanks;\n- four IRIS-T launchers;\n- 155 mm artillery ammunition;\n"
            "- counter-battery radars: 3.\n",
            "en",
            [
                ("Leopard 2", 14),
                ("IRIS-T SLM", 4),
                ("155 mm artillery ammunition", None),
                ("Counter-battery artillery radars", 3),
            ],
        ),
        (
            "Німеччина оголосила новий пакет допомоги Україні на 500 млн євро."
            " До пакета ввійдуть:\n"
            "• чотири системи IRIS-T SLM;\n• 20 реактивних установок;\n• боєприпаси.\n",
            "uk",
            [("IRIS-T SLM", 4), ("Multiple rocket launcher systems", 20), ("Ammunition", None)],
        ),
    ],
)
def test_items_listed_as_bullets(text, language, expected):
    assert [(n, q) for n, _, q in items_of(text, language)] == expected


def _words(text: str) -> set[str]:
    return {w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split() if w}


@pytest.mark.parametrize(
    ("text", "language", "singular"),
    [
        (
            "Germany will send Ukraine 12 recovery vehicles worth €50 million.",
            "en",
            "recovery vehicle",
        ),
        (
            "Deutschland liefert der Ukraine 20 Raketenwerfer im Wert von 90 Millionen Euro.",
            "de",
            "rocket launcher",
        ),
        ("The UK will give Ukraine 60 boats in a £100 million package.", "en", "boat"),
        ("La France fournira à l'Ukraine des bombes pour 30 millions d'euros.", "fr", "bomb"),
        ("Germany will send Ukraine 40 generators worth €5 million.", "en", "generator"),
    ],
)
def test_generic_labels_carry_the_singular_word(text: str, language: str, singular: str) -> None:
    """A generic label names the item so that its singular word is in the name or category
    ("Multiple rocket launcher systems", not "Multiple rocket launchers")."""
    have = [_words(f"{n} {c}") for n, c, _ in items_of(text, language)]
    assert any(_words(singular) <= h for h in have), have


@pytest.mark.parametrize(
    ("text", "language", "quantity"),
    [
        ("США передадуть Україні разом із 40 тисячами артилерійських снарядів.", "uk", 40000),
        (
            "США передадут Украине 18 гаубиц вместе с 40 тысячами артиллерийских снарядов.",  # noqa: RUF001
            "ru",
            40000,
        ),
        ("The US will give Ukraine 40 thousand artillery rounds.", "en", 40000),
    ],
)
def test_inflected_scale_words_multiply_counts(text: str, language: str, quantity: int) -> None:
    """A scale word with a case ending ("тисячами") still scales the count."""
    assert quantity in [
        q for _, category, q in items_of(text, language) if category == "ammunition"
    ]


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("Polska przekaże Ukrainie 10 ciężarówek.", "pl", "vehicle"),
        ("Polska przekaże Ukrainie 10 karetek.", "pl", "medical"),
        ("Польща передасть Україні 10 вантажівок.", "uk", "vehicle"),
        ("Polsko předá Ukrajině 10 nákladních aut.", "cs", "vehicle"),
        ("Portugal vai enviar à Ucrânia 10 barcos.", "pt", "naval"),
        ("Norge gir Ukraina 10 helikoptre.", "no", "helicopter"),
        ("Sverige skänker Ukraina 10 helikoptrar.", "sv", "helicopter"),
        ("Suomi lahjoittaa Ukrainalle 10 tutkaa.", "fi", "radar"),
        ("Britain will give Ukraine 10 IFVs.", "en", "armored_vehicle"),
    ],
)
def test_plural_forms_of_generic_items(text: str, language: str, category: str) -> None:
    """Plural forms a stem misses ("ciężarówek", "вантажівок", "helikoptre") are items."""
    assert (category, 10) in [(c, q) for _, c, q in items_of(text, language)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Britain will give Ukraine twenty-five tanks.", "en"),
        ("La France livrera à l'Ukraine vingt-cinq chars.", "fr"),
        ("Polska przekaże Ukrainie dwadzieścia pięć czołgów.", "pl"),
        ("Польща передасть Україні двадцять п'ять танків.", "uk"),
    ],
)
def test_tens_and_units_spelt_apart(text: str, language: str) -> None:
    """ "twenty-five", "dwadzieścia pięć": 25, not the units or the tens alone."""
    assert [q for _, _, q in items_of(text, language)] == [25]
