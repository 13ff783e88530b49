# ruff: noqa: RUF001 - multilingual test texts use look-alike letters on purpose
"""Item word lists live in the lexicons, one key per concept and language: every language
has them, and the regexes built from them read each language's own words."""

import pytest

from ingest.extraction.items import (
    after_regex,
    calibre_regex,
    conjunctions,
    join_gap,
    launcher_regex,
    one_unit_regex,
)
from ingest.extraction.lexicon import available_languages, load_raw

ITEM_KEYS = (
    "item_numbers",
    "item_that_is",
    "item_one_unit",
    "item_launchers",
    "item_conjunctions",
    "item_join_words",
    "calibre_units",
)


@pytest.mark.parametrize("language", available_languages())
def test_every_language_has_the_item_keys(language):
    lexicon = load_raw(language)
    for key in ITEM_KEYS:
        assert key in lexicon, f"{language}.json lacks {key}"
    assert lexicon["item_launchers"], language
    assert lexicon["item_one_unit"], language
    assert lexicon["item_conjunctions"], language


@pytest.mark.parametrize(
    ("language", "tail", "count"),
    [
        ("en", ", that is 14", "14"),
        ("pl", ", czyli 14", "14"),
        ("fr", ", soit 40", "40"),
        ("de", ", d. h. 12", "12"),
        ("sv", " – dvs. 8", "8"),
        ("uk", ", тобто 31", "31"),
        ("ru", ", то есть 31", "31"),
        ("ro", ", adică 5", "5"),
    ],
)
def test_that_is_words_per_language(language, tail, count):
    m = after_regex(language).match(tail)
    assert m is not None and m.group("n") == count


def test_that_is_word_of_another_language_is_not_read():
    assert after_regex("en").match(", czyli 14") is None


@pytest.mark.parametrize(
    ("language", "before"),
    [
        ("en", "a battery of "),
        ("pl", "baterię systemu obrony powietrznej "),
        ("fi", "yhden järjestelmän "),
        ("uk", "ще одну систему "),
        ("de", "eine weitere Feuereinheit "),
    ],
)
def test_one_unit_words_per_language(language, before):
    assert one_unit_regex(language).search(before) is not None


@pytest.mark.parametrize(
    ("language", "before"),
    [
        ("en", "two launchers for the "),
        ("fr", "deux lanceurs pour le système "),
        ("pl", "dwie wyrzutnie systemu "),
        ("de", "zwei Startgeräte für das "),
        ("ru", "две пусковые установки "),
    ],
)
def test_launcher_words_per_language(language, before):
    assert launcher_regex(language).search(before) is not None


@pytest.mark.parametrize("word", ["and", "oder", "або", "eller", "și", "oraz", "as well as"])
def test_conjunctions_from_every_lexicon(word):
    assert conjunctions().fullmatch(word)


@pytest.mark.parametrize("gap", [" of ", " de ", " d'", " für ", " калібру ", " kal. "])
def test_join_gap_words(gap):
    assert join_gap().match(gap)


@pytest.mark.parametrize(
    ("text", "calibres"),
    [
        ("155 mm", "155"),
        ("105 et 155 millimètres", "105 et 155"),
        ("152 міліметри", "152"),
        ("122 и 152 миллиметров", "122 и 152"),
    ],
)
def test_calibre_units_and_joins(text, calibres):
    m = calibre_regex().search(text)
    assert m is not None and (m.group(1) + m.group(2)) == calibres
