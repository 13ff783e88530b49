# ruff: noqa: RUF001 - multilingual separators
"""One pass over a text's word tokens finds every lexicon phrase (a dict, not a regex).

Phrases and text are split into letter runs and digit runs, lower-cased, so "F-16",
"F16" and "f 16" are the same phrase; a trailing ``*`` makes the last token a prefix.
Big regex alternations are slow in Python; dictionary look-ups per token are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

TOKEN = re.compile(r"[^\W\d_]+|\d+")
GAP_CHARS = " \t\u00a0\u202f-‑–'’ʼ./"
PREFIX_KEY = 4
MEMO_MAX = 200_000


class Hit(NamedTuple):
    """A phrase found in a text (a named tuple: hits are made by the thousand)."""

    start: int
    end: int
    table: str
    value: str


@dataclass(frozen=True)
class Phrase:
    tokens: tuple[str, ...]
    table: str
    value: str
    stems: tuple[bool, ...]
    suffix: int
    upper: bool
    third: str | None = None  # the third token when it must be equal (a cheap first test)


SPLIT = re.compile(r"([^\W\d_]+|\d+)")


def _pair_candidates(
    pair: dict[tuple[str, str], list[Phrase]], tok: str, nxt: str
) -> list[Phrase] | None:
    """Phrases of two or more words starting with ``tok`` followed by ``nxt``."""
    out = pair.get((tok, nxt))
    if len(nxt) > PREFIX_KEY:
        more = pair.get((tok, nxt[:PREFIX_KEY]))
        if more:
            out = out + more if out else more
    return out or None


class Entry(NamedTuple):
    """What the matcher knows of one text token (worked out once, then looked up)."""

    singles: tuple[tuple[str, str], ...]  # table and value of one-word phrases the token is
    lower: tuple[tuple[str, str], ...] | None  # the same without all-capital ones ("US")
    multis: tuple[Phrase, ...]  # longer phrases the token may start (stems, prefixes)
    seconds: frozenset[str]  # keys of the second word of phrases the token starts


# A raw hit: start, end, table, value (a plain tuple; Hit is made only for callers).
Span = tuple[int, int, str, str]


class Matcher:
    def __init__(self) -> None:
        self.exact: dict[str, list[Phrase]] = {}
        self.prefix: dict[str, list[Phrase]] = {}
        self._memo: dict[str, list[Phrase]] = {}
        self.pair: dict[tuple[str, str], list[Phrase]] = {}
        self.pair_first: set[str] = set()
        self._seconds: dict[str, set[str]] = {}
        self._known: set[tuple[object, ...]] = set()
        self._entries: dict[str, Entry | None] = {}

    def add(
        self, table: str, value: str, phrase: str, *, suffix: int = 0, upper_max: int = 6
    ) -> None:
        self._memo.clear()
        self._entries.clear()
        tokens: list[str] = []
        stems: list[bool] = []
        for word in phrase.split():
            parts = [t.lower() for t in TOKEN.findall(word)]
            tokens.extend(parts)
            stems.extend([False] * len(parts))
            if parts and word.endswith("*"):
                stems[-1] = True
        if not tokens:
            return
        text = phrase.replace("*", "")
        letters = sum(ch.isalpha() for ch in text)
        upper = text.isupper() and letters <= upper_max and len(text.replace(".", "")) <= 6
        if tokens[-1].isdigit():
            suffix = 0
        exact_third = len(tokens) > 2 and not stems[2] and not (len(tokens) == 3 and suffix)
        third = tokens[2] if exact_third else None
        p = Phrase(tuple(tokens), table, value, tuple(stems), suffix, upper, third)
        # The same words in the same table again (a name several lexicons share): the first
        # phrase always wins, so the copy would only be matched and thrown away.
        key = (table, p.tokens, p.stems, suffix, upper)
        if key in self._known:
            return
        self._known.add(key)
        loose_first = stems[0] or (len(tokens) == 1 and suffix > 0)
        if loose_first:
            self.prefix.setdefault(tokens[0][:PREFIX_KEY], []).append(p)
        elif len(tokens) > 2 or (len(tokens) == 2 and not stems[1] and not suffix):
            self.pair.setdefault((tokens[0], tokens[1]), []).append(p)
            self.pair_first.add(tokens[0])
            self._seconds.setdefault(tokens[0], set()).add(tokens[1])
        elif len(tokens) == 2:  # "I-Hawk", "Patriot systems": the second word may inflect
            self.pair.setdefault((tokens[0], tokens[1][:PREFIX_KEY]), []).append(p)
            self.pair_first.add(tokens[0])
            self._seconds.setdefault(tokens[0], set()).add(tokens[1][:PREFIX_KEY])
        else:
            self.exact.setdefault(tokens[0], []).append(p)

    def candidates(self, tok: str) -> list[Phrase]:
        cached = self._memo.get(tok)
        if cached is not None:
            return cached
        out: list[Phrase] = []
        for p in self.exact.get(tok, ()):
            out.append(p)
        for k in range(min(PREFIX_KEY, len(tok)), 0, -1):
            for p in self.prefix.get(tok[:k], ()):
                word = p.tokens[0]
                extra = len(tok) - len(word)
                if tok.startswith(word) and (p.stems[0] or extra <= p.suffix):
                    out.append(p)
        if len(self._memo) > MEMO_MAX:
            self._memo.clear()
        self._memo[tok] = out
        return out

    def _learn(self, tokens: set[str]) -> None:
        """Work out the entry of tokens not seen before (None: the token starts nothing)."""
        entries = self._entries
        if len(entries) > MEMO_MAX:
            entries.clear()
        for tok in tokens:
            candidates = self.candidates(tok)
            seconds = frozenset(self._seconds.get(tok, ()))
            if not candidates and not seconds:
                entries[tok] = None
                continue
            singles = [p for p in candidates if len(p.tokens) == 1]
            multis = tuple(p for p in candidates if len(p.tokens) > 1)
            upper = tok.isalpha() and any(p.upper for p in singles)
            lower = _first_per_table([p for p in singles if not p.upper]) if upper else None
            entries[tok] = Entry(_first_per_table(singles), lower, multis, seconds)

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping longest hits per table, in text order."""
        return list(map(Hit._make, self.scan(text)))

    def scan(self, text: str) -> list[Span]:
        """``find`` as plain tuples (start, end, table, value)."""
        low = text.lower()
        if len(low) != len(text):  # a few letters lower-case to two characters
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        # pieces alternate gap, token, gap, ..., gap; token k is pieces[2k + 1]
        pieces = SPLIT.split(low)
        toks = pieces[1::2]
        if not toks:
            return []
        entries = self._entries
        unknown = set(toks).difference(entries)
        if unknown:
            self._learn(unknown)
            entries = self._entries
        found_entries = list(map(entries.__getitem__, toks))
        wanted = list(compress(range(len(toks)), found_entries))
        if not wanted:
            return []
        offsets = list(accumulate(map(len, pieces), initial=0))
        found = self._candidates_at(text, pieces, toks, offsets, wanted, found_entries)
        return _longest(found) if found else []

    def _candidates_at(
        self,
        text: str,
        pieces: list[str],
        toks: list[str],
        offsets: list[int],
        wanted: list[int],
        entries: list[Entry | None],
    ) -> list[tuple[int, int, int, str, str]]:
        """Every phrase found at the wanted tokens: start, start - end, end, table, value."""
        pair = self.pair
        last_tok = len(toks) - 1
        found: list[tuple[int, int, int, str, str]] = []
        append = found.append
        for i in wanted:
            entry = entries[i]
            assert entry is not None
            singles, lower, multis, seconds = entry
            if seconds and i < last_tok:
                nxt = toks[i + 1]
                if nxt in seconds or nxt[:PREFIX_KEY] in seconds:
                    more = _pair_candidates(pair, toks[i], nxt)
                    if more:
                        multis = multis + tuple(more) if multis else tuple(more)
            if not singles and not multis:
                continue  # a first word ("the") whose second word is not here
            start = offsets[2 * i + 1]
            if singles:
                end = offsets[2 * i + 2]
                # a short all-capital phrase ("US") matches only capitals in the text
                if lower is not None and not text[start:end].isupper():
                    singles = lower
                for table, value in singles:
                    append((start, start - end, end, table, value))
            for p in multis:
                third = p.third
                if third is not None and (i + 2 > last_tok or toks[i + 2] != third):
                    continue  # "Leopard 2 A6" is not "Leopard 2 A4": no need to look further
                stop = self._match(text, pieces, toks, offsets, i, p)
                if stop is not None:
                    append((start, start - stop, stop, p.table, p.value))
        return found

    @staticmethod
    def _match(
        text: str, pieces: list[str], toks: list[str], offsets: list[int], i: int, p: Phrase
    ) -> int | None:
        n = len(p.tokens)
        if i + n > len(toks):
            return None
        last = n - 1
        for j, want in enumerate(p.tokens):
            k = i + j
            tok = toks[k]
            if j:
                gap = pieces[2 * k]
                if len(gap) > 3 or gap.strip(GAP_CHARS):
                    return None
            if p.stems[j]:
                if not tok.startswith(want):
                    return None
            elif j == last and p.suffix:
                if not tok.startswith(want) or len(tok) - len(want) > p.suffix:
                    return None
            elif tok != want:
                return None
            if (
                p.upper
                and tok.isalpha()
                and not text[offsets[2 * k + 1] : offsets[2 * k + 2]].isupper()
            ):
                return None
        return offsets[2 * (i + last) + 2]


def _longest(found: list[tuple[int, int, int, str, str]]) -> list[Span]:
    """Non-overlapping hits per table, the longest at each start, in text order."""
    found.sort(key=itemgetter(0, 1))
    last: dict[str, int] = {}
    hits: list[Span] = []
    for start, _, stop, table, value in found:
        prev = last.get(table)
        if prev is not None and start < hits[prev][1]:
            # Overlap: keep the hit reaching further ("танків Leopard 1" is Leopard 1).
            if stop > hits[prev][1]:
                hits[prev] = (start, stop, table, value)
            continue
        last[table] = len(hits)
        hits.append((start, stop, table, value))
    hits.sort(key=itemgetter(0))
    return hits


def _first_per_table(singles: list[Phrase]) -> tuple[tuple[str, str], ...]:
    """One-word phrases of a token, the first of each table: later ones start and end at the
    same place in the same table, so the overlap rule would always drop them."""
    seen: dict[str, str] = {}
    for p in singles:
        seen.setdefault(p.table, p.value)
    return tuple(seen.items())
