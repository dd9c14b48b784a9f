#!/usr/bin/env python
"""Ranking of one «Я-профи» stage in SQL, and the query counts of the jury sheet and results pages.

    .venv/bin/python bench/contests_ranking.py                      # 20,000 applications × 5 jurors
    .venv/bin/python bench/contests_ranking.py --applications 2000  # a quicker run
    .venv/bin/python bench/contests_ranking.py --reseed             # drop the database, build again

Builds (once) in its own PostgreSQL database a judged contest: N accepted applications in a regional
stage, each scored by 5 jurors on 3 weighted criteria (contests.demo's bulk inserts), then times
stage_recompute_ranking (one UPDATE … FROM with window functions: mean, then median) and counts the
queries of a juror's score sheet and of the public results page through Django's test Client.
Writes bench/results/contests-ranking-latest.md.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/enbek_contests_bench"


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reseed", action="store_true")
    return parser.parse_args()


def prepare_environment(args) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
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
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


class BenchContext:
    """What contests.demo needs of seed_demo's DemoContext, for a contest of a chosen size."""

    def __init__(self, applications: int):
        from django.utils import timezone

        self.size = "large"
        self.seed = 2026
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.users = {}
        self.overrides = {"contests": applications}
        self.added = {}
        self.extra = {}

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def report(self, what: str, done: int, total: int) -> None:
        if done == total or done % 5000 == 0:
            print(f"  {what}: {done}/{total}", flush=True)


def build(applications: int) -> float | None:
    from django.core.management import call_command
    from django.db import connection

    from contests import demo
    from contests.models import Application

    call_command("migrate", verbosity=0)
    if Application.objects.count() >= applications:
        return None
    print(f"Building a judged contest: {applications} applications × {demo.JURORS} jurors…", flush=True)
    started = time.monotonic()
    ctx = BenchContext(applications)
    demo.seed_past(ctx, demo._jurors(ctx), ministry=None)  # the regional stage only: scored, not advanced
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seconds


def time_ranking(runs: int) -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from contests.enums import RankingRule
    from contests.models import Contest, Stage
    from contests.services import stage_recompute_ranking

    # The judged stage: in a database seeded by `make bench` the newest contest (open, nobody scored yet)
    # has a first stage too, without sheets.
    stage = (
        Stage.objects.filter(order=1)
        .annotate(judged=Count("sheets"))
        .filter(judged__gt=0)
        .order_by("-judged", "-contest__year")
        .first()
    )
    contest = stage.contest
    figures = {}
    for rule in (RankingRule.MEAN, RankingRule.MEDIAN):
        Contest.objects.filter(pk=contest.pk).update(ranking_rule=rule)
        seconds = []
        for _ in range(runs):
            started = time.monotonic()
            with CaptureQueriesContext(connection) as queries:
                updated = stage_recompute_ranking(stage_id=stage.pk)
            seconds.append(time.monotonic() - started)
        figures[rule.value] = {
            "median_s": statistics.median(seconds),
            "max_s": max(seconds),
            "entries": updated,
            "queries": len(queries),
        }
    Contest.objects.filter(pk=contest.pk).update(ranking_rule=RankingRule.MEAN)
    return {"stage": stage, "contest": contest, "rules": figures}


def page_queries(stage, contest) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from contests.models import Contest, ScoreSheet

    sheet = ScoreSheet.objects.filter(stage=stage).select_related("juror").first()
    client = Client()
    client.force_login(sheet.juror)
    figures = {}

    def measure(name, url):
        client.get(url)
        samples = []
        for _ in range(10):
            started = time.monotonic()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            samples.append((time.monotonic() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        figures[name] = {"queries": len(queries), "median_ms": statistics.median(samples)}

    measure("jury sheet", f"/ru/contests/jury/sheets/{sheet.pk}/")
    measure("jury list", "/ru/contests/jury/")
    published = contest.results_published_at
    Contest.objects.filter(pk=contest.pk).update(results_published_at=timezone.now())
    try:
        measure("results page", f"/ru/contests/{contest.pk}/results/?stage={stage.pk}")
        measure("results API", f"/api/v1/contests/{contest.pk}/results/")
    finally:
        Contest.objects.filter(pk=contest.pk).update(results_published_at=published)
    return figures


def main() -> None:
    args = parse_args()
    prepare_environment(args)
    ensure_database(args.database_url, drop=args.reseed)
    import django

    django.setup()
    from contests.models import Score, ScoreSheet, StageEntry

    build_seconds = build(args.applications)
    ranking = time_ranking(args.runs)
    pages = page_queries(ranking["stage"], ranking["contest"])
    stage = ranking["stage"]
    lines = [
        f"# «Я-профи» ranking benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        f"Stage entries: {StageEntry.objects.filter(stage=stage).count()}, "
        f"sheets: {ScoreSheet.objects.filter(stage=stage).count()}, "
        f"scores: {Score.objects.filter(sheet__stage=stage).count()}.",
    ]
    if build_seconds is not None:
        lines.append(f"Built in {build_seconds:.1f} s (bulk inserts).")
    lines += ["", "| ranking rule | median s | max s | entries ranked | queries |", "|---|---|---|---|---|"]
    for rule, f in ranking["rules"].items():
        lines.append(f"| {rule} | {f['median_s']:.2f} | {f['max_s']:.2f} | {f['entries']} | {f['queries']} |")
    lines += ["", "| page | queries | median ms |", "|---|---|---|"]
    for name, f in pages.items():
        lines.append(f"| {name} | {f['queries']} | {f['median_ms']:.0f} |")
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "contests-ranking-latest.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
