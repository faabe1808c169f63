"""The site's own visit counts, kept on the server: no third-party script, no cookie, no personal data.

**What counts**: a GET of a public page answered with HTML and status 200 (``is_countable``): not the staff area,
the admin, static or uploaded files, not a signed-in member of staff, not a crawler or script (by user agent), not a
browser's prefetch. Pages served from a page cache count too, because the counting middleware sits outside it.

**Unique visitors**: a visitor is an address with a browser (user agent) on one day. The request keeps only an
unsalted hash of the two, in memory, until the next write (a couple of seconds); the write hashes it again with a
random salt drawn for that day and shared by every process (Redis), and adds that to a HyperLogLog, which cannot give
it back. The salt is discarded with the day, so nothing links a visitor to an address or to another day.

**Never slowing a page**: the request only adds to an in-process buffer (``Recorder.record``: a dictionary increment
under a lock). A background thread writes the buffer every VISIT_FLUSH_SECONDS to the counters: Redis when the cache
is Redis (one pipeline of HINCRBY per day and path, PFADD per day), else a store in local memory (development and
tests, one process). When Redis is down the batch is dropped, logged at most once a minute, and the next write tries
again; the page never waits for Redis.

**Keeping them**: the nightly task ``evaluation.flush_visits`` copies every day the counters hold into the database
(``DailyVisits``, ``PathVisits``), setting rather than adding, so a re-run or a run during the day is harmless, and
forgets days that have ended. Reads (a document's 浏览次数, the statistics) take the database for the days it holds
and the counters for the days they still hold."""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models import Sum
from django.urls import Resolver404, resolve
from django.utils import timezone

from evaluation import conf
from evaluation.models import DailyVisits, PathVisits
from portal import workdays
from portal.ratelimit import client_ip
from portal.staff import signed_in

logger = logging.getLogger(__name__)


# --- Which requests count


@lru_cache(maxsize=4096)
def is_crawler(user_agent: str) -> bool:
    """Remembered per user agent: a site sees a few hundred browsers' strings again and again."""
    lowered = user_agent.lower()
    return not user_agent or any(word in lowered for word in conf.CRAWLER_WORDS)


def is_countable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path
    if path.startswith((*conf.EXCLUDED_PATH_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") or "prefetch" in meta.get("HTTP_PURPOSE", ""):
        return False
    return not is_crawler(meta.get("HTTP_USER_AGENT", "")) and not signed_in(request)


def visitor_token(request) -> bytes:
    """An unsalted hash of address and browser, kept in memory only until the next write salts it again."""
    raw = f"{client_ip(request)}\n{request.META.get('HTTP_USER_AGENT', '')}".encode()
    return hashlib.blake2b(raw, digest_size=16).digest()


def count(request, response) -> None:
    """Count one view if it is countable. Never raises: counting must not fail a page."""
    try:
        if is_countable(request, response):
            RECORDER.record(workdays.today(), request.path[: conf.PATH_MAX], visitor_token(request))
    except Exception:
        _log_failure("counting a page view")


# --- Logging a failing counter at most once a minute per process

_last_logged: dict[str, float] = {}
_monotonic = time.monotonic  # replaced in tests


def _log_failure(what: str) -> None:
    now = _monotonic()
    if now - _last_logged.get(what, -conf.LOG_INTERVAL_SECONDS) >= conf.LOG_INTERVAL_SECONDS:
        _last_logged[what] = now
        logger.warning("Visit counters unavailable while %s; skipped (logged once a minute)", what, exc_info=True)


# --- A batch of views and the stores it is written to


@dataclass
class Batch:
    views: Counter = field(default_factory=Counter)  # (day, path) -> views
    tokens: dict = field(default_factory=lambda: defaultdict(set))  # day -> unsalted visitor tokens

    def __bool__(self) -> bool:
        return bool(self.views)


def _salted(token: bytes, salt: bytes) -> bytes:
    return hashlib.blake2b(token, key=salt, digest_size=8).digest()


class LocalStore:
    """The counters in this process's memory, for a site without Redis (development, tests: one process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._views: dict[date, Counter] = defaultdict(Counter)
        self._visitors: dict[date, set[bytes]] = defaultdict(set)
        self._salts: dict[date, bytes] = {}

    def add(self, batch: Batch) -> None:
        with self._lock:
            for (day, path), n in batch.views.items():
                self._views[day][path] += n
            for day, tokens in batch.tokens.items():
                salt = self._salts.setdefault(day, secrets.token_bytes(16))
                self._visitors[day].update(_salted(token, salt) for token in tokens)

    def days(self) -> list[date]:
        with self._lock:
            return sorted(self._views)

    def path_counts(self, day: date) -> dict[str, int]:
        with self._lock:
            return dict(self._views.get(day, {}))

    def visitor_count(self, day: date) -> int:
        with self._lock:
            return len(self._visitors.get(day, ()))

    def views_of(self, path: str, days: Iterable[date]) -> int:
        with self._lock:
            return sum(self._views[day].get(path, 0) for day in days if day in self._views)

    def forget(self, day: date) -> None:
        with self._lock:
            for table in (self._views, self._visitors, self._salts):
                table.pop(day, None)

    def clear(self) -> None:
        with self._lock:
            self._views.clear()
            self._visitors.clear()
            self._salts.clear()


LOCAL_STORE = LocalStore()


class RedisStore:
    """The counters in Redis, through the cache's own client: a hash of path → views and a HyperLogLog of salted
    visitors per day, a set naming the days held, and the day's salt. Keys expire after REDIS_KEEP_DAYS."""

    PREFIX = "visits:"
    _salts: dict[date, bytes] = {}  # per process: the shared salt of a day, once read

    def __init__(self, client) -> None:
        self.client = client

    def _key(self, day: date, kind: str) -> str:
        return f"{self.PREFIX}{day:%Y%m%d}:{kind}"

    def _salt(self, day: date) -> bytes:
        salt = self._salts.get(day)
        if salt is None:
            key = self._key(day, "salt")
            self.client.set(key, secrets.token_hex(16), nx=True, ex=2 * 86400)
            salt = self._salts[day] = bytes.fromhex(self.client.get(key).decode())
            for old in [d for d in self._salts if d < day - timedelta(days=1)]:
                del self._salts[old]
        return salt

    def add(self, batch: Batch) -> None:
        keep = conf.REDIS_KEEP_DAYS * 86400
        pipe = self.client.pipeline(transaction=False)
        days = {day for day, _ in batch.views}
        for (day, path), n in batch.views.items():
            pipe.hincrby(self._key(day, "p"), path, n)
        for day in days:
            tokens = batch.tokens.get(day)
            if tokens:
                salt = self._salt(day)
                pipe.pfadd(self._key(day, "u"), *(_salted(token, salt) for token in tokens))
            pipe.expire(self._key(day, "p"), keep)
            pipe.expire(self._key(day, "u"), keep)
        pipe.sadd(f"{self.PREFIX}days", *(f"{day:%Y%m%d}" for day in days))
        pipe.execute()

    def days(self) -> list[date]:
        raw = self.client.smembers(f"{self.PREFIX}days")
        days = sorted(date(int(v[:4]), int(v[4:6]), int(v[6:8])) for v in (m.decode() for m in raw))
        # A day whose keys expired unflushed is gone; stop naming it.
        alive = [day for day in days if self.client.exists(self._key(day, "p"))]
        gone = [f"{day:%Y%m%d}" for day in days if day not in alive]
        if gone:
            self.client.srem(f"{self.PREFIX}days", *gone)
        return alive

    def path_counts(self, day: date) -> dict[str, int]:
        return {k.decode(): int(v) for k, v in self.client.hgetall(self._key(day, "p")).items()}

    def visitor_count(self, day: date) -> int:
        return int(self.client.pfcount(self._key(day, "u")))

    def views_of(self, path: str, days: Iterable[date]) -> int:
        pipe = self.client.pipeline(transaction=False)
        for day in days:
            pipe.hget(self._key(day, "p"), path)
        return sum(int(v) for v in pipe.execute() if v is not None)

    def forget(self, day: date) -> None:
        self.client.delete(self._key(day, "p"), self._key(day, "u"), self._key(day, "salt"))
        self.client.srem(f"{self.PREFIX}days", f"{day:%Y%m%d}")


def current_store() -> LocalStore | RedisStore:
    """Redis when the cache is Redis (REDIS_URL), else this process's memory."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return RedisStore(backend._cache.get_client(write=True))
    return LOCAL_STORE


# --- The buffer of each web process


class Recorder:
    """Views counted by this process and not yet written. ``record`` is all a request pays for; a daemon thread
    writes the buffer every VISIT_FLUSH_SECONDS (0: at once, as tests want). Started lazily in each process, so a
    forked worker gets its own thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._batch = Batch()
        self._size = 0
        self.dropped = 0
        self._thread: threading.Thread | None = None
        self._pid = 0

    def record(self, day: date, path: str, token: bytes) -> None:
        with self._lock:
            batch = self._batch
            if self._size >= conf.BUFFER_MAX:
                self.dropped += 1
                return
            key = (day, path)
            if key not in batch.views:
                self._size += 1
            batch.views[key] += 1
            tokens = batch.tokens[day]
            if token not in tokens:
                tokens.add(token)
                self._size += 1
        interval = conf.flush_seconds()
        if interval <= 0:
            self.flush()
        elif self._pid != os.getpid() or self._thread is None or not self._thread.is_alive():
            self._start(interval)

    def take(self) -> Batch:
        with self._lock:
            batch, self._batch, self._size = self._batch, Batch(), 0
        return batch

    def flush(self) -> None:
        """Write what is buffered to the counters; when they are unavailable the batch is dropped."""
        batch = self.take()
        if not batch:
            return
        try:
            current_store().add(batch)
        except Exception:
            _log_failure("writing page views")

    def _start(self, interval: float) -> None:
        with self._lock:
            if self._pid == os.getpid() and self._thread is not None and self._thread.is_alive():
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, args=(interval,), name="visit-counter", daemon=True)
            self._thread.start()

    def _run(self, interval: float) -> None:
        last_local_write = time.monotonic()
        while interval > 0:
            time.sleep(interval)
            self.flush()
            # Without Redis no other process can read this one's counters: it copies them to the database itself.
            if time.monotonic() - last_local_write >= LOCAL_DATABASE_SECONDS and current_store() is LOCAL_STORE:
                last_local_write = time.monotonic()
                try:
                    write_to_database()
                except Exception:
                    _log_failure("copying local counters to the database")
            interval = conf.flush_seconds()  # 0 (set by tests): writes happen with each view; the thread ends


# Without Redis, a web process copies its own counters into the database this often.
LOCAL_DATABASE_SECONDS = 300
RECORDER = Recorder()
atexit.register(RECORDER.flush)


# --- The database copy


def describe(path: str) -> tuple[str, str]:
    """The page's URL name and the object it shows (a document's id, a column's slug), or blanks."""
    try:
        match = resolve(path)
    except Resolver404:
        return "", ""
    key = next(iter(match.kwargs.values()), "") if match.kwargs else ""
    return match.view_name[:80], str(key)[:100]


def write_to_database() -> list[date]:
    """Copy every day the counters hold into the database (set, not added: re-running is harmless) and forget the
    days that have ended. Returns the days written."""
    RECORDER.flush()
    store = current_store()
    today = timezone.localdate()
    written = []
    for day in store.days():
        paths = store.path_counts(day)
        visitors = store.visitor_count(day)
        with transaction.atomic():
            DailyVisits.objects.update_or_create(day=day, defaults={"views": sum(paths.values()), "visitors": visitors})
            PathVisits.objects.filter(day=day).delete()
            PathVisits.objects.bulk_create(
                [PathVisits(day=day, path=path, views=n, **_described(path)) for path, n in paths.items()],
                batch_size=1000,
            )
        if day < today:
            store.forget(day)
        written.append(day)
    return written


def _described(path: str) -> dict[str, str]:
    url_name, key = describe(path)
    return {"url_name": url_name, "object_key": key}


# --- Reading


def _live_days() -> tuple[LocalStore | RedisStore | None, list[date]]:
    """The store and the days it still holds; (None, []) when it cannot be read (the database answers alone)."""
    try:
        store = current_store()
        return store, store.days()
    except Exception:
        _log_failure("reading the counters")
        return None, []


def views_of(path: str) -> int:
    """All views of a page address: the database's days, and the counters' days not yet (fully) copied there."""
    store, live = _live_days()
    stored = PathVisits.objects.filter(path=path).exclude(day__in=live).aggregate(n=Sum("views"))["n"] or 0
    if not live:
        return stored
    try:
        return stored + store.views_of(path, live)
    except Exception:
        _log_failure("reading the counters")
        return stored


@dataclass(frozen=True)
class Day:
    day: date
    views: int
    visitors: int


def daily(start: date, end: date) -> list[Day]:
    """Views and unique visitors of every day in [start, end), zeros included."""
    rows = {
        row.day: Day(row.day, row.views, row.visitors)
        for row in DailyVisits.objects.filter(day__gte=start, day__lt=end)
    }
    store, live = _live_days()
    for day in live:
        if start <= day < end:
            try:
                rows[day] = Day(day, sum(store.path_counts(day).values()), store.visitor_count(day))
            except Exception:
                _log_failure("reading the counters")
    days = (start + timedelta(days=i) for i in range((end - start).days))
    return [rows.get(day, Day(day, 0, 0)) for day in days]


def views_by_object(url_name: str, start: date, end: date) -> Counter:
    """Views per object (a document's id, a column's slug) of one page kind over [start, end)."""
    totals: Counter = Counter()
    store, live = _live_days()
    rows = (
        PathVisits.objects.filter(url_name=url_name, day__gte=start, day__lt=end)
        .exclude(day__in=live)
        .values_list("object_key")
        .annotate(n=Sum("views"))
    )
    totals.update(dict(rows))
    for day in live:
        if start <= day < end:
            try:
                counts = store.path_counts(day)
            except Exception:
                _log_failure("reading the counters")
                continue
            for path, n in counts.items():
                name, key = describe(path)
                if name == url_name:
                    totals[key] += n
    return totals
