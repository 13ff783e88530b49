"""Language detection with lingua, restricted to the languages that have a lexicon."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .lexicon import available_languages

SAMPLE = 400
DEFAULT = "en"
LETTERS = re.compile(r"[^\W\d_].*[^\W\d_].*[^\W\d_]", re.S)
LINGUA_NAMES = {
    "en": "ENGLISH", "fr": "FRENCH", "de": "GERMAN", "es": "SPANISH", "it": "ITALIAN",
    "pt": "PORTUGUESE", "pl": "POLISH", "nl": "DUTCH", "uk": "UKRAINIAN", "ru": "RUSSIAN",
    "da": "DANISH", "sv": "SWEDISH", "no": "BOKMAL", "fi": "FINNISH", "cs": "CZECH",
    "ro": "ROMANIAN",
}  # fmt: skip
ALIASES = {"nb": "no", "nn": "no"}


@cache
def _detector() -> tuple[Any, dict[Any, str]]:
    from lingua import Language, LanguageDetectorBuilder

    by_language: dict[Any, str] = {}
    for code in available_languages():
        name = LINGUA_NAMES.get(code)
        if name and hasattr(Language, name):
            by_language[getattr(Language, name)] = code
    if hasattr(Language, "NYNORSK") and "no" in by_language.values():
        by_language[Language.NYNORSK] = "no"
    builder = LanguageDetectorBuilder.from_languages(*by_language)
    detector = builder.build()
    return detector, by_language


def normalise_language(code: str | None) -> str | None:
    if not code:
        return None
    code = ALIASES.get(code.strip().lower(), code.strip().lower())
    return code if code in available_languages() else None


def detect_language(text: str) -> str:
    sample = text[: SAMPLE + 40].rsplit(None, 1)[0] if len(text) > SAMPLE + 40 else text
    if LETTERS.search(sample) is None:
        return DEFAULT
    detector, by_language = _detector()
    language = detector.detect_language_of(sample)
    return by_language.get(language, DEFAULT) if language is not None else DEFAULT
