"""Time `manage.py backup` and `manage.py restore` (issue 19) for the demo site and for a site with many documents.

Builds a fresh site (migrate, seed_demo, then --documents extra published documents by bulk_create and one 100 KB
attachment-like file per 100 of them), backs it up plain and encrypted, restores the encrypted archive with
`manage.py restore --no-index` into an empty database and data folder (a new process, as an operator would run
it), then times `rebuild_index` on the restored site separately.

    .venv/bin/python benchmarks/backup.py                          # the demo site, throw-away SQLite
    .venv/bin/python benchmarks/backup.py --documents 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_backup .venv/bin/python benchmarks/backup.py \\
        --documents 100000

On PostgreSQL the database named in DATABASE_URL and "<name>_restore" are DROPPED and created again: the name must
contain "bench". Use --skip-index to leave out the (long) index rebuild.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=0, help="extra published documents besides the demo")
    parser.add_argument("--files-per", type=int, default=100, help="one 100 KB file per this many documents")
    parser.add_argument("--skip-index", action="store_true", help="do not time rebuild_index after the restore")
    parser.add_argument(
        "--corpus",
        default=str(Path(__file__).resolve().parents[2] / "shared/corpus/laws"),
        help="texts to cut document bodies from (as benchmarks/search.py); synthetic if missing",
    )
    return parser.parse_args()


ARGS = parse_args()
WORK = Path(tempfile.mkdtemp(prefix="bench-backup-"))
SOURCE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{WORK / 'source.sqlite3'}"
IS_POSTGRES = SOURCE_URL.startswith("postgres")


def target_url() -> str:
    if not IS_POSTGRES:
        return f"sqlite:///{WORK / 'restored.sqlite3'}"
    parts = urlsplit(SOURCE_URL)
    return urlunsplit(parts._replace(path=parts.path + "_restore"))


def recreate_postgres_databases() -> None:
    import psycopg2

    for url in (SOURCE_URL, target_url()):
        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        if "bench" not in name:
            sys.exit(f"refusing to drop {name!r}: a benchmark database name must contain 'bench'")
        admin = psycopg2.connect(
            dbname="postgres", host=parts.hostname, port=parts.port, user=parts.username, password=parts.password
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()


if IS_POSTGRES:
    recreate_postgres_databases()
KEY = __import__("base64").urlsafe_b64encode(os.urandom(32)).decode()
COMMON_ENV = {"DEBUG": "0", "SECRET_KEY": "benchmark-only-not-secret", "SECURE_SSL_REDIRECT": "0",
              "LOG_LEVEL": "WARNING", "REDIS_URL": "", "BACKUP_ENCRYPTION_KEY": KEY}  # fmt: skip
os.environ.update(COMMON_ENV)
os.environ.update(
    {"DATABASE_URL": SOURCE_URL, "DATA_DIR": str(WORK / "source"), "DJANGO_SETTINGS_MODULE": "portal.settings"}
)
for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "SEARCH_URL", "BACKUP_DIR"):
    os.environ.pop(name, None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from disclosure.models import Column, Document  # noqa: E402
from ops import backup  # noqa: E402
from portal.models import Organization, User  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
SENTENCES = [
    "为进一步规范政府信息公开工作，提高政府工作透明度，", "各乡镇人民政府、县直各部门要高度重视，", "严格落实主体责任，",
    "按照法定时限和程序办理依申请公开事项，", "全县一般公共预算收入完成年度预算的百分之一百零二，", "持续优化营商环境，",
    "加强财政资金监管，确保专款专用，", "对工作不力、造成不良影响的，依法依规追责问责。", "本通知自印发之日起施行。",
    "请各单位于每月五日前报送上月工作情况。", "坚持以人民为中心的发展思想，", "推动经济社会高质量发展。",
]  # fmt: skip


def bodies(rng: random.Random):
    """Document bodies of 700-1,300 characters: cut from the laws corpus when it is there (as realistic to compress
    as real notices), else strung from a few stock sentences (which compress far better than real text)."""
    texts = [" ".join(p.read_text(encoding="utf-8", errors="ignore").split()) for p in Path(ARGS.corpus).glob("*.txt")]
    texts = [t for t in texts if len(t) > 1500]
    print(f"  bodies from {'the laws corpus (' + str(len(texts)) + ' texts)' if texts else 'stock sentences'}")
    while True:
        if texts:
            text = rng.choice(texts)
            cut = rng.randrange(0, len(text) - 1300)
            yield text[cut : cut + rng.randint(700, 1300)]
        else:
            yield "".join(rng.choice(SENTENCES) for _ in range(rng.randint(40, 80)))


def seed_documents(n: int, rng: random.Random) -> None:
    units = [
        Organization.objects.get_or_create(
            code=f"MB{i:06d}X", defaults={"name": f"基准测试第{i}单位", "short_name": f"测试{i}", "kind": "department"}
        )[0]
        for i in range(12)
    ]
    author = User.objects.get_or_create(username="bench")[0]
    columns = list(Column.objects.filter(kind__in=["news", "catalogue"]))[:8]
    start = datetime(2015, 1, 1, 9, tzinfo=TZ)
    batch = []
    texts = bodies(rng)
    for i in range(n):
        year = 2015 + i % 11
        body = next(texts)
        batch.append(Document(
            title=f"关于{rng.choice(SENTENCES)[:10]}的通知（{i}）", body=f"<p>{body}</p>",
            column=columns[i % len(columns)], organization=units[i % len(units)], created_by=author, genre="通知",
            status=Document.Status.PUBLISHED, published_at=start + timedelta(hours=i * 3),
            index_number=f"{units[i % len(units)].code}/{year}-{i + 1:05d}",
        ))  # fmt: skip
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)


def seed_files(count: int) -> int:
    folder = Path(settings.MEDIA_ROOT) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"attachment-{i:05d}.pdf").write_bytes(os.urandom(100 * 1024))  # compressed content, like PDFs
    return count


def timed(label: str, fn):
    started = time.monotonic()
    value = fn()
    seconds = time.monotonic() - started
    print(f"  {label}: {seconds:.1f} s")
    return value, seconds


def run_command(*args: str, env: dict) -> float:
    started = time.monotonic()
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 - our own command
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return time.monotonic() - started


def main() -> None:
    print(f"database: {'PostgreSQL' if IS_POSTGRES else 'SQLite'}; work folder {WORK}")
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        timed("seed_demo", lambda: call_command("seed_demo", "--force", stdout=quiet))
    if ARGS.documents:
        timed(f"bulk_create {ARGS.documents} documents", lambda: seed_documents(ARGS.documents, random.Random(19)))
        files = ARGS.documents // ARGS.files_per
        timed(f"write {files} files of 100 KB", lambda: seed_files(files))
    print(f"documents: {Document.objects.count()}")
    plain, plain_seconds = timed("backup (plain)", lambda: backup.backup(WORK / "plain", encrypt=False))
    sealed, sealed_seconds = timed("backup (encrypted)", lambda: backup.backup(WORK / "sealed", encrypt=True))
    rows = sum(plain.tables.values())
    print(f"  {rows} rows, {plain.files} files; archive {plain.size / 1024**2:.1f} MB plain, "
          f"{sealed.size / 1024**2:.1f} MB encrypted")  # fmt: skip

    env = {**os.environ, "DATABASE_URL": target_url(), "DATA_DIR": str(WORK / "restored")}
    restore_seconds = run_command("restore", "--no-index", str(sealed.path), env=env)
    print(f"  manage.py restore --no-index (encrypted archive, new process): {restore_seconds:.1f} s")
    index_seconds = None
    if not ARGS.skip_index:
        index_seconds = run_command("rebuild_index", "--noinput", env=env)
        print(f"  manage.py rebuild_index on the restored site: {index_seconds:.1f} s")
    print("\n| site | rows | files | archive MB | backup s | backup encrypted s | restore s | rebuild_index s |")
    print(f"| {Document.objects.count()} documents | {rows} | {plain.files} | {plain.size / 1024**2:.1f} | "
          f"{plain_seconds:.1f} | {sealed_seconds:.1f} | {restore_seconds:.1f} | "
          f"{'—' if index_seconds is None else f'{index_seconds:.1f}'} |")  # fmt: skip


if __name__ == "__main__":
    main()
