"""The demo dataset: short articles about real announcements, written in our own words in
several languages, ingested through the ingestion pipeline (extraction, merging, evidence).

demo_pledges_load keeps the older hand-made pledges (no articles) for tests that want a
fixed set of pledges with given statuses.
"""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .models import Pledge
from .reference import DATA_DIR
from .services import ItemData, PledgeData, pledge_create

DEMO_ARTICLES = DATA_DIR / "demo_articles.jsonl"
DEMO_FILE = DATA_DIR / "demo_pledges.json"


@dataclass(frozen=True)
class DemoCounts:
    created: int
    duplicates: int
    failed: tuple[str, ...]


def demo_ingest(*, path: Path = DEMO_ARTICLES) -> DemoCounts:
    """Ingest the demo articles in this process (no broker needed); idempotent."""
    from ingest.jsonl import ingest_lines

    lines = path.read_text(encoding="utf-8").splitlines()
    results = list(ingest_lines(lines, sync=True))
    return DemoCounts(
        created=sum(r.outcome == "created" for r in results),
        duplicates=sum(r.outcome == "duplicate" for r in results),
        failed=tuple(f"line {r.line}: {r.error}" for r in results if r.outcome == "failed"),
    )


def demo_load(*, path: Path = DEMO_ARTICLES) -> int:
    """Ingest the demo articles not there yet. Returns how many articles were created."""
    return demo_ingest(path=path).created


def demo_pledges_load(*, path: Path = DEMO_FILE) -> int:
    """Create the hand-made demo pledges that are not there yet. Returns how many."""
    created = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        announced_on = datetime.date.fromisoformat(row["announced_on"])
        amount = Decimal(row["amount"]) if row.get("amount") else None
        exists = Pledge.objects.filter(
            donor_id=row["donor"],
            announced_on=announced_on,
            kind=row["kind"],
            amount=amount,
        ).exists()
        if exists:
            continue
        data = PledgeData(
            donor=row["donor"],
            recipient=row["recipient"],
            announced_on=announced_on,
            date_precision=row["date_precision"],
            kind=row["kind"],
            amount=amount,
            currency=row.get("currency", ""),
            summary=row["summary"],
            confidence=row["confidence"],
            items=tuple(ItemData(**item) for item in row["items"]),
        )
        pledge_create(data=data, status=row["status"], reason="Demo data")
        created += 1
    return created
