"""Faults as they happen in production, with real processes: Redis down, PostgreSQL connections killed,
the broker unreachable, a Celery worker killed in the middle of a task."""

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from dynasties import services
from dynasties.enums import DynastyStatus
from dynasties.tasks import notify_moderation_decision
from enbek.celery import app as celery_app
from enbek.queueing import QueueUnavailable, enqueue
from tests.celery_conf import celery_conf
from tests.enbek.conftest import database_url
from tests.factories import UserFactory
from tests.factories.dynasties import DynastyFactory

ROOT = Path(__file__).resolve().parents[2]
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once
PUBLIC_PATHS = [
    "/kk/",
    "/ru/",
    "/kk/dynasties/",
    "/ru/dynasties/?region=75&min_generations=2",
    "/kk/proverbs/",
    "/ru/about/",
    "/api/v1/dynasties/",
    "/api/v1/dynasties/?region=75&ordering=-total_years",
    "/api/v1/proverbs/",
    "/api/v1/regions/",
    "/api/v1/spheres/",
]

postgres_only = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postg"), reason="needs PostgreSQL (DATABASE_URL)."
)


@pytest.fixture
def published_data(transactional_db):
    return [DynastyFactory() for _ in range(3)]


# --- Redis down ------------------------------------------------------------------------------------
# Transactional tests flush the database: the reference data is restored afterwards for the next tests.
restores_reference_data = pytest.mark.usefixtures(
    "empty_before_serialized_rollback", "django_db_serialized_rollback"
)


@postgres_only
@restores_reference_data
def test_redis_down_every_public_page_and_api_list_answers_and_logs_once(web_server, published_data):
    server = web_server(REDIS_URL=DEAD_REDIS, CELERY_BROKER_URL=DEAD_REDIS, PAGE_CACHE="1")
    answers = {path: [server.get(path)[0] for _ in range(3)] for path in PUBLIC_PATHS}
    detail = published_data[0].get_absolute_url()
    answers[detail] = [server.get(detail)[0] for _ in range(3)]

    assert answers == {path: [200, 200, 200] for path in answers}
    assert server.get("/healthz")[0] == 503  # the health check still says what is wrong
    outage_lines = [line for line in server.log.read_text().splitlines() if "Cache unavailable" in line]
    assert len(outage_lines) == 1


# --- PostgreSQL connections killed -----------------------------------------------------------------
@postgres_only
@restores_reference_data
def test_postgres_connections_killed_next_requests_succeed_without_restart(web_server, published_data):
    server = web_server(PAGE_CACHE="0", DATABASE_CONN_MAX_AGE="600")
    assert server.get("/kk/dynasties/")[0] == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        killed = cursor.fetchall()
    assert len(killed) >= 1  # the web worker's persistent connection

    assert [server.get("/kk/dynasties/")[0] for _ in range(3)] == [200, 200, 200]
    assert server.get("/api/v1/dynasties/")[0] == 200
    assert server.process.poll() is None  # the same process, not restarted


# --- Broker down -----------------------------------------------------------------------------------
def _reset_producer_pool() -> None:
    """The next publish connects to conf.broker_url afresh."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings):
    """The Celery app publishing to a dead Redis, as in production when the broker stops."""
    with celery_conf(broker_url=DEAD_REDIS, task_always_eager=False):
        _reset_producer_pool()
        yield
    _reset_producer_pool()


def test_broker_down_decision_email_is_sent_from_the_web_process(
    db, broker_down, coordinator, django_capture_on_commit_callbacks, caplog
):
    author = UserFactory(email="author@example.kz")
    submitted = DynastyFactory(status=DynastyStatus.SUBMITTED, published_at=None, submitted_by=author)
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING, logger="enbek.queueing"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)

    assert [message.to for message in mail.outbox] == [["author@example.kz"]]
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1
    assert warnings[0].startswith("Broker unavailable (Error 111 connecting to 127.0.0.1:1")
    assert warnings[0].endswith("enbek.dynasties.notify_moderation_decision runs in this process instead.")
    assert time.monotonic() - started < 10  # the moderator is not kept waiting for kombu's retries


def test_broker_down_heavy_work_is_refused_with_a_clear_message(db, broker_down):
    with pytest.raises(QueueUnavailable) as refused:
        enqueue(notify_moderation_decision, 1, "published", inline=False)
    with translation.override("ru"):
        assert str(refused.value) == (
            "Фоновую задачу сейчас не удаётся запустить. Попробуйте ещё раз через несколько минут."
        )
    with translation.override("kk"):
        assert str(refused.value) == (
            "Фондық жұмысты қазір бастау мүмкін емес. Бірнеше минуттан кейін қайталап көріңіз."
        )


def test_decision_email_delivered_twice_is_sent_once(db, coordinator):
    author = UserFactory(email="twice@example.kz")
    dynasty = DynastyFactory(submitted_by=author)
    assert notify_moderation_decision.apply(args=(dynasty.pk, "published")).get() is True
    assert notify_moderation_decision.apply(args=(dynasty.pk, "published")).get() is False
    assert len(mail.outbox) == 1


# --- A Celery worker killed in the middle of a task -----------------------------------------------
@pytest.fixture
def prefork_worker(transactional_db, settings, tmp_path):
    """A real worker as production runs it (prefork pool, one child, acks_late and
    reject_on_worker_lost from the settings) with the slow file e-mail backend of tests/enbek/slow_mail.py."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis.")
    if not os.environ.get("DATABASE_URL", "").startswith("postg"):
        pytest.skip("The worker process needs a database it can share: run on PostgreSQL.")
    queue = f"test-kill-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "enbek.settings",
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "tests.enbek.slow_mail.EmailBackend",
            "SLOW_MAIL_DIR": str(mail_dir),
        }
    )
    log = Path(tempfile.mkstemp(prefix="enbek-prefork-", suffix=".log")[1])
    celery = str(Path(sys.executable).parent / "celery")
    process = subprocess.Popen(
        [celery, "-A", "enbek", "worker", "--pool=prefork", "--concurrency=1", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=INFO",
         "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the worker exited: " + log.read_text())
        if celery_app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=0.5):
            break
    else:
        raise RuntimeError("the worker did not answer: " + log.read_text())
    yield queue, mail_dir, log
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@restores_reference_data
def test_worker_killed_mid_task_runs_it_once_more_and_sends_one_email(prefork_worker):
    queue, mail_dir, log = prefork_worker
    author = UserFactory(email="killed@example.kz")
    dynasty = DynastyFactory(submitted_by=author)

    notify_moderation_decision.apply_async(args=(dynasty.pk, "published"), queue=queue)
    assert _wait_for(lambda: (mail_dir / "attempt-1").exists(), 30), log.read_text()
    child = int((mail_dir / "attempt-1").read_text())
    os.kill(child, signal.SIGKILL)  # the pool process running the task, in the middle of sending

    assert _wait_for(lambda: len(list(mail_dir.glob("mail-*.eml"))) == 1, 40), log.read_text()
    assert (mail_dir / "attempt-2").exists()  # the task ran once more, in a new pool process
    assert "WorkerLostError" in log.read_text() or "exited with 'signal 9" in log.read_text()

    # The same message delivered again (a duplicate, a redelivery after the visibility timeout).
    result = notify_moderation_decision.apply_async(args=(dynasty.pk, "published"), queue=queue)
    assert result.get(timeout=30) is False
    assert len(list(mail_dir.glob("mail-*.eml"))) == 1
