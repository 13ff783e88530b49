"""Recipients other than Ukraine, one per pledge; who trains and who gives in a training
sentence; a package's contents listed after it is announced; a parliament beside the
pledge; tank crews are not tanks."""

import pytest

from ingest.extraction import extract


def pledges(text: str, language: str) -> list[tuple[str, str, str]]:
    result = extract(text, language=language, published="2024-03-01")
    return [(p.donor, p.recipient, p.kind) for p in result.pledges]


@pytest.mark.parametrize(
    ("text", "language", "recipient"),
    [
        ("France will deliver three GM200 radars to Armenia.", "en", "AM"),
        ("La France livrera trois radars GM200 à l'Arménie.", "fr", "AM"),
        ("Frankreich liefert Armenien drei Radare GM200.", "de", "AM"),
        ("Франція передасть Вірменії три радари GM200.", "uk", "AM"),
        ("Germania va dona Republicii Moldova radare de supraveghere.", "ro", "MD"),
        ("Німеччина передасть Молдові радари.", "uk", "MD"),
        ("L'Italia invierà a Israele munizioni e radar.", "it", "IL"),
        ("США передадуть Тайваню зенітні ракети Stinger.", "uk", "TW"),
        ("Polska przekaże Gruzji 20 transporterów opancerzonych.", "pl", "GE"),
        ("Deutschland liefert Georgien zehn Radare.", "de", "GE"),
        (
            "The United States will give the Philippines $500 million in military financing.",
            "en",
            "PH",
        ),
    ],
)
def test_recipient_named_in_each_language(text, language, recipient):
    assert [r for _, r, _ in pledges(text, language)] == [recipient]


def test_recipient_is_the_pledge_sentences_own():
    text = (
        "Biden authorised $345 million in weapons for Taiwan on Friday. "
        "The authority has mostly served Ukraine since 2022."
    )
    assert pledges(text, "en") == [("US", "TW", "package")]


def test_article_about_ukraine_keeps_ua_when_pledge_names_no_recipient():
    text = "Germany will deliver 15 Gepard tanks. Ukraine asked for them in January."
    assert [r for _, r, _ in pledges(text, "en")] == ["UA"]


@pytest.mark.parametrize(
    ("text", "language", "trainer"),
    [
        (
            "Poland will train Ukrainian crews on the Leopard 2 tanks that Germany delivered.",
            "en",
            "PL",
        ),
        (
            "Polen wird ukrainische Besatzungen an den Leopard-2-Panzern ausbilden, "
            "die Deutschland im Januar geliefert hat.",
            "de",
            "PL",
        ),
        (
            "Le Portugal formera les équipages ukrainiens sur les chars Leopard 2 "
            "que l'Allemagne a livrés.",
            "fr",
            "PT",
        ),
        (
            "España formará a las tripulaciones ucranianas en los carros Leopard 2 "
            "que Alemania entregó.",
            "es",
            "ES",
        ),
        (
            "Kanada wyśle do Polski instruktorów, którzy będą szkolić ukraińskie załogi "
            "na czołgach Leopard 2A4 przekazanych przez Polskę.",
            "pl",
            "CA",
        ),
    ],
)
def test_trainer_on_tanks_another_gave(text, language, trainer):
    assert pledges(text, language) == [(trainer, "UA", "training")]
    result = extract(text, language=language, published="2024-03-01")
    assert [list(p.items) for p in result.pledges] == [[]]  # the tanks are not the trainer's


def test_giver_after_training_clause_gives_equipment():
    text = (
        "The Netherlands and Denmark will train Ukrainian pilots on F-16 jets, "
        "and Norway will send two aircraft."
    )
    found = pledges(text, "en")
    assert ("NL", "UA", "training") in found and ("DK", "UA", "training") in found
    assert ("NO", "UA", "equipment") in found


def test_donor_giving_and_training_in_german_is_a_donation():
    text = (
        "Ottawa teilte mit, dass Kanada vier Leopard 2A4 bereitstellt "
        "und Besatzungen ausbilden will."
    )
    assert pledges(text, "de") == [("CA", "UA", "equipment")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Canada will send instructors to train Ukrainian soldiers.", "en"),
        ("Kanada wyśle instruktorów na Ukrainę.", "pl"),
        ("Die Niederlande stellen Ausbilder zur Verfügung.", "de"),
        ("Канада направить інструкторів для українських військових.", "uk"),
    ],
)
def test_instructors_are_training(text, language):
    assert [k for _, _, k in pledges(text, language)] == ["training"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Литва передасть Україні новий пакет військової допомоги. "
            "До нього увійдуть десять бронетранспортерів M577.",
            "uk",
        ),
        (
            "Lithuania will hand over a new military aid package to Ukraine. "
            "It will include ten M577 armoured personnel carriers.",
            "en",
        ),
    ],
)
def test_contents_after_an_announced_package(text, language):
    result = extract(text, language=language, published="2024-03-01")
    assert [(p.donor, [(i.name, i.quantity) for i in p.items]) for p in result.pledges] == [
        ("LT", [("M113", 10)])
    ]


def test_parliament_in_a_later_clause_does_not_block():
    text = (
        "President Biden on Friday authorised $345 million in weapons for Taiwan, the first "
        "use of the drawdown authority created by Congress last year."
    )
    assert [(d, k) for d, _, k in pledges(text, "en")] == [("US", "package")]


def test_parliament_before_the_pledge_blocks():
    text = "After the House passed it, the $61 billion package for Ukraine goes to the Senate."
    assert pledges(text, "en") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kanada będzie szkolić ukraińskich czołgistów.", "pl"),
        ("Канада навчатиме українських танкістів.", "uk"),
    ],
)
def test_tank_crews_are_no_tanks(text, language):
    result = extract(text, language=language, published="2024-03-01")
    assert all(i.category != "tank" for p in result.pledges for i in p.items)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukraine will receive 14 tanks from Poland.", "en"),
        ("Україна отримає від Польщі ще 14 танків.", "uk"),
        ("Ukraina otrzyma od Polski 14 czołgów.", "pl"),
        ("Die Ukraine erhält von Polen 14 Panzer.", "de"),
        ("Украина получит от Польши 14 танков.", "ru"),
        ("L'Ukraine recevra de la Pologne 14 chars.", "fr"),
        ("Ucrania recibirá de Polonia 14 tanques.", "es"),
        ("Ukraina får 14 stridsvogner fra Polen.", "no"),
    ],
)
def test_recipient_receives_from_a_donor(text, language):
    assert pledges(text, language) == [("PL", "UA", "equipment")]


def test_buying_from_a_seller_is_still_no_gift():
    text = "Poland will receive 250 Abrams tanks it is buying from the United States."
    assert [d for d, _, _ in pledges(text, "en")] != ["US"]


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("Polonia va preda Ucrainei 12 lansatoare multiple de rachete.", "ro", "rocket_artillery"),
        ("Polen överlämnar 12 raketartillerisystem till Ukraina.", "sv", "rocket_artillery"),
        ("Polsko předá Ukrajině 30 sanitek.", "cs", "medical"),
        (
            "A Polónia entregará à Ucrânia 12 lançadores múltiplos de foguetes.",
            "pt",
            "rocket_artillery",
        ),
    ],
)
def test_more_inflected_generic_items(text, language, category):
    result = extract(text, language=language, published="2024-03-01")
    assert [i.category for p in result.pledges for i in p.items] == [category]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Norway has not yet said how many jets it will give.", "en"),
        ("Norge har endnu ikke sagt, hvor mange fly det vil afgive.", "da"),
        ("Norwegen hat noch nicht gesagt, wie viele Jets es abgeben wird.", "de"),
    ],
)
def test_negated_clause_of_the_giver_before_the_pledge_verb(text, language):
    assert pledges(text, language) == []


def test_negated_clause_of_another_donor_does_not_block():
    text = "Poland has not decided yet, but Germany will deliver 14 Leopard 2 tanks."
    assert [(d, k) for d, _, k in pledges(text, "en")] == [("DE", "equipment")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Storbritannien vil give ukrainske piloter den grundlæggende flyveuddannelse, "
            "inden de sendes videre til træning på de F-16-fly, som Danmark har doneret.",
            "da",
        ),
        ("Sverige ger ukrainska piloter grundutbildning på Gripen.", "sv"),
    ],
)
def test_compound_training_words(text, language):
    assert [k for _, _, k in pledges(text, language)] == ["training"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Germany will send 14 Leopard 2 tanks, following Britain, which pledged "
            "14 Challenger 2 tanks last week.",
            "en",
        ),
        (
            "Deutschland liefert 14 Leopard 2, nachdem Großbritannien bereits 14 Challenger 2 "
            "zugesagt hatte.",
            "de",
        ),
        (
            "L'Allemagne livrera 14 Leopard 2, après le Royaume-Uni qui a promis 14 Challenger 2 "
            "la semaine dernière.",
            "fr",
        ),
    ],
)
def test_donor_followed_is_not_pledging(text, language):
    result = extract(text, language=language, published="2024-03-01")
    assert [(p.donor, [(i.name, i.quantity) for i in p.items]) for p in result.pledges] == [
        ("DE", [("Leopard 2", 14)])
    ]


def test_pledge_after_a_relative_clause_of_earlier_aid():
    text = (
        "Britain, which has already delivered 14 Challenger 2 tanks, will now also send "
        "20 AS-90 howitzers."
    )
    result = extract(text, language="en", published="2024-03-01")
    assert [(p.donor, [(i.name, i.quantity) for i in p.items]) for p in result.pledges] == [
        ("GB", [("AS-90 (AS90)", 20)])
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Germany pledged €500 million for Ukraine and €50 million for Moldova.",
            "en",
            [("DE", "UA"), ("DE", "MD")],
        ),
        (
            "The EU approved €40 million for Moldova's army and €5 billion for Ukraine.",
            "en",
            [("EU", "MD"), ("EU", "UA")],
        ),
    ],
)
def test_recipient_of_each_sum(text, language, expected):
    assert [(d, r) for d, r, _ in pledges(text, language)] == expected


def test_receiving_needs_a_recipient_as_subject():
    text = "Polen får 250 stridsvagnar från USA."
    assert "US" not in [d for d, _, _ in pledges(text, "sv")]


def test_donor_before_a_receiving_verb_gives():
    text = "Under the German package, Ukraine will receive 18 howitzers."
    assert [d for d, _, _ in pledges(text, "en")] == ["DE"]
