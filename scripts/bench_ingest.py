"""Ingestion benchmark: 2,000 articles through Redis and two worker processes into PostgreSQL.

    make bench-ingest        (or: python scripts/bench_ingest.py [--articles N])

Creates a dedicated database (BENCH_DATABASE_URL, dropped and created again), uses a
dedicated Redis database (BENCH_REDIS_URL, flushed), starts one Celery worker with two
prefork processes, submits the articles (pasted text, as the API and ingest_file do; as a
bulk load, like ingest_file, they go to the workers in chunks: --chunk ids per task, 1 for
one task per article), and prints articles per second from the first submission to the
last article extracted (every article recorded in PostgreSQL, status extracted or failed).
Then, on the idle system, the end-to-end latency of a single article (submitted,
queued, extracted, recorded) over --latency-runs runs: p50 and p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/aidtracker_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/4"
SECRET = "bench-ingest-key-not-a-secret"
SUBMIT_BATCH = 50
EXTRACT_CHUNK = 20  # ingest.services.EXTRACT_CHUNK, without importing Django before setup

DONORS = [
    ("The United States", "USD", "$", "million"),
    ("Germany", "EUR", "€", "million"),
    ("France", "EUR", "€", "million"),
    ("The United Kingdom", "GBP", "£", "million"),
    ("Canada", "CAD", "C$", "million"),
    ("Poland", "PLN", "PLN ", "million"),
    ("Norway", "NOK", "NOK ", "million"),
    ("Sweden", "SEK", "SEK ", "million"),
    ("Denmark", "DKK", "DKK ", "million"),
    ("The Netherlands", "EUR", "€", "million"),
    ("Italy", "EUR", "€", "million"),
    ("Spain", "EUR", "€", "million"),
    ("Japan", "USD", "$", "million"),
    ("Australia", "AUD", "A$", "million"),
    ("Finland", "EUR", "€", "million"),
    ("Belgium", "EUR", "€", "million"),
]
ITEMS = [
    "Stinger missiles",
    "155mm artillery rounds",
    "Leopard 2 tanks",
    "IRIS-T air defence systems",
    "Javelin anti-tank missiles",
    "Bradley infantry fighting vehicles",
    "Patriot missiles",
    "CV90 combat vehicles",
    "M777 howitzers",
    "night-vision goggles",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
]


SOURCES = ["Officials said", "A spokesperson said", "The ministry said", "Diplomats said"]


def article(n: int, rng: random.Random, *, reports: int = 1) -> dict[str, str]:
    """Article n; with reports > 1, every `reports` consecutive articles report the same
    announcement in other words (as several outlets do), which merge into one pledge."""
    announcement = random.Random(f"{rng.random() if reports == 1 else n // reports}")
    donor, _currency, symbol, scale = announcement.choice(DONORS)
    month = announcement.randrange(len(MONTHS))
    day = announcement.randint(1, 28)
    year = announcement.choice([2022, 2023, 2024])
    amount = announcement.randint(10, 990)
    items = " and ".join(announcement.sample(ITEMS, 2))
    text = (
        f"On {MONTHS[month]} {day}, {year}, {donor} announced a new {symbol}{amount} {scale} "
        f"military aid package for Ukraine, including {items}. "
        f"{SOURCES[n % len(SOURCES)]} the delivery (reference {n}) would start within weeks."
    )
    return {"text": text, "published_on": f"{year}-{month + 1:02d}-{day:02d}", "language": "en"}


def database_create(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(database: str, redis: str) -> None:
    os.environ.update(
        DATABASE_URL=database,
        REDIS_URL=redis,
        SECRET_KEY=SECRET,
        DJANGO_SETTINGS_MODULE="aidtracker.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def wait_extracted(ids: list[int], *, poll: float, timeout: float) -> float:
    """When all articles from min(ids) on are processed (a cheap query, polled)."""
    from ingest.models import Article

    deadline = time.monotonic() + timeout
    processed = Article.objects.filter(pk__gte=min(ids), status__in=["extracted", "failed"])
    while True:
        done = processed.count()
        if done >= len(ids):
            return time.perf_counter()
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {done} of {len(ids)} articles processed")
        time.sleep(poll)


def throughput(count: int, rng: random.Random, reports: int, chunk: int) -> tuple[float, float]:
    from django.db import transaction

    from ingest.services import article_submit_outcome, articles_batched

    start = time.perf_counter()
    ids: list[int] = []
    with articles_batched(chunk):
        for first in range(0, count, SUBMIT_BATCH):  # a bulk load: one commit per batch
            with transaction.atomic():
                for n in range(first, min(count, first + SUBMIT_BATCH)):
                    outcome = article_submit_outcome(**article(n, rng, reports=reports))
                    ids.append(outcome.article.pk)
    submitted = time.perf_counter()
    end = wait_extracted(ids, poll=0.25, timeout=900)
    return count / (end - start), submitted - start


def latency(runs: int, rng: random.Random) -> list[float]:
    from ingest.services import article_submit_outcome

    seconds = []
    for n in range(runs):
        start = time.perf_counter()
        pk = article_submit_outcome(**article(1_000_000 + n, rng)).article.pk
        seconds.append(wait_extracted([pk], poll=0.002, timeout=60) - start)
        time.sleep(0.05)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency-runs", type=int, default=50)
    parser.add_argument(
        "--reports",
        type=int,
        default=1,
        help="articles per announcement (1: every article a new pledge, the worst case)",
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=EXTRACT_CHUNK,
        help="articles per task in the bulk load (1: one task per article)",
    )
    options = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    redis = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)

    database_create(database)
    django_setup(database, redis)
    from django.core.management import call_command

    from aidtracker.celery import app
    from aidtracker.reference import reference_load
    from ingest.models import Article
    from tests.ingest.workers import Worker

    call_command("migrate", verbosity=0)
    reference_load()
    app.control.purge()
    worker = Worker(
        {"DATABASE_URL": database, "REDIS_URL": redis, "SECRET_KEY": SECRET, "LOG_LEVEL": "WARNING"}
    )
    worker.start()
    try:
        rng = random.Random(20230613)
        latency(6, rng)  # warm up: lexicons, catalogue, exchange rates in both processes
        Article.objects.all().delete()
        rate, submit_seconds = throughput(options.articles, rng, options.reports, options.chunk)
        times = sorted(latency(options.latency_runs, rng))
    finally:
        worker.stop()
    p50 = statistics.median(times) * 1000
    p95 = times[max(0, round(0.95 * len(times)) - 1)] * 1000
    from django.db.models import Count

    from aidtracker.models import Pledge

    print(f"Ingestion benchmark: {options.articles} articles, Redis broker, 1 worker x 2 processes")
    print(f"  {options.reports} article(s) per announcement")
    tasks = -(-options.articles // options.chunk)
    print(f"  bulk load queued as {tasks} tasks of up to {options.chunk} articles (--chunk)")
    submit_rate = options.articles / submit_seconds
    print(f"  submission: {submit_seconds:.1f} s ({submit_rate:.0f} articles/s, batches of 50)")
    print(f"  throughput: {rate:.0f} articles/s end to end (target >= 100)")
    print(
        f"  latency of one article on an idle system (one task): p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms over {len(times)} runs"
    )
    by_status = Article.objects.values("status").annotate(n=Count("id")).order_by("status")
    statuses = ", ".join(f"{row['n']} {row['status']}" for row in by_status)
    print(f"  articles (bulk load and latency runs): {statuses}")
    print(f"  pledges recorded: {Pledge.objects.count()}")


if __name__ == "__main__":
    main()
