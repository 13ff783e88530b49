"""Realistic synthetic pledges for benchmarks: donors, dates, kinds, money, items and sources.

Everything is generated from a seeded random source as plain rows (with the history rows
django-simple-history would write) and inserted with COPY on PostgreSQL, so that 100,000
pledges load in seconds.
"""

import datetime
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ingest.models import Article, Evidence

from . import bulk, money
from .models import Equipment, Pledge, PledgeItem
from .reference import reference_load

SYNTHETIC_REASON = "Synthetic data"
FIRST_DAY = datetime.date(2022, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
RECIPIENT = "UA"
ARTICLE_URL = "https://news.example.org/synthetic/"

# (code, weight, currency): the larger donors announce more often.
DONORS = [
    ("US", 20, "USD"),
    ("DE", 12, "EUR"),
    ("GB", 10, "GBP"),
    ("EU", 6, "EUR"),
    ("PL", 6, "PLN"),
    ("NL", 5, "EUR"),
    ("DK", 5, "DKK"),
    ("CA", 5, "CAD"),
    ("NO", 4, "NOK"),
    ("SE", 4, "SEK"),
    ("FR", 4, "EUR"),
    ("FI", 3, "EUR"),
    ("CZ", 3, "CZK"),
    ("IT", 2, "EUR"),
    ("ES", 2, "EUR"),
    ("BE", 2, "EUR"),
    ("LT", 2, "EUR"),
    ("EE", 2, "EUR"),
    ("LV", 1, "EUR"),
    ("AU", 2, "AUD"),
    ("JP", 2, "JPY"),
    ("CH", 1, "CHF"),
    ("PT", 1, "EUR"),
    ("SK", 1, "EUR"),
    ("RO", 1, "RON"),
]
KINDS = [("package", 50), ("equipment", 30), ("financing", 12), ("training", 8)]
STAGES = [("announced", 60), ("committed", 25), ("delivered", 15)]
STATUSES = [("reported", 70), ("confirmed", 25), ("rejected", 5)]
PRECISIONS = [("day", 85), ("month", 12), ("year", 3)]
OUTLETS = [
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "Kyiv Independent",
    "Ukrainska Pravda",
    "Defense News",
    "Deutsche Welle",
    "BBC News",
    "Politico Europe",
    "Breaking Defense",
    "Rzeczpospolita",
    "Le Monde",
]
UNITS = ["", "", "", "rounds", "systems", "vehicles"]


@dataclass(frozen=True)
class SyntheticCounts:
    pledges: int
    items: int
    articles: int
    evidence: int


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


def _amount(rng: random.Random, currency: str) -> Decimal:
    # Log-normal around tens of millions; yen and kronor amounts scale with their rate.
    scale = {"JPY": 150, "CZK": 23, "SEK": 10, "NOK": 10, "DKK": 7, "PLN": 4, "RON": 4.5}
    value = rng.lognormvariate(17.0, 1.6) * scale.get(currency, 1)
    return Decimal(round(min(value, 6e10), -3)).quantize(Decimal("0.01"))


def _pledge(rng: random.Random, n: int, equipment: list[Equipment]) -> tuple[dict, list]:
    donor, currency = rng.choices(
        [(code, cur) for code, _, cur in DONORS], [weight for _, weight, _ in DONORS]
    )[0]
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    kind = _weighted(rng, KINDS)
    amount = _amount(rng, currency) if kind == "financing" or rng.random() < 0.75 else None
    conversion = money.convert(amount, currency, day) if amount is not None else None
    chosen = [] if kind in ("financing", "training") else rng.sample(equipment, rng.randint(0, 4))
    names = ", ".join(e.name for e in chosen) or "support"
    pledge = {
        "donor_id": donor,
        "recipient_id": RECIPIENT,
        "announced_on": day,
        "date_precision": _weighted(rng, PRECISIONS),
        "kind": kind,
        "stage": _weighted(rng, STAGES),
        "status": _weighted(rng, STATUSES),
        "amount": amount,
        "currency": currency if amount is not None else "",
        "amount_usd": conversion.amount_usd if conversion else None,
        "amount_eur": conversion.amount_eur if conversion else None,
        "rate_usd": conversion.rate_usd if conversion else None,
        "rate_eur": conversion.rate_eur if conversion else None,
        "rate_date": conversion.rate_date if conversion else None,
        "rate_missing": amount is not None and conversion is None,
        "summary": f"{donor} {kind} for Ukraine (synthetic {n}): {names}.",
        "confidence": round(rng.uniform(0.4, 0.99), 2),
        "locked_fields": [],
    }
    return pledge, chosen


def _items(rng: random.Random, pledge: dict, chosen: list[Equipment]) -> Iterator[dict]:
    for system in chosen:
        yield {
            "pledge_id": pledge["id"],
            "equipment_id": system.pk,
            "name": system.name,
            "category": system.category,
            "quantity": rng.choice([None, rng.randint(1, 50), rng.randint(100, 100_000)]),
            "unit": rng.choice(UNITS),
        }


def _article_url(seed: int, n: int | str) -> str:
    return f"{ARTICLE_URL}{seed}/{n}"


def synthetic_seed_used(*, seed: int) -> bool:
    """Whether synthetic articles of this seed are already in the database."""
    return Article.objects.filter(url__startswith=_article_url(seed, "")).exists()


def _article(rng: random.Random, seed: int, n: int, pledges: list[dict]) -> dict:
    """A news story quoting the summaries of `pledges` (announced about the same day)."""
    day = pledges[0]["announced_on"]
    quotes = " ".join(pledge["summary"] for pledge in pledges)
    donors = " and ".join(sorted({pledge["donor_id"] for pledge in pledges}))
    return {
        "url": _article_url(seed, n),
        "title": f"{donors} announce new aid for Ukraine",
        "outlet": rng.choice(OUTLETS),
        "language": "en",
        "published_on": day + datetime.timedelta(days=rng.randint(0, 3)),
        "text": f"{day:%d %B %Y}. {quotes} Officials gave no further details.",
        "content_hash": hashlib.sha256(f"synthetic-{seed}-{n}".encode()).hexdigest(),
        "status": Article.Status.EXTRACTED,
        "extractor_version": "synthetic",
    }


def _stories(rng: random.Random, seed: int, first: int, pledges: list[dict]) -> Iterator:
    """(pledge, article) pairs: stories of one to three pledges, each from 1-3 outlets."""
    by_day = sorted(pledges, key=lambda pledge: pledge["announced_on"])
    start, n = 0, first * 3
    while start < len(by_day):
        story = by_day[start : start + rng.choice((1, 2, 3))]
        start += len(story)
        for _ in range(rng.choice((1, 1, 2, 3))):
            article = _article(rng, seed, n, story)
            n += 1
            yield from ((pledge, article) for pledge in story)


def _evidence(pledge: dict, article: dict) -> dict:
    start = article["text"].index(pledge["summary"])
    return {
        "pledge_id": pledge["id"],
        "article_id": article["id"],
        "sentence": pledge["summary"],
        "start": start,
        "end": start + len(pledge["summary"]),
        "extractor_version": "synthetic",
    }


def _with_ids(model: type, rows: list[dict], **extra: object) -> list[dict]:
    for row, pk in zip(rows, bulk.ids_allocate(model, len(rows)), strict=True):
        row.update(id=pk, **extra)
    return rows


def _history(model: Any, rows: list[dict], now: datetime.datetime) -> None:
    """The '+' history rows that django-simple-history would have written for these rows."""
    historical = model.history.model
    names = {f.attname for f in historical._meta.concrete_fields} - {"history_id"}
    history = [{k: v for k, v in row.items() if k in names} for row in rows]
    _with_ids(historical, history)
    for row in history:
        row["history_id"] = row.pop("id")
    for row, source in zip(history, rows, strict=True):
        row.update(
            id=source["id"],
            history_date=now,
            history_type="+",
            history_change_reason=SYNTHETIC_REASON,
        )
    bulk.rows_insert(historical, history)


@transaction.atomic
def _load_batch(rng: random.Random, seed: int, first: int, size: int, equipment: list) -> tuple:
    now = timezone.now()
    bulk.commit_without_waiting()
    made = [_pledge(rng, first + n, equipment) for n in range(size)]
    pledges = _with_ids(Pledge, [p for p, _ in made], created_at=now, updated_at=now)
    items = _with_ids(
        PledgeItem, [item for pledge, chosen in made for item in _items(rng, pledge, chosen)]
    )
    quoted = list(_stories(rng, seed, first, pledges))
    unique = list({id(article): article for _, article in quoted}.values())
    articles = _with_ids(Article, unique, created_at=now, updated_at=now)
    evidence = _with_ids(Evidence, [_evidence(p, a) for p, a in quoted], created_at=now)
    # Items and evidence before their pledges (foreign keys are checked at commit): the
    # triggers that give a pledge a new doc_version for each item or evidence statement
    # then find no pledge to rewrite (a load 5 times slower otherwise), and the rollup's
    # pledge trigger counts the categories of items already there.
    bulk.rows_insert(PledgeItem, items)
    _history(PledgeItem, items, now)
    bulk.rows_insert(Article, articles)
    bulk.rows_insert(Evidence, evidence)
    bulk.rows_insert(Pledge, pledges)
    _history(Pledge, pledges, now)
    return len(items), len(articles), len(evidence)


def synthetic_load(*, pledges: int, seed: int = 1, batch_size: int = 10000) -> SyntheticCounts:
    """Insert `pledges` synthetic pledges with items, articles, evidence and history rows.

    Loads the reference data first. A different `seed` gives different, non-colliding
    articles, so it can run more than once. Returns what was created.
    """
    reference_load()
    rng = random.Random(seed)
    equipment = list(Equipment.objects.order_by("slug"))
    totals = [0, 0, 0]
    for first in range(0, pledges, batch_size):
        made = _load_batch(rng, seed, first, min(batch_size, pledges - first), equipment)
        totals = [total + count for total, count in zip(totals, made, strict=True)]
    items, articles, evidence = totals
    return SyntheticCounts(pledges=pledges, items=items, articles=articles, evidence=evidence)
