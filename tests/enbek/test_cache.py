"""With Redis down the portal keeps answering: the cache and the API throttle degrade to no cache."""

import logging
import os

import pytest

from enbek.cache import ResilientRedisCache

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


def _cache(location: str = DEAD) -> ResilientRedisCache:
    return ResilientRedisCache(location, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}})


def test_resilient_cache_dead_redis_misses_and_logs_once(caplog):
    cache = _cache()
    with caplog.at_level(logging.WARNING, logger="enbek.cache"):
        assert cache.get("k", "fallback") == "fallback"
        cache.set("k", 1)
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("k") is False
        cache.delete("k")
    assert cache.is_down is True
    assert [r.getMessage()[:17] for r in caplog.records] == ["Cache unavailable"]


def test_resilient_cache_incr_when_down_raises_value_error_like_a_missing_key():
    with pytest.raises(ValueError):
        _cache().incr("counter")


def test_resilient_cache_skips_redis_while_down_then_tries_again(monkeypatch):
    cache = _cache()
    cache.get("k")
    calls = []
    monkeypatch.setattr(type(cache).__mro__[1], "get", lambda self, *a, **k: calls.append(1) or "hit")
    assert cache.get("k", "miss") == "miss"  # within the retry window: Redis is not asked
    assert calls == []
    cache._down_until = 0.0
    assert cache.get("k", "miss") == "hit"
    assert cache.is_down is False


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: needs a real Redis.")
def test_resilient_cache_reuses_one_redis_client_for_every_operation():
    cache = _cache(os.environ["REDIS_URL"])
    first = cache._cache.get_client("a", write=True)

    cache.set("reused-client", {"n": 1}, 5)
    assert cache.get("reused-client") == {"n": 1}
    assert cache.get_many(["reused-client", "absent"]) == {"reused-client": {"n": 1}}
    cache.delete("reused-client")

    assert (cache._cache.get_client("b") is first, cache.get("reused-client", "gone")) == (True, "gone")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: needs a real Redis.")
def test_resilient_cache_logs_when_redis_is_back(caplog):
    cache = _cache()
    cache.get("k")
    # The same cache object now reaches a live Redis (as after a restart on the same address).
    cache._servers = [os.environ["REDIS_URL"]]
    cache.__dict__.pop("_cache", None)
    cache._down_until = 0.0
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="enbek.cache"):
        cache.set("enbek-test-back", 7, 10)
        assert cache.get("enbek-test-back") == 7
    assert [r.getMessage() for r in caplog.records] == ["Cache available again."]
    cache.delete("enbek-test-back")


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "enbek.cache.ResilientRedisCache",
            "LOCATION": DEAD,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.mark.parametrize("path", ["/api/v1/dynasties/", "/api/v1/regions/", "/kk/", "/ru/dynasties/"])
def test_public_pages_and_api_answer_with_redis_down(client, db, redis_down, path):
    response = client.get(path)
    assert response.status_code == 200
