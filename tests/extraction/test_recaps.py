"""Earlier aid recalled in passing is no pledge: a sentence that dates itself by a bare
month name two to five months before publication, by "last month", or (for a sum) by a
past year; a leading "od lutego 2022 r." stays in its sentence."""

import pytest

from ingest.extraction.sentences import split_sentences

from .conftest import pledges_of

FRESH = {
    "es": "España enviará a Ucrania un paquete de 50 millones de euros, anunció el jueves Robles.",
    "ro": "România va trimite Ucrainei un sistem Patriot, a anunțat joi ministrul.",
    "en": "Germany will send 10,000 rounds of artillery ammunition to Ukraine, it said on Monday.",
    "fr": "La France enverra 20 canons CAESAR à l'Ukraine, a annoncé lundi le ministre.",
    "de": "Deutschland wird der Ukraine 20 Panzerhaubitzen liefern, sagte der Minister am Montag.",
    "pl": "Polska przekaże Ukrainie 20 haubic, poinformował w poniedziałek minister.",
}


@pytest.mark.parametrize(
    ("text", "language", "published"),
    [
        ("El paquete se enmarca en el acuerdo que firmaron en mayo, por el que España se "
         "comprometió a aportar 1.000 millones de euros a Ucrania.", "es", "2024-10-18"),
        ("România a donat Ucrainei un sistem de rachete Patriot în luna septembrie.", "ro",
         "2024-11-22"),
        ("Poland handed Ukraine 60 tanks in March, the minister recalled.", "en", "2024-07-02"),
        ("Last month the government said it would send another 10,000 rounds of artillery "
         "ammunition to Ukraine.", "en", "2024-02-13"),
        ("Le mois dernier, la France a annoncé l'envoi de 20 canons CAESAR à l'Ukraine.", "fr",
         "2024-02-13"),
        ("Im vergangenen Monat hatte Deutschland der Ukraine 20 Panzerhaubitzen zugesagt.", "de",
         "2024-02-13"),
        ("Le fonds spécial créé à l'automne 2022, doté de 200 millions d'euros, a permis à Kyiv "
         "d'acheter des équipements militaires auprès d'industriels français.", "fr",
         "2025-02-07"),
    ],
)  # fmt: skip
def test_recalled_aid_is_no_pledge(text, language, published):
    fresh = FRESH[language]
    found = pledges_of(f"{fresh}\n\n{text}", language=language, published=published)
    assert len(found) == 1  # the fresh pledge only
    assert pledges_of(fresh, language=language, published=published) == found


@pytest.mark.parametrize(
    ("text", "language", "published"),
    [
        ("Germany will deliver 20 howitzers to Ukraine in December.", "en", "2024-10-04"),
        ("Deutschland wird der Ukraine 20 Panzerhaubitzen im Dezember liefern.", "de",
         "2024-10-04"),
        ("Polska przekaże Ukrainie w grudniu 20 haubic.", "pl", "2024-10-04"),
    ],
)  # fmt: skip
def test_future_month_keeps_the_pledge(text, language, published):
    assert len(pledges_of(text, language=language, published=published)) == 1


def test_polish_year_abbreviation_does_not_end_the_sentence():
    text = "Od lutego 2022 r. Polska przekazała Ukrainie sprzęt o wartości ponad 3 mld euro."
    assert len(split_sentences(text)) == 1
    assert pledges_of(text, language="pl", published="2024-08-13") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In February, Britain had promised 14 Challenger 2 tanks to Ukraine.", "en"),
        ("En février, la France avait promis 12 canons CAESAR à l'Ukraine.", "fr"),
        ("W lutym Polska przekazała Ukrainie 10 haubic Krab.", "pl"),
    ],
)  # fmt: skip
def test_month_further_back_with_a_past_tense(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Britain will send 14 Challenger 2 tanks to Ukraine in March.", "en"),
        ("La France livrera 12 canons CAESAR à l'Ukraine en mars.", "fr"),
        ("Polska przekaże Ukrainie 10 haubic Krab w marcu.", "pl"),
    ],
)  # fmt: skip
def test_future_month_further_ahead_keeps_the_pledge(text, language):
    assert len(pledges_of(text, language=language, published="2024-10-10")) == 1
