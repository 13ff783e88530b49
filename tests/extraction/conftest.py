"""Helpers for the extraction tests (no database anywhere here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extraction import ExtractionResult, extract

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def pledges_of(text: str, **kwargs: object) -> list[tuple[str, object, object, str]]:
    result = extract(text, **kwargs)  # type: ignore[arg-type]
    return [(p.donor, p.amount and int(p.amount), p.currency, p.kind) for p in result.pledges]


@pytest.fixture
def run_extract():
    def run(text: str, **kwargs: object) -> ExtractionResult:
        return extract(text, **kwargs)  # type: ignore[arg-type]

    return run
