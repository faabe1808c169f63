"""Time publishing 1,000 documents (终审 + 索引号 + history, through disclosure.services) and report the query counts
of the disclosure list pages with that many rows.

Usage (a throw-away SQLite database is used unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/publish.py [--count 1000] [--threads 1] [--with-index]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_publish .venv/bin/python benchmarks/publish.py --threads 8

Search indexing runs in a Celery worker after commit in production, so by default the queued indexing task is not
run here (``--with-index`` runs it eagerly, inside the timing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-publish-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-publish-data-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
# Production-like: DEBUG off (no query log growing across 1,000 publishes), quiet logs.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from disclosure import services  # noqa: E402
from disclosure.models import Column, Document  # noqa: E402
from portal.models import Organization, Role, User  # noqa: E402
from portal.validators import org_code_check_char  # noqa: E402
from search import tasks as search_tasks  # noqa: E402

YES = {key: True for key, _ in services.CHECKLIST}
BODY = "".join(f"<p>第{i}条 为规范政府信息公开工作，提高政府工作透明度，制定本办法。</p>" for i in range(1, 30))


def make_user(username: str, org: Organization, role: str, **fields) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"organization": org, "last_name": username, **fields}
    )
    user.groups.set([Group.objects.get(name=role)])
    return User.objects.get(pk=user.pk)


def setup() -> dict:
    body = "MA9" + f"{os.getpid() % 100000:05d}"
    code = body + org_code_check_char(body)
    office_code = "MA8" + f"{os.getpid() % 100000:05d}"
    office_code += org_code_check_char(office_code)
    unit, _ = Organization.objects.get_or_create(name="基准测试镇", defaults={"kind": "township", "code": code})
    office, _ = Organization.objects.get_or_create(
        name="基准测试县政府办", defaults={"kind": "office", "code": office_code}
    )
    return {
        "officer": make_user("b_officer", unit, Role.OFFICER),
        "reviewer": make_user("b_reviewer", unit, Role.REVIEWER),
        "leader": make_user("b_leader", unit, Role.LEADER, is_principal_leader=True),
        "office": make_user("b_office", office, Role.OFFICE),
        "office_staff_2": make_user("b_office2", office, Role.OFFICE),
    }


def prepare(people: dict, count: int) -> list[Document]:
    """Documents waiting for 终审 (built through the services, not timed)."""
    columns = [Column.objects.get(slug="tzgg"), Column.objects.get(slug="gfxwj")]
    documents = []
    for i in range(count):
        column = columns[i % 2]
        fields = {"body": BODY}
        if column.carries_metadata:
            fields.update(
                summary="基准测试文件", topic="综合政务", genre="通知", written_date=__import__("datetime").date.today()
            )
        if column.requires_doc_number:
            fields["doc_number"] = f"基准发〔2026〕{i + 1}号"
        document = services.create_document(
            actor=people["officer"], column=column, title=f"基准测试信息{i:05d}", **fields
        )
        document = services.submit(document, actor=people["officer"])
        document = services.review(document, actor=people["reviewer"], decision="pass", checklist=YES)
        documents.append(services.review(document, actor=people["leader"], decision="pass", checklist=YES))
    return documents


def publish_all(documents: list[Document], actors: list[User], threads: int) -> tuple[float, list[float]]:
    chunks = [documents[i::threads] for i in range(threads)]
    timings: list[float] = []
    lock = threading.Lock()

    def run(chunk: list[Document], actor: User) -> None:
        local = []
        try:
            for document in chunk:
                started = time.perf_counter()
                services.review(document, actor=actor, decision="pass", checklist=YES)
                local.append(time.perf_counter() - started)
        finally:
            if threads > 1:
                connections.close_all()
        with lock:
            timings.extend(local)

    started = time.perf_counter()
    if threads == 1:
        run(chunks[0], actors[0])
    else:
        workers = [threading.Thread(target=run, args=(c, actors[i % len(actors)])) for i, c in enumerate(chunks)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    return time.perf_counter() - started, timings


def query_counts(people: dict) -> list[tuple[str, int, int]]:
    client = Client()
    unit_code = people["officer"].organization.code
    pages = [("/columns/tzgg/", None), ("/columns/tzgg/?page=20", None), ("/columns/gfxwj/", None),
             ("/columns/zc/", None), ("/disclosure/", None), (f"/disclosure/{unit_code}/", None), ("/", None),
             ("/staff/disclosure/", "office"), ("/staff/disclosure/queue/final/", "office"), ("/staff/", "officer")]  # fmt: skip
    rows = []
    for url, who in pages:
        client.logout()
        if who:
            client.force_login(people[who])
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        rows.append((url + (f"（{who}）" if who else ""), response.status_code, len(ctx.captured_queries)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--with-index", action="store_true")
    args = parser.parse_args()
    if args.threads > 1 and connection.vendor != "postgresql":
        sys.exit("--threads > 1 needs PostgreSQL (SQLite serialises writers and would report lock errors).")
    call_command("migrate", verbosity=0)
    if not args.with_index:
        search_tasks.index_object.delay = lambda model_label, pk: None
    people = setup()
    print(f"database: {connection.vendor}; preparing {args.count} documents waiting for 终审 …")
    t0 = time.perf_counter()
    documents = prepare(people, args.count)
    prep = time.perf_counter() - t0
    print(f"prepared in {prep:.1f} s ({prep / args.count * 1000:.1f} ms per document for draft + submit + 2 reviews)")
    total, timings = publish_all(documents, [people["office"], people["office_staff_2"]], args.threads)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"published {len(timings)} documents with {args.threads} thread(s) in {total:.2f} s "
          f"({len(timings) / total:.0f}/s); per publish: median {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms")  # fmt: skip
    serials = sorted(
        int(n.rsplit("-", 1)[1]) for n in Document.objects.published().values_list("index_number", flat=True)
    )
    print(f"索引号 serials contiguous 1..{len(serials)}: {serials == list(range(1, len(serials) + 1))}")
    print("\nqueries per page with these rows:")
    for url, status, n in query_counts(people):
        print(f"  {n:3d}  {status}  {url}")


if __name__ == "__main__":
    main()
