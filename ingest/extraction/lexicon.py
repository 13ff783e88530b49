# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Per-language knowledge loaded from JSON files under ``lexicons/``.

Adding a language is adding ``lexicons/<code>.json``; English (``en.json``) provides the
fallback for money symbols and codes that news in every language uses.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
APOSTROPHES = "'’ʼ`"


@cache
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.json") if not p.stem.startswith("_")))


@cache
def load_raw(name: str) -> dict[str, Any]:
    with (LEXICON_DIR / f"{name}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def lexicon_phrases(key: str, language: str | None = None) -> list[str]:
    """The phrases under ``key`` in one language's lexicon, or in every lexicon."""
    names = (language,) if language else available_languages()
    return [p for name in names for p in load_raw(name).get(key, [])]


NOTHING = "(?!)"


def lexicon_alternation(key: str, language: str | None = None) -> str:
    """The phrases under ``key`` (one language's, or every lexicon's) as one regex
    alternation; a pattern that matches nothing when there are none."""
    return alternation(lexicon_phrases(key, language)) or NOTHING


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


WORD_START = r"(?<!\w)"


def alternation(phrases: list[str]) -> str:
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    return hoist_word_start([phrase_pattern(p) for p in unique])


def hoist_word_start(parts: list[str]) -> str:
    r"""``a|b|c`` with the word-start test written once for each run of alternatives that
    begin with it: ``(?<!\w)(?:a|b)|c``. The same matches in the same order of preference
    (the test takes no characters), but Python's regex engine no longer repeats it for
    every alternative at every position of the text."""
    out: list[str] = []
    run: list[str] = []
    for part in parts:
        if part.startswith(WORD_START):
            run.append(part[len(WORD_START) :])
            continue
        if run:
            out.append(_grouped(run))
            run = []
        out.append(part)
    if run:
        out.append(_grouped(run))
    return "|".join(out)


def _grouped(bodies: list[str]) -> str:
    return WORD_START + (bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")")


def compile_phrases(phrases: list[str]) -> re.Pattern[str] | None:
    pattern = alternation(phrases)
    return re.compile(pattern, re.IGNORECASE) if pattern else None


_NORMALISE = re.compile(r"[\s\-‑–.]+")


def normalise(text: str) -> str:
    text = text.lower()
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    return _NORMALISE.sub("", text)
