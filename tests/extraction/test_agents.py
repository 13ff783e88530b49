"""Only the agent of a pledging act is a donor: makers, buyers, hosts, earlier givers,
coalition members and onlookers named in the same text are not."""

import pytest

from .conftest import pledges_of

PUBLISHED = "2024-06-10"
SE_EN = "Sweden announced on Monday that it will send ten CV90 fighting vehicles to Ukraine. "
SE_DE = "Schweden kündigte am Montag an, zehn CV90-Schützenpanzer an die Ukraine zu liefern. "
SE_FR = "La Suède a annoncé lundi l'envoi de dix véhicules de combat CV90 à l'Ukraine. "
SE_ES = "Suecia anunció el lunes el envío de diez vehículos de combate CV90 a Ucrania. "
SE_IT = "La Svezia ha annunciato lunedì l'invio di dieci veicoli CV90 all'Ucraina. "
SE_PL = "Szwecja ogłosiła w poniedziałek, że przekaże Ukrainie dziesięć wozów bojowych CV90. "
SE_NL = "Zweden kondigde maandag aan tien CV90-pantservoertuigen aan Oekraïne te leveren. "


def donors(text: str, language: str) -> list[str]:
    return sorted(p[0] for p in pledges_of(text, language=language, published=PUBLISHED))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the maker or country of origin of a system
        ("Poland will send 14 German Leopard 2 tanks to Ukraine, Warsaw said.", "en", ["PL"]),
        ("The Netherlands will deliver the American-made F-16 jets to Ukraine.", "en", ["NL"]),
        ("Polen liefert 14 deutsche Leopard-2-Panzer an die Ukraine.", "de", ["PL"]),
        ("La Pologne va livrer 14 chars Leopard allemands à l'Ukraine.", "fr", ["PL"]),
        ("Polonia enviará 14 tanques Leopard alemanes a Ucrania.", "es", ["PL"]),
        ("La Polonia invierà 14 carri armati Leopard tedeschi all'Ucraina.", "it", ["PL"]),
        ("Polska przekaże Ukrainie 14 niemieckich czołgów Leopard.", "pl", ["PL"]),
    ],
)
def test_maker_is_not_a_donor(text, language, expected):
    assert donors(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # earlier deliveries cited as background
        (SE_EN + "In 2023, Finland delivered Leopard 2R mine-clearing tanks to Ukraine.", "en"),
        (SE_EN + "Last year Norway sent NASAMS air defence systems to Ukraine.", "en"),
        (SE_DE + "Finnland hatte 2023 Leopard-2R-Räumpanzer an die Ukraine geliefert.", "de"),
        (SE_FR + "L'an dernier, la Norvège avait livré des systèmes NASAMS à l'Ukraine.", "fr"),
        (SE_ES + "En 2023, Finlandia entregó tanques Leopard 2R a Ucrania.", "es"),
        (SE_IT + "L'anno scorso la Norvegia aveva fornito sistemi NASAMS all'Ucraina.", "it"),
        (SE_PL + "W zeszłym roku Norwegia przekazała Ukrainie systemy NASAMS.", "pl"),
        (SE_NL + "Vorig jaar leverde Noorwegen NASAMS-systemen aan Oekraïne.", "nl"),
        # buyers of a system for themselves
        (SE_EN + "Poland has ordered 96 Apache helicopters from the United States.", "en"),
        (SE_EN + "The Netherlands bought 46 Leopard 2 tanks for its own army.", "en"),
        (SE_DE + "Polen hat 96 Apache-Hubschrauber in den USA bestellt.", "de"),
        (SE_FR + "La Pologne a commandé 96 hélicoptères Apache aux États-Unis.", "fr"),
        (SE_ES + "Polonia compró 96 helicópteros Apache a Estados Unidos.", "es"),
        (SE_IT + "La Polonia ha acquistato 96 elicotteri Apache dagli Stati Uniti.", "it"),
        (SE_PL + "Polska zamówiła 96 śmigłowców Apache w USA.", "pl"),
        # coalition members, hosts of training, onlookers
        (SE_EN + "The armour coalition, which Norway and Denmark joined in May, backs it.", "en"),
        (SE_EN + "The pilots will be trained at a Danish air base.", "en"),
        (SE_EN + "Finland welcomed the Swedish package.", "en"),
        (SE_DE + "Norwegen und Dänemark beteiligen sich an der Panzerkoalition.", "de"),
        (SE_FR + "La Norvège et le Danemark participent à la coalition des blindés.", "fr"),
        (SE_ES + "Noruega y Dinamarca participan en la coalición de blindados.", "es"),
    ],
)  # fmt: skip
def test_only_the_announcing_donor(text, language):
    assert donors(text, language) == ["SE"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Poland welcomed the American package of HIMARS launchers for Ukraine.", "en", ["US"]),
        ("Des pilotes ukrainiens seront formés sur une base danoise, a annoncé la Belgique, "
         "qui promet 30 F-16 à l'Ukraine.", "fr", ["BE"]),
        ("Germany has refused to deliver Taurus missiles to Ukraine. Britain and France have "
         "supplied Storm Shadow and SCALP cruise missiles to Kyiv.", "en", []),
        ("Deutschland lehnt die Lieferung von Taurus-Marschflugkörpern ab. Großbritannien und "
         "Frankreich haben Storm Shadow und SCALP geliefert.", "de", []),
    ],
)  # fmt: skip
def test_onlookers_and_refusals(text, language, expected):
    assert donors(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Germany's new package includes IRIS-T systems, Berlin said, while Ukraine thanked "
         "the Netherlands for its F-16 jets delivered last year.", "en"),
        ("Das neue deutsche Paket umfasst IRIS-T-Systeme, teilte Berlin mit, während Kiew den "
         "Niederlanden für die im vergangenen Jahr gelieferten F-16 dankte.", "de"),
        ("Le nouveau paquet allemand comprend des systèmes IRIS-T, a indiqué Berlin, tandis que "
         "Kiev a remercié les Pays-Bas pour les F-16 livrés l'an dernier.", "fr"),
        ("El nuevo paquete alemán incluye sistemas IRIS-T, dijo Berlín, mientras Kiev agradeció "
         "a los Países Bajos los F-16 entregados el año pasado.", "es"),
    ],
)  # fmt: skip
def test_thanks_for_last_years_aid_is_background(text, language):
    assert donors(text, language) == ["DE"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (SE_EN + "Denmark hosts the training centre for the CV90 crews.", "en"),
        (SE_DE + "Dänemark ist Gastgeber des Ausbildungszentrums für die CV90-Besatzungen.", "de"),
        (SE_FR + "La Roumanie héberge le centre de formation des équipages.", "fr"),
        (SE_ES + "Rumanía alberga el centro de entrenamiento de las tripulaciones.", "es"),
    ],
)
def test_a_host_is_not_a_donor(text, language):
    assert donors(text, language) == ["SE"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukraine received the Swedish Archer howitzers in 2023, and now Norway will send ten "
         "more.", "en"),
        ("Die Ukraine erhielt 2023 die schwedischen Archer-Haubitzen, nun liefert Norwegen zehn "
         "weitere.", "de"),
    ],
)  # fmt: skip
def test_a_past_year_in_another_clause_leaves_the_new_pledge(text, language):
    assert donors(text, language) == ["NO"]
