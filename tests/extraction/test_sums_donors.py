"""Lists of donors with their sums, running totals, vetoes, meetings and sums far from
their donor, in several languages."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "New pledges came from Norway (NOK 1 billion), Sweden (SEK 2 billion) and Denmark "
            "(DKK 500 million) for Ukraine's armed forces.",
            "en",
            [("DK", 500000000), ("NO", 1000000000), ("SE", 2000000000)],
        ),
        (
            "Norway pledged NOK 1 billion, Sweden SEK 2 billion and Denmark DKK 500 million "
            "in military aid for Ukraine.",
            "en",
            [("DK", 500000000), ("NO", 1000000000), ("SE", 2000000000)],
        ),
        (
            "Norwegen sagte 1 Milliarde Kronen zu, Schweden 2 Milliarden Kronen und Dänemark "
            "500 Millionen Kronen Militärhilfe für die Ukraine.",
            "de",
            [("DK", 500000000), ("NO", 1000000000), ("SE", 2000000000)],
        ),
        (
            "So far this year, Germany has given Ukraine military aid worth €7 billion.",
            "en",
            [],
        ),
        (
            "Germany has so far delivered weapons worth €28 billion to Ukraine.",
            "en",
            [],
        ),
        (
            "Depuis le début de la guerre, l'Allemagne a fourni pour 28 milliards d'euros "
            "d'armes à l'Ukraine.",
            "fr",
            [],
        ),
        (
            "Desde el inicio de la guerra, Alemania ha entregado armas por valor de 28.000 "
            "millones de euros a Ucrania.",
            "es",
            [],
        ),
        (
            "Dall'inizio della guerra la Germania ha fornito all'Ucraina armi per 28 miliardi "
            "di euro.",
            "it",
            [],
        ),
        (
            "The EU's €500 million tranche for Ukraine remains blocked by Hungary.",
            "en",
            [],
        ),
        (
            "Hungary again vetoed the release of €500 million from the European Peace "
            "Facility for Ukraine.",
            "en",
            [],
        ),
        (
            "Ungarn legte erneut sein Veto gegen die Freigabe von 500 Millionen Euro aus der "
            "Friedensfazilität für die Ukraine ein.",
            "de",
            [],
        ),
        (
            "Italy will send Ukraine a military package worth half a billion euros, Meloni said.",
            "en",
            [("IT", 500000000)],
        ),
        (
            "At the UDCG's 20th meeting, Germany pledged €500 million in military aid for Ukraine.",
            "en",
            [("DE", 500000000)],
        ),
        (
            "The Ukraine Defense Contact Group met in Brussels, where Germany pledged €500 "
            "million in military aid.",
            "en",
            [("DE", 500000000)],
        ),
        (
            "Ramstein participants pledged new air defence; Germany alone promised €500 million.",
            "en",
            [("DE", 500000000)],
        ),
        (
            "Bei der 20. Sitzung der Ramstein-Gruppe sagte Deutschland 500 Millionen Euro "
            "Militärhilfe für die Ukraine zu.",
            "de",
            [("DE", 500000000)],
        ),
        (
            "Lors de la 20e réunion du groupe de Ramstein, l'Allemagne a promis 500 millions "
            "d'euros d'aide militaire à l'Ukraine.",
            "fr",
            [("DE", 500000000)],
        ),
        (
            "En la vigésima reunión del Grupo de Contacto de Ramstein, Alemania prometió 500 "
            "millones de euros en ayuda militar a Ucrania.",
            "es",
            [("DE", 500000000)],
        ),
        (
            "Alla ventesima riunione del gruppo di Ramstein, la Germania ha promesso 500 "
            "milioni di euro di aiuti militari all'Ucraina.",
            "it",
            [("DE", 500000000)],
        ),
        (
            "Na 20. posiedzeniu grupy Ramstein Niemcy obiecały Ukrainie 500 mln euro pomocy "
            "wojskowej.",
            "pl",
            [("DE", 500000000)],
        ),
        (
            "The Contact Group, chaired by Lloyd Austin, heard new pledges: Germany promised "
            "€500 million for Ukraine's army.",
            "en",
            [("DE", 500000000)],
        ),
        (
            "Germany, whose defence minister Boris Pistorius visited the front-line city of "
            "Kharkiv on Thursday for talks with local commanders about the situation, pledged "
            "on that occasion a further military aid package for Ukraine worth 500 million "
            "euros.",
            "en",
            [("DE", 500000000)],
        ),
        (
            "Deutschland hat der Ukraine bei dem Besuch von Verteidigungsminister Boris "
            "Pistorius in der frontnahen Stadt Charkiw am Donnerstag nach Gesprächen mit den "
            "örtlichen Kommandeuren weitere Militärhilfe im Umfang von 500 Millionen Euro "
            "zugesagt.",
            "de",
            [("DE", 500000000)],
        ),
        (
            "L'Allemagne, dont le ministre de la Défense Boris Pistorius s'est rendu jeudi à "
            "Kharkiv pour s'entretenir avec les commandants locaux de la situation sur le "
            "front, a promis à cette occasion une nouvelle aide militaire d'une valeur de 500 "
            "millions d'euros.",
            "fr",
            [("DE", 500000000)],
        ),
        (
            "Alemania, cuyo ministro de Defensa Boris Pistorius visitó el jueves la ciudad de "
            "Járkov para hablar con los comandantes locales sobre la situación en el frente, "
            "prometió en esa ocasión una nueva ayuda militar por valor de 500 millones de "
            "euros.",
            "es",
            [("DE", 500000000)],
        ),
        (
            "La Germania, il cui ministro della Difesa Boris Pistorius ha visitato giovedì la "
            "città di Kharkiv per colloqui con i comandanti locali sulla situazione al "
            "fronte, ha promesso in quell'occasione un nuovo aiuto militare del valore di 500 "
            "milioni di euro.",
            "it",
            [("DE", 500000000)],
        ),
    ],
)
def test_sums_and_their_donors(text, language, expected):
    found = pledges_of(text, language=language, published="2024-06-10")
    assert sorted((p[0], p[1]) for p in found) == expected
