# ruff: noqa: RUF001 - apostrophe variants on purpose
"""Donor and recipient mentions (names, adjectives and metonyms of every language)."""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .lexicon import lexicon_alternation, load_raw
from .tables import Hits


class Mention(NamedTuple):  # a named tuple: made for every donor and recipient hit
    start: int
    end: int
    code: str


@cache
def location_regex(language: str) -> re.Pattern[str] | None:
    preps = load_raw(language).get("location_preps", [])
    if not preps:
        return None
    alt = "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True))
    places = "|".join(re.escape(p) for p in preps if p.lower() not in COMITATIVE)
    return re.compile(
        r"(?:^|[^\w])(?:(?:" + alt + r")\s+(?:(?:l|the|de|der|die|den)['’\s]\s*)?"
        r"|(?:" + places + r")\s+(?:a|an|einem|einer|un|une|una|uno|um|uma|een)\s+)$",
        re.I,
    )


# "with a Finnish pledge": company, not a place, before an indefinite article
COMITATIVE = frozenset(
    {"with", "mit", "avec", "con", "com", "met", "z", "ze", "с", "з", "med", "cu"}
)


@cache
def blockers_after() -> frozenset[str]:
    return frozenset(w.lower() for w in load_raw("_common").get("donor_blockers_after", []))


@cache
def blockers_before() -> frozenset[str]:
    """Nouns a following adjective only places ("une base danoise", "sul suolo tedesco")."""
    return frozenset(w.lower() for w in load_raw("_common").get("donor_blockers_before", []))


NEXT_WORD = re.compile(r"[\s\-‑–]*([^\W\d_]+)")


@cache
def chain() -> re.Pattern[str]:
    """The gap between two coordinated donors ("Germany and the Netherlands", "Polen, oraz
    Litwa"): a conjunction of any language (articles quote names in several), then maybe
    an article."""
    words = lexicon_alternation("donor_chain_words")
    articles = lexicon_alternation("donor_chain_articles")
    return re.compile(rf",?\s*(?:{words})\s*(?:{articles})?\s*", re.IGNORECASE)


PREV_WORD = re.compile(r"([^\W_]+)[\s\-]+$")
# PREV_WORD read backwards: anchored at the start of the reversed text, it finds the same
# word without the engine trying (and backtracking from) every position of the window.
PREV_WORD_REVERSED = re.compile(r"[\s\-]+([^\W_]+)")


def prev_word(text: str) -> str | None:
    """The word before the spaces or hyphens ``text`` ends with (PREV_WORD's group 1)."""
    m = PREV_WORD_REVERSED.match(text[::-1])
    return m.group(1)[::-1] if m else None


def counted(text: str, start: int, language: str) -> bool:
    """ "two NATO countries", "three allies of Ukraine": some members, not the group."""
    prev = prev_word(text[max(0, start - 20) : start])
    if prev is None:
        return False
    word = prev.lower()
    return word.isdigit() or word in number_words(language)


@cache
def number_words(language: str) -> frozenset[str]:
    words = {w.lower() for w in load_raw(language).get("numbers", {}) if len(w) > 1}
    return frozenset(words | set(load_raw(language).get("quantifiers", [])))


def find_donors(text: str, language: str, hits: Hits) -> list[Mention]:
    """Donor mentions, leaving out places ("in Washington", "the Vilnius summit"),
    groups of members ("NATO countries") and makers ("US-made")."""
    loc = location_regex(language)
    after = blockers_after()
    out: list[Mention] = []
    blocked_until = -1
    currencies = hits.of("currency")
    for h in hits.of("donor"):
        if any(
            c.start <= h.start < c.end and c.end - c.start > h.end - h.start for c in currencies
        ):
            continue  # "dollars canadiens": a currency, not Canada
        if blocked_until >= 0 and chain().fullmatch(text[blocked_until : h.start]):
            blocked_until = h.end  # "together with the US and Germany": both
            continue
        blocked_until = -1
        genitive = load_raw(language).get("genitive_s") and text[h.end - 1 : h.end] == "s"
        if loc is not None and not genitive and loc.search(text[max(0, h.start - 24) : h.start]):
            blocked_until = h.end
            continue
        if counted(text, h.start, language):
            continue
        prev = prev_word(text[max(0, h.start - 24) : h.start])
        if prev is not None and prev.lower() in blockers_before():
            continue
        nxt = NEXT_WORD.match(text, h.end)
        if nxt is not None and nxt.group(1).lower() in after:
            continue
        out.append(Mention(h.start, h.end, h.value))
    return out


@cache
def source_regex(language: str) -> re.Pattern[str] | None:
    preps = load_raw(language).get("source_preps", [])
    if not preps:
        return None
    alt = "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True))
    article = r"(?:(?:the|der|den|dem|de|la|le|les)\s+)?"
    return re.compile(r"(?:^|[^\w])(?:" + alt + r")\s+" + article + "$", re.I)


def source_mentions(text: str, language: str, donors: list[Mention]) -> list[Mention]:
    """Donors named as a source ("bought from the United States")."""
    rx = source_regex(language)
    if rx is None:
        return []
    return [d for d in donors if rx.search(text[max(0, d.start - 20) : d.start])]


def find_recipients(hits: Hits) -> list[Mention]:
    return [Mention(h.start, h.end, h.value) for h in hits.of("recipient")]


ORGANISER_GAP = re.compile(r"[\s\-‑]*(?:(?:the|la|le|l'|el|a|o|die|der|de|het)\s+)?$", re.I)


def organiser(text: str, hits: Hits, donor: Mention) -> bool:
    """A country that leads a joint effort others pay into, not a giver of its own:
    "the Czech initiative", "iniciativa checa", "the coalition led by Latvia",
    "iniciativa liderada pela República Checa", "initiative tchèque"."""
    for h in hits.of("cue:joint_effort"):
        gap = text[donor.end : h.start] if h.start >= donor.end else text[h.end : donor.start]
        if len(gap) <= 2 and not gap.strip(" -‑"):
            return True
    for h in hits.of("cue:led_by"):
        if 0 <= donor.start - h.end <= 8 and ORGANISER_GAP.match(text[h.end : donor.start]):
            return True
        if h.start >= donor.end and not text[donor.end : h.start].strip():
            return True  # "the Czech-led initiative", "Latvian-led coalition"
    return False
