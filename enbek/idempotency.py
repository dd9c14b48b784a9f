"""Idempotency keys for work that must happen once, however often its task is delivered.

Celery runs tasks at least once: acks_late and reject_on_worker_lost (enbek/settings.py) give a task
whose worker died back to the queue, and a redelivered message runs again. An e-mail must not go out
twice for that: the task's service asks `already_done(key)` before sending and calls `mark_done(key)`
right after the send returned. A worker killed before the send completed leaves no mark (the next
delivery sends it, once); a delivery after a completed send finds the mark and sends nothing.

The marks live in the default cache (Redis, where the task queue itself lives; local memory in the
embedded setup). When the cache is down the answer is not known: OSError is raised so that the task's
autoretry tries again later, rather than guessing "sent" (a lost e-mail) or "not sent" (a double one).
"""

from django.core.cache import cache

#: Longer than any redelivery (the broker's visibility timeout is an hour) and any retry backoff.
DEFAULT_TTL = 14 * 24 * 3600
_PREFIX = "once:"


def _unknown() -> bool:
    return bool(getattr(cache, "is_down", False))


def already_done(key: str) -> bool:
    """Whether the work behind `key` was done; raises OSError when the store cannot say."""
    done = cache.get(_PREFIX + key) is not None
    if not done and _unknown():
        raise OSError(f"idempotency store unavailable: cannot tell whether {key!r} was done")
    return done


def mark_done(key: str, *, ttl: int = DEFAULT_TTL) -> None:
    """Record that the work behind `key` was done (right after doing it)."""
    cache.set(_PREFIX + key, 1, ttl)
