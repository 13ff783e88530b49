# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Per-language knowledge loaded from JSON files under ``lexicons/``.

Adding a language is adding ``lexicons/<code>.json``; English (``en.json``) provides the
fallback for money symbols and codes that news in every language uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
APOSTROPHES = "'’ʼ`"


def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.json") if not p.stem.startswith("_")))


@cache
def load_raw(name: str) -> dict[str, Any]:
    with (LEXICON_DIR / f"{name}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def phrase_pattern(phrase: str) -> str:
    """Regex for one lexicon phrase.

    ``*`` at the end marks a stem (any word ending), spaces match any whitespace,
    hyphens match a hyphen, a space or nothing, apostrophes match any apostrophe.
    An all-caps short token (``US``, ``EU``) is matched case-sensitively.
    """
    stem = phrase.endswith("*")
    text = phrase[:-1] if stem else phrase
    parts: list[str] = []
    for ch in text:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch == "-":
            parts.append(r"[\-‑–\s]?")
        elif ch in APOSTROPHES:
            parts.append("[" + APOSTROPHES + "]")
        elif ch == ".":
            parts.append(r"\.?")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    if text.isupper() and len(text) <= 6 and " " not in text:
        body = f"(?-i:{body})"
    tail = r"\w*" if stem else (r"(?!\w)" if text[-1:].isalnum() else "")
    lead = r"(?<!\w)" if text[:1].isalnum() else ""
    return f"{lead}{body}{tail}"


def alternation(phrases: list[str]) -> str:
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in unique)


def compile_phrases(phrases: list[str]) -> re.Pattern[str] | None:
    pattern = alternation(phrases)
    return re.compile(pattern, re.IGNORECASE) if pattern else None


class PhraseTable:
    """Maps phrases to values; ``lookup`` finds the value of a matched text."""

    def __init__(self, mapping: dict[str, list[str]]) -> None:
        self.exact: dict[str, str] = {}
        self.stems: list[tuple[str, str]] = []
        phrases: list[str] = []
        for value, names in mapping.items():
            for name in names:
                phrases.append(name)
                if name.endswith("*"):
                    self.stems.append((normalise(name[:-1]), value))
                else:
                    self.exact.setdefault(normalise(name), value)
        self.stems.sort(key=lambda s: -len(s[0]))
        self.regex = compile_phrases(phrases)

    def lookup(self, matched: str) -> str | None:
        key = normalise(matched)
        if key in self.exact:
            return self.exact[key]
        for stem, value in self.stems:
            if key.startswith(stem):
                return value
        return None

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            value = self.lookup(m.group(0))
            if value is not None:
                out.append((m.start(), m.end(), value))
        return out


_NORMALISE = re.compile(r"[\s\-‑–.]+")


def normalise(text: str) -> str:
    text = text.lower()
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    return _NORMALISE.sub("", text)


@dataclass(frozen=True)
class Cues:
    """Compiled cue regexes of one language (its own list plus the universal ones)."""

    patterns: dict[str, re.Pattern[str] | None]

    def search(self, name: str, text: str) -> re.Match[str] | None:
        pattern = self.patterns.get(name)
        return pattern.search(text) if pattern is not None else None

    def finditer(self, name: str, text: str) -> list[re.Match[str]]:
        pattern = self.patterns.get(name)
        return list(pattern.finditer(text)) if pattern is not None else []


def merged_list(lang: dict[str, Any], common: dict[str, Any], key: str) -> list[str]:
    return list(lang.get(key, [])) + list(common.get(key, []))


@cache
def cues_for(language: str) -> Cues:
    lang = load_raw(language)
    common = load_raw("_common")
    names = set(lang.get("cues", {})) | set(common.get("cues", {}))
    patterns = {
        name: compile_phrases(
            list(lang.get("cues", {}).get(name, [])) + list(common.get("cues", {}).get(name, []))
        )
        for name in names
    }
    return Cues(patterns)
