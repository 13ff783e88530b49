"""Benchmark the REST API: `make bench-api`.

Creates a dedicated PostgreSQL database, loads synthetic pledges into it, starts gunicorn
(two workers) on a random loopback port and measures p50/p95 latency and requests per
second for the pledge list, a pledge detail and the timeline under a load generator on
loopback. Prints the figures; asserts nothing.

The load generator is wrk (Debian's package `wrk`) when it is installed: written in C, it
leaves the two cores to the server; without it, a Python client (threads + http.client)
that itself takes about a tenth of the CPU. Either way, 4 connections, each waiting for
its answer before asking again.

Each endpoint is measured twice: "repeat" asks for the same URL again and again (the
ETag-keyed response cache answers after the first request), "cold" asks for a URL not
asked before in the run (other filters, orderings, cursor pages, ids, intervals and
groupings), so every request misses the response cache and runs its queries. Both are
measured with the cache on and with it off (API_CACHE_SECONDS=0).
"""

import argparse
import http.client
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/aidtracker_bench_api"
DONORS = ["US", "DE", "GB", "EU", "PL", "NL", "DK", "CA", "NO", "SE", "FR", "FI", "CZ"]
DONORS += ["IT", "ES", "BE", "LT", "EE", "LV", "AU", "JP", "CH", "PT", "SK", "RO"]
TARGETS = {"list": 30.0, "timeline": 50.0}  # p50 ms
TARGET_RPS = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def loaded_pledges(url: str) -> int:
    """The pledges in the bench database: 0 when it or its tables do not exist yet."""
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM aidtracker_pledge").fetchone()[0]
    except (psycopg.OperationalError, psycopg.errors.UndefinedTable):
        return 0


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/countries/?page_size=1")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pids: list[int]) -> float:
    """CPU seconds (user + system) the processes have used so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def postgres_pids(url: str) -> list[int]:
    """The PostgreSQL backends serving the bench database (gunicorn keeps its connections),
    not those of anything else the machine runs."""
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


def server_pids(server: subprocess.Popen) -> list[int]:
    """gunicorn's master and its workers."""
    try:
        with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
            return [server.pid, *map(int, children.read().split())]
    except OSError:
        return [server.pid]


def children_seconds() -> float:
    """CPU seconds of this process's finished child processes (wrk)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_load(
    port: int,
    urls: Callable[[int], str],
    *,
    requests: int,
    concurrency: int,
    seconds: float,
    server: subprocess.Popen | None = None,
    database_url: str | None = None,
    client: str = "python",
) -> dict:
    """`requests` GETs (at most `seconds`) over `concurrency` connections; latencies in ms,
    and CPU ms per request of the client, gunicorn and PostgreSQL."""
    servers = server_pids(server) if server else []
    databases = postgres_pids(database_url) if database_url else []
    # The client's CPU: wrk's once it has exited, or this process's (its threads).
    client_seconds = children_seconds if client == "wrk" else time.process_time

    def cpu() -> tuple[float, float, float]:
        return client_seconds(), process_seconds(servers), process_seconds(databases)

    before = cpu()
    if client == "wrk":
        result = run_wrk(
            port, urls, requests=max(requests, 10_000), concurrency=concurrency, seconds=seconds
        )
    else:
        result = run_python(port, urls, requests=requests, concurrency=concurrency, seconds=seconds)
    done = max(1, result["n"] + result["errors"])
    result["cpu"] = tuple((b - a) * 1000 / done for a, b in zip(before, cpu(), strict=True))
    return result


def run_python(
    port: int, urls: Callable[[int], str], *, requests: int, concurrency: int, seconds: float
) -> dict:
    """run_load's figures from `concurrency` threads with http.client."""
    latencies: list[float] = []
    errors: list[str] = []
    sizes: list[int] = []
    counter = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            started = time.perf_counter()
            try:
                conn.request("GET", urls(n), headers={"Accept": "application/json"})
                response = conn.getresponse()
                size = len(response.read())
                ok = response.status == 200
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                ok, response = False, error
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                    sizes.append(size)
                else:
                    errors.append(str(getattr(response, "status", response)))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies) or [float("nan")]
    return {
        "n": len(latencies),
        "errors": len(errors),
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
        "rps": len(latencies) / wall if wall else 0.0,
        "kb": statistics.mean(sizes) / 1000 if sizes else 0.0,
    }


def run_wrk(
    port: int, urls: Callable[[int], str], *, requests: int, concurrency: int, seconds: float
) -> dict:
    """run_load's figures from wrk and scripts/bench_api.lua, asking for the same URLs. wrk
    runs for `seconds` (it cannot stop after a number of requests): `requests` only sizes
    the list of URLs it goes through."""
    threads = min(2, concurrency)
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as paths:
        paths.write("".join(f"{urls(n)}\n" for n in range(requests)))
        paths.flush()
        env = {**os.environ, "BENCH_PATHS": paths.name, "BENCH_THREADS": str(threads)}
        command = [
            "wrk", "--threads", str(threads), "--connections", str(concurrency),
            "--duration", f"{seconds:.0f}s", "--timeout", "30s",
            "--script", str(ROOT / "scripts" / "bench_api.lua"), f"http://127.0.0.1:{port}",
        ]  # fmt: skip
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    answered = figures["requests"] - figures["errors"]
    return {
        "n": answered,
        "errors": figures["errors"],
        "p50": figures["p50"],
        "p95": figures["p95"],
        "rps": answered / figures["seconds"] if figures["seconds"] else 0.0,
        "kb": figures["bytes"] / max(1, answered) / 1000,
    }


def cold_lists(rng: random.Random) -> list[str]:
    """Distinct list URLs: donor x kind x year x ordering x page size (cursor pages are
    added by crawl_cursors)."""
    kinds = ["package", "equipment", "financing", "training"]
    orderings = ["-announced_on", "announced_on", "-amount_usd"]
    urls = [
        "/api/pledges/?"
        + urlencode({"donor": d, "kind": k, "from": f"{y}-01-01", "ordering": o, "page_size": size})
        for d in DONORS
        for k in kinds
        for y in (2022, 2023, 2024, 2025)
        for o in orderings
        for size in (25, 50)
    ]
    rng.shuffle(urls)
    return urls


def cold_timelines(rng: random.Random) -> list[str]:
    """Distinct timeline URLs: every interval and grouping over donors, kinds, stages,
    statuses and whole-month or mid-month date ranges."""
    filters = [{"donor": d} for d in DONORS] + [{"donor": d, "kind": "package"} for d in DONORS]
    filters += [{"donor": d, "stage": "delivered"} for d in DONORS]
    filters += [{"kind": k} for k in ("package", "equipment", "financing", "training")]
    filters += [{"stage": s} for s in ("announced", "committed", "delivered")]
    filters += [{"status": "rejected"}, {"from": "2023-01-01", "to": "2024-06-30"}]
    filters += [{"from": "2023-01-15"}, {"category": "artillery"}]
    urls = [
        "/api/timeline/?" + urlencode({"interval": i, "group_by": g, **f})
        for i in ("day", "week", "month", "quarter", "year")
        for g in ("none", "donor", "kind", "category")
        for f in filters
    ]
    rng.shuffle(urls)
    return urls


def crawl_cursors(port: int, starts: list[str], pages: int) -> list[str]:
    """Follow `next` links from the first pages of `starts`: URLs with real cursors."""
    found: list[str] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for url in starts:
        for _ in range(pages):
            conn.request("GET", url, headers={"Accept": "application/json"})
            body = json.loads(conn.getresponse().read())
            if not body.get("next"):
                break
            url = urlsplit(body["next"])._replace(scheme="", netloc="").geturl()
            found.append(url)
    conn.close()
    return found


def scenarios(
    pledge_ids: list[int], cursor_pages: list[str], *, uncached: bool
) -> dict[str, Callable[[int], str]]:
    """'repeat' asks for one URL again and again; 'cold' asks for a different URL each
    time (no URL twice in a run), so every request misses the response cache."""
    rng = random.Random(5)
    lists = cold_lists(rng) + cursor_pages
    rng.shuffle(lists)
    timelines = cold_timelines(rng)
    by_month: list[str] = []
    by_day: list[str] = []
    for url in timelines:
        (by_day if "interval=day" in url or "interval=week" in url else by_month).append(url)
    ids = rng.sample(pledge_ids, min(len(pledge_ids), 5000))
    found: dict[str, Callable[[int], str]] = {
        "list (repeat)": lambda n: "/api/pledges/",
        "list (cold)": lambda n: lists[n % len(lists)],
        "detail (repeat)": lambda n: f"/api/pledges/{ids[0]}/",
        "detail (cold)": lambda n: f"/api/pledges/{ids[n % len(ids)]}/",
        "timeline (repeat)": lambda n: "/api/timeline/?interval=month",
        "timeline (cold)": lambda n: timelines[n % len(timelines)],
    }
    if uncached:
        # The cold timelines split (their URLs overlap, hence without the cache only): whole
        # months, quarters and years, then days and weeks (bigger, and a donor's are summed
        # from the pledges themselves).
        found["  month..year"] = lambda n: by_month[n % len(by_month)]
        found["  day, week"] = lambda n: by_day[n % len(by_day)]
    return found


def pledge_ids(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM aidtracker_pledge")]


def serve(env: dict, port: int, args: argparse.Namespace) -> subprocess.Popen:
    """gunicorn with the project's gunicorn.conf.py, `args.workers` workers."""
    command = [
        sys.executable, "-m", "gunicorn", "aidtracker.wsgi",
        "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    if args.worker_class:
        command += ["--worker-class", args.worker_class]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def forget_cached_responses(env: dict) -> None:
    """Drop response-cache entries left by an earlier run (the ETags would match)."""
    if env.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(env["REDIS_URL"])
        keys = list(client.scan_iter(match="*api-response:*", count=1000))
        if keys:
            client.delete(*keys)


def measure(env: dict, ids: list[int], args: argparse.Namespace) -> dict[str, dict]:
    forget_cached_responses(env)
    port = free_port()
    server = serve(env, port, args)
    try:
        wait_until_up(port, server)
        starts = ["/api/pledges/?" + urlencode({"donor": d}) for d in DONORS[:13]]
        starts += ["/api/pledges/", "/api/pledges/?ordering=-amount_usd"]
        cursor_pages = crawl_cursors(port, starts, pages=12)
        forget_cached_responses(env)  # the crawl must not warm the cache for the cold runs
        results = {}
        uncached = env.get("API_CACHE_SECONDS") == "0"
        for name, urls in scenarios(ids, cursor_pages, uncached=uncached).items():
            run_load(port, urls, requests=20, concurrency=2, seconds=10)  # warm up
            results[name] = run_load(
                port,
                urls if "repeat" in name else (lambda n, u=urls: u(n + 20)),
                requests=args.requests,
                concurrency=args.concurrency,
                seconds=args.seconds,
                server=server,
                database_url=env["DATABASE_URL"],
                client=args.client,
            )
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def cpu_reference() -> float:
    """ms for a fixed pure-Python loop (best of 5): how fast this machine's CPU is right now,
    to compare runs made at different times on a shared machine."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        sum(i * i for i in range(200_000))
        best = min(best, time.process_time() - started)
    return best * 1000


def report(title: str, results: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(
        f"{'endpoint':<20}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}"
        f"   CPU ms per request: {'client':>6}{'gunicorn':>9}{'postgres':>9}{'body kB':>9}"
    )
    for name, r in results.items():
        client, web, database = r["cpu"]
        print(
            f"{name:<20}{r['n']:>9}{r['errors']:>7}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['rps']:>9.0f}"
            f"   {'':>19}{client:>6.2f}{web:>9.2f}{database:>9.2f}{r['kb']:>9.1f}"
        )


def target_check(lines: dict[str, dict]) -> list[str]:
    """The targets of issue 5, line by line: the p50s on every list and timeline line;
    the requests per second on the endpoints' own lines (one URL repeated, cache on and
    off). The cold lines are shown beside them: every request there is a new query, and a
    cold day or week timeline averages a quarter of a megabyte of freshly summed JSON."""

    def worst(names: list[str], key: str, pick: Callable) -> tuple[float, str]:
        return pick((lines[name][key], name) for name in names)

    out = []
    for endpoint, limit in TARGETS.items():
        names = [name for name in lines if name.startswith(endpoint)]
        if endpoint == "timeline":  # and the indented lines that split the cold timelines
            names += [name for name in lines if name.startswith("  ")]
        if names:
            p50, name = worst(names, "p50", max)
            verdict = "met" if p50 <= limit else "NOT met"
            out.append(
                f"Target p50 <= {limit:.0f} ms ({endpoint}): {verdict}, "
                f"worst {p50:.1f} ms ({name.strip()})"
            )
    own = [name for name in lines if "(repeat)" in name]
    if own:
        rps, name = worst(own, "rps", min)
        verdict = "met" if rps >= TARGET_RPS else "NOT met"
        out.append(
            f"Target >= {TARGET_RPS} req/s (list, detail, timeline; one URL repeated): "
            f"{verdict}, lowest {rps:.0f} ({name.strip()})"
        )
    cold = [name for name in lines if "(repeat)" not in name]
    if cold:
        out.append(
            "Cold URLs, beside the target: "
            + ", ".join(f"{name.strip()} {lines[name]['rps']:.0f}" for name in cold)
            + " req/s"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1500, help="per endpoint and mode")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--seconds",
        type=float,
        help="per endpoint and mode: wrk's run (default 6), the Python client's cap (20)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", help="instead of gunicorn.conf.py's (balanced gthread)")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if installed (auto), or the Python client",
    )
    parser.add_argument(
        "--keep", action="store_true", help="reuse the bench database if it is loaded"
    )
    parser.add_argument(
        "--cache", choices=["both", "on", "off"], default="both", help="response cache runs"
    )
    parser.add_argument(
        "--documents",
        choices=["on", "off"],
        default="on",
        help="lists from stored pledge documents (built ahead) or from the rows",
    )
    args = parser.parse_args()
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
    elif args.client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt install wrk)")
    if args.seconds is None:
        args.seconds = 6.0 if args.client == "wrk" else 20.0

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-api-not-a-secret-" + "x" * 30),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_ANON_RATE": "100000000/minute",  # measure the API, not the throttle
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "600",
    }
    if args.keep and not loaded_pledges(url):
        print("--keep: the bench database is missing or empty, so it is loaded first")
        args.keep = False
    if not args.keep:
        print(f"Creating {urlsplit(url).path.lstrip('/')} and loading {args.pledges:,} pledges")
        create_database(url)
        manage(env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        manage(env, "load_synthetic", "--pledges", str(args.pledges))
        print(f"Loaded in {time.perf_counter() - started:.1f} s")
    else:
        manage(env, "migrate", "--noinput", "-v0")
    if args.documents == "on":
        # As a deployment would after a bulk load; lists would otherwise build them as they go.
        started = time.perf_counter()
        manage(env, "build_documents")
        print(f"Stored documents built in {time.perf_counter() - started:.1f} s")
    else:
        env["API_DOCUMENTS"] = "0"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    ids = pledge_ids(url)
    per_line = f"{args.seconds:.0f} s per line"
    if args.client == "python":
        per_line = f"up to {args.requests} requests or {per_line}"
    print(
        f"gunicorn: {args.workers} {args.worker_class or 'balanced gthread'} workers; "
        f"stored documents: {args.documents}; "
        f"client: {args.client}, {args.concurrency} connections, {per_line}; "
        f"cache: {'Redis ' + env['REDIS_URL'] if env.get('REDIS_URL') else 'local memory'}; "
        f"load average before: {os.getloadavg()[0]:.2f}; "
        f"CPU reference loop {cpu_reference():.1f} ms"
    )
    lines: dict[str, dict] = {}
    if args.cache in ("both", "on"):
        results = measure(env, ids, args)
        report("With the response cache (API_CACHE_SECONDS=600)", results)
        lines.update({f"{name}, cached": r for name, r in results.items()})
    if args.cache in ("both", "off"):
        uncached = {**env, "API_CACHE_SECONDS": "0"}
        results = measure(uncached, ids, args)
        report("Without the response cache (API_CACHE_SECONDS=0)", results)
        lines.update({f"{name}, uncached": r for name, r in results.items()})
    print()
    for line in target_check(lines):
        print(line)
    print(
        f"Load average after: {os.getloadavg()[0]:.2f}; CPU reference loop {cpu_reference():.1f} ms"
    )


if __name__ == "__main__":
    main()
