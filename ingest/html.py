"""HTML to main text and metadata with trafilatura (the path fetched pages take too)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlparse

DROP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
TAG = re.compile(r"<[^>]{0,2000}>")
BLOCK = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section)\b[^>]{0,2000}>", re.I)


@dataclass(frozen=True)
class MainText:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None


def main_text(html: str, url: str | None = None) -> MainText:
    """The article's main text, title, publication date (YYYY-MM-DD), outlet and language."""
    doc = None
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:
        doc = None
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (data.get("text") or "").strip()
    if not text:
        text = strip_tags(html)
    date = data.get("date")
    if date and date == data.get("filedate"):
        date = None
    outlet = data.get("sitename") or data.get("hostname")
    outlet = outlet or (urlparse(url).hostname if url else None)
    return MainText(
        text=text,
        title=data.get("title") or None,
        published=date or None,
        outlet=outlet or None,
        language=data.get("language") or None,
    )


def strip_tags(html: str) -> str:
    text = DROP.sub(" ", html)
    text = BLOCK.sub("\n", text)
    text = TAG.sub(" ", text)
    text = unescape(text)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
