"""Cut article text into plain and highlighted segments; templates escape every segment.

Nothing here builds HTML: a template renders each segment as text, inside <mark> when
it is highlighted, so the article's own markup can never reach the page unescaped.
"""

from collections.abc import Iterable
from dataclasses import dataclass

CONTEXT_CHARS = 240
ELLIPSIS = "…"


@dataclass(frozen=True)
class Segment:
    text: str
    mark: bool = False


def _merged(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clamped to the text, sorted, overlapping ones joined."""
    clamped = sorted(
        (max(0, start), min(length, end)) for start, end in spans if min(length, end) > start
    )
    merged: list[tuple[int, int]] = []
    for start, end in clamped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def text_segments(text: str, spans: Iterable[tuple[int, int]]) -> list[Segment]:
    """The whole text as segments, with the given character spans marked."""
    segments: list[Segment] = []
    position = 0
    for start, end in _merged(spans, len(text)):
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], mark=True))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _span_matches(text: str, start: int, end: int, sentence: str) -> bool:
    return 0 <= start < end <= len(text) and text[start:end].strip() == sentence.strip()


def excerpt_segments(
    text: str, start: int, end: int, sentence: str, *, context: int = CONTEXT_CHARS
) -> list[Segment]:
    """The sentence marked inside some of its surrounding text.

    When the stored span no longer matches the article text (the text was re-fetched),
    the sentence is looked up again, and shown alone if it is not found.
    """
    if not _span_matches(text, start, end, sentence):
        found = text.find(sentence.strip()) if sentence.strip() else -1
        if found < 0:
            return [Segment(sentence, mark=True)]
        start, end = found, found + len(sentence.strip())
    left = max(0, start - context)
    right = min(len(text), end + context)
    before = (ELLIPSIS if left else "") + text[left:start]
    after = text[end:right] + (ELLIPSIS if right < len(text) else "")
    return [s for s in (Segment(before), Segment(text[start:end], True), Segment(after)) if s.text]
