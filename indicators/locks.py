"""The one lock that keeps two aggregation runs from interleaving.

PostgreSQL: a session-level advisory lock (pg_try_advisory_lock), polled until a deadline so that a
run that waits can give up, released in `finally` (and by PostgreSQL if the connection dies).
Elsewhere (SQLite in development) an atomic cache.add stands in for it.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

LOCK_KEY = 1_105_011_011  # any 64-bit number no other part of the portal uses
CACHE_KEY = "indicators:aggregation-lock"
POLL_SECONDS = 0.2


class RunLock:
    def __init__(self) -> None:
        self.token = uuid.uuid4().hex
        self.held = False

    def _try(self) -> bool:
        if settings.IS_POSTGRES:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                return bool(cursor.fetchone()[0])
        return cache.add(CACHE_KEY, self.token, timeout=settings.INDICATORS_LOCK_WAIT_SECONDS + 3600)

    def acquire(self, *, wait: bool, timeout: float | None = None) -> bool:
        """Take the lock; with wait, poll until it is free or `timeout` seconds have passed."""
        timeout = settings.INDICATORS_LOCK_WAIT_SECONDS if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            if self._try():
                self.held = True
                return True
            if not wait or time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        if not self.held:
            return
        if settings.IS_POSTGRES:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        elif cache.get(CACHE_KEY) == self.token:
            cache.delete(CACHE_KEY)
        self.held = False


def lock_is_free() -> bool:
    """Whether no run holds the lock now (for tests and the dashboard's run panel)."""
    probe = RunLock()
    if probe.acquire(wait=False):
        probe.release()
        return True
    return False
