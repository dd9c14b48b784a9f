"""Fixtures of the cross-cutting tests: a production-like web server in its own process."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for a process of its own (a web server, a worker) to share."""
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process, self.port, self.log = process, port, log
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """collectstatic as production runs it (hashed names, compressed copies), once per test session."""
    root = tmp_path_factory.mktemp("static")
    env = dict(os.environ, DJANGO_DEBUG="0", DJANGO_STATIC_ROOT=str(root), DJANGO_SECRET_KEY="x" * 50)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    return root


@pytest.fixture
def web_server(transactional_db, settings, collected_static):
    """Start gunicorn (one sync worker, DEBUG off, WhiteNoise serving the collected static files) on the
    test database; keyword arguments are extra environment variables. Stopped after the test."""
    if connection.vendor != "postgresql":
        pytest.skip("A server process shares the test database only on PostgreSQL.")
    started = []

    def start(**extra_env) -> Server:
        port = _free_port()
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "enbek.settings",
                "DATABASE_URL": database_url(),
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": "web-server-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
                "DJANGO_STATIC_ROOT": str(collected_static),
                "ENBEK_DEMO": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        env.update(extra_env)
        log = Path(tempfile.mkstemp(prefix="enbek-gunicorn-", suffix=".log")[1])
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "enbek.wsgi:application", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--error-logfile", "-", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        server = Server(process, port, log)
        started.append(server)
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + log.read_text())
            try:
                server.get("/healthz")
                return server
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start: " + log.read_text())

    yield start
    for server in started:
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGTERM)
            server.process.wait(timeout=15)


@pytest.fixture
def welder_programmes(db):
    """The welder's (7212-01) programmes at a college in Astana (71) and one in Almaty (75)."""
    from enbek.enums import OrganizationKind
    from tests.factories import OrganizationFactory, TrainingProgrammeFactory, profession, region

    return tuple(
        TrainingProgrammeFactory(
            profession=profession("7212-01"),
            organization=OrganizationFactory(kind=OrganizationKind.COLLEGE, region=region(code)),
        )
        for code in ("71", "75")
    )


@pytest.fixture
def page_cache(settings):
    """The page cache switched on (the suite runs without it), empty before and after the test."""
    from django.core.cache import cache

    from enbek import pagecache

    settings.PAGE_CACHE = True
    cache.clear()
    pagecache._local_versions.clear()
    yield
    cache.clear()
    pagecache._local_versions.clear()
