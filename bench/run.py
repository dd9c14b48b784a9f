#!/usr/bin/env python
"""`make bench`: the portal under a spike of visitors, side by side with a bare view, in one table.

    .venv/bin/python bench/run.py                   # seed enbek_bench if needed (20,000 dynasties), measure
    .venv/bin/python bench/run.py --dynasties 5000  # a smaller demo (a few minutes on a shared machine)
    .venv/bin/python bench/run.py --seconds 10 --connections 8
    .venv/bin/python bench/run.py --reseed          # drop the database and seed it again (timed)

1. Creates (or reuses) the PostgreSQL database, migrates and seeds `seed_demo --size large` when it has
   fewer published dynasties than asked, then VACUUM ANALYZE.
2. Counts the SQL queries of one request of each page in this process (test Client, page cache off).
3. Starts gunicorn (2 workers, DEBUG off, collected static files, the Redis cache of REDIS_URL when set,
   otherwise each worker's local memory) with DJANGO_SETTINGS_MODULE=bench.settings, which mounts
   /bench/bare/ (a JSON answer without templates or SQL) for comparison.
4. Loads each URL with wrk (Debian's `wrk`; `apt-get install -y wrk`) for --seconds with --connections,
   anonymous (the cached path) and signed in as the demo citizen (the uncached path), after a warm-up.
5. Times the indicator full and incremental runs on the same data.
6. Runs each section benchmark that exists (SECTION_BENCHMARKS: bench/events_race.py, ...), with
   BENCH_DATABASE_URL set to the same database, and keeps the tail of what it printed.
7. Prints one table and writes it, with the machine's cores and memory, to bench/results/latest.md
   (and a timestamped copy). See bench/README.md.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
STATE = ROOT / "var" / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/enbek_bench"
LARGE = 20_000
#: Section benchmarks run when their script is there (others add them); each takes BENCH_DATABASE_URL,
#: prints its own table and exits non-zero when it misses a target.
SECTION_BENCHMARKS = [
    ("Events: registration race", "bench/events_race.py"),
    ("«Я-профи»: ranking", "bench/contests_ranking.py"),
    ("Survey: aggregation", "bench/survey_aggregation.py"),
]
#: --quick-sections: sizes that take a few minutes in all on a loaded 2-core machine.
QUICK_SECTION_ARGS = {
    "bench/events_race.py": ["--people", "100", "--seats", "25", "--workers", "2"],
    "bench/contests_ranking.py": ["--applications", "2000", "--runs", "2"],
    "bench/survey_aggregation.py": ["--responses", "20000", "--repeat", "2"],
}
# wrk prints this Lua's JSON at the end: latency percentiles in microseconds and the request count.
WRK_SCRIPT = """
local paths = {PATHS}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests": %d, "seconds": %f, "p50": %d, "p95": %d, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument(
        "--dynasties", type=int, default=LARGE, help=f"published dynasties (default {LARGE:,})"
    )
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database, then seed")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--demo-size",
        choices=("small", "large"),
        default="large",
        help="seed_demo size of the sections' data (default large; small seeds in seconds)",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="load per URL and visitor (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8990")))
    parser.add_argument("--skip-indicators", action="store_true")
    parser.add_argument("--skip-sections", action="store_true")
    parser.add_argument(
        "--quick-sections",
        action="store_true",
        help="section benchmarks at small sizes (QUICK_SECTION_ARGS) on a shared machine",
    )
    return parser.parse_args()


def prepare_environment(args: argparse.Namespace) -> None:
    """Settings come from the environment, so it is set before Django is imported."""
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # the portal plus /bench/bare/
    os.environ.setdefault("DJANGO_MEDIA_ROOT", str(STATE / "media"))
    os.environ.setdefault("DJANGO_STATIC_ROOT", str(STATE / "static"))
    # The anonymous API limit (600/min) would answer 429 to a benchmark.
    os.environ["API_ANON_RATE"] = "100000000/min"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"  # the indicator runs in this process
    sys.path.insert(0, str(ROOT))


def ensure_database(url: str, *, drop: bool) -> None:
    """CREATE DATABASE through the server's maintenance database (loopback, trust auth by default)."""
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


def seed_if_needed(args: argparse.Namespace) -> dict:
    """Migrate, and seed the large demo unless it is there; the seed's duration is kept in var/bench/."""
    from django.core.management import call_command
    from django.db import connection

    from dynasties.models import Dynasty

    STATE.mkdir(parents=True, exist_ok=True)
    state_file = STATE / f"seed-{urlparse(args.database_url).path.lstrip('/')}.json"
    call_command("migrate", verbosity=0)
    if Dynasty.objects.filter(status="published").count() < args.dynasties:
        print(f"Seeding the large demo with {args.dynasties:,} dynasties (seed {args.seed})…")
        started = time.monotonic()
        call_command("seed_demo", size=args.demo_size, seed=args.seed, dynasties=args.dynasties, verbosity=0)
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

    names = Dynasty.objects.filter(status="published").values_list("family_name_kk", flat=True)[:5000]
    family, _count = Counter(name.split()[0] for name in names).most_common(1)[0]
    return family[:-3]  # the Kazakh plural suffix: -тар/-тер/-дар/-дер/-лар/-лер


def detail_slugs(count: int = 25) -> list[str]:
    """Slugs spread over the whole table, so that the detail pages do not all come from one cached page."""
    from dynasties.models import Dynasty

    ids = list(Dynasty.objects.filter(status="published").order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    return list(Dynasty.objects.filter(id__in=chosen).order_by("id").values_list("slug", flat=True))


def cases() -> list[tuple[str, list[str]]]:
    from urllib.parse import quote

    slugs = detail_slugs()
    surname = quote(common_family_name())
    return [
        ("Bare JSON view (reference)", ["/bench/bare/"]),
        ("Home", ["/kk/"]),
        ("Dynasty list", ["/kk/dynasties/"]),
        ("Dynasty list, filtered", ["/kk/dynasties/?region=75&min_generations=3"]),
        ("Dynasty list, search", [f"/ru/dynasties/?q={surname}"]),
        ("Dynasty page (25 rotating)", [f"/kk/dynasties/{slug}/" for slug in slugs]),
        ("Proverbs", ["/kk/proverbs/"]),
        ("API dynasties, region + ordering", ["/api/v1/dynasties/?region=75&ordering=-total_years"]),
        ("API proverbs", ["/api/v1/proverbs/"]),
        ("API regions", ["/api/v1/regions/"]),
        *section_cases(),
    ]


def section_cases() -> list[tuple[str, list[str]]]:
    """The sections' public pages (professions, events, «Я-профи»), where their demo data is seeded."""
    from contests.models import Contest
    from enbek.models import Profession
    from events.enums import EventStatus
    from events.models import Event

    found = [
        ("Profession list", ["/kk/professions/"]),
        ("API professions", ["/api/v1/professions/"]),
    ]
    profession = (
        Profession.objects.filter(is_active=True).order_by("code").values_list("code", flat=True).first()
    )
    if profession:
        found.insert(1, ("Profession page", [f"/kk/professions/{profession}/"]))
    events = list(
        Event.objects.filter(status=EventStatus.PUBLISHED)
        .order_by("starts_at")
        .values_list("pk", flat=True)[:10]
    )
    if events:
        found += [
            ("Event list", ["/kk/events/"]),
            ("Event page (10 rotating)", [f"/kk/events/{pk}/" for pk in events]),
            ("API events", ["/api/v1/events/"]),
        ]
    if Contest.objects.filter(results_published_at__isnull=False).exists():
        found.append(("«Я-профи» winners", ["/kk/contests/winners/"]))
    return found


def count_queries(url_sets: list[tuple[str, list[str]]], session_user) -> dict[str, tuple[int, int]]:
    """SQL queries of one request of each page: (anonymous, signed in), the page cache switched off."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = False
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(session_user)
    counts = {}
    for name, urls in url_sets:
        found = []
        for client in (anonymous, signed_in):
            client.get(urls[0])  # the first request of a process loads translations and templates
            with CaptureQueriesContext(connection) as captured:
                status = client.get(urls[0]).status_code
            if status != 200:
                raise SystemExit(f"{name}: {urls[0]} answered {status}")
            found.append(len(captured.captured_queries))
        counts[name] = tuple(found)
    settings.PAGE_CACHE = True
    return counts


def signed_in_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def free_port(port: int) -> int:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) != 0:
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(args: argparse.Namespace, port: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_DEBUG": "0",
            "ENBEK_DEMO": "1",
            "DJANGO_SECRET_KEY": env.get(
                "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
            ),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    log = open(STATE / "gunicorn.log", "w")  # noqa: SIM115 (open for the server's lifetime)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "enbek.wsgi:application", "--workers", "2",
            "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
            "--error-logfile", "-", "--keep-alive", "5", "--no-control-socket",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    stop(server)
    raise SystemExit(f"gunicorn did not start; see {STATE / 'gunicorn.log'}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def wrk(port: int, paths: list[str], *, seconds: float, connections: int, cookie: str = "") -> dict:
    lua = WRK_SCRIPT.replace("{PATHS}", "{" + ", ".join(json.dumps(path) for path in paths) + "}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    command = [
        "wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", script.name,
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}")
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    result = json.loads(line.removeprefix("WRKJSON "))
    result["rate"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    return result


def load_all(args, port: int, url_sets, cookie: str) -> dict[str, dict]:
    """Each page right after a run of the bare view: the ratio compares two measurements taken a few
    seconds apart, so that other work on a shared machine changes both alike."""
    measured = {}
    bare_paths = url_sets[0][1]
    for name, paths in url_sets[1:]:
        row = {"bare": wrk(port, bare_paths, seconds=args.seconds, connections=args.connections)}
        for who, visitor_cookie in (("anonymous", ""), ("signed_in", cookie)):
            # Warm-up: the workers import and compile, the cache fills.
            wrk(port, paths, seconds=1, connections=args.connections, cookie=visitor_cookie)
            row[who] = wrk(
                port, paths, seconds=args.seconds, connections=args.connections, cookie=visitor_cookie
            )
        print(
            f"  {name:<34} bare {row['bare']['rate']:6.0f}  anonymous {row['anonymous']['rate']:6.0f}  "
            f"signed in {row['signed_in']['rate']:6.0f} req/s"
        )
        measured[name] = row
    return measured


def time_indicator_runs(runs: int = 2) -> dict[str, dict]:
    from indicators.services import aggregation_run_execute

    found = {}
    for kind in ("full", "incremental"):
        seconds, rows = [], 0
        for _ in range(runs):
            started = time.monotonic()
            run = aggregation_run_execute(kind=kind)
            seconds.append(time.monotonic() - started)
            if run.status != "succeeded":
                raise SystemExit(f"indicator {kind} run failed: {run.error}")
            rows = max(rows, run.rows_written)
        found[kind] = {"median": statistics.median(seconds), "min": min(seconds), "rows": rows}
    return found


def run_sections(args) -> list[tuple[str, str, str]]:
    found = []
    for name, script in SECTION_BENCHMARKS:
        if not (ROOT / script).exists():
            found.append((name, script, "not present on this branch"))
            continue
        env = dict(os.environ, BENCH_DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="enbek.settings")
        started = time.monotonic()
        extra = QUICK_SECTION_ARGS.get(script, []) if args.quick_sections else []
        done = subprocess.run(
            [sys.executable, script, *extra], cwd=ROOT, env=env, capture_output=True, text=True
        )
        tail = " / ".join(line.strip() for line in done.stdout.strip().splitlines()[-3:])
        status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
        found.append((name, script, f"{status} in {time.monotonic() - started:.0f} s: {tail}"))
    return found


def memory_gb() -> float:
    try:
        with open("/proc/meminfo") as meminfo:
            return int(meminfo.readline().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return 0.0


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


def main() -> int:
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    prepare_environment(args)
    ensure_database(args.database_url, drop=args.reseed)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from enbek.models import User
    from enbek.pagecache import EVERYTHING, pagecache_invalidate

    seeded = seed_if_needed(args)
    settings.DEBUG = False
    size = data_size()
    print(f"Data: {', '.join(f'{v:,} {k}' for k, v in size.items())}")
    citizen = User.objects.get(email="citizen@enbek.local")
    url_sets = cases()
    queries = count_queries(url_sets, citizen)
    cookie = signed_in_cookie(citizen)
    pagecache_invalidate(EVERYTHING)  # no page cached by an earlier run on other data
    load_before = os.getloadavg()[0]

    port = free_port(args.port)
    print(
        f"gunicorn on :{port}, wrk {args.connections} connections, {args.seconds:.0f} s per URL and visitor"
    )
    server = start_gunicorn(args, port)
    try:
        measured = load_all(args, port, url_sets, cookie)
    finally:
        stop(server)
    connection.close()

    indicator_runs = {} if args.skip_indicators else time_indicator_runs()
    sections = [] if args.skip_sections else run_sections(args)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    now = datetime.now(UTC)
    cache = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "local memory per worker"
    lines = [
        "# Benchmark: pages under a spike (`make bench`)",
        "",
        f"- Run: {now:%Y-%m-%d %H:%M UTC}, revision {git_revision()}",
        f"- Machine: {os.cpu_count()} CPU cores, {memory_gb():.1f} GB memory, load average {load_before:.1f} "
        f"at the start (the cores are shared with other work); Python {platform.python_version()}, "
        f"PostgreSQL {server_version.split()[0]}",
        f"- Data: {', '.join(f'{v:,} {k}' for k, v in size.items())} (`seed_demo --size {args.demo_size}"
        + (f" --dynasties {args.dynasties}`)" if args.dynasties != LARGE else "`)"),
        f"- Seeding: {seeded.get('seconds', '?')} s" if seeded else "- Seeding: reused an existing database",
        f"- gunicorn, 2 workers, DEBUG off, cache: {cache}; wrk, {args.connections} connections, "
        f"{args.seconds:.0f} s per row after a 1 s warm-up",
        "- *Anonymous* is the whole-page cache (enbek/pagecache.py); *signed in* (the demo citizen) renders "
        "its own page around the public fragment ({% publicfragment %}, lazy data), the public API from "
        "a cache of its own; SQL queries are counted with every cache off.",
        "  *Bare* is `/bench/bare/` (JSON, no template, no SQL) measured just before each page on the same "
        "server; ratios are to it (goals: anonymous ≥ 1/3, signed in ≥ 1/10).",
        "",
        "| Page | bare req/s | anonymous req/s | ratio | p50 ms | p95 ms | signed-in req/s | ratio | p50 ms "
        "| p95 ms | SQL queries (anon. uncached / signed in) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _paths in url_sets[1:]:
        row = measured[name]
        bare = row["bare"]["rate"]
        cells = [f"{bare:.0f}"]
        for who in ("anonymous", "signed_in"):
            if who in row:
                m = row[who]
                errors = m["errors"] + m["non2xx"]
                cells += [
                    f"{m['rate']:.0f}" + (f" ({errors} errors)" if errors else ""),
                    f"1/{bare / m['rate']:.1f}" if m["rate"] else "–",
                    f"{m['p50'] / 1000:.1f}",
                    f"{m['p95'] / 1000:.1f}",
                ]
            else:
                cells += ["–"] * 4
        anon_q, user_q = queries[name]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {anon_q} / {user_q} |")
    if indicator_runs:
        lines += ["", "| Indicator run | median s | min s | most rows written |", "|---|---:|---:|---:|"]
        for kind, m in indicator_runs.items():
            lines.append(f"| {kind} | {m['median']:.2f} | {m['min']:.2f} | {m['rows']:,} |")
    if sections:
        lines += ["", "| Section benchmark | script | result |", "|---|---|---|"]
        lines += [f"| {name} | `{script}` | {result} |" for name, script, result in sections]
    table = "\n".join(lines) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    (RESULTS / f"bench-{now:%Y%m%d-%H%M}.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"Wrote {RESULTS / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
