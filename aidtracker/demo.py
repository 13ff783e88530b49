"""A small demo dataset of real announcements, summarised in our own words."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from .models import Pledge
from .reference import DATA_DIR
from .services import ItemData, PledgeData, pledge_create

DEMO_FILE = DATA_DIR / "demo_pledges.json"


def demo_load(*, path: Path = DEMO_FILE) -> int:
    """Create the demo pledges that are not there yet. Returns how many were created."""
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
