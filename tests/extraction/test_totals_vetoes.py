"""Running totals, budgets and vetoes are not pledges; the new pledge beside a total is."""

import pytest

from .conftest import pledges_of

PUBLISHED = "2024-06-10"


def valued(text: str, language: str) -> list[tuple[str, object]]:
    found = pledges_of(text, language=language, published=PUBLISHED)
    return sorted((p[0], p[1]) for p in found)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Sweden announced a new package worth SEK 7.1 billion, bringing its total support to "
         "SEK 43.5 billion.", "en", [("SE", 7_100_000_000)]),
        ("Schweden kündigte ein neues Paket über 7,1 Milliarden Kronen an, womit sich die "
         "Gesamthilfe auf 43,5 Milliarden Kronen beläuft.", "de", [("SE", 7_100_000_000)]),
        ("La Suède a annoncé un nouveau paquet de 7,1 milliards de couronnes, portant son aide "
         "totale à 43,5 milliards de couronnes.", "fr", [("SE", 7_100_000_000)]),
        ("Suecia anunció un nuevo paquete de 7.100 millones de coronas, con lo que su ayuda "
         "total asciende a 43.500 millones de coronas.", "es", [("SE", 7_100_000_000)]),
        ("Denmark announced a new package worth DKK 1.7 billion on Thursday. It brings "
         "Denmark's total military aid to DKK 65 billion since 2022.", "en",
         [("DK", 1_700_000_000)]),
        ("Germany's military support adds up to €7 billion this year.", "en", []),
        ("Die deutsche Militärhilfe summiert sich in diesem Jahr auf 7 Milliarden Euro.", "de", []),
        ("The United States has provided $60 billion in military aid since February 2022.",
         "en", []),
        ("Germany's budget for military aid to Ukraine is €8 billion in 2025, Berlin said. "
         "Pistorius announced a new €500 million package with IRIS-T systems.", "en",
         [("DE", 500_000_000)]),
    ],
)  # fmt: skip
def test_totals_are_not_pledges(text, language, expected):
    assert valued(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hungary blocks the €500 million EU tranche for Ukraine's military aid.", "en"),
        ("Ungarn blockiert die EU-Tranche von 500 Millionen Euro für die Ukraine.", "de"),
        ("La Hongrie bloque la tranche de 500 millions d'euros de l'UE pour l'Ukraine.", "fr"),
        ("Hungría bloquea el tramo de 500 millones de euros de la UE para Ucrania.", "es"),
        ("L'Ungheria blocca la tranche da 500 milioni di euro dell'UE per l'Ucraina.", "it"),
    ],
)
def test_a_veto_is_no_pledge_of_the_blocker(text, language):
    assert valued(text, language) == []


def test_a_veto_beside_a_real_pledge():
    text = (
        "Hungary has vetoed the EU's €500 million tranche for military aid to Ukraine. "
        "Meanwhile Germany announced a €100 million package."
    )
    assert valued(text, "en") == [("DE", 100_000_000)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Britain will provide military aid of £3 billion a year to Ukraine for as long as it "
         "takes, and announced a new £500 million package on Thursday.", "en"),
        ("Großbritannien stellt der Ukraine jährlich 3 Milliarden Pfund Militärhilfe bereit und "
         "kündigte am Donnerstag ein neues Paket über 500 Millionen Pfund an.", "de"),
        ("Le Royaume-Uni fournira 3 milliards de livres par an d'aide militaire à l'Ukraine, et "
         "a annoncé jeudi un nouveau paquet de 500 millions de livres.", "fr"),
        ("El Reino Unido aportará 3.000 millones de libras al año en ayuda militar a Ucrania, y "
         "anunció el jueves un nuevo paquete de 500 millones de libras.", "es"),
    ],
)  # fmt: skip
def test_a_yearly_framework_then_the_news(text, language):
    assert valued(text, language) == [("GB", 500_000_000)]


def test_a_total_and_its_part_are_both_left_out():
    text = (
        "Since February 2022 Britain says it has provided nearly £12 billion in support of "
        "all kinds, of which £7.1 billion is military."
    )
    assert valued(text, "en") == []
