# ruff: noqa: RUF001 - Cyrillic text on purpose
"""Running totals framed by the new package, packages stuck in a legislature and
tranches blocked by a third party are not pledges (own sentences, several languages)."""

import pytest

from .conftest import pledges_of

PUBLISHED = "2024-03-10"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("With the new package, Norway's total military support since the full-scale invasion "
         "amounts to about NOK 28 billion.", "en"),
        ("The overall volume of Latvia's military aid to Ukraine exceeds €370 million.", "en"),
        ("This is a combined figure including all earlier deliveries: Finland has given "
         "€2 billion.", "en"),
        ("Med det nya paketet uppgår Norges totala militära stöd sedan invasionen till cirka "
         "28 miljarder kronor.", "sv"),
        ("Общий объем военной помощи Латвии Украине превышает 370 миллионов евро.", "ru"),
        ("Den samlede militære støtte fra Norge udgør nu 28 milliarder kroner.", "da"),
        ("The US aid package of about $60 billion is stuck in the House of Representatives.",
         "en"),
        ("A $95 billion package for Ukraine is awaiting a vote in the US Congress.", "en"),
        ("Das US-Hilfspaket über rund 60 Milliarden Dollar hängt im Repräsentantenhaus fest.",
         "de"),
        ("Пакет помощи США на 60 миллиардов долларов заблокирован в Конгрессе.", "ru"),
        ("Hungary continues to block the next €500 million tranche from the European Peace "
         "Facility.", "en"),
        ("Венгрия продолжает блокировать очередной транш в 500 миллионов евро из Европейского "
         "фонда мира.", "ru"),
        ("Maďarsko blokuje dál další tranši 500 milionů eur z Evropského mírového nástroje.",
         "cs"),
        ("Ungarn blockiert weiterhin die nächste Tranche von 500 Millionen Euro aus der "
         "Friedensfazilität.", "de"),
    ],
)  # fmt: skip
def test_totals_stuck_and_blocked_are_not_pledges(text, language):
    assert pledges_of(text, language=language, published=PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "language", "donor", "amount"),
    [
        ("Norway announced a new package worth NOK 1.5 billion on Tuesday.", "en", "NO",
         1_500_000_000),
        ("Латвия объявила о новом пакете военной помощи на 20 миллионов евро.", "ru", "LV",
         20_000_000),
        ("Suomi julkisti uuden paketin. Paketin kokonaisarvo on 161 miljoonaa euroa.", "fi",
         "FI", 161_000_000),
    ],
)  # fmt: skip
def test_the_new_package_itself_stays(text, language, donor, amount):
    found = pledges_of(text, language=language, published=PUBLISHED)
    assert [(p[0], p[1]) for p in found] == [(donor, amount)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mit dem neuen Paket beläuft sich die gesamte Militärhilfe Schwedens seit Beginn der "
         "Invasion auf rund 43,5 Milliarden Kronen.", "de"),
        ("Avec ce nouveau paquet, le soutien militaire total de la Suède depuis l'invasion à "
         "grande échelle s'élève à environ 43,5 milliards de couronnes.", "fr"),
        ("Con el nuevo paquete, el apoyo militar total de Suecia desde la invasión a gran "
         "escala asciende a unos 43.500 millones de coronas.", "es"),
        ("Wraz z nowym pakietem łączna pomoc wojskowa Szwecji od początku pełnoskalowej inwazji "
         "wynosi około 43,5 mld koron.", "pl"),
        ("З новим пакетом загальний обсяг військової допомоги Швеції з початку "
         "повномасштабного вторгнення становить близько 43,5 млрд крон.", "uk"),
        ("Con il nuovo pacchetto, il sostegno militare complessivo della Svezia dall'invasione "
         "su larga scala ammonta a circa 43,5 miliardi di corone.", "it"),
        ("S novým balíkem celkový objem vojenské pomoci Švédska od začátku plnohodnotné invaze "
         "přesahuje 43,5 miliardy korun.", "cs"),
        ("Met het nieuwe pakket komt de totale militaire steun van Zweden sinds de grootschalige "
         "invasie op ongeveer 43,5 miljard kronen.", "nl"),
    ],
)  # fmt: skip
def test_running_total_with_the_new_package_as_context(text, language):
    assert pledges_of(text, language=language, published=PUBLISHED) == []


def test_new_package_then_combined_figure():
    text = (
        "Estonia announced a new €20 million package on Monday. This is a combined figure "
        "including all earlier deliveries: €500 million."
    )
    found = pledges_of(text, language="en", published=PUBLISHED)
    assert [(p[0], p[1]) for p in found] == [("EE", 20_000_000)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le paquet d'aide américain d'environ 60 milliards de dollars est bloqué au Congrès.",
         "fr"),
        ("El paquete de ayuda estadounidense de unos 60.000 millones de dólares sigue bloqueado "
         "en el Congreso.", "es"),
        ("Amerykański pakiet pomocy o wartości około 60 mld dolarów utknął w Izbie "
         "Reprezentantów.", "pl"),
        ("Пакет допомоги США на 60 мільярдів доларів застряг у Палаті представників.", "uk"),
        ("Węgry nadal blokują kolejną transzę 500 mln euro z Europejskiego Instrumentu na rzecz "
         "Pokoju.", "pl"),
        ("Угорщина продовжує блокувати черговий транш у 500 мільйонів євро з Європейського "
         "фонду миру.", "uk"),
        ("La Hongrie continue de bloquer la prochaine tranche de 500 millions d'euros de la "
         "Facilité européenne pour la paix.", "fr"),
        ("Hungría sigue bloqueando el próximo tramo de 500 millones de euros del Fondo Europeo "
         "de Apoyo a la Paz.", "es"),
    ],
)  # fmt: skip
def test_stuck_and_blocked_in_more_languages(text, language):
    assert pledges_of(text, language=language, published=PUBLISHED) == []


def test_a_released_tranche_is_the_releasers_pledge():
    text = (
        "The EU released the €500 million tranche from the European Peace Facility after "
        "Hungary lifted its veto."
    )
    found = pledges_of(text, language="en", published=PUBLISHED)
    assert [(p[0], p[1]) for p in found] == [("EU", 500_000_000)]
