"""Whole-page caching of anonymous public pages, per language, invalidated by group.

A TV programme sends thousands of visitors at once to the home page or a dynasty: every one of them is
anonymous and sees the same bytes. `cache_public_page("dynasties")` stores the rendered response in the
default cache (Redis in production, local memory in the embedded setup) under the path, the query string,
the language and the negotiated media type, and serves it without touching the view, the templates or
the database. A section that changes what such a page shows calls `pagecache_invalidate("dynasties")`
(through transaction.on_commit in its services): the group's version counter moves on, every key built
with the old version is never read again and expires on its own. A change is therefore visible on the
next request, not after the timeout; the timeout only bounds what no service announces (the proverb of
the day turning at midnight, another section's figure on the home page).

What is never cached, so that nobody sees someone else's page:
- anything but GET/HEAD, and any request of a signed-in user, with a session cookie (messages of the
  session, a signed-in user whose session the view has not looked at yet) or a `messages` cookie, or with
  an Authorization header (API clients);
- a response that is not 200, streams, sets a cookie, says `Cache-Control: private/no-store`, or whose
  rendering used the CSRF token (a form with {% csrf_token %}: the token belongs to one visitor).

settings.PAGE_CACHE (env PAGE_CACHE, on by default) switches all of it off; the test suite does, except in
the tests of this module, so that a test reading a page after changing rows directly sees them.

The cache is ResilientRedisCache: with Redis down every lookup misses, the view runs as if there were no
cache, and the outage is logged once.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

#: Response headers kept with the cached body (the rest are added again by the middleware on the way out).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link")
_PREFIX = "pagecache"
#: A group every cached page belongs to: pagecache_invalidate(EVERYTHING) after a bulk load (seed_demo).
EVERYTHING = "all"


def _version_key(group: str) -> str:
    return f"{_PREFIX}:v:{group}"


#: A process remembers the group versions it read for this long: a cached page then costs one cache
#: round trip, not two. Another process's invalidation is seen at most this late; this process's own at once.
LOCAL_VERSION_SECONDS = 2.0
_local_versions: dict[str, tuple[int, float]] = {}


def pagecache_versions(groups: tuple[str, ...]) -> tuple:
    """The current version of each group; a group seen for the first time gets one (the clock in ns,
    so that a version lost with an evicted counter is never reused for older pages)."""
    now = time.monotonic()
    known = {group: _local_versions.get(group) for group in groups}
    missing = [
        group for group, entry in known.items() if entry is None or now - entry[1] > LOCAL_VERSION_SECONDS
    ]
    if missing:
        found = cache.get_many([_version_key(group) for group in missing])
        for group in missing:
            key = _version_key(group)
            version = found.get(key)
            if version is None:
                version = time.time_ns()
                # add(): two processes that start together agree on the first one written.
                if not cache.add(key, version, timeout=None):
                    version = cache.get(key, version)
            _local_versions[group] = (version, now)
    return tuple(_local_versions[group][0] for group in groups)


def pagecache_invalidate(*groups: str) -> None:
    """Every cached page of these groups is stale from now on (their version moves on)."""
    if not settings.PAGE_CACHE:
        return
    for group in groups:
        key = _version_key(group)
        try:
            version = cache.incr(key)
        except ValueError:  # never set, evicted, or the cache is down: a fresh version does the same
            version = time.time_ns()
            cache.set(key, version, timeout=None)
        _local_versions[group] = (version, time.monotonic())


def pagecache_invalidate_on_commit(*groups: str) -> None:
    """Invalidate when the surrounding transaction commits (at once outside one): a page rebuilt between
    the write and the commit would otherwise be cached with the old data under the new version."""
    if not settings.PAGE_CACHE:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(callback, "pagecache_groups", None) == groups
        for _sids, callback, _robust in connection.run_on_commit
    ):
        return  # once per transaction is enough

    def invalidate():
        pagecache_invalidate(*groups)

    invalidate.pagecache_groups = groups
    transaction.on_commit(invalidate)


class PageCacheAdminMixin:
    """For ModelAdmins of what public pages show: a save or delete in the admin (past the services)
    invalidates `page_groups` once the admin's transaction commits."""

    page_groups: tuple[str, ...] = ()

    def _page_changed(self) -> None:
        pagecache_invalidate_on_commit(*self.page_groups)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._page_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._page_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._page_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._page_changed()


def cached_value(group: str, name: str, compute, timeout: int = 600):
    """A value (a count, a list of figures) kept until the group is invalidated or `timeout` passes.

    Used for the COUNT(*) of published dynasties that every home and list page showed: counted once per
    change instead of once per request."""
    if not settings.PAGE_CACHE:
        return compute()
    (version,) = pagecache_versions((group,))
    key = f"{_PREFIX}:value:{group}:{version}:{hashlib.blake2b(name.encode(), digest_size=16).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


class lazy:  # noqa: N801 - used like a function: lazy(compute)
    """A value computed on first use: a view hands the template what only a {% publicfragment %} shows,
    and a fragment served from the cache never computes it (no query, no rendering of its data).

    The template sees the computed value through attribute, item and truth tests, iteration and len:
    `{% for x in page.object_list %}`, `{% if groups %}`, `{{ groups|length }}`."""

    __slots__ = ("_compute", "_value", "_done")

    def __init__(self, compute):
        self._compute, self._done = compute, False

    def _get(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value

    def __getattr__(self, name):
        if name.startswith("__") or name in self.__slots__:
            # copy/pickle probing a bare instance: not the value's business (and no recursion).
            raise AttributeError(name)
        return getattr(self._get(), name)

    def __getitem__(self, key):
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def __bool__(self):
        return bool(self._get())

    def __str__(self):
        return str(self._get())


def cached_count(queryset, group: str, timeout: int = 600) -> int:
    """queryset.count(), kept per SQL (so per filter) until the group is invalidated."""
    sql, params = queryset.query.sql_with_params()
    return cached_value(group, f"count:{sql}:{params!r}", queryset.count, timeout)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page rendered a CSRF token
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:  # the view wrote something for this visitor
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _page_key(request, groups: tuple[str, ...], versions: tuple) -> str:
    language = (getattr(request, "LANGUAGE_CODE", "") or "")[:2]
    # The media type asked for: the API answers JSON, or the browsable API's HTML when DEBUG is on.
    accept = request.META.get("HTTP_ACCEPT", "")
    wanted = "json" if "json" in accept else ("html" if "html" in accept else "")
    raw = f"{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}|{wanted}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    stamp = ".".join(f"{group}{version}" for group, version in zip(groups, versions, strict=True))
    return f"{_PREFIX}:page:{language}:{stamp}:{digest}"


def fragment_key(request, groups: tuple[str, ...], place: str) -> str:
    """The key of a {% publicfragment %} (enbek/templatetags/pagecache.py): the page's, plus the place."""
    groups = tuple(dict.fromkeys((EVERYTHING, *groups)))
    return _page_key(request, groups, pagecache_versions(groups)).replace(":page:", f":fragment:{place}:", 1)


def _restore(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _shared_request(request) -> bool:
    """A signed-in visitor's GET with the session cookie only: no credentials for the view to check."""
    return request.method in ("GET", "HEAD") and not request.META.get("HTTP_AUTHORIZATION")


def cache_public_page(*groups: str, timeout: int = 300, shared: bool = False):
    """Decorate a view (or, with method_decorator(..., name="dispatch"), a class-based or DRF view) whose
    anonymous GET answer is the same for everyone in a language. `groups` name what it shows: the page is
    rebuilt after pagecache_invalidate() of any of them.

    shared=True (the public API's lists and objects, which have no per-visitor part): a signed-in
    visitor's answer is the same too, and is cached as well, apart from the anonymous one (its own keys)
    so that nothing of one path can reach the other. HTML pages keep their user's header and use
    {% publicfragment %} instead."""
    if not groups:
        raise ValueError("cache_public_page needs at least one group")
    groups = tuple(dict.fromkeys((EVERYTHING, *groups)))

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not settings.PAGE_CACHE:
                return view(request, *args, **kwargs)
            if _cacheable_request(request):
                space = "page"
            elif shared and _shared_request(request):
                space = "shared"
            else:
                return view(request, *args, **kwargs)
            key = _page_key(request, groups, pagecache_versions(groups)).replace(":page:", f":{space}:", 1)
            entry = cache.get(key)
            if entry is not None:
                return _restore(entry)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response = response.render()
            # Proxies and browsers: the same URL differs for a signed-in visitor (the session cookie).
            patch_vary_headers(response, ("Cookie",))
            if _cacheable_response(request, response):
                headers = [(name, response[name]) for name in _KEPT_HEADERS if name in response]
                cache.set(key, (response.status_code, headers, response.content), timeout)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator
