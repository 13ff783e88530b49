"""The words that chain donors ("Germany and the Netherlands") and that open a clause of
their own ("after", "nachdem", "po tym, jak") come from the lexicons: each language's own
words are read, in any article, since articles quote names and clauses in several."""

import pytest

from ingest.extraction import extract
from ingest.extraction.assemble import clause_break
from ingest.extraction.donors import chain
from ingest.extraction.lexicon import available_languages, load_raw


@pytest.mark.parametrize("language", available_languages())
def test_every_language_names_its_chain_words(language):
    words = load_raw(language)["donor_chain_words"]
    assert words
    for word in words:
        assert chain().fullmatch(f", {word} "), word


@pytest.mark.parametrize("language", available_languages())
def test_chain_words_with_the_languages_articles(language):
    lexicon = load_raw(language)
    for article in lexicon["donor_chain_articles"]:
        assert chain().fullmatch(f" {lexicon['donor_chain_words'][0]} {article} "), article


@pytest.mark.parametrize(
    "gap", [" und damit ", " andthe ", " because ", ", but "], ids=lambda g: g.strip()
)
def test_other_gaps_are_no_chain(gap):
    assert chain().fullmatch(gap) is None


def test_every_subordinator_opens_a_clause():
    for language in available_languages():
        for word in load_raw(language)["clause_subordinators"]:
            text = f"Berlin sent tanks {word} the vote"
            assert clause_break().search(text).start() == len("Berlin sent tanks "), word


def test_a_numbers_comma_opens_no_clause():
    assert [m.group() for m in clause_break().finditer("10,000 rounds, and 1,5 mld")] == [","]


@pytest.mark.parametrize(
    ("text", "donors"),
    [
        ("Polska oraz Litwa przekażą Ukrainie 20 moździerzy.", {"PL", "LT"}),
        ("Norge og Danmark vil sende Ukraina 12 haubitser.", {"NO", "DK"}),
        ("Francja i Belgia przekażą Ukrainie 10 dział.", {"FR", "BE"}),
    ],
)
def test_coordinated_donors_each_pledge(text, donors):
    assert {p.donor for p in extract(text, published="2024-05-02").pledges} == donors
