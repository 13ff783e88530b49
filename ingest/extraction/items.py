# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Equipment: catalogue systems by name or alias, generic categories, calibres, quantities."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .lexicon import load_raw, normalise
from .model import CATEGORIES, ExtractedItem
from .money import NUM, parse_number

if TYPE_CHECKING:
    from .tables import Hits, Tables

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "aidtracker/data/equipment.json"
CALIBRE = re.compile(
    r"(?<![\d.,])(\d{2,3}(?:[.,]\d)?)((?:\s*(?:,|-|et|and|und|y|e|i|a|и|і|та|og|och|ja|en|și)\s*"
    r"\d{2,3}(?:[.,]\d)?)*)\s*-?\s*(?:mm|мм)(?!\w)",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W_]+")
TYPE_GAP = re.compile(r"^[\s\-‑–]*(?:[^\W\d_]{1,20}[\s\-‑–]+){0,3}$")
CONJUNCTION = re.compile(
    r"(?<!\w)(?:and|et|und|og|och|en|y|e|i|a|ja|și|oraz|или|и|і|та|або|or|ou|oder|o|eller|"
    r"tai|sau|nebo|lub|als|with|avec|mit|con|com|met|med|z|s|з|с|cu|plus|sowie|as well as)(?!\w)",
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


class Catalogue:
    """The equipment catalogue file: entries with their names and aliases."""

    def __init__(self, entries: list[dict[str, object]]) -> None:
        self._aliases: list[tuple[Entry, list[str]]] = []
        for raw in entries:
            category = str(raw.get("category") or "other")
            entry = Entry(
                str(raw.get("slug") or "") or None,
                str(raw.get("name") or raw.get("slug") or ""),
                category if category in CATEGORIES else "other",
            )
            aliases = raw.get("aliases") or []
            names = [entry.name, *(str(a) for a in aliases if isinstance(a, str))]  # type: ignore[attr-defined]
            names += short_names(entry.name)
            self._aliases.append((entry, [n for n in names if len(n.strip()) >= 2]))

    def aliases(self) -> list[tuple[Entry, list[str]]]:
        return self._aliases


GENERIC_TAILS = frozenset(
    [
        "howitzer",
        "howitzers",
        "tank",
        "tanks",
        "system",
        "systems",
        "missile",
        "missiles",
        "drone",
        "drones",
        "vehicle",
        "vehicles",
        "launcher",
        "launchers",
        "radar",
        "radars",
        "aircraft",
        "helicopter",
        "helicopters",
        "jet",
        "jets",
        "fighter",
        "atgm",
        "mrap",
        "ppv",
        "tsv",
        "pmv",
        "spg",
        "mlrs",
        "gun",
        "guns",
        "rifle",
        "boat",
        "boats",
        "ifv",
        "apc",
    ]
)


def short_names(name: str) -> list[str]:
    """ "FIM-92 Stinger" is also "Stinger"; "CAESAR howitzer" is also "CAESAR"."""
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    words = base.split()
    out = [base] if base != name else []
    if len(words) >= 2 and words[-1].lower() in GENERIC_TAILS:
        out.append(" ".join(words[:-1]))
    designation = len(words) == 2 and any(ch.isdigit() for ch in words[0])
    if designation and words[1].isalpha() and (len(words[1]) >= 4 or words[1].isupper()):
        out.append(words[1])
    return out


@cache
def catalogue(path: str | None = None) -> Catalogue:
    file = Path(path) if path else CATALOGUE_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = []
    return Catalogue([d for d in data if isinstance(d, dict)] if isinstance(data, list) else [])


@cache
def generic_entries() -> dict[str, Entry]:
    defs = load_raw("_generic")["items"]
    return {key: Entry(None, d["name"], d["category"], d.get("unit")) for key, d in defs.items()}


@cache
def quantity_regex(language: str) -> re.Pattern[str]:
    lang = load_raw(language)
    words = sorted(lang.get("numbers", {}), key=len, reverse=True)
    scales = sorted({**load_raw("en").get("scales", {}), **lang.get("scales", {})}, key=len)
    numw = "|".join(re.escape(w) for w in words)
    scale = "|".join(re.escape(s.rstrip(".")) for s in reversed(scales) if len(s) > 1)
    fill = "|".join(re.escape(w) for w in lang.get("quantity_fill", []))
    number = rf"(?P<n>{NUM})" + (rf"|(?P<w>{numw})" if numw else "")
    pattern = (
        rf"(?<![\w.,])(?:{number})(?:\s+(?P<s>{scale})\.?)?(?:\s+(?:{fill or 'of'})(?!\w))?"
        rf"(?:\s+[^\W\d]{{2,20}}){{0,2}}?[\s\-]*$"
    )
    return re.compile(pattern, re.IGNORECASE)


def _quantity(text: str, start: int, language: str, sums: list[tuple[int, int]]) -> int | None:
    offset = max(0, start - 60)
    before = text[offset:start]
    if not before.strip():
        return None
    m = quantity_regex(language).search(before)
    if m is None or any(lo <= offset + m.start() < hi for lo, hi in sums):
        return None  # "€2 billion for ammunition": a sum, not a count
    if CONJUNCTION.search(before, m.end("n") if m.group("n") else m.end("w")):
        return None  # "Stridsvagn 122 och Hawk": the number belongs to the first
    lang = load_raw(language)
    if m.group("n"):
        raw = m.group("n")
        if re.fullmatch(r"(19|20)\d\d", raw):
            return None
        value = parse_number(raw, bool(lang.get("decimal_comma", True)))
    else:
        numbers = {normalise(k): v for k, v in lang.get("numbers", {}).items()}
        found = numbers.get(normalise(m.group("w")))
        value = None if found is None else parse_number(str(found))
    if value is None:
        return None
    if m.group("s"):
        raw_scales = {**load_raw("en")["scales"], **lang.get("scales", {})}
        scales = {normalise(k): v for k, v in raw_scales.items()}
        value *= parse_number(str(scales.get(normalise(m.group("s")), 1))) or 1
    if value <= 0 or value != int(value) or value > 10**10:
        return None
    return int(value)


def find_item_mentions(text: str, hits: Hits, tables: Tables) -> list[ItemMention]:
    generics = generic_entries()
    found = [
        ItemMention(h.start, h.end, _named(tables, h.value, _glued(text, h.end)), False)
        for h in hits.of("item")
    ]
    for h in hits.of("generic"):
        if h.value in generics:
            entry = generics[h.value]
            surface = text[h.start : h.end]
            if not set(WORD.findall(surface.lower())) <= set(WORD.findall(entry.name.lower())):
                entry = Entry(None, f"{entry.name} ({surface})", entry.category, entry.unit)
            found.append(ItemMention(h.start, h.end, entry, True))
    if "mm" in text or "мм" in text:
        for m in CALIBRE.finditer(text):
            for cal in re.findall(r"\d{2,3}(?:[.,]\d)?", m.group(0)):
                entry = Entry(None, f"{cal.replace(',', '.')} mm", "ammunition", None)
                found.append(ItemMention(m.start(), m.end(), entry, True))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


GLUED = re.compile(r"[A-Za-z0-9]{1,3}(?![\w])")


def _named(tables: Tables, value: str, glued: str = "") -> Entry:
    """The catalogue entry, its name followed by the alias the text used when that differs."""
    index, _, alias = value.partition("|")
    entry = tables.entries[int(index)]
    alias = alias + glued if glued and glued.lower() != "s" else alias
    words = set(WORD.findall(entry.name.lower()))
    if alias and not set(WORD.findall(alias.lower())) <= words:
        return Entry(entry.slug, f"{entry.name} ({alias})", entry.category, entry.unit)
    return entry


def _glued(text: str, end: int) -> str:
    """Letters or digits stuck to a designation: the "R" of "Leopard 2R"."""
    if not end or not text[end - 1 : end].isdigit():
        return ""
    m = GLUED.match(text, end)
    return m.group(0) if m else ""


def _groups(text: str, mentions: list[ItemMention]) -> list[list[ItemMention]]:
    """Adjacent mentions ("missiles sol-air Stinger", "munitions de 155 mm") form one phrase."""
    groups: list[list[ItemMention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1]
            end = max(x.end for x in last)
            gap = text[end : mention.start]
            named_after_generic = all(x.generic for x in last) and not mention.generic
            if (
                mention.start < end
                or JOIN_GAP.match(gap)
                or (named_after_generic and TYPE_GAP.match(gap) and not CONJUNCTION.search(gap))
            ):
                last.append(mention)
                continue
        groups.append([mention])
    return groups


def _phrase_items(
    group: list[ItemMention], quantity: int | None, surface: str
) -> list[ExtractedItem]:
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
    ammunition = next((m for m in generic if m.entry.category == "ammunition"), None)
    main = next((m for m in generic if m.entry.category != "ammunition"), None) or ammunition
    if ammunition is not None and not calibres and unit is None:
        main = ammunition  # "munición de artillería", "artillery ammunition": ammunition
    if main is not None and len(generic) > 1:
        # "pojazdów MRAP", "radares de contrabatería": keep every word the text used
        base = main.entry.name.split(" (")[0]
        main = replace(main, entry=replace(main.entry, name=f"{base} ({surface})"))
    if calibres:
        noun = main.entry.name if main else "ammunition"
        category = main.entry.category if main and unit is None else "ammunition"
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


def extract_items(
    text: str,
    language: str,
    hits: Hits,
    tables: Tables,
    sums: list[tuple[int, int]] | None = None,
) -> list[ExtractedItem]:
    """Items named in ``text`` (a sentence), each with its quantity when one is given."""
    items: list[ExtractedItem] = []
    for group in _groups(text, find_item_mentions(text, hits, tables)):
        quantity = _quantity(text, group[0].start, language, sums or [])
        surface = text[group[0].start : max(m.end for m in group)]
        for item in _phrase_items(group, quantity, surface):
            if not any(i.name == item.name and i.quantity == item.quantity for i in items):
                items.append(item)
    return items
