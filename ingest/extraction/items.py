# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Equipment: catalogue systems by name or alias, generic categories, calibres, quantities."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .lexicon import lexicon_alternation, load_raw, normalise
from .model import CATEGORIES, ExtractedItem
from .money import NUM, parse_number

if TYPE_CHECKING:
    from .matcher import Hit
    from .tables import Hits, Tables

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "aidtracker/data/equipment.json"
WORD = re.compile(r"[^\W_]+")
TYPE_GAP = re.compile(r"^[\s\-‑–]*(?:[^\W\d_]{1,20}[\s\-‑–]+){0,3}$")


@cache
def conjunctions() -> re.Pattern[str]:
    """Words that join two items ("and", "oder", "eller", "with"): in any language, since an
    article quotes names and lists in more than one."""
    return re.compile(lexicon_alternation("item_conjunctions"), re.IGNORECASE)


@cache
def join_gap() -> re.Pattern[str]:
    """A gap that makes two mentions one phrase: "missiles de", "munitions of", "калібру"."""
    words = lexicon_alternation("item_join_words")
    return re.compile(rf"^[\s\-‑–]*(?:(?:{words})[\s\-]*)?$", re.IGNORECASE)


@cache
def calibre_regex() -> re.Pattern[str]:
    """ "155 mm", "105 et 155 millimètres", "152-мм": a calibre, or several joined."""
    joins = lexicon_alternation("item_conjunctions")
    units = lexicon_alternation("calibre_units")
    return re.compile(
        rf"(?<![\d.,])(\d{{2,3}}(?:[.,]\d)?)((?:\s*(?:,|-|{joins})\s*\d{{2,3}}(?:[.,]\d)?)*)"
        rf"\s*-?\s*(?:{units})(?!\w)",
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class Entry:
    slug: str | None
    name: str
    category: str
    unit: str | None = None


class ItemMention(NamedTuple):  # a named tuple: made for every item hit
    start: int
    end: int
    entry: Entry
    generic: bool
    surface: str = ""


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
def item_numbers(language: str) -> dict[str, object]:
    """Number words for counts: the lexicon's ``numbers`` and its ``item_numbers``, words
    that only counts use (money reads "mil" and "tusen" as scales)."""
    lang = load_raw(language)
    return {**lang.get("item_numbers", {}), **lang.get("numbers", {})}


DIGIT = re.compile(r"\d")
WORD_TOKEN = re.compile(r"\w+")


@cache
def number_tokens(language: str) -> frozenset[str]:
    """Every word of every number word: a cheap test before the quantity regex."""
    return frozenset(t for w in item_numbers(language) for t in WORD_TOKEN.findall(w.lower()))


@cache
def quantity_regex(language: str) -> re.Pattern[str]:
    lang = load_raw(language)
    words = sorted(item_numbers(language), key=len, reverse=True)
    scales = sorted({**load_raw("en").get("scales", {}), **lang.get("scales", {})}, key=len)
    numw = "|".join(re.escape(w) for w in words)
    # a long scale word may carry a case ending ("40 тисячами", "zwei Tausender"): up to 3 letters
    scale = "|".join(
        re.escape(s.rstrip(".")) + (r"[^\W\d]{0,3}" if len(s.rstrip(".")) >= 5 else "")
        for s in reversed(scales)
        if len(s) > 1
    )
    fill = "|".join(re.escape(w) for w in lang.get("quantity_fill", []))
    number = rf"(?P<n>{NUM})" + (rf"|(?P<w>{numw})" if numw else "")
    pattern = (
        rf"(?<![\w.,])(?:{number})(?:\s+(?P<s>{scale})\.?)?(?:\s+(?:{fill or 'of'})(?!\w))?"
        rf"(?:\s+[^\W\d]{{2,20}}(?:-[^\W\d]{{2,20}})?){{0,2}}?[\s\-]*$"
    )
    return re.compile(pattern, re.IGNORECASE)


def count_pattern(language: str, digits: str, *, min_word: int) -> str:
    """A count as digits (group n) or as one of the language's number words (group w)."""
    words = sorted(item_numbers(language), key=len, reverse=True)
    numw = "|".join(re.escape(w) for w in words if len(w) >= min_word)
    return rf"(?P<n>{digits})" + (rf"|(?P<w>{numw})" if numw else "")


@cache
def after_regex(language: str) -> re.Pattern[str]:
    """A count given after the item: "Leopard 2, czyli 14 maszyn", "tanks: 14", "HIMARS (4)"."""
    number = count_pattern(language, r"\d{1,3}(?:[ .,\u00a0]\d{3})*|\d+", min_word=3)
    that_is = lexicon_alternation("item_that_is", language)
    return re.compile(
        rf"\s*(?::\s*|\(\s*|[,–—-]\s*(?:{that_is})\s+)(?:{number})"
        r"(?![\w.,]*\d)(?!\s*(?:%|mm|мм|[$€£]|mln|mld|million|milliard|billion|bn|m\b))(?=[\s).,;]|$)",
        re.IGNORECASE,
    )


@cache
def one_unit_regex(language: str) -> re.Pattern[str]:
    """A word for one unit ("battery", "systemu", "комплекс") a few words before a system."""
    words = lexicon_alternation("item_one_unit", language)
    return re.compile(
        rf"(?:{words})(?P<gap>(?:[\s\-]+[^\W\d_]+){{0,5}}?)[\s\-«»\"„“]*$", re.IGNORECASE
    )


ONE_UNIT_CATEGORIES = frozenset({"air_defense", "rocket_artillery", "radar"})


@cache
def launcher_regex(language: str) -> re.Pattern[str]:
    """ "deux lanceurs pour le système Patriot": the count of launchers counts the system."""
    number = count_pattern(language, r"\d{1,3}", min_word=2)
    launchers = lexicon_alternation("item_launchers", language)
    return re.compile(
        rf"(?<![\w.,])(?:{number})\s+(?:[^\W\d_]+\s+)?(?:{launchers})(?!\w)"
        r"(?P<gap>(?:[\s\-]+[^\W\d_]+){0,6}?)[\s\-«»\"„“]*$",
        re.IGNORECASE,
    )


def _launchers(text: str, start: int, language: str) -> int | None:
    m = launcher_regex(language).search(text, max(0, start - 90), start)
    if m is None or conjunctions().search(m.group("gap")):
        return None
    if m.group("n"):
        return int(m.group("n")) or None
    found = _numbers(language).get(normalise(m.group("w")))
    value = None if found is None else parse_number(str(found))
    return int(value) if value and value == int(value) else None


def _one_unit(text: str, start: int, language: str) -> bool:
    """ "a battery of Patriot", "baterię systemu obrony powietrznej Patriot", "систему NASAMS":
    one system or battery named in the singular."""
    m = one_unit_regex(language).search(text, max(0, start - 70), start)
    return m is not None and not conjunctions().search(m.group("gap"))


@cache
def count_after_regex(language: str) -> re.Pattern[str]:
    """A count a little after the item, introduced ("w liczbie 14", "au nombre de 12") or
    followed by a unit noun (", insgesamt 14 Stück", ", i alt 80 stk.", "kolme kappaletta")."""
    number = count_pattern(language, r"\d{1,3}(?:[ .,\u00a0]\d{3})*|\d+", min_word=3)
    intro = lexicon_alternation("item_count_intro", language)
    units = lexicon_alternation("item_count_units", language)
    gap = r"(?:[\s\-]+[^\W\d]+(?:['’][^\W\d]+)?){0,3}?"  # "to Ukraine", "à l'Ukraine"
    return re.compile(
        rf"{gap}(?:(?P<intro>,?\s+(?:{intro})\s+)|\s*[,–—-]\s*(?:[^\W\d]+\s+){{0,2}})"
        rf"(?:{number})(?![\w.,]*\d)(?P<unit>\s+(?:{units}))?",
        re.IGNORECASE,
    )


def _quantity_after(text: str, end: int, language: str) -> int | None:
    m = after_regex(language).match(text, end, min(len(text), end + 40))
    if m is None:
        m = count_after_regex(language).match(text, end, min(len(text), end + 60))
        if m is not None and not (m.group("intro") or m.group("unit")):
            return None
    if m is None:
        return None
    lang = load_raw(language)
    if m.group("n"):
        raw = m.group("n")
        if re.fullmatch(r"(19|20)\d\d", raw):
            return None
        value = parse_number(raw, bool(lang.get("decimal_comma", True)))
    else:
        found = _numbers(language).get(normalise(m.group("w")))
        value = None if found is None else parse_number(str(found))
    if value is None or value <= 0 or value != int(value) or value > 10**7:
        return None
    return int(value)


@cache
def _numbers(language: str) -> dict[str, object]:
    return {normalise(k): v for k, v in item_numbers(language).items()}


def _number_word(word: str, language: str) -> Decimal | None:
    found = _numbers(language).get(normalise(word))
    return None if found is None else parse_number(str(found))


def _compound(before: str, start: int, end: int, value: Decimal, language: str) -> Decimal:
    """Tens and units spelt apart: "twenty-five", "двадцать пять" (25, not 5 or 20)."""
    if value in TENS:
        nxt = re.match(r"[\s-]+(\w+)", before[end:])
        unit = _number_word(nxt.group(1), language) if nxt else None
        if unit is not None and 1 <= unit <= 9:
            return value + unit
    elif 1 <= value <= 9:
        prev = re.search(r"(\w+)[\s-]+$", before[:start])
        tens = _number_word(prev.group(1), language) if prev else None
        if tens is not None and tens in TENS:
            return tens + value
    return value


TENS = frozenset(Decimal(t) for t in range(20, 100, 10))


@cache
def _count_scales(language: str) -> dict[str, object]:
    """Scale words a count may carry, normalised (English and the language's): built once."""
    raw_scales = {**load_raw("en")["scales"], **load_raw(language).get("scales", {})}
    return {normalise(k): v for k, v in raw_scales.items()}


def _quantity(text: str, start: int, language: str, sums: list[tuple[int, int]]) -> int | None:
    offset = max(0, start - 60)
    before = text[offset:start]
    if not before.strip():
        return None
    if not DIGIT.search(before) and number_tokens(language).isdisjoint(
        WORD_TOKEN.findall(before.lower())
    ):
        return None  # no digit and no number word: the regex cannot match
    m = quantity_regex(language).search(before)
    if m is None or any(lo <= offset + m.start() < hi for lo, hi in sums):
        return None  # "€2 billion for ammunition": a sum, not a count
    if conjunctions().search(before, m.end("n") if m.group("n") else m.end("w")):
        return None  # "Stridsvagn 122 och Hawk": the number belongs to the first
    lang = load_raw(language)
    if m.group("n"):
        raw = m.group("n")
        if re.fullmatch(r"(19|20)\d\d", raw):
            return None
        value = parse_number(raw, bool(lang.get("decimal_comma", True)))
    else:
        if vague_regex(language).search(before, 0, m.start()):
            return None  # "several thousand shells", "několik tisíc granátů": no count
        found = _numbers(language).get(normalise(m.group("w")))
        value = None if found is None else parse_number(str(found))
        if value is not None:
            value = _compound(before, m.start("w"), m.end("w"), value, language)
    if value is None:
        return None
    if m.group("s"):
        scales = _count_scales(language)
        said = normalise(m.group("s"))
        factor = scales.get(said) or next(
            (
                v
                for k, v in sorted(scales.items(), key=lambda kv: -len(kv[0]))
                if said.startswith(k)
            ),
            1,
        )
        value *= parse_number(str(factor)) or 1
    if value <= 0 or value != int(value) or value > 10**10:
        return None
    return int(value)


@cache
def vague_regex(language: str) -> re.Pattern[str]:
    """A vague quantifier just before a number word ("several", "kilka", "кілька")."""
    words = lexicon_alternation("quantifiers", language)
    return re.compile(rf"(?:{words})\s+$", re.IGNORECASE)


def find_item_mentions(text: str, hits: Hits, tables: Tables) -> list[ItemMention]:
    generics = generic_entries()
    found = []
    for h in hits.of("item"):
        entry = tables.entries[int(h.value.partition("|")[0])]
        surface = text[h.start : h.end] + _glued(text, h.end)
        found.append(ItemMention(h.start, h.end, entry, False, surface))
    for h in hits.of("generic"):
        if h.value in generics:
            surface = text[h.start : h.end]
            found.append(ItemMention(h.start, h.end, generics[h.value], True, surface))
    if _calibre_hint(text):
        for m in calibre_regex().finditer(text):
            for cal in re.findall(r"\d{2,3}(?:[.,]\d)?", m.group(0)):
                entry = Entry(None, f"{cal.replace(',', '.')} mm", "ammunition", None)
                found.append(ItemMention(m.start(), m.end(), entry, True, m.group(0)))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    return found


def _calibre_hint(text: str) -> bool:
    """Cheap test before the calibre regex: "mm", "millimètres", "міліметрів"."""
    return (
        "mm" in text
        or "мм" in text
        or "metr" in text
        or "meter" in text
        or "mètr" in text
        or "метр" in text
    )


GLUED = re.compile(r"[A-Za-z0-9]{1,3}(?![\w])")


def _glued(text: str, end: int) -> str:
    """Letters or digits stuck to a designation: the "R" of "Leopard 2R"."""
    if not end or not text[end - 1 : end].isdigit():
        return ""
    m = GLUED.match(text, end)
    return m.group(0) if m and m.group(0).lower() != "s" else ""


VARIANT = re.compile(r"[\s\-‑–]?[A-Z0-9]{1,4}")


@lru_cache(maxsize=4096)
def variant_name(entry: Entry, surface: str) -> str:
    """The catalogue name, with the variant the text named: "Leopard 2 (2A6)", "T-72 (T-72B)"."""
    said = " ".join(surface.split())
    for base in sorted({entry.name, *short_names(entry.name)}, key=lambda b: (-len(b), b)):
        if not any(ch.isdigit() for ch in base) or len(said) <= len(base):
            continue
        if _loose(said[: len(base)]) == _loose(base) and VARIANT.fullmatch(said[len(base) :]):
            variant = base.split()[-1] + said[len(base) :].lstrip(" -‑–")
            return f"{entry.name} ({variant})"
    return entry.name


def _loose(text: str) -> str:
    return re.sub(r"[\s\-‑–]+", " ", text.lower())


def label(name: str) -> str:
    """A generic item's English name as users read it: "Armoured vehicles"."""
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _mention(surface: str, name: str) -> str | None:
    """The text's words for an item, kept when they are not the item's own name."""
    surface = " ".join(surface.split())
    return None if not surface or surface.lower() == name.lower() else surface


ADJECTIVAL = frozenset({"armoured vehicles", "air defence systems", "anti-tank weapons"})


def _specific(mentions: list[ItemMention]) -> ItemMention:
    """The most specific generic: "counter-battery radars" over "radars"; a noun over a word
    that is often an adjective ("obrněných člunů" are boats, not armoured vehicles)."""
    return max(
        mentions,
        key=lambda m: (len(WORD.findall(m.entry.name)), m.entry.name not in ADJECTIVAL),
    )


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
                or join_gap().match(gap)
                or (named_after_generic and TYPE_GAP.match(gap) and not conjunctions().search(gap))
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
    mention = _mention(surface, "")
    out: list[ExtractedItem] = []
    if named:
        seen: set[str] = set()
        for m in named:
            if m.entry.name in seen:
                continue
            seen.add(m.entry.name)
            q = quantity if m is named[0] else None
            e = m.entry
            name = variant_name(e, m.surface)
            said = _mention(surface if len(named) == 1 else m.surface, name)
            out.append(ExtractedItem(name, e.category, q, unit, e.slug, said))
        return out
    ammunition = [m for m in generic if m.entry.category == "ammunition"]
    others = [m for m in generic if m.entry.category != "ammunition"]
    main = _specific(others) if others else (_specific(ammunition) if ammunition else None)
    if calibres:
        if main is None:
            noun = "ammunition"
        elif main.entry.category == "ammunition" or unit is not None:
            noun = "artillery ammunition" if main.entry.name == "ammunition" else main.entry.name
        else:
            noun = main.entry.name
        category = main.entry.category if main and unit is None else "ammunition"
        if ammunition and main is not None and main.entry.category != "ammunition":
            category = "ammunition"  # "munitions de mortier de 120 mm"
            noun = f"{main.entry.name} ammunition"
        for i, c in enumerate(calibres):
            q = quantity if i == 0 and len(calibres) == 1 else None
            out.append(ExtractedItem(f"{c.entry.name} {noun}", category, q, unit, None, mention))
        return out
    if main is None:
        return out
    name = main.entry.name
    if (ammunition or unit is not None) and main.entry.category != "ammunition":
        # "munitions d'artillerie", "artillery rounds", "cartușe de infanterie"
        name = f"{name} ammunition"
        out.append(ExtractedItem(label(name), "ammunition", quantity, unit, None, mention))
        return out
    out.append(ExtractedItem(label(name), main.entry.category, quantity, unit, None, mention))
    return out


def extract_items(
    text: str,
    language: str,
    hits: Hits,
    tables: Tables,
    sums: list[tuple[int, int]] | None = None,
    since: int = 0,
    until: int | None = None,
) -> list[ExtractedItem]:
    """Items named in ``text`` (a sentence) from ``since`` on (and before ``until``), each
    with its quantity when one is given."""
    items: list[ExtractedItem] = []
    tables_hit = hits.tables
    if "item" not in tables_hit and "generic" not in tables_hit and not _calibre_hint(text):
        return items
    totals = hits.of("cue:total_pre") + hits.of("cue:total_post")
    counted_end = -1
    for group in _groups(text, find_item_mentions(text, hits, tables)):
        if group[0].start < since or (until is not None and group[0].start >= until):
            continue
        if counted_end >= 0 and _summed(totals, counted_end, group[0].start):
            continue  # "20 Marder and 20 Bradley, altogether 40 infantry fighting vehicles"
        quantity = _quantity(text, group[0].start, language, sums or [])
        end = max(m.end for m in group)
        if quantity is None:
            named_end = group[-1].end == end and not group[-1].generic
            glued = _glued(text, end) if named_end else ""  # "Leopard 2R: 14"
            quantity = _quantity_after(text, end + len(glued), language)
        named = next((m for m in group if not m.generic), None)
        if quantity is None and named is not None and named.entry.category in ONE_UNIT_CATEGORIES:
            quantity = _launchers(text, group[0].start, language)
            if quantity is None and (
                _one_unit(text, group[0].start, language) or _one_unit(text, named.start, language)
            ):
                quantity = 1
        surface = text[group[0].start : end]
        if group[-1].end == end and not group[-1].generic:
            surface += _glued(text, end)
        for item in _phrase_items(group, quantity, surface):
            if not any(i.name == item.name and i.quantity == item.quantity for i in items):
                items.append(item)
        if quantity is not None:
            counted_end = end
    return items


TOTAL_REACH = 40


def _summed(totals: list[Hit], lo: int, start: int) -> bool:
    """A total word between the items counted so far and this one, close before it: the
    count that follows sums them up ("łącznie 70 czołgów", "52 vehicles in total")."""
    return any(lo <= h.start and h.end <= start and start - h.end <= TOTAL_REACH for h in totals)
