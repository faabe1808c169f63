"""The restore drill on PostgreSQL (CI): back up the seeded demo site (encrypted), restore it with `manage.py restore`
in another process into a fresh database and empty media folders, and compare row counts, file checksums and a few
pages, public and staff, including a search that needs the rebuilt index."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from disclosure.models import Document
from ops import backup, crypto
from portal.models import Organization
from requests_app.models import Application
from tests.ops.pages import check

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def server(db: dict) -> dict:
    return {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
            "password": db["PASSWORD"] or None}  # fmt: skip


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    db = connection.settings_dict
    name = f"{db['NAME']}_restore"[:63]
    admin = psycopg2.connect(dbname="postgres", **server(db))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def row_counts(name: str) -> dict[str, int]:
    with psycopg2.connect(dbname=name, **server(connection.settings_dict)) as db, db.cursor() as cursor:
        return backup._row_counts(cursor, "postgresql")


def test_the_demo_site_restores_into_a_fresh_database(postgres_only, settings, tmp_path, fresh_database):
    settings.DEBUG = True  # seed_demo is a development command
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "source" / "private"
    settings.BACKUP_ENCRYPTION_KEY = crypto.generate_key()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The demo's uploads are all private (attachments, blank forms, account images); a public cover image and an
    # applicant's file stand for the rest, so both folders are archived and compared.
    for root, name in (
        (settings.PRIVATE_MEDIA_ROOT, "requests/身份证明.pdf"),
        (settings.MEDIA_ROOT, "disclosure/covers/封面.png"),
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(os.urandom(5000))
    source_files = {name: checksums(root) for name, root in backup.media_roots().items()}
    assert source_files["media"] and source_files["private"]
    source_counts = backup._row_counts(connection.cursor(), "postgresql")
    assert source_counts["disclosure_document"] > 0 and source_counts["requests_app_application"] > 0

    result = backup.backup(tmp_path / "backups")
    assert result.path.name.endswith(".tar.enc")

    target = tmp_path / "restored"
    db = connection.settings_dict
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DATA_DIR": str(target / "data"),
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                        f"{db['PORT'] or 5432}/{fresh_database}",
        "MEDIA_ROOT": str(target / "media"), "PRIVATE_MEDIA_ROOT": str(target / "private"),
        "SEARCH_URL": f"whoosh://{target / 'index'}", "REDIS_URL": "",
        "BACKUP_ENCRYPTION_KEY": settings.BACKUP_ENCRYPTION_KEY,
    }  # fmt: skip
    restore = subprocess.run([sys.executable, "manage.py", "restore", str(result.path)], cwd=BASE_DIR, env=env,
                             capture_output=True, text=True, timeout=600)  # fmt: skip
    assert restore.returncode == 0, restore.stderr
    assert "恢复完成" in restore.stdout

    restored = row_counts(fresh_database)
    assert set(restored) == set(source_counts)
    for table, count in source_counts.items():
        extra = 1 if table == "ops_auditentry" else 0  # the restore's own audit row
        assert restored[table] == count + extra, table
    assert checksums(target / "media") == source_files["media"]
    # Where PRIVATE_MEDIA_ROOT is not read from the environment, the private files go to DATA_DIR/private.
    private_root = next(p for p in (target / "private", target / "data" / "private") if p.is_dir())
    assert checksums(private_root) == source_files["private"]

    # The newest item of a home column (the home page lists those columns, not every catalogue entry).
    document = Document.objects.published().filter(column__show_on_home=True).order_by("-published_at").first()
    application = Application.objects.order_by("-pk").first()
    pages = [
        ["/", [document.title], None],
        [document.get_absolute_url(), [document.title], None],
        ["/organizations/", list(Organization.objects.values_list("name", flat=True)[:5]), None],
        [f"/staff/requests/{application.pk}/", [application.tracking_number], "gongkai1"],
    ]
    expected = check(pages)  # the same pages on the source database, in this process
    assert all(status == 200 and all(found) for status, found in expected.values()), expected
    # The search answers from the index the restore rebuilt (not from the database fallback's notice).
    search = [f"/search/?q={document.title}", [f'href="{document.get_absolute_url()}"', "搜索服务暂时不可用"], None]
    pages_run = subprocess.run(
        [sys.executable, "-m", "tests.ops.pages", json.dumps([*pages, search], ensure_ascii=False)],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert pages_run.returncode == 0, pages_run.stderr
    restored_pages = json.loads(pages_run.stdout.strip().splitlines()[-1])
    assert restored_pages.pop(search[0]) == [200, [True, False]]
    assert restored_pages == expected
