"""Donor mentions: country names, adjectives and metonyms of every lexicon at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import PhraseTable, available_languages, compile_phrases, load_raw


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str


@cache
def donor_table() -> PhraseTable:
    """Names from all languages: a misdetected language still finds its donors."""
    merged: dict[str, list[str]] = {}
    for language in ("_common", *available_languages()):
        for code, names in load_raw(language).get("donors", {}).items():
            merged.setdefault(code, []).extend(names)
    return PhraseTable(merged)


@cache
def recipient_table() -> PhraseTable:
    merged: dict[str, list[str]] = {}
    for language in ("_common", *available_languages()):
        for code, names in load_raw(language).get("recipients", {}).items():
            merged.setdefault(code, []).extend(names)
    return PhraseTable(merged)


@cache
def location_regex(language: str) -> re.Pattern[str] | None:
    preps = load_raw(language).get("location_preps", [])
    if not preps:
        return None
    return re.compile(r"(?:^|\W)(?:" + "|".join(map(re.escape, preps)) + r")\s+$", re.I)


@cache
def _metonyms() -> frozenset[str]:
    out: set[str] = set()
    for language in ("_common", *available_languages()):
        for names in load_raw(language).get("metonyms", {}).values():
            out.update(n.lower() for n in names)
    return frozenset(out)


def find_donors(text: str, language: str) -> list[Mention]:
    """Donor mentions, leaving out places named as locations ("in Washington")."""
    loc = location_regex(language)
    out: list[Mention] = []
    for start, end, code in donor_table().finditer(text):
        if loc is not None and loc.search(text[max(0, start - 12) : start]):
            continue
        out.append(Mention(start, end, code))
    return out


def find_recipients(text: str) -> list[Mention]:
    return [Mention(s, e, c) for s, e, c in recipient_table().finditer(text)]


@cache
def conjunction_regex(language: str) -> re.Pattern[str] | None:
    words = [*list(load_raw(language).get("conjunctions", [])), "and", "&"]
    return compile_phrases(words)
