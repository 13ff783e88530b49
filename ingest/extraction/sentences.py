# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Sentence spans: split on terminal punctuation and line breaks, never on abbreviations."""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_SENTENCE = 1500
# A boundary is the space after terminal punctuation (and closing quotes), or a line break.
# The match starts at the punctuation mark or the line break: a pattern that opens with a
# character class lets the regex engine skip to candidates instead of trying every position.
BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)\s*|(?<=[.!?…])[\"”»’)]*\s+)")
OPENERS = "\"“«„‘'(-–—•* "
ABBREVIATION = re.compile(
    r"(?:(?:^|(?<=\s))[A-ZА-ЯÀ-Þ]\.$)|(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|Jr|Sr|Mt|"
    r"No|Nr|Art|Abs|ca|vs|etc|approx|Mio|Mrd|Mld|mld|mln|mlrd|mia|mrd|milj|tys|tj|np|bzw|"
    r"z\.B|d\.h|u\.a|inkl|ggf|Ing|Hr|Fr|Sig|Sra|Sr|Dña|Hon|Rt|Bn|Div|Bde|Inc|Ltd|Co|Corp|"
    r"млн|млрд|тис|ген|т\.ч|т\.е|п|ст|ул|им|гг?|р|рр|ім|св|kr|Kč|ks|tzv|mjr|"
    r"gen|płk|por|ppłk|kpt|dr|inż|mgr|prof|ks|pkt|ul|tis|mil|miliard|mld)\.)$"
    r"|(?<=\d )r\.$"  # "od lutego 2022 r. Polska ...": Polish "roku" after a year
)
ORDINAL_MONTH = re.compile(r"(?<!\w)\d{1,2}\.$")  # "13. Juni", not "CV90."


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in BOUNDARY.finditer(text):
        newline = "\n" in m.group(0)
        if not newline and not _starts_sentence(text, m.end()):
            continue
        # the sentence ends after its punctuation mark (at a line break, before it)
        stop = m.start() + (text[m.start()] != "\n")
        if not newline:
            head = text[max(start, stop - 24) : stop].rstrip()
            # Both patterns end in a dot; the longest abbreviation and the character before it
            # fit in the last 12 characters, so the search reads no more than those.
            # An abbreviation ends in a letter before its dot, a day number in a digit.
            digit = head[-2:-1].isdecimal()
            if head.endswith(".") and (
                (not digit and ABBREVIATION.search(head[-12:] if len(head) > 12 else head))
                or (digit and ORDINAL_MONTH.search(head) and _month_next(text, m.end()))
            ):
                continue
        _emit(text, start, stop, paragraph, out)
        if newline:
            paragraph += 1
        start = m.end()
    _emit(text, start, len(text), paragraph, out)
    return out


def _starts_sentence(text: str, pos: int) -> bool:
    for ch in text[pos : pos + 4]:
        if ch in OPENERS:
            continue
        return ch.isupper() or ch.isdigit()
    return False


def _month_next(text: str, pos: int) -> bool:
    """German/Nordic "13. Juni": a lower or upper case word after a day number."""
    word = re.match(r"\w+", text[pos : pos + 20])
    return bool(word and not word.group(0)[0].isdigit() and len(word.group(0)) <= 10)


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Sentence(start, cut, paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph))
