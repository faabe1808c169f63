"""portal.redis_cache: Django's Redis cache with one client per connection pool."""

import pytest

from portal.redis_cache import RedisCache


@pytest.fixture
def cache(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "test-redis-cache"})
    backend.clear()
    yield backend
    backend.clear()


def test_every_call_uses_the_same_client(cache):
    cache.set("page", b"<html>", 30)
    first = cache._cache.get_client(write=True)
    assert cache.get("page") == b"<html>"
    assert cache._cache.get_client() is first and cache._cache.get_client(write=True) is first


def test_values_round_trip_as_with_djangos_backend(cache):
    value = ("<html>正文</html>".encode(), [("Content-Type", "text/html; charset=utf-8")], '"etag"', 1700000000)
    cache.set("page", value, 30)
    assert cache.get("page") == value
    assert cache.add("page", "other", 30) is False and cache.get("page") == value
    assert cache.add("n", 1) is True and cache.incr("n") == 2  # integers are stored unpickled, so INCR works


def test_an_unreachable_server_raises_on_every_call():
    backend = RedisCache("redis://127.0.0.1:1/0", {})
    for _ in range(2):
        with pytest.raises(Exception, match="(?i)connect"):
            backend.get("page")
