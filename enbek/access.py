"""A signed-in user's roles and permissions, read from the database once per change, not per request.

Every page a signed-in person opens asks who they are allowed to be: the navigation shows staff work
by permission, views check roles. Django reads the groups and both permission sets from the database
on each request (three queries before the page itself starts). Here they are kept in the cache
(Redis in production) under the user, and dropped for everyone at once when roles or permissions
change: a group's permissions, a user's groups or own permissions, a group or permission saved or
deleted (the signals wired in enbek.apps). A change made without signals (a raw SQL update, a bulk
insert into the join tables) shows within TIMEOUT seconds. Whether the user is active or a superuser
is part of the key, so switching either takes effect on the next request.

settings.ACCESS_CACHE (env ACCESS_CACHE, on by default) switches it off; the test suite does, except in
the tests that measure it, so that counting a page's queries does not depend on what an earlier request
left in the cache.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60
_VERSION_KEY = "access:v"
#: A process trusts the version it read for this long (one cache round trip saved per request): another
#: process's change shows within these seconds, this process's own at once.
LOCAL_VERSION_SECONDS = 2.0
_local_version: list = [None, 0.0]  # [version, when read]


def access_version() -> int:
    now = time.monotonic()
    if _local_version[0] is not None and now - _local_version[1] <= LOCAL_VERSION_SECONDS:
        return _local_version[0]
    version = cache.get(_VERSION_KEY)
    if version is None:
        # The clock in ns: a counter lost with the cache is never reused for stale entries.
        cache.add(_VERSION_KEY, time.time_ns(), None)
        version = cache.get(_VERSION_KEY) or 0
    _local_version[:] = [version, now]
    return version


def access_renew() -> None:
    """Every cached role and permission set is stale from now on."""
    version = time.time_ns()
    cache.set(_VERSION_KEY, version, None)
    _local_version[:] = [version, time.monotonic()]


def access_changed(action: str | None = None, **kwargs) -> None:
    """Signal receiver: every cached role and permission set is stale from now on, and again once the
    change is committed (a request that read the old rows in between may have cached them)."""
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: its pre_add/pre_remove/pre_clear come before the change
    access_renew()
    transaction.on_commit(access_renew)


def cached_access(user, what: str, compute):
    """The value of compute() for this user, kept until the next change of roles or permissions."""
    if not settings.ACCESS_CACHE:
        return compute()
    joined = int(user.date_joined.timestamp() * 1_000_000) if getattr(user, "date_joined", None) else 0
    key = f"access:{what}:{user.pk}:{joined}:{int(user.is_active)}{int(user.is_superuser)}:{access_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
