"""Language detection with lingua, restricted to the languages that have a lexicon."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .lexicon import available_languages

SAMPLE = 160
SHORT = 100
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
def _detector(low_accuracy: bool = True) -> tuple[Any, dict[Any, str]]:
    """Low-accuracy mode (trigrams) loads in a tenth of a second and is as good on
    article-length text; short snippets get the full models, loaded on first need."""
    from lingua import Language, LanguageDetectorBuilder

    by_language: dict[Any, str] = {}
    for code in available_languages():
        name = LINGUA_NAMES.get(code)
        if name and hasattr(Language, name):
            by_language[getattr(Language, name)] = code
    if hasattr(Language, "NYNORSK") and "no" in by_language.values():
        by_language[Language.NYNORSK] = "no"
    builder = LanguageDetectorBuilder.from_languages(*by_language)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    return detector, by_language


def normalise_language(code: str | None) -> str | None:
    if not code:
        return None
    code = ALIASES.get(code.strip().lower(), code.strip().lower())
    return code if code in available_languages() else None


def detect_language(text: str) -> str:
    sample = text[: SAMPLE + 40]
    if len(text) > len(sample) and " " in sample.strip():
        sample = sample.rsplit(None, 1)[0]
    if LETTERS.search(sample) is None:
        return DEFAULT
    detector, by_language = _detector(len(sample) >= SHORT)
    language = detector.detect_language_of(sample)
    return by_language.get(language, DEFAULT) if language is not None else DEFAULT
