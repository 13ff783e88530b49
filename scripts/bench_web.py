"""Server time of each web page with many pledges in PostgreSQL (`make bench-web`).

Uses a dedicated database (BENCH_WEB_DATABASE_URL, default .../aidtracker_bench_web): creates
it, migrates it, and loads the reference data and `load_synthetic --pledges N` when it
holds fewer pledges than asked. Then requests each page through Django's handler (no
network: the time is the server's: URL routing, views, queries, templates) and prints
the median, 95th percentile and worst of R runs, after one warm-up request.

    python scripts/bench_web.py [--pledges 100000] [--runs 20]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/aidtracker_bench_web"
TARGET_MS = 150


def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-web-key-not-a-secret-0123456789")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aidtracker.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _create_database(database_url: str) -> None:
    import psycopg

    parts = urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _load(pledges: int) -> None:
    from django.core.management import call_command

    from aidtracker.models import Pledge

    call_command("migrate", verbosity=0)
    have = Pledge.objects.count()
    if have >= pledges:
        print(f"Database holds {have:,} pledges.")
        return
    call_command("load_reference", verbosity=0)
    print(f"Loading {pledges - have:,} synthetic pledges (once)...", flush=True)
    call_command("load_synthetic", pledges=pledges - have, seed=have + 1)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh statistics, as a live database would have


def _editor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _pages() -> list[tuple[str, str, bool]]:
    """(name, url, needs an editor) for every page, on busy objects of the data."""
    from django.db.models import Count
    from django.urls import reverse

    from aidtracker.models import Equipment, Pledge, PledgeItem
    from ingest.models import Article, Evidence

    donor = Pledge.objects.values("donor_id").annotate(n=Count("id")).order_by("-n")[0]
    donor_code = donor["donor_id"]
    busy = PledgeItem.objects.exclude(equipment=None).values("equipment_id")
    equipment = Equipment.objects.get(
        pk=busy.annotate(n=Count("id")).order_by("-n")[0]["equipment_id"]
    )
    pledge = Pledge.objects.annotate(n=Count("evidence")).order_by("-n", "-id").first()
    article = Article.objects.filter(pk=Evidence.objects.values("article_id")[:1]).first()
    year = Pledge.objects.order_by("-announced_on").values_list("announced_on", flat=True)[0].year
    home = reverse("web:home")
    return [
        ("home", home, False),
        ("home, by year in EUR", home + "?interval=year&currency=eur", False),
        ("home, 3 donors", home + f"?donor={donor_code}&donor=DE&donor=GB", False),
        (
            "home, kind+stage+category",
            home + "?kind=package&stage=delivered&category=artillery",
            False,
        ),
        ("home, one year", home + f"?from={year}-01-01&to={year}-12-31", False),
        ("home, page 20", home + "?page=20", False),
        ("donor", reverse("web:donor-detail", args=[donor_code]), False),
        ("equipment", reverse("web:equipment-detail", args=[equipment.slug]), False),
        ("category", reverse("web:category-detail", args=[equipment.category]), False),
        ("pledge", reverse("web:pledge-detail", args=[pledge.pk]), False),
        ("article", reverse("web:article-detail", args=[article.pk]), False),
        ("search", reverse("web:search") + "?q=howitzer", False),
        ("review queue", reverse("web:review-queue"), True),
        ("correct form", reverse("web:review-correct", args=[pledge.pk]), True),
    ]


def _time(client, url: str, runs: int, *, cold: bool) -> list[float]:
    """Milliseconds per request; cold: the page cache emptied before each request."""
    from aidtracker.web.cache import cache_reset

    response = client.get(url)  # warm-up
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(runs):
        if cold:
            cache_reset()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_WEB_DATABASE_URL", DEFAULT_URL)
    _create_database(database_url)
    _setup(database_url)
    _load(args.pledges)

    from django.test import Client

    from aidtracker.models import Pledge

    anonymous, editor = Client(), Client()
    editor.force_login(_editor())
    print(
        f"\nServer time per page, {Pledge.objects.count():,} pledges, {args.runs} runs each."
        f"\ncold: page cache emptied before each request; warm: aggregates from the cache."
        f"\nTarget: cold median <= {TARGET_MS} ms.\n"
    )
    print(f"{'page':<28}{'cold median':>12}{'cold p95':>10}{'warm median':>12}{'warm p95':>10}")
    pages = _pages()
    for _name, url, needs_editor in pages:  # warm the database's buffers once
        (editor if needs_editor else anonymous).get(url)
    slow = []
    for name, url, needs_editor in pages:
        client = editor if needs_editor else anonymous
        cold = _time(client, url, args.runs, cold=True)
        warm = _time(client, url, args.runs, cold=False)
        median = statistics.median(cold)
        flag = "" if median <= TARGET_MS else "  over target"
        print(
            f"{name:<28}{median:>12.1f}{_p95(cold):>10.1f}"
            f"{statistics.median(warm):>12.1f}{_p95(warm):>10.1f}{flag}"
        )
        if flag:
            slow.append(name)
    summary = f"Over target: {', '.join(slow)}" if slow else "All pages within target."
    print(f"\n{summary}")


if __name__ == "__main__":
    main()
