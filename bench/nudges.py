"""Nudge banners: how long a banner takes to render (cold) and to serve (cached), and how fast the
proverb library, the placements list and a short link answer.

    DATABASE_URL=postgres://… .venv/bin/python bench/nudges.py [--requests 50]

Uses the database in DATABASE_URL (migrated; `seed_demo` gives the placements and visits) and a
fresh temporary MEDIA_ROOT, so the first render of each file is really cold. Writes
bench/results/nudges-latest.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enbek.settings")
os.environ["DJANGO_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="enbek-bench-media-")
os.environ.setdefault("API_ANON_RATE", "100000/min")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from enbek.models import Proverb, User
    from nudges import services
    from nudges.models import Placement

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    longest = max(Proverb.objects.filter(is_active=True), key=lambda p: len(p.text_kk) + len(p.text_ru))
    banner = services.banner_get_or_create(proverb=longest, design="steppe", language="both")
    lines = [
        "# Nudge banners: benchmark",
        "",
        f"Database: {connection.vendor}; proverb #{longest.pk} (the longest, both languages), design steppe; "
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
        "at the start (other jobs share the machine).",
        "",
        "## Rendering (cold: first request of a file) and serving from the media cache",
        "",
        "| size | format | cold ms | cached ms | bytes |",
        "|---|---|---:|---:|---:|",
    ]
    for size in ("a4", "a3", "billboard", "square", "story"):
        for fmt in ("png", "pdf"):
            if fmt == "pdf" and size in {"square", "story"}:
                continue
            started = time.perf_counter()
            name = services.banner_file(banner=banner, size=size, fmt=fmt)
            cold = (time.perf_counter() - started) * 1000
            cached = []
            for _ in range(20):
                started = time.perf_counter()
                services.banner_file(banner=banner, size=size, fmt=fmt)
                cached.append((time.perf_counter() - started) * 1000)
            size_bytes = default_storage.size(name)
            lines.append(
                f"| {size} | {fmt} | {cold:.0f} | {statistics.median(cached):.1f} | {size_bytes:,} |"
            )

    client = Client()
    admin = User.objects.filter(email="ministry@enbek.local").first()
    placement = Placement.objects.order_by("id").first()
    urls = [("/kk/proverbs/", None), ("/api/v1/proverbs/?page_size=100", None)]
    if placement is not None:
        urls.append((f"/b/{placement.code}", None))
    if admin is not None:
        urls += [("/kk/banners/placements/", admin), ("/kk/banners/ab/", admin)]
    lines += [
        "",
        "## Pages (Django test client, same process)",
        "",
        "| URL | median ms | p95 ms | SQL queries |",
        "|---|---:|---:|---:|",
    ]
    for url, user in urls:
        if user is not None:
            client.force_login(user)
        for _ in range(5):
            client.get(url)
        samples = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code in {200, 302}, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        lines.append(f"| `{url}` | {statistics.median(samples):.1f} | {p95:.1f} | {len(queries)} |")
        client.logout()
    output = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / "nudges-latest.md").write_text(output)
    print(output)


if __name__ == "__main__":
    main()
