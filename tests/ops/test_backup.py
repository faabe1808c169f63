"""Backups: the archive (database, public and private uploads, settings, a checksum manifest), its encryption, the
checks a restore makes before touching anything, the retention rule, the nightly job, and a SQLite round trip into
a fresh database file through `manage.py restore` in another process."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from ops import backup, crypto
from ops.models import AuditEntry
from ops.tasks import nightly_backup
from portal.models import Organization

BASE_DIR = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("Asia/Shanghai")
KEY = crypto.generate_key()
# A test database lacks some of the rows `migrate` adds after a restore (content types, permissions).
POST_MIGRATE_TABLES = {"auth_permission", "django_content_type"}


@pytest.fixture
def site(settings, tmp_path, township):
    """Uploaded files in both media folders, and an empty backup folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    (settings.MEDIA_ROOT / "disclosure" / "2025").mkdir(parents=True)
    (settings.MEDIA_ROOT / "disclosure" / "2025" / "通知.pdf").write_bytes(b"%PDF-1.4 public")
    (settings.PRIVATE_MEDIA_ROOT / "requests").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "requests" / "id-card.jpg").write_bytes(os.urandom(3000))
    return tmp_path


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the archive
@pytest.mark.django_db(transaction=True)
def test_the_archive_holds_the_database_both_media_folders_settings_and_a_manifest(site, settings):
    result = backup.backup(now=datetime(2025, 11, 17, 2, 0, tzinfo=TZ))
    assert result.path.name == "portal-backup-20251117-020000.tar"
    content = members(result.path)
    dump = "database/portal.dump" if connection.vendor == "postgresql" else "database/portal.sqlite3"
    assert set(content) == {
        dump, "media/disclosure/2025/通知.pdf", "private/requests/id-card.jpg", "settings.json", "manifest.json",
    }  # fmt: skip
    manifest = json.loads(content["manifest.json"])
    for name, data in content.items():
        if name != "manifest.json":
            assert manifest["files"][name] == {"size": len(data), "sha256": sha(data)}
    assert manifest["database"]["tables"]["portal_organization"] == Organization.objects.count()
    snapshot = json.loads(content["settings.json"])
    assert snapshot["REQUEST_REPLY_WORKDAYS"] == settings.REQUEST_REPLY_WORKDAYS
    assert "SECRET_KEY" not in content["settings.json"].decode()
    sidecar = result.path.with_name(result.path.name + ".sha256").read_text()
    assert sidecar == f"{sha(result.path.read_bytes())}  {result.path.name}\n"
    assert AuditEntry.objects.get(event=AuditEntry.Event.BACKUP).object_repr == result.path.name


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_archive_needs_the_key_and_detects_tampering(site, settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = KEY
    result = backup.backup()
    assert result.path.name.endswith(".tar.enc") and crypto.is_encrypted(result.path)
    assert b"%PDF-1.4 public" not in result.path.read_bytes()
    result.path.with_name(result.path.name + ".sha256").unlink()  # test the cipher's own check, not the sidecar

    manifest = backup.unpack(result.path, tmp_path / "ok")
    assert (tmp_path / "ok" / "private/requests/id-card.jpg").read_bytes() == (
        settings.PRIVATE_MEDIA_ROOT / "requests" / "id-card.jpg"
    ).read_bytes()
    assert manifest["format"] == backup.FORMAT_VERSION

    settings.BACKUP_ENCRYPTION_KEY = crypto.generate_key()
    with pytest.raises(backup.BackupError, match="密钥不正确"):
        backup.unpack(result.path, tmp_path / "wrong-key")
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(backup.BackupError, match="BACKUP_ENCRYPTION_KEY"):
        backup.unpack(result.path, tmp_path / "no-key")
    settings.BACKUP_ENCRYPTION_KEY = KEY
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 1
    result.path.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="篡改"):
        backup.unpack(result.path, tmp_path / "tampered")


@pytest.mark.django_db(transaction=True)
def test_a_changed_archive_or_member_is_refused_before_anything_is_restored(site, tmp_path):
    result = backup.backup()
    original = result.path.read_bytes()
    result.path.write_bytes(original[:-1] + b"\x01")
    with pytest.raises(backup.BackupError, match="SHA-256"):
        backup.unpack(result.path, tmp_path / "a")
    # One member changed, the manifest kept, no checksum file beside it: the manifest check catches it.
    forged = tmp_path / "forged.tar"
    with tarfile.open(fileobj=io.BytesIO(original)) as tar, tarfile.open(forged, "w") as out:
        for member in tar:
            data = tar.extractfile(member).read()
            if member.name == "media/disclosure/2025/通知.pdf":
                data = b"%PDF-1.4 forged!"
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(backup.BackupError, match="校验失败.*通知.pdf"):
        backup.unpack(forged, tmp_path / "b")


def test_an_archive_with_a_path_outside_its_folders_is_refused(tmp_path):
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as tar:
        info = tarfile.TarInfo("../../etc/cron.d/x")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(backup.BackupError, match="不允许的条目"):
        backup.unpack(evil, tmp_path / "staging")
    assert not (tmp_path / "etc").exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_is_not_empty(site):
    result = backup.backup()
    with pytest.raises(backup.BackupError, match="目标数据库不是空的"):
        backup.restore(result.path)


# --- encryption
@pytest.mark.parametrize("size", [0, 1, crypto.SEGMENT - 1, crypto.SEGMENT, crypto.SEGMENT + 1, 3 * crypto.SEGMENT + 7])
def test_encryption_round_trips_any_size_and_catches_truncation(size):
    key = crypto.load_key(KEY)
    data = os.urandom(size)
    sealed = io.BytesIO()
    writer = crypto.EncryptingWriter(sealed, key)
    for start in range(0, len(data), 10240):
        writer.write(data[start : start + 10240])
    writer.close()
    blob = sealed.getvalue()
    assert crypto.DecryptingReader(io.BytesIO(blob), key).read() == data
    if size > crypto.SEGMENT:
        cut = blob[: crypto.HEADER_BYTES + crypto.SEGMENT + 16]  # a whole first segment, the rest dropped
        with pytest.raises(crypto.BackupKeyError):
            crypto.DecryptingReader(io.BytesIO(cut), key).read()


def test_a_malformed_key_is_explained():
    with pytest.raises(crypto.BackupKeyError, match="32字节"):
        crypto.load_key("c2hvcnQ=")


# --- retention
def test_retention_keeps_7_daily_4_weekly_and_12_monthly():
    start = datetime(2024, 1, 1, 2, 0, tzinfo=TZ)
    stamps = [start + timedelta(days=n) for n in range(500)]  # one a night for 500 nights
    keep = backup.to_keep(stamps, daily=7, weekly=4, monthly=12)
    newest = stamps[-1]
    assert {newest - timedelta(days=n) for n in range(7)} <= keep
    sundays = sorted(s for s in keep if s.isoweekday() == 7 and s < newest - timedelta(days=6))
    assert len(sundays) >= 2  # the weeks before the daily ones keep their last night
    months = {(s.year, s.month) for s in keep}
    assert len(months) == 12
    assert len(keep) <= 7 + 4 + 12


def test_a_long_gap_never_deletes_the_last_archives():
    stamps = [datetime(2023, 1, 1, tzinfo=TZ), datetime(2023, 1, 2, tzinfo=TZ)]
    assert backup.to_keep(stamps, 7, 4, 12) == set(stamps)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_job_backs_up_then_prunes(site, settings):
    folder = settings.BACKUP_DIR
    folder.mkdir()
    for day in range(1, 40):  # 39 old nightly archives of one month, with their checksum files
        name = (
            f"portal-backup-202301{day:02d}-020000.tar"
            if day <= 31
            else f"portal-backup-202302{day - 31:02d}-020000.tar"
        )
        (folder / name).write_bytes(b"old")
        (folder / f"{name}.sha256").write_text("x")
    report = nightly_backup.delay().get()
    left = sorted(p.name for p in folder.glob("portal-backup-*.tar"))
    assert report["archive"] in left
    assert len(left) == len(backup.to_keep([s for s, _ in backup.archives(folder)], 7, 4, 12))
    assert len(left) < 40 and len(report["removed"]) == 40 - len(left)
    assert "portal-backup-20230131-020000.tar" in left  # the newest of its month
    assert "portal-backup-20230101-020000.tar" not in left
    assert not any((folder / f"{name}.sha256").exists() for name in report["removed"])


@pytest.mark.django_db(transaction=True)
def test_the_command_prints_where_the_archive_went_and_can_make_a_key(site):
    out = io.StringIO()
    call_command("backup", stdout=out)
    assert "portal-backup-" in out.getvalue() and "SHA-256" in out.getvalue()
    out = io.StringIO()
    call_command("backup", "--generate-key", stdout=out)
    assert len(crypto.load_key(out.getvalue())) == 32


# --- a round trip on SQLite, through the command in a fresh process
@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_into_a_fresh_database_file(site, tmp_path, officer):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL round trip is test_restore_postgres.py")
    result = backup.backup()
    expected = json.loads(members(result.path)["manifest.json"])

    target = tmp_path / "restored"
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DATA_DIR": str(target),
        "DATABASE_URL": f"sqlite:///{target / 'portal.sqlite3'}", "SEARCH_URL": f"whoosh://{target / 'index'}",
        "MEDIA_ROOT": str(target / "media"), "REDIS_URL": "",
    }  # fmt: skip
    env.pop("PRIVATE_MEDIA_ROOT", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(result.path)],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "恢复完成" in done.stdout

    with sqlite3.connect(target / "portal.sqlite3") as db:
        for table, count in expected["database"]["tables"].items():
            restored = db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - our tables
            if table in POST_MIGRATE_TABLES:
                assert restored >= count, table
            else:
                extra = 1 if table == "ops_auditentry" else 0  # the restore's own audit row
                assert restored == count + extra, table
        assert db.execute("SELECT event FROM ops_auditentry ORDER BY id DESC LIMIT 1").fetchone()[0] == "restore"
    assert (target / "media/disclosure/2025/通知.pdf").read_bytes() == b"%PDF-1.4 public"
    # PRIVATE_MEDIA_ROOT defaults to DATA_DIR/private.
    private = target / "private/requests/id-card.jpg"
    assert sha(private.read_bytes()) == expected["files"]["private/requests/id-card.jpg"]["sha256"]
    assert (target / "index").is_dir()  # the search index was rebuilt


def test_a_private_folder_inside_media_is_archived_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert backup.media_roots() == {"media": tmp_path / "media"}
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert backup.media_roots() == {"media": tmp_path / "media", "private": tmp_path / "private"}
