#!/usr/bin/env python
"""Concurrent registrations for one event through a real gunicorn server on PostgreSQL.

    .venv/bin/python bench/events_race.py                     # 200 people, 50 seats, 4 workers × 8 threads
    .venv/bin/python bench/events_race.py --people 400 --seats 100 --workers 2

Every person is a distinct signed-in user (a session row and a CSRF cookie made beforehand) who
POSTs /api/v1/events/<id>/registrations/ at the same moment. Checks: exactly `seats` confirmed, the
rest waitlisted, no 5xx (exit status 1 otherwise). Prints registrations per second beside the
same server's rate for a read-only request (GET /api/v1/events/<id>/) fired the same way, and writes
bench/results/events-latest.md. The database enbek_events_bench (--database-url) is created and
migrated if missing; the event and its users are new on every run.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/enbek_events_bench"


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (gthread)")
    return parser.parse_args()


def ensure_database(url: str) -> None:
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
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"Creating database {name}…")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def server_environment(args, port: int) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="enbek.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-" + secrets.token_hex(16),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        SITE_URL=f"http://127.0.0.1:{port}",
        API_ANON_RATE="1000000/min",
        LOG_LEVEL="WARNING",
        # Tasks run in the request (no broker): the confirmation e-mail is rendered and "sent" to memory,
        # so the measured time includes it instead of hiding it in a queue.
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        AXES_ENABLED="0",
    )
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    return env


def prepare(args, people: int, seats: int) -> tuple[int, list[tuple[str, str]]]:
    """A verified organisation's event with `seats` seats and `people` signed-in users (sessions)."""
    import datetime as dt

    import django
    from django.utils import timezone

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from enbek.models import Organization, Region, User
    from events.models import Event

    run = uuid.uuid4().hex[:8]
    region = Region.objects.get(code="75")
    organization = Organization.objects.create(
        name=f"Bench {run}", name_kk=f"Bench {run}", name_ru=f"Bench {run}", bin=_bin(run), region=region,
        is_verified=True,
    )  # fmt: skip
    start = timezone.now() + dt.timedelta(days=3)
    event = Event.objects.create(
        organization=organization, title_kk="Ашық есік күні", title_ru="День открытых дверей", region=region,
        starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=seats, status="published",
        published_at=timezone.now(),
    )  # fmt: skip
    users = User.objects.bulk_create(
        [
            User(email=f"race-{run}-{n}@bench.local", username=f"race-{run}-{n}@bench.local", password="!")
            for n in range(people)
        ]
    )
    cookies = []
    backend = settings.AUTHENTICATION_BACKENDS[-1]
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(
            (session.session_key, secrets.token_urlsafe(24)[:32].replace("-", "a").replace("_", "b"))
        )
    return event.pk, cookies


def _bin(run: str) -> str:
    from enbek.validators import check_digit

    serial = int(run, 16) % 10_000_000
    while True:
        body = f"0101{serial:07d}"[:11]
        digit = check_digit(body)
        if digit is not None:
            return body + str(digit)
        serial += 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, env: dict, port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "enbek.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--threads", str(args.threads), "--worker-class", "gthread", "--log-level", "warning",
         "--backlog", "2048"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status < 500:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def fire(
    port: int, requests: list[tuple[str, str, dict, bytes | None]]
) -> tuple[float, list[tuple[int, bytes]]]:
    """Send every request from its own thread, all released at once; (seconds, [(status, body)])."""
    barrier = threading.Barrier(len(requests) + 1)
    results: list[tuple[int, bytes]] = [(0, b"")] * len(requests)

    def one(index: int, method: str, path: str, headers: dict, body: bytes | None) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.connect()  # the TCP connection is open before the start signal
        barrier.wait()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            results[index] = (response.status, response.read())
        except OSError as error:
            results[index] = (599, str(error).encode())
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # every thread connected and waiting
    started = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def main() -> int:
    args = parse_args()
    ensure_database(args.database_url)
    port = free_port()
    env = server_environment(args, port)
    os.environ.update({k: v for k, v in env.items() if k != "DJANGO_DEBUG"})
    os.environ["DJANGO_DEBUG"] = "1"  # this process only prepares data
    sys.path.insert(0, str(ROOT))
    event_id, cookies = prepare(args, args.people, args.seats)
    # DJANGO_DEBUG=0 serves static files from the collected manifest, as in production.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = start_server(args, env, port)
    try:
        path = f"/api/v1/events/{event_id}/"
        fire(port, [("GET", path, {}, None)] * 20)  # warm-up: every worker has imported and connected
        registrations = [
            (
                "POST",
                f"{path}registrations/",
                {
                    "Cookie": f"sessionid={session}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Content-Type": "application/json",
                    "Referer": f"http://127.0.0.1:{port}/",
                },
                b"{}",
            )
            for session, token in cookies
        ]
        write_seconds, write_results = fire(port, registrations)
        read_seconds, read_results = fire(port, [("GET", path, {}, None)] * len(cookies))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    statuses = Counter(status for status, _ in write_results)
    outcome = Counter(json.loads(body).get("status") for status, body in write_results if status == 201)
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    read_errors = sum(1 for status, _ in read_results if status != 200)
    from events.models import Registration

    stored = Counter(Registration.objects.filter(event_id=event_id).values_list("status", flat=True))
    write_rate = len(cookies) / write_seconds
    read_rate = len(cookies) / read_seconds
    ok = (
        stored == Counter({"confirmed": args.seats, "waitlisted": args.people - args.seats})
        and outcome == stored
        and server_errors == 0
        and read_errors == 0
    )
    database = args.database_url.rsplit("/", 1)[-1]
    lines = [
        f"# Events: concurrent registrations ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"{platform.node()} · {os.cpu_count()} CPU · Python {platform.python_version()} · gunicorn "
        f"{args.workers} workers × {args.threads} threads (gthread) · PostgreSQL {database}",
        "",
        f"- {args.people} distinct signed-in users POST at once to a {args.seats}-seat event",
        f"- HTTP statuses: {dict(sorted(statuses.items()))}; 5xx: {server_errors}",
        f"- stored: {dict(stored)}; answered: {dict(outcome)}",
        f"- registrations: {write_rate:.1f}/s ({write_seconds:.2f} s for {args.people})",
        f"- read-only GET {path}: {read_rate:.1f}/s ({read_seconds:.2f} s for {args.people}, "
        f"errors {read_errors})",
        f"- result: {'OK' if ok else 'FAILED'}",
        "",
    ]
    print("\n".join(lines))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "events-latest.md").write_text("\n".join(lines), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
