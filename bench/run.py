#!/usr/bin/env python
"""Response times of the dynasties pages and API on 20,000 dynasties in PostgreSQL.

    .venv/bin/python bench/run.py                 # create/migrate/seed enbek_bench if needed, then measure
    .venv/bin/python bench/run.py --requests 100  # more samples
    .venv/bin/python bench/run.py --reseed        # drop the database and seed it again (times the seed)

Requests go through Django's test Client in this process: the whole stack (middleware, views,
templates, serializers, SQL) without a network or a web server in front. See bench/README.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
STATE = ROOT / "var" / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/enbek_bench"
TARGET_MS = 150.0
LARGE = 20_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--requests", type=int, default=50, help="timed requests per URL (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per URL first (default 5)")
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database, then seed")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--search", default="", help="the family name to search (default: the most common)")
    parser.add_argument(
        "--no-explain", action="store_true", help="skip EXPLAIN ANALYZE of the slowest queries"
    )
    return parser.parse_args()


def prepare_environment(args: argparse.Namespace) -> None:
    """Settings come from the environment, so it is set before Django is imported."""
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
    # Its own media folder: the large seed's pictures stay out of the development install's.
    os.environ.setdefault("DJANGO_MEDIA_ROOT", str(STATE / "media"))
    # The anonymous API limit (600/min) would answer 429 to a benchmark.
    os.environ["API_ANON_RATE"] = "1000000/min"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))


def ensure_database(url: str, *, drop: bool) -> None:
    """CREATE DATABASE through the server's maintenance database (loopback, trust auth by default)."""
    import psycopg2
    from psycopg2 import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parsed.username or "postgres",
        password=parsed.password or None,
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if drop:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating database {name}…")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def seed_if_needed(args: argparse.Namespace) -> dict:
    """Migrate, and seed the large demo unless it is there; the seed's duration is kept in var/bench/."""
    from django.core.management import call_command
    from django.db import connection

    from dynasties.models import Dynasty

    STATE.mkdir(parents=True, exist_ok=True)
    state_file = STATE / "seed.json"
    call_command("migrate", verbosity=0)
    if Dynasty.objects.filter(status="published").count() < LARGE:
        print(f"Seeding the large demo (seed {args.seed}) — a minute or so…")
        started = time.monotonic()
        call_command("seed_demo", size="large", seed=args.seed)
        seconds = time.monotonic() - started
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum would give a real install some minutes later.
            cursor.execute("VACUUM ANALYZE")
        state_file.write_text(
            json.dumps({"seconds": round(seconds, 1), "seed": args.seed, "at": datetime.now(UTC).isoformat()})
        )
    return json.loads(state_file.read_text()) if state_file.exists() else {}


def data_size() -> dict:
    from dynasties.models import Dynasty, MediaEpisode, Member, Photo

    return {
        "published dynasties": Dynasty.objects.filter(status="published").count(),
        "members": Member.objects.count(),
        "photos": Photo.objects.count(),
        "media episodes": MediaEpisode.objects.count(),
    }


def common_family_name() -> str:
    """The surname of the most frequent family (Өтеповтер әулеті → Өтепов), as a visitor would type it."""
    from dynasties.models import Dynasty

    names = Dynasty.objects.filter(status="published").values_list("family_name_kk", flat=True)
    family, _count = Counter(name.split()[0] for name in names).most_common(1)[0]
    return family[:-3]  # the Kazakh plural suffix: -тар/-тер/-дар/-дер/-лар/-лер


def detail_slugs(count: int = 25) -> list[str]:
    """Slugs spread over the whole table, so that the detail pages do not all come from one cached page."""
    from dynasties.models import Dynasty

    ids = list(Dynasty.objects.filter(status="published").order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    return list(Dynasty.objects.filter(id__in=chosen).order_by("id").values_list("slug", flat=True))


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(client, name: str, urls: list[str], *, requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for k in range(warmup):
        client.get(urls[k % len(urls)])
    timings = []
    for k in range(requests):
        url = urls[k % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0])
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    return {
        "name": name,
        "url": urls[0] if len(urls) == 1 else urls[0] + f" (+{len(urls) - 1} other slugs)",
        "median": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "max": max(timings),
        "queries": len(queries),
        "sql_ms": sum(t for t, _sql in queries),
        "slowest_sql": sorted(queries, reverse=True)[:2],
    }


def verdict(row: dict) -> str:
    if not row["targeted"]:
        return "info"
    return "ok" if row["median"] < TARGET_MS else "SLOW"


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def git_revision() -> str:
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        return revision + (" + uncommitted changes" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    args = parse_args()
    prepare_environment(args)
    ensure_database(args.database_url, drop=args.reseed)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    seeded = seed_if_needed(args)
    # Production behaviour for the measured requests (no SQL log kept per query, no debug pages);
    # set after start-up so that the development static files storage stays in place.
    settings.DEBUG = False
    size = data_size()
    surname = args.search or common_family_name()
    # The same name typed in Latin letters on a phone without a Kazakh keyboard («Өтепов» → «Otepov»).
    from enbek.transliteration import latin_variants

    latin = latin_variants(surname)[0].capitalize()
    slugs = detail_slugs()
    print(f"Data: {', '.join(f'{v:,} {k}' for k, v in size.items())}; searching for «{surname}».")

    client = Client()
    # (name, URLs taken in turn, held to the target): the last ones are context, not promises.
    cases = [
        ("HTML list, filtered", ["/kk/dynasties/?region=75&min_generations=3"], True),
        ("HTML list, search", [f"/kk/dynasties/?q={surname}"], True),
        ("HTML detail", [f"/kk/dynasties/{slug}/" for slug in slugs], True),
        ("API list, region + ordering", ["/api/v1/dynasties/?region=75&ordering=-total_years"], True),
        ("API search", [f"/api/v1/dynasties/?search={surname}"], True),
        ("HTML list, Latin search", [f"/kk/dynasties/?q={latin}"], True),
        ("API search, Latin", [f"/api/v1/dynasties/?search={latin}"], True),
        ("API detail", [f"/api/v1/dynasties/{slug}/" for slug in slugs], False),
        ("HTML list, first page", ["/kk/dynasties/"], False),
        ("API list, page 900", ["/api/v1/dynasties/?page=900"], False),
        # A word in every family name: the whole table matches and is ranked (the worst case).
        ("API search, word in every row", ["/api/v1/dynasties/?search=әулеті"], False),
    ]
    rows = []
    for name, urls, targeted in cases:
        row = measure(client, name, urls, requests=args.requests, warmup=args.warmup)
        row["targeted"] = targeted
        rows.append(row)
        mark = verdict(row)
        print(
            f"{name:<28} median {row['median']:7.1f} ms  p95 {row['p95']:7.1f} ms  "
            f"{row['queries']:>2} queries {row['sql_ms']:6.1f} ms SQL  {mark}"
        )

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark: labour dynasties pages and API",
        "",
        f"- Run: {now}, revision {git_revision()}",
        f"- PostgreSQL {server}, {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}; "
        "Django test Client in-process",
        f"- Data: {', '.join(f'{v:,} {k}' for k, v in size.items())} (`seed_demo --size large`)",
        f"- Seeding took {seeded.get('seconds', '?')} s (seed {seeded.get('seed', '?')}, "
        f"{seeded.get('at', '?')})"
        if seeded
        else "- Seeding time: not recorded (seeded outside bench/run.py)",
        f"- {args.requests} timed requests per URL after {args.warmup} warm-up ones; search term «{surname}»",
        f"- Target: median under {TARGET_MS:.0f} ms for the rows marked ok/SLOW; «info» rows are context",
        "",
        "| Page | URL | median ms | p95 ms | max ms | SQL queries | SQL ms | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | `{row['url']}` | {row['median']:.1f} | {row['p95']:.1f} | {row['max']:.1f} "
            f"| {row['queries']} | {row['sql_ms']:.1f} | {verdict(row)} |"
        )
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    if not args.no_explain:
        plans = ["# EXPLAIN ANALYZE of the slowest queries of each URL", "", f"Run: {now}", ""]
        for row in rows:
            for milliseconds, sql in row["slowest_sql"][:1]:
                plans += [f"## {row['name']} — {milliseconds:.1f} ms", "", "```sql", sql, "```", "", "```"]
                plans += [explain(sql), "```", ""]
        (RESULTS / "explain-latest.md").write_text("\n".join(plans), encoding="utf-8")
    print(f"Wrote {RESULTS / 'latest.md'}" + ("" if args.no_explain else " and explain-latest.md"))
    if any(verdict(row) == "SLOW" for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
