"""The article the project was born from: its five gold pledges, end to end."""

import json

import pytest

from ingest.extraction import extract, parse_date_line

from .conftest import SHARED

SEED = SHARED / "corpus" / "seed"


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is absent")
def test_seed_article_gives_its_five_gold_pledges():
    gold = json.loads((SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    published, text = parse_date_line((SEED / gold["file"]).read_text(encoding="utf-8"))
    result = extract(text, published=published)
    assert result.language == "fr"
    got = {(p.donor, p.amount and int(p.amount), p.currency, p.kind) for p in result.pledges}
    want = {(g["donor"], g["amount"], g["currency"], g["kind"]) for g in gold["pledges"]}
    assert got == want
    by_donor = {p.donor: p for p in result.pledges}
    assert by_donor["US"].announced_on == "2023-06-13"
    us_items = " ".join(f"{i.name} {i.category} {i.quantity}" for i in by_donor["US"].items)
    for word in ("Stinger", "Javelin", "Bradley", "communications", "105", "155", "22000000"):
        assert word in us_items
    for p in result.pledges:
        assert text[p.evidence_start : p.evidence_end] == p.evidence
