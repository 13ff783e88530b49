# ruff: noqa: RUF001 - multilingual separators
"""One pass over a text's word tokens finds every lexicon phrase (a dict, not a regex).

Phrases and text are split into letter runs and digit runs, lower-cased, so "F-16",
"F16" and "f 16" are the same phrase; a trailing ``*`` makes the last token a prefix.
Big regex alternations are slow in Python; dictionary look-ups per token are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, islice
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


class Matcher:
    def __init__(self) -> None:
        self.exact: dict[str, list[Phrase]] = {}
        self.prefix: dict[str, list[Phrase]] = {}
        self._memo: dict[str, list[Phrase]] = {}
        self.pair: dict[tuple[str, str], list[Phrase]] = {}
        self.pair_first: set[str] = set()
        self._hot: set[str] = set()
        self._cold: set[str] = set()
        self._split: dict[str, tuple[list[Phrase], bool, list[Phrase]]] = {}

    def add(
        self, table: str, value: str, phrase: str, *, suffix: int = 0, upper_max: int = 6
    ) -> None:
        self._hot.clear()
        self._cold.clear()
        self._memo.clear()
        self._split.clear()
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
        p = Phrase(tuple(tokens), table, value, tuple(stems), suffix, upper)
        loose_first = stems[0] or (len(tokens) == 1 and suffix > 0)
        if loose_first:
            self.prefix.setdefault(tokens[0][:PREFIX_KEY], []).append(p)
        elif len(tokens) > 2 or (len(tokens) == 2 and not stems[1] and not suffix):
            self.pair.setdefault((tokens[0], tokens[1]), []).append(p)
            self.pair_first.add(tokens[0])
        elif len(tokens) == 2:  # "I-Hawk", "Patriot systems": the second word may inflect
            self.pair.setdefault((tokens[0], tokens[1][:PREFIX_KEY]), []).append(p)
            self.pair_first.add(tokens[0])
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

    def _split_of(self, tok: str) -> tuple[list[Phrase], bool, list[Phrase]]:
        """A token's one-word phrases (and whether any is all-capital) and longer phrases."""
        candidates = self.candidates(tok)
        singles = [p for p in candidates if len(p.tokens) == 1]
        multis = [p for p in candidates if len(p.tokens) > 1]
        parts = (singles, any(p.upper for p in singles), multis)
        if len(self._split) > MEMO_MAX:
            self._split.clear()
        self._split[tok] = parts
        return parts

    def _classify(self, tokens: set[str]) -> None:
        """Sort tokens not seen before into hot (may be a whole phrase or start one) and cold."""
        hot, cold = self._hot, self._cold
        if len(cold) > MEMO_MAX:
            cold.clear()
        for tok in tokens:
            if self.candidates(tok):
                hot.add(tok)
            else:
                cold.add(tok)

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping longest hits per table, in text order."""
        low = text.lower()
        if len(low) != len(text):  # a few letters lower-case to two characters
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        # pieces alternate gap, token, gap, ..., gap; token k is pieces[2k + 1]
        pieces = SPLIT.split(low)
        toks = pieces[1::2]
        if not toks:
            return []
        hot = self._hot
        unknown = set(toks) - hot
        if unknown:
            unknown -= self._cold
            if unknown:
                self._classify(unknown)
        pair = self.pair
        pair_first = self.pair_first
        keys = pair
        paired = {
            i: more
            for i, (tok, nxt) in enumerate(zip(toks, islice(toks, 1, None), strict=False))
            if tok in pair_first
            and ((tok, nxt) in keys or (tok, nxt[:PREFIX_KEY]) in keys)
            and (more := _pair_candidates(pair, tok, nxt)) is not None
        }
        wanted = [i for i, tok in enumerate(toks) if tok in hot]
        if paired:
            wanted = sorted(set(wanted).union(paired))
        if not wanted:
            return []
        offsets = list(accumulate(map(len, pieces), initial=0))
        split = self._split
        found: list[tuple[int, int, int, Phrase]] = []  # start, start - stop, stop, phrase
        append = found.append
        for i in wanted:
            tok = toks[i]
            start = offsets[2 * i + 1]
            end = offsets[2 * i + 2]
            parts = split.get(tok)
            if parts is None:
                parts = self._split_of(tok)
            singles, any_upper, multis = parts
            if singles:
                # a short all-capital phrase ("US") matches only capitals in the text
                lower_ok = not any_upper or not tok.isalpha() or text[start:end].isupper()
                for p in singles:
                    if lower_ok or not p.upper:
                        append((start, start - end, end, p))
            more = paired.get(i)
            if more:
                multis = multis + more if multis else more
            for p in multis:
                stop = self._match(text, pieces, toks, offsets, i, p)
                if stop is not None:
                    append((start, start - stop, stop, p))
        if not found:
            return []
        found.sort(key=itemgetter(0, 1))
        last: dict[str, int] = {}
        hits: list[Hit] = []
        for start, _, stop, p in found:
            prev = last.get(p.table)
            if prev is not None and start < hits[prev].end:
                # Overlap: keep the hit reaching further ("танків Leopard 1" is Leopard 1).
                if stop > hits[prev].end:
                    hits[prev] = Hit(start, stop, p.table, p.value)
                continue
            last[p.table] = len(hits)
            hits.append(Hit(start, stop, p.table, p.value))
        return sorted(hits, key=lambda h: h.start)

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
