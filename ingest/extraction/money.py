# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Money amounts as news writes them: "$325 million", "1,2 Milliarden Euro", "1,5 mld zł"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from .lexicon import alternation, hoist_word_start, load_raw, normalise

NUM = r"\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
MAX_AMOUNT = Decimal(10) ** 13

# Pseudo-currencies resolved by the donor: a bare "dollars" from Canada is CAD.
BARE_DOLLAR = "$"
BARE_KRONE = "KR"
DOLLAR_BY_DONOR = {"CA": "CAD", "AU": "AUD", "NZ": "NZD"}
KRONE_BY_DONOR = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "IS": "ISK"}
KRONE_BY_LANGUAGE = {"da": "DKK", "no": "NOK", "sv": "SEK"}


@dataclass(frozen=True)
class Money:
    start: int
    end: int
    amount: Decimal
    currency: str


def parse_number(text: str, decimal_comma: bool = True) -> Decimal | None:
    """Parse "1,2", "2.000", "325", "1 500 000", "1.2" the way the text's language would."""
    s = re.sub(r"[ \u00a0\u202f'’]", "", text)
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    else:
        for sep in ".,":
            if sep not in s:
                continue
            parts = s.split(sep)
            s = s.replace(sep, "") if len(parts) > 2 or len(parts[1]) == 3 else s.replace(sep, ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class MoneyGrammar:
    regex: re.Pattern[str]
    scales: dict[str, Decimal]
    numbers: dict[str, Decimal]
    currencies: dict[str, str]
    decimal_comma: bool


def _table(*sources: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for source in sources:
        for code, names in source.items():
            for name in names:
                out[normalise(name.rstrip("*"))] = code
    return out


@cache
def grammar(language: str) -> MoneyGrammar:
    common = load_raw("_common")
    en = load_raw("en")
    lang = load_raw(language)
    scales_raw = {**en.get("scales", {}), **lang.get("scales", {})}
    scales = {normalise(k): Decimal(str(v)) for k, v in scales_raw.items()}
    numbers = {normalise(k): Decimal(str(v)) for k, v in lang.get("numbers", {}).items()}
    # "полмиллиарда": a number and its scale in one word
    numbers.update({normalise(k): Decimal(str(v)) for k, v in lang.get("amount_words", {}).items()})
    # "seven hundred", "siebenhundert", "setecientos": number words a sum may be spelt with
    spelt_words = {**lang.get("numbers", {}), **lang.get("amount_numbers", {})}
    numbers.update({normalise(k): Decimal(str(v)) for k, v in spelt_words.items()})
    symbols: dict[str, list[str]] = common["currency_symbols"]
    words: dict[str, list[str]] = {}
    for source in (en.get("currencies", {}), lang.get("currencies", {})):
        for code, names in source.items():
            words.setdefault(code, []).extend(names)
    currencies = _table(symbols, en.get("currencies", {}), lang.get("currencies", {}))
    stems = [name for names in words.values() for name in names if name.endswith("*")]
    sym = symbol_alternation([s for names in symbols.values() for s in names])
    cur = alternation([w for names in words.values() for w in names])
    scale = alternation(list(scales_raw)).replace(r"(?<!\w)", "")
    numw = compound_alternation(list(spelt_words))
    of = alternation([*list(lang.get("money_of", [])), "of"])
    pre = rf"(?P<pre>{sym})\s?(?P<num1>{NUM})(?:\s?(?P<scale1>{scale}))?"
    numof = alternation(list(lang.get("number_of", [])))
    link = rf"(?:\s(?:{numof}))?" if numof else ""
    digits = rf"(?P<num>{NUM})(?:{link}\s?(?P<scale2>{scale})\s?(?:(?:{of})\s?)?)?\s?"
    spelt = rf"|(?P<word>{numw})[\s\-‑](?P<scale3>{scale})\s?(?:(?:{of})\s?)?" if numw else ""
    amount_words = lang.get("amount_words", {})
    bare = (
        rf"|(?P<bare>{alternation(list(amount_words))})\s?(?:(?:{of})\s?)?" if amount_words else ""
    )
    post = rf"(?<![\w.,])(?:{digits}{spelt}{bare})(?P<cur>{cur}|{sym})"
    regex = re.compile(f"{pre}|{post}", re.IGNORECASE)
    for stem in stems:
        currencies.setdefault(normalise(stem[:-1]), words_code(words, stem))
    return MoneyGrammar(regex, scales, numbers, currencies, bool(lang.get("decimal_comma", True)))


COMPOUND_PARTS = 4


def compound_alternation(words: list[str]) -> str:
    """Up to four number words, apart or run together: "seven hundred", "siebenhundert"."""
    if not words:
        return ""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    one = "|".join(re.escape(w).replace(r"\ ", r"\s") for w in ordered)
    return rf"(?<!\w)(?:{one})(?:[\s\-‑]?(?:{one})){{0,{COMPOUND_PARTS - 1}}}"


def spelt_value(numbers: dict[str, Decimal], text: str) -> Decimal | None:
    """The value of number words: "seven hundred fifty" is 750, "sept cents" 700."""
    rest = normalise(text)
    keys = sorted(numbers, key=len, reverse=True)
    total = Decimal(0)
    current = Decimal(0)
    while rest:
        key = next((k for k in keys if k and rest.startswith(k)), None)
        if key is None:
            return None
        value = numbers[key]
        rest = rest[len(key) :]
        if value in (100, 1000) and current:
            current *= value
        else:
            current += value
        if value == 1000:
            total, current = total + current, Decimal(0)
    return total + current


def symbol_alternation(symbols: list[str]) -> str:
    out = []
    for symbol in sorted(set(symbols), key=lambda s: (-len(s), s)):
        body = re.escape(symbol).replace(r"\.", r"\.?")
        if symbol.isupper() or symbol.islower():
            body = f"(?-i:{body})" if symbol.isupper() else body
        lead = r"(?<!\w)" if symbol[0].isalnum() else ""
        tail = r"(?![^\W\d])" if symbol[-1].isalnum() else ""
        out.append(lead + body + tail)
    return hoist_word_start(out)


def words_code(words: dict[str, list[str]], name: str) -> str:
    for code, names in words.items():
        if name in names:
            return code
    return ""


def _currency(g: MoneyGrammar, text: str) -> str | None:
    key = normalise(text)
    if key in g.currencies:
        return g.currencies[key]
    for stem, code in g.currencies.items():
        if stem and key.startswith(stem) and len(stem) >= 3:
            return code
    return None


REACH_BEFORE = 48
REACH_AFTER = 40


def find_money(
    text: str, language: str, anchors: list[tuple[int, int]] | None = None
) -> list[Money]:
    """Sums in ``text``; with ``anchors`` (where currency words or symbols stand), only the
    windows around them are scanned, since every sum names its currency."""
    g = grammar(language)
    out: list[Money] = []
    for lo, hi in _windows(text, anchors):
        for m in g.regex.finditer(text, lo, hi):
            money = _money(g, m)
            if money is not None and (not out or money.start >= out[-1].end):
                out.append(money)
    return out


def _windows(text: str, anchors: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    if anchors is None:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for start, end in sorted(anchors):
        lo, hi = max(0, start - REACH_BEFORE), min(len(text), end + REACH_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _money(g: MoneyGrammar, m: re.Match[str]) -> Money | None:
    if m.group("pre"):
        value = parse_number(m.group("num1"), g.decimal_comma)
        scale_text, cur_text = m.group("scale1"), m.group("pre")
    else:
        scale_text, cur_text = m.group("scale2"), m.group("cur")
        if m.group("word"):
            scale_text = m.group("scale3")
            value = spelt_value(g.numbers, m.group("word"))
        elif m.groupdict().get("bare"):
            value = g.numbers.get(normalise(m.group("bare")))
        else:
            value = parse_number(m.group("num"), g.decimal_comma)
    currency = _currency(g, cur_text)
    if value is None or currency is None:
        return None
    if scale_text:
        value *= g.scales.get(normalise(scale_text), Decimal(1))
    if value <= 0 or value > MAX_AMOUNT:
        return None
    return Money(m.start(), m.end(), value.normalize(), currency)


def resolve_currency(currency: str, donor: str | None, language: str) -> str:
    if currency == BARE_DOLLAR:
        return DOLLAR_BY_DONOR.get(donor or "", "USD")
    if currency == BARE_KRONE:
        return KRONE_BY_DONOR.get(donor or "", KRONE_BY_LANGUAGE.get(language, "DKK"))
    return currency
