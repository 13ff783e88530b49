# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Equipment: catalogue systems by name or alias, generic categories, calibres, quantities."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lexicon import PhraseTable, load_raw, normalise
from .model import CATEGORIES, ExtractedItem
from .money import NUM, parse_number

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "aidtracker/data/equipment.json"
SEP = r"[\s\-‑–/]*"
CALIBRE = re.compile(
    r"(?<![\d.,])(\d{2,3}(?:[.,]\d)?)((?:\s*(?:,|-|et|and|und|y|e|i|a|и|і|та|og|och|ja|en|și)\s*"
    r"\d{2,3}(?:[.,]\d)?)*)\s*-?\s*(?:mm|мм)(?!\w)",
    re.IGNORECASE,
)
JOIN_GAP = re.compile(
    r"^[\s\-‑–]*(?:(?:of|de|d['’]|du|des|di|del|da|do|van|för|for|für|von|для|з|с|из|kal\.?|"
    r"caliber|calibre|kaliber|калібру|калибра)[\s\-]*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entry:
    slug: str | None
    name: str
    category: str
    unit: str | None = None


@dataclass(frozen=True)
class ItemMention:
    start: int
    end: int
    entry: Entry
    generic: bool


def _alias_pattern(alias: str) -> str | None:
    tokens = re.findall(r"\d+|[^\W\d_]+", alias)
    if not tokens:
        return None
    body = SEP.join(re.escape(t) for t in tokens)
    tail = r"[^\W\d_]{0,4}(?!\w)" if tokens[-1].isalpha() and len(alias) >= 4 else r"s?(?!\w)"
    lead = r"(?<!\w)" if alias[:1].isalnum() else ""
    return lead + body + tail


def _key(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.lower()))


class Catalogue:
    def __init__(self, entries: list[dict[str, object]]) -> None:
        self.by_key: dict[str, Entry] = {}
        patterns: list[tuple[int, str]] = []
        for raw in entries:
            category = str(raw.get("category") or "other")
            entry = Entry(
                str(raw.get("slug") or "") or None,
                str(raw.get("name") or raw.get("slug") or ""),
                category if category in CATEGORIES else "other",
            )
            aliases = [entry.name, *[str(a) for a in raw.get("aliases") or []]]  # type: ignore[attr-defined]
            for alias in aliases:
                key = _key(alias)
                pattern = _alias_pattern(alias)
                if len(key) < 2 or pattern is None or key in self.by_key:
                    continue
                self.by_key[key] = entry
                patterns.append((len(key), pattern))
        patterns.sort(key=lambda p: -p[0])
        joined = "|".join(p for _, p in patterns)
        self.regex = re.compile(joined, re.IGNORECASE) if joined else None

    def lookup(self, matched: str) -> Entry | None:
        key = _key(matched)
        for cut in range(0, min(5, len(key) - 1)):
            entry = self.by_key.get(key[: len(key) - cut] if cut else key)
            if entry is not None:
                return entry
        return None

    def find(self, text: str) -> list[ItemMention]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            entry = self.lookup(m.group(0))
            if entry is not None:
                out.append(ItemMention(m.start(), m.end(), entry, False))
        return out


@cache
def catalogue(path: str | None = None) -> Catalogue:
    file = Path(path) if path else CATALOGUE_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = []
    return Catalogue([d for d in data if isinstance(d, dict)] if isinstance(data, list) else [])


@dataclass(frozen=True)
class Generic:
    table: PhraseTable
    entries: dict[str, Entry]


@cache
def generics(language: str) -> Generic:
    defs = load_raw("_generic")["items"]
    entries = {key: Entry(None, d["name"], d["category"], d.get("unit")) for key, d in defs.items()}
    mapping: dict[str, list[str]] = {}
    for source in (load_raw(language), load_raw("en")):
        for key, words in source.get("generic_items", {}).items():
            if key in entries:
                mapping.setdefault(key, []).extend(words)
    return Generic(PhraseTable(mapping), entries)


@cache
def quantity_regex(language: str) -> re.Pattern[str]:
    lang = load_raw(language)
    words = sorted(lang.get("numbers", {}), key=len, reverse=True)
    scales = sorted({**load_raw("en").get("scales", {}), **lang.get("scales", {})}, key=len)
    numw = "|".join(re.escape(w) for w in words if len(w) > 1)
    scale = "|".join(re.escape(s.rstrip(".")) for s in reversed(scales) if len(s) > 1)
    fill = "|".join(re.escape(w) for w in lang.get("quantity_fill", []))
    number = rf"(?P<n>{NUM})" + (rf"|(?P<w>{numw})" if numw else "")
    pattern = (
        rf"(?<![\w.,])(?:{number})(?:\s+(?P<s>{scale})\.?)?(?:\s+(?:{fill or 'of'})(?!\w))?"
        rf"(?:\s+[^\W\d]{{2,14}}){{0,2}}?[\s\-]*$"
    )
    return re.compile(pattern, re.IGNORECASE)


def _quantity(text: str, start: int, language: str) -> int | None:
    before = text[max(0, start - 60) : start]
    m = quantity_regex(language).search(before)
    if m is None:
        return None
    lang = load_raw(language)
    if m.group("n"):
        raw = m.group("n")
        if re.fullmatch(r"(19|20)\d\d", raw):
            return None
        value = parse_number(raw, bool(lang.get("decimal_comma", True)))
    else:
        numbers = {normalise(k): v for k, v in lang.get("numbers", {}).items()}
        value = numbers.get(normalise(m.group("w")))
        value = None if value is None else parse_number(str(value))
    if value is None:
        return None
    if m.group("s"):
        raw_scales = {**load_raw("en")["scales"], **lang.get("scales", {})}
        scales = {normalise(k): v for k, v in raw_scales.items()}
        value *= parse_number(str(scales.get(normalise(m.group("s")), 1))) or 1
    if value <= 0 or value != int(value) or value > 10**10:
        return None
    return int(value)


def find_item_mentions(text: str, language: str, path: str | None = None) -> list[ItemMention]:
    found = catalogue(path).find(text)
    gen = generics(language)
    for start, end, key in gen.table.finditer(text):
        found.append(ItemMention(start, end, gen.entries[key], True))
    for m in CALIBRE.finditer(text):
        for cal in re.findall(r"\d{2,3}(?:[.,]\d)?", m.group(0)):
            cal = cal.replace(",", ".")
            entry = Entry(None, f"{cal} mm", "ammunition", None)
            found.append(ItemMention(m.start(), m.end(), entry, True))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


def _groups(text: str, mentions: list[ItemMention]) -> list[list[ItemMention]]:
    """Adjacent mentions ("missiles sol-air Stinger", "munitions de 155 mm") form one phrase."""
    groups: list[list[ItemMention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1]
            end = max(x.end for x in last)
            if mention.start < end or JOIN_GAP.match(text[end : mention.start]):
                last.append(mention)
                continue
        groups.append([mention])
    return groups


def _phrase_items(group: list[ItemMention], quantity: int | None) -> list[ExtractedItem]:
    named = [m for m in group if not m.generic]
    calibres = [m for m in group if m.generic and m.entry.name.endswith(" mm")]
    generic = [m for m in group if m.generic and m not in calibres]
    unit = next((m.entry.unit for m in generic if m.entry.unit), None)
    out: list[ExtractedItem] = []
    if named:
        seen: set[str] = set()
        for m in named:
            if m.entry.name in seen:
                continue
            seen.add(m.entry.name)
            q = quantity if m is named[0] else None
            out.append(ExtractedItem(m.entry.name, m.entry.category, q, unit, m.entry.slug))
        return out
    main = next((m for m in generic if m.entry.category != "ammunition"), None) or (
        generic[0] if generic else None
    )
    if calibres:
        noun = main.entry.name if main else "ammunition"
        category = main.entry.category if main else "ammunition"
        for i, c in enumerate(calibres):
            q = quantity if i == 0 and len(calibres) == 1 else None
            out.append(ExtractedItem(f"{c.entry.name} {noun}", category, q, unit, None))
        return out
    if main is not None and unit is not None and main.entry.category != "ammunition":
        name = f"{main.entry.name} ammunition ({unit})"
        out.append(ExtractedItem(name, "ammunition", quantity, unit, None))
    elif main is not None:
        out.append(ExtractedItem(main.entry.name, main.entry.category, quantity, unit, None))
    return out


def extract_items(text: str, language: str, path: str | None = None) -> list[ExtractedItem]:
    """Items named in ``text`` (a sentence), each with its quantity when one is given."""
    items: list[ExtractedItem] = []
    for group in _groups(text, find_item_mentions(text, language, path)):
        quantity = _quantity(text, group[0].start, language)
        for item in _phrase_items(group, quantity):
            if not any(i.name == item.name and i.quantity == item.quantity for i in items):
                items.append(item)
    return items
