import pytest

from ingest.extraction import extract
from ingest.extraction.dates import parse_date_line, sentence_date


@pytest.mark.parametrize(
    ("raw", "published", "rest"),
    [
        (" date 2023-06 Le ministre", "2023-06", "Le ministre"),
        ("date: 2023-06-16\nText", "2023-06-16", "Text"),
        ("\ufeffdate: 2024\nText", "2024", "Text"),
        ("No date line here", None, "No date line here"),
        ("date: 2023-13-01\nBad month", None, "date: 2023-13-01\nBad month"),
    ],
)
def test_parse_date_line(raw, published, rest):
    assert parse_date_line(raw) == (published, rest)


@pytest.mark.parametrize(
    ("sentence", "language", "published", "expected"),
    [
        ("en annonçant le 13 juin une rallonge", "fr", "2023-06", "2023-06-13"),
        ("announced on June 13, 2023 a package", "en", None, "2023-06-13"),
        ("announced on 13 June a package", "en", "2023-06-20", "2023-06-13"),
        ("kündigte am 13. Juni an", "de", "2023-06-20", "2023-06-13"),
        ("anunció el 13 de junio", "es", "2023-06-20", "2023-06-13"),
        ("ogłosił 13 czerwca", "pl", "2023-06-20", "2023-06-13"),
        ("оголосив 13 червня", "uk", "2023-06-20", "2023-06-13"),
        ("The Pentagon said on Tuesday", "en", "2023-06-16", "2023-06-13"),
        ("a déclaré jeudi", "fr", "2023-06-16", "2023-06-15"),
        ("meddelte i går", "da", "2023-06-16", "2023-06-15"),
        ("in December 2022", "en", "2023-01-10", "2022-12"),
        ("announced on 20 December", "en", "2023-01-05", "2022-12-20"),
        ("since 24 February 2022 it has given", "en", "2023-06-16", None),
        ("no date at all", "en", "2023-06-16", None),
        # the month comes first only in English: "im April 20 Marder" is a month and a count
        ("announced on April 20 a package", "en", "2023-05-03", "2023-04-20"),
        ("sagte, im April 20 Marder zu schicken", "de", "2023-05-03", None),
        ("dijo que en abril 20 blindados llegarían", "es", "2023-05-03", None),
        ("zapowiedział na kwiecień 2023 dostawę", "pl", "2023-05-03", "2023-04"),
    ],
)
def test_sentence_date(sentence, language, published, expected):
    found = sentence_date(sentence, language, published)
    assert (str(found) if found else None) == expected


def test_a_count_after_a_german_month_leaves_the_announcement_date_alone():
    text = "Am Dienstag kündigte Berlin an, im April 20 weitere Marder zu schicken."
    (pledge,) = extract(text, published="2023-05-03").pledges
    assert (pledge.donor, pledge.announced_on) == ("DE", "2023-05-02")
    assert [(i.name, i.quantity) for i in pledge.items] == [("Marder", 20)]
