"""Values survey: every question table of a large wave, weighted (raking) with 95% margins, on PostgreSQL.

    DATABASE_URL=postgres://… .venv/bin/python bench/survey_aggregation.py [--responses 200000] [--repeat 3]

Migrates the database in DATABASE_URL, makes sure last year's demo wave (30 questions) has at least
--responses responses (surveys.demo with COPY; timed), runs VACUUM ANALYZE after a load, then times
(best and median of --repeat runs, cold first run reported apart): the weights (raking on the
region × sex × age-group cells), all question tables, all tables by region, the labour values index,
and the results API. Target: all question tables with weights and margins under 5 s. Writes
bench/results/survey-latest.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
os.environ.setdefault("API_ANON_RATE", "100000/min")


def timed(fn, repeat: int) -> tuple[float, float, float]:
    runs = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return runs[0], min(runs[1:]), statistics.median(runs[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from enbek.demo.context import DemoContext
    from surveys import demo, selectors
    from surveys.models import Answer, Survey

    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL=postgres://…")
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    now = timezone.now()
    ctx = DemoContext(
        size="large", seed=2026, now=now, today=timezone.localdate(now), users={}, organizations=[],
        overrides={"surveys": args.responses},
        progress=lambda what, done, total: print(f"\r{what}: {done:,}/{total:,}", end="", flush=True),
    )  # fmt: skip
    started = time.perf_counter()
    demo.seed(ctx)
    seeded = time.perf_counter() - started
    print()
    added = ctx.added.get("survey responses", 0)
    if added:
        with connection.cursor() as cursor:
            for table in ("surveys_response", "surveys_answer", "surveys_participation"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    survey = Survey.objects.get(year=ctx.today.year - 1)
    respondents = survey.responses.count()
    answers = Answer.objects.filter(survey=survey).count()
    questions = survey.questions.count()

    weights = selectors.survey_weights(survey)
    # fmt: off
    rows = [
        ("weights (raking on 240 cells)", lambda: selectors.survey_weights(survey)),
        ("all question tables, weighted, margins (incl. weights)", lambda: selectors.question_tables(survey)),
        ("all question tables by region", lambda: selectors.question_tables(survey, by="region", weights=weights)),  # noqa: E501
        ("all question tables by education (join)", lambda: selectors.question_tables(survey, by="education", weights=weights)),  # noqa: E501
        ("labour values index, republic and regions", lambda: selectors.labour_values_index(survey, weights=weights)),  # noqa: E501
    ]
    # fmt: on
    client = Client()
    survey.status = "published"
    survey.save(update_fields=["status"])
    rows.append(
        (
            "API /api/v1/surveys/<id>/results/?by=region",
            lambda: client.get(f"/api/v1/surveys/{survey.pk}/results/?by=region"),
        )
    )
    lines = [
        "# Values survey: aggregation benchmark",
        "",
        f"PostgreSQL; wave {survey.year}: {questions} questions, {respondents:,} responses, "
        f"{answers:,} answer rows; {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the start (other jobs share the machine).",
        f"Seeding this run: {added:,} responses added in {seeded:.1f} s."
        if added
        else "Seeding: already there.",
        "",
        "| what | first run s | best s | median s |",
        "|---|---:|---:|---:|",
    ]
    for label, fn in rows:
        first, best, median = timed(fn, args.repeat)
        lines.append(f"| {label} | {first:.2f} | {best:.2f} | {median:.2f} |")
        print(lines[-1], flush=True)
    out = ROOT / "bench" / "results" / "survey-latest.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
