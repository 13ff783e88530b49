#!/usr/bin/env python
"""Benchmark of the extraction engine (``make bench-extract``).

1. The scorer's summary line (../shared/tools/score.py) for the development corpus
   (tests/fixtures/corpus, gold-a, gold-b and gold-c (blind test) joined into gold.jsonl), for
   ../shared/corpus/seed and for the held-out corpus (tests/fixtures/heldout, written
   apart from the engine and never used to tune it), all through ``python manage.py extract``;
2. throughput over 1,000+ articles of about 3 KB in one process, start-up excluded;
3. the time for one 1 MB input.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED = SHARED / "corpus" / "seed"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
ARTICLES = 1000
ARTICLE_CHARS = 3000
BIG_CHARS = 1_000_000

sys.path.insert(0, str(ROOT))


def score(gold: Path, label: str) -> None:
    if not SCORER.exists():
        print(f"{label}: skipped, {SCORER} is absent")
        return
    command = f"{sys.executable} {ROOT / 'manage.py'} extract"
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold), "--run", command],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    lines = proc.stdout.strip().splitlines()
    summary = lines[-1] if lines else f"scorer failed: {proc.stderr.strip()[-500:]}"
    print(f"{label}: {summary}")


def join_gold() -> Path | None:
    parts = [CORPUS / "gold-a.jsonl", CORPUS / "gold-b.jsonl", CORPUS / "gold-c.jsonl"]
    if not any(p.exists() for p in parts):
        return None
    gold = CORPUS / "gold.jsonl"
    text = "".join(p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in parts if p.exists())
    gold.write_text(text, encoding="utf-8")
    return gold


def corpus_texts() -> list[str]:
    from ingest.extraction import parse_date_line

    texts = [
        parse_date_line(p.read_text(encoding="utf-8"))[1] for p in sorted(CORPUS.glob("*.txt"))
    ]
    if SEED.is_dir():
        texts += [parse_date_line(p.read_text(encoding="utf-8"))[1] for p in SEED.glob("*.txt")]
    return [t for t in texts if t.strip()] or ["Germany pledged 1 billion euros to Ukraine. " * 70]


def articles(texts: list[str], count: int, size: int) -> list[str]:
    """``count`` articles of about ``size`` characters, each from a different start."""
    out = []
    for i in range(count):
        body, j = "", i
        while len(body) < size:
            body += texts[j % len(texts)] + "\n\n"
            j += 1
        out.append(body[:size].rsplit(" ", 1)[0])
    return out


def throughput() -> None:
    from ingest.extraction import extract

    texts = corpus_texts()
    batch = articles(texts, ARTICLES, ARTICLE_CHARS)
    for text in texts:  # start-up: detector, lexicons and matchers of every language
        extract(text)
    start, cpu = time.perf_counter(), time.process_time()
    pledges = sum(len(extract(text).pledges) for text in batch)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    kb = sum(len(t.encode("utf-8")) for t in batch) / len(batch) / 1024
    print(
        f"throughput: {len(batch)} articles of {kb:.1f} KB in {seconds:.2f} s = "
        f"{len(batch) / seconds:.0f} articles/s wall, {len(batch) / cpu:.0f} articles/s "
        f"of one core's CPU time ({pledges} pledges)"
    )
    big = ""
    while len(big) < BIG_CHARS:
        big += "\n\n".join(texts)
    big = big[:BIG_CHARS]
    start, cpu = time.perf_counter(), time.process_time()
    found = len(extract(big).pledges)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"1 MB input: {seconds:.2f} s wall, {cpu:.2f} s CPU ({found} pledges)")


def main() -> None:
    gold = join_gold()
    if gold is None:
        print("dev corpus: skipped, tests/fixtures/corpus has no gold files")
    else:
        score(gold, "dev corpus")
    if SEED.is_dir():
        score(SEED / "gold.jsonl", "seed")
    else:
        print(f"seed: skipped, {SEED} is absent")
    # Written apart from the engine and never used to tune it: how it does on unseen text.
    score(HELDOUT / "gold.jsonl", "held-out corpus")
    throughput()


if __name__ == "__main__":
    main()
