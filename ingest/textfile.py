"""Bytes of a text file to str: BOMs, UTF-8, then cp1252/latin-1; binary data refused."""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 4 * 1024 * 1024
CONTROL_RATIO = 0.01
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ERROR_TOO_LARGE = "file too large: {size} bytes, the limit is {limit} bytes"
ERROR_BINARY = "binary data, not text (NUL bytes or control characters)"
ERROR_UNDECODABLE = "cannot decode the text ({encoding})"
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


class UnreadableText(ValueError):
    """The bytes are not a text we can read; the message says why."""


def decode_bytes(data: bytes, *, limit: int = MAX_BYTES) -> str:
    if len(data) > limit:
        raise UnreadableText(ERROR_TOO_LARGE.format(size=len(data), limit=limit))
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _check(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise UnreadableText(ERROR_UNDECODABLE.format(encoding=encoding)) from exc
    if b"\x00" in data:
        raise UnreadableText(ERROR_BINARY)
    for encoding in ("utf-8", "cp1252"):
        try:
            return _check(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return _check(data.decode("latin-1"))


def _check(text: str) -> str:
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in ALLOWED_CONTROLS)
    controls += sample.count("\x7f") + sample.count("\ufffd")
    if "\x00" in sample or (sample and controls / len(sample) > CONTROL_RATIO):
        raise UnreadableText(ERROR_BINARY)
    return text


def read_text_file(path: str | Path, *, limit: int = MAX_BYTES) -> str:
    """Read and decode a file, reading at most ``limit + 1`` bytes (no hang on huge files)."""
    with open(path, "rb") as f:
        data = f.read(limit + 1)
        if len(data) > limit:
            f.seek(0, 2)
            raise UnreadableText(ERROR_TOO_LARGE.format(size=f.tell(), limit=limit))
    return decode_bytes(data, limit=limit)
