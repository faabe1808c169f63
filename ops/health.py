"""Health checks for /healthz and the staff status page: database, cache, broker, search index, disk space and
beat's heartbeat. Each check is cheap, bounded by short timeouts, and turns any exception into "unhealthy" with
the exception's class name (never its message: the endpoint is public)."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HEARTBEAT_TASK = "ops.heartbeat"
_TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class Check:
    name: str
    label: str
    ok: bool
    detail: str


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def cache_round_trip() -> str:
    token = uuid.uuid4().hex
    cache.set("ops:health", token, 30)
    if cache.get("ops:health") != token:
        raise RuntimeError("cache returned another value")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def broker() -> str:
    url = settings.CELERY_BROKER_URL
    if url.startswith("memory://"):
        return "未使用（任务在请求中直接执行）"
    if url.startswith(("redis://", "rediss://")):
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=_TIMEOUT_SECONDS, socket_timeout=_TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
        return "redis"
    from kombu import Connection

    with Connection(url, connect_timeout=_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=1, timeout=_TIMEOUT_SECONDS)
    return url.split(":", 1)[0]


def search_index() -> str:
    from haystack import connections

    backend = connections["default"].get_backend()
    if hasattr(backend, "generation"):  # Whoosh: the folder exists and its table of contents reads
        backend.generation()
        return f"{backend.index.doc_count()} 条"
    if hasattr(backend, "conn") and hasattr(backend.conn, "ping"):
        if not backend.conn.ping():
            raise ConnectionError("search engine does not answer")
        return "elasticsearch"
    return type(backend).__name__


def disk_space() -> str:
    limit = settings.HEALTH_MIN_FREE_DISK_PERCENT
    worst = None
    for folder in _data_folders():
        usage = shutil.disk_usage(folder)
        percent = usage.free * 100 / usage.total
        if worst is None or percent < worst[0]:
            worst = (percent, usage.free, folder)
    percent, free, folder = worst
    detail = f"剩余 {free / 1024**3:.1f} GB（{percent:.0f}%）"
    if percent < limit:
        raise OSError(f"{detail}，低于 {limit:g}%：{folder}")
    return detail


def _data_folders() -> list[Path]:
    from ops.backup import media_roots

    folders = [Path(settings.DATA_DIR), Path(settings.BACKUP_DIR), *media_roots().values()]
    return [_existing(f) for f in folders]


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def beat() -> str:
    from ops.models import JobRun

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "未使用（无 Redis，定时任务不运行）"
    last = JobRun.objects.filter(task=HEARTBEAT_TASK).values_list("last_success_at", flat=True).first()
    if last is None:
        raise RuntimeError("尚无心跳记录")
    age = timezone.now() - last
    text = f"{timezone.localtime(last):%Y-%m-%d %H:%M}"
    if age > timedelta(minutes=settings.HEALTH_BEAT_MAX_AGE_MINUTES):
        raise RuntimeError(f"最近心跳 {text}，已超过 {settings.HEALTH_BEAT_MAX_AGE_MINUTES} 分钟")
    return text


CHECKS: tuple[tuple[str, str, Callable[[], str]], ...] = (
    ("database", "数据库", database),
    ("cache", "缓存", cache_round_trip),
    ("broker", "任务队列", broker),
    ("search", "搜索索引", search_index),
    ("disk", "磁盘空间", disk_space),
    ("beat", "定时任务（beat）", beat),
)


def run(*, detailed: bool = False) -> list[Check]:
    """Every check; ``detailed`` keeps the failure's own words (the staff page), else only its class name."""
    results = []
    for name, label, check in CHECKS:
        started = time.monotonic()
        try:
            detail = check()
            ok = True
        except Exception as exc:  # any failure is "unhealthy", never a server error
            ok = False
            detail = f"{type(exc).__name__}: {exc}" if detailed else type(exc).__name__
        results.append(Check(name, label, ok, f"{detail} ({(time.monotonic() - started) * 1000:.0f} ms)"))
    return results
