"""Backups and restores: one dated tar archive holding the database dump, the uploaded files (public MEDIA_ROOT and
PRIVATE_MEDIA_ROOT), a snapshot of the site's settings and a manifest with every member's SHA-256 and the row count
of every table; optionally encrypted (ops.crypto); a ``.sha256`` file beside it for copies made elsewhere.

PostgreSQL is dumped with ``pg_dump --format=custom`` from a snapshot exported by a REPEATABLE READ transaction,
and the row counts come from the same snapshot, so they match the dump exactly; SQLite is copied with its online
backup API. A restore goes only into an empty database and empty media folders: it unpacks into a staging folder,
checks every checksum, loads the database (pg_restore in one transaction), compares the row counts, moves the files
into place, applies any newer migrations and rebuilds the search index."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump / pg_restore with argument lists, never a shell
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from ops import crypto
from ops.audit import record
from ops.models import AuditEntry

logger = logging.getLogger(__name__)
Event = AuditEntry.Event

FORMAT_VERSION = 1
NAME_RE = re.compile(r"^portal-backup-(\d{8}-\d{6})\.tar(\.enc)?$")
MANIFEST = "manifest.json"
SETTINGS_SNAPSHOT = "settings.json"
_CHUNK = 1024 * 1024
# The configuration worth having beside the data when rebuilding a server; secrets and credentials are left out.
SNAPSHOT_SETTINGS = (
    "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "TIME_ZONE", "LANGUAGE_CODE", "MEDIA_URL", "STATIC_URL",
    "SEARCH_TERM_CACHE_MB", "REQUEST_REPLY_WORKDAYS", "REQUEST_EXTENSION_WORKDAYS", "MESSAGE_REPLY_WORKDAYS",
    "PROACTIVE_DISCLOSURE_WORKDAYS", "CONFIDENTIALITY_REVIEW_WORKDAYS", "UPLOAD_MAX_BYTES", "IMAGE_MAX_BYTES",
    "IMAGE_MAX_PIXELS", "PUBLIC_FORM_RATE_LIMIT", "PUBLIC_FORM_RATE_WINDOW", "TRACKING_GUESS_LIMIT",
    "TRACKING_GUESS_WINDOW", "CLIENT_IP_HEADER", "AUDIT_RETENTION_DAYS", "STAFF_2FA_REQUIRED",
    "PASSWORD_MAX_AGE_DAYS", "STAFF_IDLE_TIMEOUT_MINUTES", "BACKUP_KEEP_DAILY", "BACKUP_KEEP_WEEKLY",
    "BACKUP_KEEP_MONTHLY", "EMAIL_HOST", "EMAIL_PORT", "DEFAULT_FROM_EMAIL",
)  # fmt: skip


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (in Chinese, for the operator)."""


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    seconds: float
    tables: dict[str, int]
    files: int


@dataclass
class RestoreResult:
    seconds: dict[str, float] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0


def media_roots() -> dict[str, Path]:
    """The folders of uploaded files, by their name inside the archive."""
    media = Path(settings.MEDIA_ROOT)
    private = Path(getattr(settings, "PRIVATE_MEDIA_ROOT", Path(settings.DATA_DIR) / "private"))
    if private.resolve().is_relative_to(media.resolve()):
        return {"media": media}  # a private folder inside MEDIA_ROOT goes along with it
    return {"media": media, "private": private}


# --- backup
def backup(output_dir: Path | None = None, *, encrypt: bool | None = None, now: datetime | None = None) -> BackupResult:
    started = time.monotonic()
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    key = _key_for_backup(encrypt)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    target = output_dir / f"portal-backup-{stamp}.tar{'.enc' if key else ''}"
    if target.exists():
        raise BackupError(f"{target.name} 已存在。")
    partial = target.with_name(target.name + ".part")
    try:
        with tempfile.TemporaryDirectory(prefix="dump-", dir=output_dir) as work:
            dump, tables = _dump_database(Path(work))
            manifest, digest = _write_archive(partial, key, dump, tables)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    (target.with_name(target.name + ".sha256")).write_text(f"{digest}  {target.name}\n")
    result = BackupResult(target, target.stat().st_size, digest, time.monotonic() - started, tables,
                          len(manifest["files"]) - 2)  # fmt: skip
    logger.info("backup %s: %s bytes in %.1f s", target.name, result.size, result.seconds)
    record(Event.BACKUP, what=target.name, size=result.size, sha256=digest, seconds=round(result.seconds, 1))
    return result


def _key_for_backup(encrypt: bool | None) -> bytes | None:
    configured = settings.BACKUP_ENCRYPTION_KEY
    if encrypt is None:
        encrypt = bool(configured)
    if not encrypt:
        return None
    if not configured:
        raise BackupError("要求加密，但未设置 BACKUP_ENCRYPTION_KEY。")
    return crypto.load_key(configured)


def _dump_database(work: Path) -> tuple[Path, dict[str, int]]:
    if connection.in_atomic_block:
        # The dump must see committed data only, from its own snapshot (and SQLite would wait on its own lock).
        raise BackupError("备份不能在数据库事务中进行。")
    if connection.vendor == "postgresql":
        return _pg_dump(work)
    if connection.vendor == "sqlite":
        return _sqlite_dump(work)
    raise BackupError(f"不支持的数据库：{connection.vendor}")


def _pg_dump(work: Path) -> tuple[Path, dict[str, int]]:
    target = work / "portal.dump"
    # One snapshot for the dump and the row counts: writes during the backup can make them disagree otherwise.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                   f"--file={target}", *_pg_connection_args()]  # fmt: skip
        _run(command)
        tables = _row_counts(cursor)
    return target, tables


def _sqlite_dump(work: Path) -> tuple[Path, dict[str, int]]:
    target = work / "portal.sqlite3"
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        with connection.cursor():
            connection.connection.backup(destination)
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        tables = _row_counts(copy.cursor(), "sqlite")
    finally:
        copy.close()
    return target, tables


def _row_counts(cursor, vendor: str | None = None) -> dict[str, int]:
    """Rows per table of this site's schema, from ``cursor``'s snapshot."""
    counts = {}
    for table in sorted(_table_names(cursor, vendor or connection.vendor)):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _table_names(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [row[0] for row in cursor.fetchall()]


def _write_archive(path: Path, key: bytes | None, dump: Path, tables: dict[str, int]) -> tuple[dict, str]:
    """Write the archive; returns the manifest and the SHA-256 of the file as written."""
    files: dict[str, dict] = {}
    with (
        open(path, "wb") as fh,
        _HashingWriter(fh) as raw,
        _maybe_encrypting(raw, key) as out,
        tarfile.open(fileobj=out, mode="w|") as tar,
    ):
        files[f"database/{dump.name}"] = _add_file(tar, f"database/{dump.name}", dump)
        for prefix, root in media_roots().items():
            for file_path in _files_under(root):
                name = f"{prefix}/{file_path.relative_to(root).as_posix()}"
                files[name] = _add_file(tar, name, file_path)
        snapshot = json.dumps(_settings_snapshot(), ensure_ascii=False, indent=2).encode()
        files[SETTINGS_SNAPSHOT] = _add_bytes(tar, SETTINGS_SNAPSHOT, snapshot)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": connection.vendor, "file": f"database/{dump.name}", "tables": tables},
            "django": django.get_version(),
            "migrations": _latest_migrations(),
            "files": files,
        }
        _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    return manifest, raw.hash.hexdigest()


@contextmanager
def _maybe_encrypting(raw, key: bytes | None):
    if key is None:
        yield raw
        return
    writer = crypto.EncryptingWriter(raw, key)
    try:
        yield writer
    finally:
        writer.close()


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


class _HashingWriter:
    """Passes writes through to ``fh``, hashing them: the archive's checksum without reading it again."""

    def __init__(self, fh):
        self._fh = fh
        self.hash = hashlib.sha256()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._fh.flush()

    def write(self, data) -> int:
        self.hash.update(data)
        return self._fh.write(data)

    def flush(self) -> None:
        self._fh.flush()


class _HashingReader:
    def __init__(self, fh):
        self._fh = fh
        self.hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self.hash.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o640
    with open(path, "rb") as fh:
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.hash.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> dict:
    import io

    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o640
    tar.addfile(info, io.BytesIO(data))
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _settings_snapshot() -> dict:
    values = {name: getattr(settings, name, None) for name in SNAPSHOT_SETTINGS}
    return json.loads(json.dumps(values, default=str))


def _latest_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_connection_args() -> list[str]:
    db = connection.settings_dict
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    return args


def _run(command: list[str]) -> None:
    env = {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or os.environ.get("PGPASSWORD", "")}
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"找不到 {command[0]}：请安装 PostgreSQL 客户端（postgresql-client）。") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{done.stderr.strip()[-2000:]}")


# --- retention
def archives(directory: Path | None = None) -> list[tuple[datetime, Path]]:
    """The finished archives in ``directory``, newest first."""
    directory = Path(directory or settings.BACKUP_DIR)
    found = []
    for path in directory.glob("portal-backup-*"):
        match = NAME_RE.match(path.name)
        if match:
            when = timezone.make_aware(datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"))  # noqa: DTZ007
            found.append((when, path))
    return sorted(found, reverse=True)


def to_keep(stamps: list[datetime], daily: int, weekly: int, monthly: int) -> set[datetime]:
    """Grandfather-father-son: the newest archive of each of the latest ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months that have one. Counted over the archives that exist, so a gap never empties the folder."""
    keep: set[datetime] = set()
    for count, period in ((daily, _day), (weekly, _week), (monthly, _month)):
        newest: dict = {}
        for stamp in sorted(stamps, reverse=True):
            newest.setdefault(period(stamp), stamp)
        keep.update(list(newest.values())[:count])
    return keep


def _day(stamp: datetime):
    return timezone.localtime(stamp).date()


def _week(stamp: datetime):
    return timezone.localtime(stamp).isocalendar()[:2]


def _month(stamp: datetime):
    local = timezone.localtime(stamp)
    return local.year, local.month


def prune(directory: Path | None = None) -> list[Path]:
    """Delete the archives (and their .sha256 files) the retention rule does not keep; returns what went."""
    found = archives(directory)
    keep = to_keep([s for s, _ in found], settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY,
                   settings.BACKUP_KEEP_MONTHLY)  # fmt: skip
    removed = []
    for stamp, path in found:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".sha256").unlink(missing_ok=True)
            removed.append(path)
    return removed


# --- restore
def restore(archive: Path, *, rebuild_index: bool = True, log=lambda message: None) -> RestoreResult:
    archive = Path(archive)
    result = RestoreResult()
    roots = media_roots()
    _require_empty_targets(roots)
    clock = time.monotonic()
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=_staging_parent(roots)))
    try:
        log(f"解包并校验 {archive.name} ...")
        manifest = unpack(archive, staging)
        result.files = len(manifest["files"]) - 2
        result.seconds["unpack"] = time.monotonic() - clock
        clock = time.monotonic()
        log("恢复数据库 ...")
        _load_database(staging / manifest["database"]["file"], manifest["database"]["vendor"])
        result.tables = _check_row_counts(manifest["database"]["tables"])
        result.seconds["database"] = time.monotonic() - clock
        log("恢复上传文件 ...")
        for prefix, root in roots.items():
            _move_into_place(staging / prefix, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if rebuild_index:
        log("重建搜索索引 ...")
        clock = time.monotonic()
        call_command("rebuild_index", interactive=False, verbosity=0)
        result.seconds["index"] = time.monotonic() - clock
    record(Event.RESTORE, what=archive.name, files=result.files, tables=len(result.tables))
    return result


def _staging_parent(roots: dict[str, Path]) -> Path:
    # Beside the media folder, so the files move into place by rename rather than by copy.
    parent = roots["media"].parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _require_empty_targets(roots: dict[str, Path]) -> None:
    if _database_has_tables():
        raise BackupError("目标数据库不是空的：恢复只能写入新建的空数据库（见 README 的恢复演练）。")
    for root in roots.values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"目标文件夹 {root} 不是空的：恢复只能写入空文件夹。")


def _database_has_tables() -> bool:
    with connection.cursor() as cursor:
        return bool(_table_names(cursor, connection.vendor))


def _open_archive(archive: Path):
    raw = open(archive, "rb")  # noqa: SIM115 - closed by the caller through the returned stream
    if raw.read(len(crypto.MAGIC)) != crypto.MAGIC:
        raw.seek(0)
        return raw
    raw.seek(0)
    if not settings.BACKUP_ENCRYPTION_KEY:
        raw.close()
        raise BackupError("备份文件已加密：请在环境变量 BACKUP_ENCRYPTION_KEY 中提供备份时使用的密钥。")
    return crypto.DecryptingReader(raw, crypto.load_key(settings.BACKUP_ENCRYPTION_KEY))


def unpack(archive: Path, staging: Path) -> dict:
    """Unpack every member into ``staging`` (regular files under known folders only), then check the manifest."""
    _check_sidecar(archive)
    seen: dict[str, dict] = {}
    manifest_bytes = b""
    stream = _open_archive(archive)
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                name = _safe_name(member)
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                seen[name] = _copy_hashing(source, target)
    except crypto.BackupKeyError as exc:
        raise BackupError(str(exc)) from exc
    except tarfile.TarError as exc:
        raise BackupError(f"备份文件已损坏：{exc}") from exc
    finally:
        stream.close()
    if not manifest_bytes:
        raise BackupError("备份文件中没有 manifest.json：文件不完整。")
    manifest = json.loads(manifest_bytes)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"不支持的备份格式版本：{manifest.get('format')}")
    if seen != manifest["files"]:
        bad = sorted(_differences(seen, manifest))
        raise BackupError(f"校验失败，以下文件与清单不符：{'、'.join(bad[:10])}")
    return manifest


def _differences(seen: dict, manifest: dict) -> list[str]:
    expected = manifest["files"]
    return [name for name in set(seen) | set(expected) if seen.get(name) != expected.get(name)]


def _check_sidecar(archive: Path) -> None:
    sidecar = archive.with_name(archive.name + ".sha256")
    if sidecar.exists():
        expected = sidecar.read_text().split()[0]
        if _sha256_of(archive) != expected:
            raise BackupError(f"{archive.name} 的 SHA-256 与 {sidecar.name} 不符：文件已损坏或被改动。")


def _safe_name(member: tarfile.TarInfo) -> str:
    name = PurePosixPath(member.name)
    allowed = {"database", "media", "private"}
    top_level = name.name in (MANIFEST, SETTINGS_SNAPSHOT) and len(name.parts) == 1
    if not member.isfile() or name.is_absolute() or ".." in name.parts:
        raise BackupError(f"备份文件含有不允许的条目：{member.name}")
    if not top_level and name.parts[0] not in allowed:
        raise BackupError(f"备份文件含有不允许的条目：{member.name}")
    return name.as_posix()


def _copy_hashing(source, target: Path) -> dict:
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def _load_database(dump: Path, vendor: str) -> None:
    if vendor != connection.vendor:
        raise BackupError(f"备份来自 {vendor} 数据库，不能恢复到 {connection.vendor}。")
    if vendor == "postgresql":
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              *_pg_connection_args(), str(dump)])  # fmt: skip
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            with connection.cursor():
                source.backup(connection.connection)
        finally:
            source.close()
    for alias in connections:
        connections[alias].close()


def _check_row_counts(expected: dict[str, int]) -> dict[str, int]:
    with connection.cursor() as cursor:
        actual = _row_counts(cursor)
    wrong = [t for t in expected if actual.get(t) != expected[t]]
    if wrong:
        raise BackupError(f"恢复后的行数与备份清单不符：{'、'.join(wrong[:10])}")
    return actual


def _move_into_place(source: Path, root: Path) -> None:
    if not source.exists():
        root.mkdir(parents=True, exist_ok=True)
        return
    if root.exists():
        root.rmdir()  # checked empty before the restore began
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), str(root))
