#!/usr/bin/env python
"""Indicator aggregation runs and the dashboard on the large demo in PostgreSQL.

    .venv/bin/python bench/indicators.py               # create/migrate/seed enbek_indicators_bench if needed
    .venv/bin/python bench/indicators.py --reseed      # drop the database and seed it again
    .venv/bin/python bench/indicators.py --runs 5 --requests 50

Targets (issue 11): a full run under 60 s, an hourly incremental run under 5 s, the dashboard in a
constant number of queries and under 300 ms. Writes bench/results/indicators-latest.md; exit status 1
when a target is missed. Requests go through Django's test Client in this process (the whole stack,
no web server). See bench/README.md.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
STATE = ROOT / "var" / "bench-indicators"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/enbek_indicators_bench"
TARGETS = {"full": 60.0, "incremental": 5.0, "dashboard_ms": 300.0}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--runs", type=int, default=3, help="timed full runs (default 3; incremental: 2 × this)"
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def prepare_environment(args) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
    os.environ.setdefault("DJANGO_MEDIA_ROOT", str(STATE / "media"))
    os.environ["API_ANON_RATE"] = "1000000/min"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)  # eager Celery, local-memory cache: only the database is measured
    sys.path.insert(0, str(ROOT))


def ensure_database(url: str, *, drop: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres", user=parsed.username or "postgres", password=parsed.password or None,
        host=parsed.hostname or "127.0.0.1", port=parsed.port or 5432,
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        if drop:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating database {name}…")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def seed_if_needed(args) -> float | None:
    from django.core.management import call_command
    from django.db import connection

    from dynasties.models import Dynasty

    call_command("migrate", verbosity=0)
    if Dynasty.objects.filter(status="published").count() >= 20_000:
        return None
    print("Seeding the large demo — a few minutes…")
    started = time.monotonic()
    call_command("seed_demo", size="large", seed=args.seed, verbosity=0)
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seconds


def data_size() -> dict[str, int]:
    """The rows the indicator sources read, section by section (issue 11 asks for over 1,000,000)."""
    from contests.models import Application, Score, ScoreSheet, StageEntry
    from dynasties.models import ChallengeEntry, Dynasty, MediaEpisode, Member, PhotoExhibition
    from events.models import Event, Registration
    from indicators.models import ActionPlanItem, OutreachActivity
    from nudges.models import Placement, Visit
    from surveys.models import Answer, Response

    models = {
        "dynasties": Dynasty,
        "members": Member,
        "media episodes": MediaEpisode,
        "challenge posts": ChallengeEntry,
        "exhibitions": PhotoExhibition,
        "events": Event,
        "registrations": Registration,
        "«Я-профи» applications": Application,
        "stage entries": StageEntry,
        "score sheets": ScoreSheet,
        "scores": Score,
        "survey responses": Response,
        "survey answers": Answer,
        "banner placements": Placement,
        "placement visits": Visit,
        "plan items": ActionPlanItem,
        "outreach activities": OutreachActivity,
    }
    return {name: model.objects.count() for name, model in models.items()}


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def time_runs(kind: str, count: int) -> dict:
    from indicators.services import aggregation_run_execute

    seconds, rows = [], 0
    if kind == "full":
        # The first full run after the seed writes every row; the nightly run rewrites what changed.
        from indicators.models import IndicatorValue

        IndicatorValue.objects.all().delete()
    for _ in range(count):
        started = time.monotonic()
        run = aggregation_run_execute(kind=kind)
        seconds.append(time.monotonic() - started)
        if run.status != "succeeded":
            raise SystemExit(f"{kind} run failed: {run.error}")
        rows = max(rows, run.rows_written)
    return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds), "rows": rows}


def time_page(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    samples, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "median": statistics.median(samples), "min": min(samples), "p95": percentile(samples, 0.95),
        "max": max(samples), "cpu": statistics.median(cpu), "queries": len(queries.captured_queries),
    }  # fmt: skip


def main() -> int:
    args = parse_args()
    prepare_environment(args)
    ensure_database(args.database_url, drop=args.reseed)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from enbek.models import User

    STATE.mkdir(parents=True, exist_ok=True)
    seed_seconds = seed_if_needed(args)
    load = os.getloadavg()
    settings.DEBUG = False
    sizes = data_size()
    total_rows = sum(sizes.values())
    print("Rows feeding the indicators:", f"{total_rows:,}", sizes)

    full = time_runs("full", args.runs)
    incremental = time_runs("incremental", args.runs * 2)
    print(f"full run: median {full['median']:.2f} s; incremental: median {incremental['median']:.2f} s")

    client = Client()
    client.force_login(User.objects.get(email="analyst@enbek.local"))
    year = datetime.now().year
    base = "/ru/indicators/dashboard/"
    pages = {
        "Dashboard (republic)": f"{base}?year={year}",
        "Dashboard (region 75, map of reach)": f"{base}?year={year}&region=75&map=outreach.reach",
        "Indicator page": f"{base}outreach.activities/?year={year}",
        "Counted rows (published dynasties)": f"{base}dynasties.published/rows/?year={year}",
        "API values (month, page of 100)": f"/api/v1/indicators/values/?period=month&year={year}&page_size=100",  # noqa: E501
    }
    measured = {name: time_page(client, url, args.requests) for name, url in pages.items()}
    ok = (
        full["median"] < TARGETS["full"]
        and incremental["median"] < TARGETS["incremental"]
        and all(
            m["median"] < TARGETS["dashboard_ms"] for n, m in measured.items() if n.startswith("Dashboard")
        )
    )

    lines = [
        f"# Indicators benchmark — {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"PostgreSQL database `{urlparse(args.database_url).path.lstrip('/')}`; load average at the start "
        f"{load[0]:.1f} (other processes share the cores: read the minimum as well as the median).",
        f"Seed: `seed_demo --size large`{f' ({seed_seconds:.0f} s)' if seed_seconds else ' (reused)'}.",
        "",
        f"Rows feeding the indicators: **{total_rows:,}** — "
        + ", ".join(f"{name} {count:,}" for name, count in sizes.items()),
        "",
        "| Run | median s | min s | max s | most rows written | target |",
        "|---|---:|---:|---:|---:|---|",
        f"| Full (5 years × months, quarters, years; the first from empty) | {full['median']:.2f} "
        f"| {full['min']:.2f} | {full['max']:.2f} | {full['rows']:,} | < {TARGETS['full']:.0f} s |",
        f"| Incremental (changed periods) | {incremental['median']:.2f} | {incremental['min']:.2f} "
        f"| {incremental['max']:.2f} | {incremental['rows']:,} | < {TARGETS['incremental']:.0f} s |",
        "",
        "| Page | median ms | min ms | p95 ms | max ms | CPU ms (median, this process) | SQL queries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {m['median']:.1f} | {m['min']:.1f} | {m['p95']:.1f} | {m['max']:.1f} | {m['cpu']:.1f} "
        f"| {m['queries']} |"
        for name, m in measured.items()
    ]
    lines += ["", f"Targets met: {'yes' if ok else 'NO'}."]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "indicators-latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
