"""The development corpus as a regression floor (the benchmark gives the real figures)."""

import json

import pytest

from ingest.extraction import extract, parse_date_line

from .conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FLOOR = 0.8


def gold():
    out = []
    for name in ("gold-a.jsonl", "gold-b.jsonl", "gold-c.jsonl"):
        path = CORPUS / name
        if path.exists():
            out += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return out


@pytest.mark.skipif(not gold(), reason="no development corpus")
def test_corpus_f1_floor():
    tp = npred = ngold = 0
    for g in gold():
        published, text = parse_date_line((CORPUS / g["file"]).read_text(encoding="utf-8"))
        result = extract(text, published=published).to_dict()
        pred = [(p["donor"], p["amount"], p["currency"]) for p in result["pledges"]]
        want = [(p["donor"], p["amount"], p["currency"]) for p in g["pledges"]]
        npred, ngold = npred + len(pred), ngold + len(want)
        for w in want:
            if w in pred:
                pred.remove(w)
                tp += 1
    f1 = 2 * tp / (npred + ngold) if npred + ngold else 1.0
    assert f1 >= FLOOR
