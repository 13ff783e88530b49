# ruff: noqa: RUF001 - sample sentences in many languages
"""Random and hostile text: never raises, never hangs, always valid contract JSON."""

import json
import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extraction import extract
from ingest.extraction.model import CATEGORIES, KINDS

FRAGMENTS = [
    "$", "€", "£", "1,2", "2.000", "325", " million ", " milliards de ", "dollars", "euros",
    "Germany ", "les Pays-Bas ", "Данія ", "announced ", "pledged ", "since 2022 ", "total ",
    "Leopard 2 ", "F-16", " 155 mm ", "rounds", ", ", ". ", "\n", "\n\n", "(", ")", "«", "»",
    "13 juin ", "on Tuesday ", "date: 2023-06-16\n", "–", "‑", "\u00a0", "\ufeff", "\x0b",
]  # fmt: skip
hostile = st.lists(st.sampled_from(FRAGMENTS), max_size=300).map("".join)
dates = st.one_of(
    st.none(), st.sampled_from(["2023", "2023-06", "2023-06-16", "bad", "2023-02-30"])
)
languages = st.one_of(st.none(), st.sampled_from(["en", "fr", "de", "uk", "xx", "nb"]))


def check(text: str, published: str | None, language: str | None) -> None:
    result = extract(text, published=published, language=language)
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"language", "published", "pledges"}
    for p in data["pledges"]:
        assert isinstance(p["donor"], str) and p["donor"]
        assert p["kind"] in KINDS
        assert p["amount"] is None or (p["amount"] > 0 and p["currency"])
        assert 0 <= p["confidence"] <= 1
        assert text[p["evidence_start"] : p["evidence_end"]] == p["evidence"]
        assert p["announced_on"] is None or len(p["announced_on"]) in (4, 7, 10)
        for item in p["items"]:
            assert item["category"] in CATEGORIES
            assert item["quantity"] is None or item["quantity"] > 0
    for pledge in result.pledges:
        assert pledge.amount is None or isinstance(pledge.amount, Decimal)


HANG_GUARD_SECONDS = 30


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000), dates, languages)
def test_random_text(text, published, language):
    check(text, published, language)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, dates, languages)
def test_hostile_fragments(text, published, language):
    check(text, published, language)


def test_pathological_inputs_return_quickly():
    # A guard against hangs (catastrophic backtracking), not a speed measure.
    cases = [
        "$" * 200_000,
        "1," * 100_000,
        "9" * 200_000,
        "a" * 300_000,
        "Germany " * 30_000,
        "Leopard 2 " * 20_000,
        ("The US pledged $1 billion to Ukraine on Tuesday. " * 4000),
        "\n" * 100_000,
        "(" * 50_000 + "€1" + ")" * 50_000,
    ]
    for text in cases:
        start = time.perf_counter()
        check(text, "2023-06-16", None)
        assert time.perf_counter() - start < HANG_GUARD_SECONDS, text[:40]
