"""Whole public pages kept for anonymous readers, and the content generation that retires them.

**The content generation** is one opaque value (``generation()``) that changes (``bump()``) whenever anything a
public page may show changes: a document published, withdrawn or edited, a column, the site profile, a unit or its
leaders, a news item, a service guide, a message reply shown publicly, the new-media directory. Every save or
delete of a model of the content apps (PAGE_CACHE_CONTENT_APPS, minus PAGE_CACHE_IGNORED_MODELS, and minus rows
whose ``shown_on_public_pages()`` says no public page shows them, such as drafts) bumps it, at once and again after
the transaction commits (a reader who rendered the old rows in between is retired too). Cached
pages and per-site data (the column tree, the interpretations index) are stored under keys that include it, so a
change is visible on the next request; nothing has to be deleted.

The generation lives in the pages cache when that is shared (Redis: every web process sees one value), otherwise in
a small file in DATA_DIR (one machine, several processes, no Redis): never in a per-process memory cache, where a
command or another worker would change content without the web process noticing. A value is random, never a
counter, so a generation lost with an evicted key can never come back and revive old pages. The value a process
uses carries its code's release too (``release()``): after a deployment, pages and fragments rendered by the old
code are never served by the new.

**The page cache** (``PageCacheMiddleware``) answers anonymous GETs of public pages from the cache. It never
serves or stores: a request carrying a session or messages cookie or credentials (a signed-in officer, a citizen
in a tracking session, a reader with a message to see), anything under NO_STORE_PATH_PREFIXES or
PAGE_CACHE_EXCLUDED_PREFIXES, and a response that sets a cookie (a form's CSRF token), is not a 200 HTML page, or is
marked private or no-store. Pages carry an ETag and Last-Modified, and a matching conditional GET is answered 304.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from portal import workdays
from portal.staff import signed_in

logger = logging.getLogger(__name__)

GENERATION_KEY = "portal:content-generation"
# A generation read from a shared cache is reused for this long within one thread (the 1-second promise holds).
_GENERATION_REUSE_SECONDS = 0.2
_local = threading.local()

# Response headers a stored page does not keep: per-response or per-client ones.
_DROPPED_HEADERS = {"set-cookie", "date", "vary", "content-length", "etag", "last-modified", "x-page-cache"}


def pages_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _generation_file() -> Path | None:
    return Path(settings.PAGE_CACHE_GENERATION_FILE) if settings.PAGE_CACHE_GENERATION_FILE else None


def _new_value() -> str:
    # Random, not a clock reading: a frozen or stepped-back clock must still give a new value.
    return secrets.token_hex(8)


_RELEASE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".json")
_RELEASE_SKIPPED = {".venv", "var", "tests", "benchmarks", "scripts", "node_modules", "staticfiles", ".git"}


@functools.cache
def release() -> str:
    """A digest of this process's code and templates (and of the static files' manifest, whose hashed names pages
    carry), read once per process: keys made with it are not shared with a process running other code."""
    digest = hashlib.sha1(usedforsecurity=False)
    base = Path(settings.BASE_DIR)
    # Data folders (uploads, the index, collected static files) are not code, wherever they are configured.
    data = {Path(p).resolve() for p in (settings.DATA_DIR, settings.MEDIA_ROOT, settings.STATIC_ROOT) if p}
    for top in sorted(base.iterdir()):
        if not top.is_dir() or top.name in _RELEASE_SKIPPED or top.name.startswith("."):
            continue
        if any(top.resolve() == d or top.resolve() in d.parents for d in data):
            continue
        for path in sorted(top.rglob("*")):
            if path.suffix in _RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


def generation() -> str:
    """The current content generation (an opaque string), with this code's release."""
    return f"{_stored_generation()}.{release()}"


def _stored_generation() -> str:
    path = _generation_file()
    if path is not None:
        try:
            return path.read_text() or "0"
        except FileNotFoundError:
            bump()
            return path.read_text()
    memo = getattr(_local, "generation", None)
    now = time.monotonic()
    if memo is not None and now - memo[1] < _GENERATION_REUSE_SECONDS:
        return memo[0]
    store = pages_cache()
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, _new_value(), None)
        value = store.get(GENERATION_KEY)
    _local.generation = (value, now)
    return value


def bump() -> None:
    """Retire every cached page and per-site datum. Never raises: a cache that is down must not fail a save (the
    pages cached in it are unreachable then anyway)."""
    value = _new_value()
    _local.generation = None
    path = _generation_file()
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
            temporary.write_text(value)
            os.replace(temporary, path)
        else:
            pages_cache().set(GENERATION_KEY, value, None)
    except Exception:
        logger.warning("Content generation not bumped; cached pages may be stale until they expire", exc_info=True)


_MISSING = object()
_kept: dict[str, tuple[object, float]] = {}  # this process's copies of per-generation data, by name
_kept_generation: list[str | None] = [None]
_kept_lock = threading.Lock()


def per_generation(name: str, build: Callable[[], object], timeout: int = 3600):
    """``build()``, kept until the content generation changes (per-site data such as the column tree): in this
    process's memory (no cache round trip, no unpickling: a value is shared by the requests of the process and must
    be treated as read-only), and in the default cache for the other processes. The cache being down costs the
    query, never the page."""
    try:
        current = generation()
    except Exception:
        logger.warning("Cache unavailable; %s read from the database", name, exc_info=True)
        return build()
    now = time.monotonic()
    with _kept_lock:
        if _kept_generation[0] != current:
            _kept.clear()
            _kept_generation[0] = current
        value, expires = _kept.get(name, (_MISSING, 0.0))
    if value is not _MISSING and now < expires:
        return value
    key = f"{name}:{current}"
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; %s read from the database", name, exc_info=True)
        value = None
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable; %s not cached", name, exc_info=True)
    with _kept_lock:
        if _kept_generation[0] == current:
            _kept[name] = (value, now + timeout)
    return value


# --- Signals: every change of public content bumps the generation.


def _content_changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the command's caller bumps once at the end
        return
    instance = kwargs.get("instance")
    if instance is not None and instance.__dict__.pop("pagecache_unchanged", False):  # this save changes nothing shown
        return
    if instance is not None and not _shown_publicly(instance):
        return
    bump()
    # Again after commit: a reader who rendered the old rows between the change and the commit cached them under
    # the first new value.
    transaction.on_commit(bump)


def _shown_publicly(instance) -> bool:
    """A model may say that a row of it is on no public page (``shown_on_public_pages()``, e.g. a draft never
    published): then saving or deleting it retires nothing. Rows of models without the method always count."""
    check = getattr(instance, "shown_on_public_pages", None)
    return True if check is None else check()


def connect_content_signals() -> None:
    ignored = {label.lower() for label in settings.PAGE_CACHE_IGNORED_MODELS}
    for label in settings.PAGE_CACHE_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in ignored:
                continue
            uid = f"pagecache:{model._meta.label_lower}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}:delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_content_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")


# --- The middleware


def _excluded_path(path: str) -> bool:
    return path.startswith(
        (*settings.NO_STORE_PATH_PREFIXES, *settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL)
    )


def request_is_anonymous_public_get(request) -> bool:
    """Whether the page cache may answer this request at all (decided before any session is read)."""
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:  # messages: CookieStorage's name
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not _excluded_path(request.path)


def _key(request) -> str:
    # The date is part of the key: every page shows today's date in its top bar.
    raw = "|".join((generation(), workdays.today().isoformat(), request.scheme, request.get_host(),
                    request.get_full_path()))  # fmt: skip
    return "page:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "page_cache_skip", False):
        return False
    if signed_in(request):
        return False
    control = response.get("Cache-Control", "").lower()
    return "no-store" not in control and "private" not in control


def _without_cookie_vary(response) -> None:
    # The key already excludes every reader whose cookies matter (session, messages): the page is the same for all
    # others, and a shared cache in front (nginx) must not keep one copy per cookie string.
    if response.has_header("Vary"):
        kept = [v.strip() for v in response["Vary"].split(",") if v.strip() and v.strip().lower() != "cookie"]
        del response["Vary"]
        if kept:
            patch_vary_headers(response, kept)


# The request headers that make a GET conditional: without any, get_conditional_response returns the response as it is.
_CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


@functools.lru_cache(maxsize=4)
def _http_date(seconds: int) -> str:
    # Pages rendered within one second share their Last-Modified: formatted once (some 10 µs each time).
    return http_date(seconds)


def _finish(request, response, etag: str, last_modified: int, state: str):
    response["ETag"] = etag
    response["Last-Modified"] = _http_date(last_modified)
    # nginx's micro-cache keeps exactly what this cache keeps, for a second (deploy/nginx/portal.conf). Before
    # Cache-Control: nginx before 1.23 reads them in order and would let max-age=0 win.
    response["X-Accel-Expires"] = str(settings.PAGE_CACHE_PROXY_SECONDS)
    del response["Cache-Control"]
    response["Cache-Control"] = settings.PAGE_CACHE_CONTROL
    response["X-Page-Cache"] = state
    response["Content-Length"] = str(len(response.content))  # CommonMiddleware, below, did not see a cached page
    _without_cookie_vary(response)
    meta = request.META
    if not any(header in meta for header in _CONDITIONAL_HEADERS):
        return response
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the pages cache (see the module's docstring).

    ORDER RULE: below evaluation's VisitCounterMiddleware (pages answered here are still counted) and below the
    security, CSP and no-store middleware (their headers and redirects apply to cached pages too), and above the
    session, authentication and CSRF middleware, which a page answered from the cache does not need."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_anonymous_public_get(request):
            return self.get_response(request)
        try:
            store = pages_cache()
            key = _key(request)
            entry = store.get(key) if _pages_seen.stored_here(key) else None
        except Exception:
            logger.warning("Pages cache unavailable; page rendered", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            content, headers, etag, last_modified = entry
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return _finish(request, response, etag, last_modified, "hit")
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        # SHA-1 of the page: on a processor with SHA instructions (most since 2017), 8 µs for 16 KB where MD5 takes 20.
        etag = '"' + hashlib.sha1(response.content, usedforsecurity=False).hexdigest() + '"'
        last_modified = int(time.time())
        if not _pages_seen.admitted(key):
            return _finish(request, response, etag, last_modified, "miss")
        headers = [(k, v) for k, v in response.items() if k.lower() not in _DROPPED_HEADERS]
        timeout = (
            settings.PAGE_CACHE_SECONDS if not request.META.get("QUERY_STRING") else settings.PAGE_CACHE_QUERY_SECONDS
        )
        try:
            store.set(key, (response.content, headers, etag, last_modified), timeout)
        except Exception:
            logger.warning("Pages cache unavailable; page not stored", exc_info=True)
        return _finish(request, response, etag, last_modified, "miss")


class Repeats:
    """How often this process has met each key (a bounded dict, least recently used first): for caches of results
    worth storing only when they are asked for again. A result computed once (a crawler walking every page: the
    national inspection's, a search engine's; a search nobody repeats) then costs no cache round trip, no store
    and no room. ``admit_after`` reads the setting that says at which computation a result is stored (1: at once)."""

    def __init__(self, admit_after: Callable[[], int], limit: int = 20_000):
        self._admit_after, self._limit = admit_after, limit
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def stored_here(self, key: str) -> bool:
        """Whether to look the key up in the cache: once this process has stored its result (at its ``admit_after``-th
        computation here). Before that a look-up would nearly always miss: the result is there only if another
        process computed it as often, and one asked for that often is soon stored by each process (a page read by
        everyone costs each web process ``admit_after`` renderings per content generation). A page read exactly twice
        in a process (a crawler's second pass, the long tail of documents) then costs no look-up that misses."""
        needed = self._admit_after()
        if needed <= 1:
            return True
        with self._lock:
            count = self._counts.get(key, 0)
            if count:
                self._counts.move_to_end(key)
        return count >= needed

    def admitted(self, key: str) -> bool:
        """Whether a result just computed is stored: at its ``admit_after``-th computation in this process."""
        needed = self._admit_after()
        if needed <= 1:
            return True
        with self._lock:
            count = self._counts[key] = self._counts.get(key, 0) + 1
            self._counts.move_to_end(key)
            if len(self._counts) > self._limit:
                self._counts.popitem(last=False)
        return count >= needed


# The pages this process rendered: a page is stored at its PAGE_CACHE_ADMIT_AFTER-th rendering in a process.
_pages_seen = Repeats(lambda: settings.PAGE_CACHE_ADMIT_AFTER)
