# ruff: noqa: RUF001 - sample text in many scripts
"""Faster forms of the engine's patterns find exactly what the plain forms find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extraction.dates import NUMERIC_DATE
from ingest.extraction.donors import PREV_WORD, prev_word
from ingest.extraction.lexicon import alternation, phrase_pattern
from ingest.extraction.matcher import Matcher
from ingest.extraction.sentences import split_sentences

WORDS = ["Mai", "mai*", "juni", "US", "EU", "ab-c", "l'an", "a.b", "$x", "€", "sept", "septembre"]
TEXT = st.lists(
    st.sampled_from([*WORDS, " ", "-", "'", "’", ".", ",", "x", "9", "\n", "é", "Ж", "_"]),
    max_size=40,
).map("".join)


def plain_alternation(phrases: list[str]) -> str:
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in unique)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), TEXT)
def test_hoisted_word_start_matches_like_the_plain_alternation(phrases, text):
    plain = re.compile(plain_alternation(phrases), re.IGNORECASE)
    hoisted = re.compile(alternation(phrases), re.IGNORECASE)
    assert [m.span() for m in hoisted.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500)
@given(TEXT)
def test_prev_word_is_the_word_prev_word_pattern_finds(text):
    m = PREV_WORD.search(text)
    assert prev_word(text) == (m.group(1) if m else None)


DIGITS = st.lists(st.sampled_from([*"0123456789.- ", "\u00a0", "\u0663"]), max_size=30)


@settings(max_examples=500)
@given(DIGITS.map("".join))
def test_numeric_date_pattern_matches_like_its_plain_spelling(text):
    plain = re.compile(r"\d\.\s?[01]?\d\.\s?\d{4}|\d{4}-\d\d-\d\d")
    assert [m.span() for m in NUMERIC_DATE.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_a_phrase_several_lexicons_share_is_found_once_with_the_first_value():
    m = Matcher()
    m.add("donor", "US", "Washington")
    m.add("donor", "XX", "Washington")  # a copy from another lexicon: never wins
    m.add("recipient", "UA", "Washington")  # another table: its own hit
    assert [(h.table, h.value) for h in m.find("In Washington today")] == [
        ("donor", "US"),
        ("recipient", "UA"),
    ]


def test_short_capitals_only_match_capitals_even_when_a_lower_phrase_shares_the_word():
    m = Matcher()
    m.add("donor", "US", "US")
    m.add("cue:pledge", "us", "us")
    assert [(h.table, h.value) for h in m.find("US")] == [("donor", "US"), ("cue:pledge", "us")]
    assert [(h.table, h.value) for h in m.find("us")] == [("cue:pledge", "us")]


def test_sentences_end_after_their_punctuation_and_skip_abbreviations():
    text = "Mr. Smith came.  Then 13. Juni was late!\nNew line «Quote.» Next"
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Mr. Smith came.",
        "Then 13. Juni was late!",
        "New line «Quote.",  # the closing quote stays between the sentences
        "Next",
    ]
