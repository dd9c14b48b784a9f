"""A Redis cache that degrades to "no cache" while Redis is down, instead of failing the request.

Pages, the API throttle and counters all go through the default cache: with Django's own RedisCache
every one of them would answer 500 the moment Redis stops (/healthz still reports it, 503). Here an
unreachable Redis makes reads miss and writes do nothing; the outage is logged once, not per request,
and for a few seconds after a failure Redis is not even tried, so a dead server costs no time per
request. The first operation that succeeds again logs that the cache is back.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("enbek.cache")

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_MISSING = object()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis for every cache operation, and its constructor fills a
    table of some 170 response callbacks: profiled, that was a third of a cached page's time. A redis
    client is thread-safe (each command takes a connection from the pool), so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    #: After a failure Redis is skipped for this many seconds, then tried again.
    retry_after = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    # One guard for every operation -----------------------------------------------------------------
    def _guard(self, operation, fallback):
        if self._down and time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation()
        except _UNAVAILABLE as error:
            with self._lock:
                if not self._down:
                    logger.warning("Cache unavailable (%s): serving without cache until it is back.", error)
                self._down = True
                self._down_until = time.monotonic() + self.retry_after
            return fallback
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
                    logger.warning("Cache available again.")
        return result

    @property
    def is_down(self) -> bool:
        return self._down

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        result = self._guard(lambda: super(ResilientRedisCache, self).incr(key, delta, version), _MISSING)
        if result is _MISSING:
            # What callers already handle for a key that is not there.
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guard(lambda: super(ResilientRedisCache, self).clear(), False)
