# ruff: noqa: E501 - article prose keeps its paragraphs on one line
"""A whole article about one donor's pledge that names many other countries: makers,
earlier givers, coalition members, hosts, buyers, onlookers. Only the pledger is found."""

import pytest

from ingest.extraction import extract

ARTICLES = [
    (
        "en",
        "2024-03-08",
        {("DE", None)},
        """Germany to send more Skynet air defence to Ukraine

Berlin announced on Thursday that it will send Ukraine two more Skynex air defence systems, Defence Minister Boris Pistorius said.

The debate over the Taurus cruise missile continues. Chancellor Olaf Scholz has refused to deliver the missile, even though Britain and France have supplied their Storm Shadow and SCALP missiles to Kyiv for months.

The American-made Patriot systems that Germany gave last year remain the backbone of Ukraine's air defence. The Netherlands, Denmark and Norway have been part of the F-16 coalition led by Washington, and Ukrainian pilots are being trained at the Danish base of Skrydstrup.

Poland, which bought 96 Apache helicopters from the US in 2023, welcomed the German decision. Italy and Spain coordinated their positions at a NATO meeting in Brussels.
""",
    ),
    (
        "de",
        "2024-03-08",
        {("DE", None)},
        """Deutschland schickt weitere Skynex-Systeme

Deutschland wird der Ukraine zwei weitere Flugabwehrsysteme vom Typ Skynex liefern, kündigte Verteidigungsminister Boris Pistorius am Donnerstag an.

Die Debatte über den Marschflugkörper Taurus geht weiter. Kanzler Scholz lehnt eine Lieferung ab, obwohl Großbritannien und Frankreich seit Monaten Storm Shadow und SCALP an Kiew geliefert haben.

Die amerikanischen Patriot-Systeme, die Deutschland im vergangenen Jahr übergab, bilden das Rückgrat der ukrainischen Luftverteidigung. Die Niederlande, Dänemark und Norwegen gehören zur F-16-Koalition, und ukrainische Piloten werden auf dem dänischen Stützpunkt Skrydstrup ausgebildet.

Polen, das 2023 96 Apache-Hubschrauber in den USA kaufte, begrüßte die deutsche Entscheidung. Italien und Spanien stimmten sich bei einem NATO-Treffen in Brüssel ab.
""",
    ),
    (
        "fr",
        "2024-03-08",
        {("DE", None)},
        """L'Allemagne envoie deux nouveaux systèmes Skynex

L'Allemagne va livrer à l'Ukraine deux systèmes de défense antiaérienne Skynex supplémentaires, a annoncé jeudi le ministre de la Défense Boris Pistorius.

Le débat sur le missile Taurus se poursuit. Le chancelier Scholz refuse de livrer ce missile, alors que le Royaume-Uni et la France ont fourni depuis des mois leurs missiles Storm Shadow et SCALP à Kiev.

Les systèmes Patriot de fabrication américaine que l'Allemagne a cédés l'an dernier restent la colonne vertébrale de la défense aérienne ukrainienne. Les Pays-Bas, le Danemark et la Norvège font partie de la coalition F-16, et des pilotes ukrainiens sont formés sur la base danoise de Skrydstrup.

La Pologne, qui a acheté 96 hélicoptères Apache aux États-Unis en 2023, a salué la décision allemande. L'Italie et l'Espagne se sont coordonnées lors d'une réunion de l'OTAN à Bruxelles.
""",
    ),
    (
        "es",
        "2024-03-08",
        {("DE", None)},
        """Alemania enviará dos nuevos sistemas Skynex

Alemania entregará a Ucrania otros dos sistemas de defensa antiaérea Skynex, anunció el jueves el ministro de Defensa, Boris Pistorius.

El debate sobre el misil Taurus continúa. El canciller Scholz se niega a entregar el misil, aunque el Reino Unido y Francia llevan meses suministrando sus misiles Storm Shadow y SCALP a Kiev.

Los sistemas Patriot de fabricación estadounidense que Alemania cedió el año pasado siguen siendo la columna vertebral de la defensa aérea ucraniana. Países Bajos, Dinamarca y Noruega forman parte de la coalición de los F-16, y pilotos ucranianos se forman en la base danesa de Skrydstrup.

Polonia, que compró 96 helicópteros Apache a Estados Unidos en 2023, celebró la decisión alemana. Italia y España coordinaron sus posiciones en una reunión de la OTAN en Bruselas.
""",
    ),
]


@pytest.mark.parametrize(("language", "published", "expected", "text"), ARTICLES)
def test_only_the_pledger_of_a_crowded_article(language, published, expected, text):
    result = extract(text, published=published, language=language)
    assert {(p.donor, p.amount) for p in result.pledges} == expected
