import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from enbek.enums import Role
from tests.factories import UserFactory, region

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def citizen(db):
    return UserFactory(roles=[Role.CITIZEN])


@pytest.fixture
def other_citizen(db):
    return UserFactory(roles=[Role.CITIZEN])


@pytest.fixture
def coordinator(db):
    """Regional coordinator of Almaty city (code 75)."""
    return UserFactory(
        roles=[Role.REGIONAL_COORDINATOR], region=region("75"), coordinator_region=region("75")
    )


@pytest.fixture
def other_coordinator(db):
    """Regional coordinator of Astana (code 71)."""
    return UserFactory(
        roles=[Role.REGIONAL_COORDINATOR], region=region("71"), coordinator_region=region("71")
    )


@pytest.fixture
def ministry_admin(db):
    return UserFactory(roles=[Role.MINISTRY_ADMINISTRATOR])


@pytest.fixture
def ministry_analyst(db):
    return UserFactory(roles=[Role.MINISTRY_ANALYST])


def _redis_url() -> str:
    return os.environ.get("REDIS_URL", "")


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real Celery worker in its own process, on Redis, consuming a queue of its own.

    It uses the test database (same name as this test run's), so tasks that read or write data
    see what the test committed. Skipped with a reason when REDIS_URL is not set.
    """
    if not _redis_url():
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis (CI sets it).")
    from django.db import connection

    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "enbek.settings"
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    db = connection.settings_dict
    if db["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/{db['NAME']}"
        )
    else:
        pytest.skip("The worker process needs a database it can share: run the suite on PostgreSQL.")
    env["DJANGO_MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    log = open(tempfile.mkstemp(prefix="enbek-worker-", suffix=".log")[1], "w")  # noqa: SIM115 - the worker writes to it until teardown
    process = subprocess.Popen(
        [
            celery,
            "-A",
            "enbek",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-n",
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        from enbek.celery import app

        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the worker exited: " + Path(log.name).read_text())
            replies = app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=0.5)
            if replies:
                break
        else:
            raise RuntimeError("the worker did not answer in 40 s: " + Path(log.name).read_text())
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
