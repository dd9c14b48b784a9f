"""The profession explorer and the interest quiz: how fast the pages and the API answer.

    DATABASE_URL=postgres://… .venv/bin/python bench/explorer.py [--requests 20]

Uses the database in DATABASE_URL (migrated; `seed_demo` gives dynasties whose members name a
profession and the colleges' programmes). Each URL is requested through Django's test Client after 3
warm-up requests; writes bench/results/explorer-latest.md.
"""

import argparse
import functools
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
os.environ.setdefault("API_ANON_RATE", "100000/min")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from dynasties.models import Dynasty, Member
    from enbek.models import Profession, TrainingProgramme
    from enbek.selectors import quiz_statements

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    busiest = (
        Profession.objects.annotate(n=Count("dynasty_members"))
        .order_by("-n", "code")
        .values_list("code", "n")
    ).first() or ("7212-01", 0)
    code = busiest[0]
    answers = {str(s.pk): 5 if s.holland_type == "R" else 2 for s in quiz_statements()}
    result = "".join(str(answers[str(s.pk)]) for s in quiz_statements())
    client = Client()
    rows = [
        ("HTML list", "get", "/kk/professions/", None),
        ("HTML list, Latin search + filter", "get", "/ru/professions/?q=svarsh&interest=R", None),
        ("HTML profession page, region 75", "get", f"/kk/professions/{code}/?region=75", None),
        ("HTML quiz, first page", "get", "/kk/professions/quiz/", None),
        ("HTML quiz result", "get", f"/kk/professions/quiz/result/?r={result}", None),
        ("API list", "get", "/api/v1/professions/?page_size=100", None),
        ("API detail", "get", f"/api/v1/professions/{code}/", None),
        ("API quiz POST", "post", "/api/v1/career-quiz/", json.dumps({"answers": answers})),
    ]
    lines = [
        "# Profession explorer and interest quiz: benchmark",
        "",
        f"Database: {connection.vendor}; {Dynasty.objects.count():,} dynasties, "
        f"{Member.objects.exclude(profession_ref=None).count():,} members naming a profession "
        f"({busiest[1]:,} of them {code}), {TrainingProgramme.objects.count():,} programmes; "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}.",
        "",
        "| What | URL | median ms | min ms | SQL queries |",
        "|---|---|---:|---:|---:|",
    ]

    def request(method: str, url: str, body: str | None):
        if method == "post":
            return client.post(url, body, content_type="application/json")
        return client.get(url)

    for label, method, url, body in rows:
        call = functools.partial(request, method, url, body)

        for _ in range(3):
            assert call().status_code == 200, url
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            call()
        median, fastest = statistics.median(times), min(times)
        lines.append(f"| {label} | `{url[:70]}` | {median:.1f} | {fastest:.1f} | {len(captured)} |")
    out = ROOT / "bench" / "results" / "explorer-latest.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
