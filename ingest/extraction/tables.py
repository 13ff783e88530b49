"""The per-language phrase matcher: donors, recipients, cues, items and currency words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .dates import date_words
from .items import Entry, catalogue
from .lexicon import available_languages, load_raw
from .matcher import Hit, Matcher

CATALOGUE_SUFFIX = 4


@dataclass(frozen=True)
class Tables:
    matcher: Matcher
    entries: tuple[Entry, ...]

    def find(self, text: str) -> Hits:
        return Hits(self.matcher.find(text))

    def find_per_sentence(self, text: str, spans: list[tuple[int, int]]) -> list[Hits]:
        """One matcher pass over the whole text, hits shifted into each sentence.

        ``spans`` are in text order and do not overlap (``split_sentences``); a hit that
        starts outside every span or runs past its sentence's end belongs to none.
        """
        found = self.matcher.scan(text)
        mine: list[list[Hit]] = [[] for _ in spans]
        tables: list[dict[str, list[Hit]]] = [{} for _ in spans]
        count = len(spans)
        k = 0
        make = tuple.__new__  # Hit(...) without a Python-level call per hit
        for h_start, h_end, table, value in found:
            while k < count and h_start >= spans[k][1]:
                k += 1
            if k == count:
                break
            start, end = spans[k]
            if h_start >= start and h_end <= end:
                hit = make(Hit, (h_start - start, h_end - start, table, value))
                mine[k].append(hit)
                same = tables[k].get(table)
                if same is None:
                    tables[k][table] = [hit]
                else:
                    same.append(hit)
        return [Hits(hits, by_table) for hits, by_table in zip(mine, tables, strict=True)]


class Hits:
    """Phrase hits of one sentence, with range queries by table."""

    def __init__(self, hits: list[Hit], by_table: dict[str, list[Hit]] | None = None) -> None:
        """``by_table``, when given, already holds ``hits`` grouped by table in text order."""
        self.hits = hits
        if by_table is None:
            by_table = {}
            for h in hits:
                mine = by_table.get(h.table)
                if mine is None:
                    by_table[h.table] = [h]
                else:
                    mine.append(h)
        self.by_table = by_table
        self.tables = frozenset(by_table)

    def of(self, table: str, lo: int = 0, hi: int | None = None) -> list[Hit]:
        mine = self.by_table.get(table)
        if not mine:
            return []
        if not lo and hi is None:
            return list(mine)
        return [h for h in mine if h.start >= lo and (hi is None or h.end <= hi)]

    def first(self, table: str, lo: int = 0, hi: int | None = None) -> Hit | None:
        for h in self.by_table.get(table, ()):
            if h.start >= lo and (hi is None or h.end <= hi):
                return h
        return None

    def has(self, table: str, lo: int = 0, hi: int | None = None) -> bool:
        mine = self.by_table.get(table)
        if not mine:
            return False
        if not lo and hi is None:
            return True
        return self.first(table, lo, hi) is not None


def _add_all(m: Matcher, table: str, mapping: dict[str, list[str]]) -> None:
    for value, names in mapping.items():
        for name in names:
            m.add(table, value, name)


@cache
def tables_for(language: str, catalogue_path: str | None = None) -> Tables:
    m = Matcher()
    for name in ("_common", *available_languages()):
        raw = load_raw(name)
        _add_all(m, "donor", raw.get("donors", {}))
        _add_all(m, "recipient", raw.get("recipients", {}))
    lang, common, en = load_raw(language), load_raw("_common"), load_raw("en")
    for data in (lang, common):
        for cue, phrases in data.get("cues", {}).items():
            for phrase in phrases:
                m.add(f"cue:{cue}", cue, phrase)
    for data in (lang, en):
        _add_all(m, "currency", data.get("currencies", {}))
        _add_all(m, "generic", data.get("generic_items", {}))
    _add_all(m, "currency", common.get("currency_symbols", {}))
    for table, names in date_words(language).items():
        for name in names:
            m.add(table, table, name)
    entries: list[Entry] = []
    for entry, aliases in catalogue(catalogue_path).aliases():
        entries.append(entry)
        for alias in aliases:
            value = f"{len(entries) - 1}|{alias}"
            m.add("item", value, alias, suffix=CATALOGUE_SUFFIX, upper_max=3)
    return Tables(m, tuple(entries))
