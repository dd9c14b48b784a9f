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
from django.db import connections

from enbek.enums import Role
from tests.factories import UserFactory, region

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Pages and counts are not cached in tests (tests/enbek/test_pagecache.py switches it on): a test
    that changes rows directly, not through a service, sees them on the next request."""
    settings.PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _celery_joins_allowed():
    """Celery's "a task is running here, never wait on a result" flag is one global, not per thread:
    two eager tasks overlapping in the live server's threads can leave it set, and the next test's
    `result.get()` is refused. Each test starts as a plain client process would."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _api_rate_limit_history_cleared():
    """The API's anonymous rate limit counts requests per address in the cache (Redis in CI), and
    every test client is 127.0.0.1: without this, a test's requests count against the next tests'."""
    from django.core.cache import cache

    cache.delete("throttle_anon_127.0.0.1")


@pytest.fixture(autouse=True)
def _no_access_cache(settings):
    """Roles and permissions are read from the database in tests (tests/enbek/test_access.py switches the
    cache on): a page's query count does not depend on what an earlier request cached. When a test does
    switch it on, it starts afresh: a rolled-back test's user ids can come back with other roles."""
    from enbek.access import access_renew

    settings.ACCESS_CACHE = False
    access_renew()


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


# --- Headless Chromium (Playwright) for the main journeys ---------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
skip_without_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium."
)


@pytest.fixture
def browser(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    # Playwright's sync API runs an event loop in this thread; Django refuses DB calls there otherwise.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
            # The test's own queries ran while Playwright's loop was running, on a connection of their
            # own: close it, or PostgreSQL refuses to drop the test database at the end.
            connections.close_all()


@pytest.fixture
def empty_before_serialized_rollback(django_db_setup, django_db_blocker):
    """Empty the test database, without post_migrate, before a transactional test restores it.

    Request it before `transactional_db`/`celery_worker_process`, together with
    `django_db_serialized_rollback`. The restore (Django's serialized rollback) inserts the reference
    data as it was after `migrate` (regions, spheres, groups and their permissions): rows that the
    post_migrate handlers re-created after an earlier transactional test's flush would collide with
    it (duplicate group names). Sequences are kept, so later inserts do not reuse restored ids.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command(
            "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
        )
    ContentType.objects.clear_cache()


@pytest.fixture
def reference_data(transactional_db):
    """Regions, proverbs, role groups, spheres and professions, as the data migrations load them.

    A live-server test runs in a transactional database that an earlier transactional test may
    have flushed; the migrations' loaders are idempotent (update_or_create), so they are re-run.
    """
    import importlib

    from django.apps import apps

    for module in (
        "enbek.migrations.0002_reference_data",
        "enbek.migrations.0006_professions_data",
        "enbek.migrations.0008_proverb_library_data",
        "enbek.migrations.0010_quiz_statements_data",
    ):
        importlib.import_module(module).load(apps, None)
    # A flush without post_migrate (the serialized-rollback fixture's) also empties the permissions
    # and content types: put them back and give the roles theirs again, or a coordinator gets a 403.
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from enbek.roles import sync_role_permissions

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    sync_role_permissions()


# --- Screenshots of failed browser tests ----------------------------------------------------------
SCREENSHOTS = ROOT / "var" / "screenshots"  # git-ignored (var/)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a test that drove Chromium fails, keep a full-page screenshot of every page it left open
    (var/screenshots/<test>-<n>.png): what the user would have seen at the failure."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and browser is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.nodeid)[-150:]
        pages = [page for context in browser.contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            try:
                path = SCREENSHOTS / f"{name}-{number}.png"
                page.screenshot(path=str(path), full_page=True)
                report.sections.append(("screenshot", str(path)))
            except Exception as error:  # noqa: BLE001 - a closed page must not hide the real failure
                report.sections.append(("screenshot", f"page {number}: {error}"))
    return report
