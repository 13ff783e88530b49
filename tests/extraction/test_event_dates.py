"""Dates counted from the article's event ("the eve") and dates given by the sentence that
attributes a pledge ("... The decision was taken on Thursday")."""

import pytest

from ingest.extraction import extract

PUBLISHED = "2023-02-25"  # a Saturday; the lede's event is Friday 2023-02-24


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sweden marked the anniversary on Friday with a new package. Finland had announced "
         "its own €161 million package for Ukraine a day earlier.", "en"),
        ("Sverige markerade årsdagen på fredagen med ett nytt paket. Finland meddelade dagen "
         "innan ett eget stödpaket till Ukraina värt 161 miljoner euro.", "sv"),
        ("Україна відзначила річницю в п'ятницю. Напередодні Фінляндія оголосила пакет "
         "допомоги на 161 млн євро.", "uk"),
        ("La Suède a marqué l'anniversaire vendredi avec un nouveau paquet. La veille, la "
         "Finlande avait annoncé son propre paquet de 161 millions d'euros pour l'Ukraine.",
         "fr"),
    ],
)  # fmt: skip
def test_eve_counts_from_the_event(text, language):
    result = extract(text, published=PUBLISHED, language=language)
    finland = [p for p in result.pledges if p.donor == "FI"]
    assert [p.announced_on for p in finland] == ["2023-02-23"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Finland will send Ukraine a package worth €400 million with heavy artillery. "
         "The president took the decision on Thursday.", "en"),
        ("Suomi lähettää Ukrainalle 400 miljoonan euron paketin, johon kuuluu raskasta "
         "tykistöä. Tasavallan presidentti teki päätöksen torstaina.", "fi"),
        ("Finnland schickt der Ukraine ein Paket über 400 Millionen Euro mit schwerer "
         "Artillerie. Die Entscheidung fiel am Donnerstag.", "de"),
        ("La Finlande enverra à l'Ukraine un paquet de 400 millions d'euros avec de "
         "l'artillerie lourde. Le président a pris la décision jeudi.", "fr"),
    ],
)  # fmt: skip
def test_the_attributing_sentence_dates_the_pledge(text, language):
    result = extract(text, published=PUBLISHED, language=language)
    assert [(p.donor, p.announced_on) for p in result.pledges] == [("FI", "2023-02-23")]
