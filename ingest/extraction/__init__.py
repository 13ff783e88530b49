"""Aid Tracker extraction engine: article text in, pledges with evidence out.

A pure library: no Django, no settings, no network. Per-language knowledge lives in
``lexicons/*.json``; the equipment catalogue in ``aidtracker/data/equipment.json``.
"""

from __future__ import annotations

from .assemble import extract_pledges
from .dates import parse_date_line, parse_partial
from .langdetect import detect_language, normalise_language
from .model import ExtractedItem, ExtractedPledge, ExtractionResult

EXTRACTOR_VERSION = "1.5.1"

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedItem",
    "ExtractedPledge",
    "ExtractionResult",
    "detect_language",
    "extract",
    "parse_date_line",
]


def extract(
    text: str,
    *,
    published: str | None = None,
    language: str | None = None,
    catalogue: str | None = None,
) -> ExtractionResult:
    """Pledges stated in ``text``; evidence offsets index into ``text`` itself.

    ``published`` ("2023", "2023-06" or "2023-06-16") resolves relative dates;
    ``language`` skips detection (unsupported codes fall back to detection);
    ``catalogue`` overrides the equipment catalogue path.
    """
    if not isinstance(text, str):
        raise TypeError("extract() needs a str")
    pub = parse_partial(published)
    published_text = str(pub) if pub else None
    lang = normalise_language(language) or detect_language(text)
    if not text.strip():
        return ExtractionResult(lang, published_text, ())
    pledges = extract_pledges(text, lang, published_text, catalogue)
    return ExtractionResult(lang, published_text, pledges)
