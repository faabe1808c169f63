"""The site self-inspection at county scale.

1. dashboard: 100,000 published documents in 300 columns (some checked per unit, for 40 units), plus findings; times
   /staff/inspection/ for the office and for a unit (median, p95, queries: the count must not grow with the data).
2. links: the nightly run over 10,000 published pages holding 50,000 links (40,000 external ones spread over 16
   hosts of a local server in another process, 2% of them broken; 10,000 of this site's own), with the default
   manners (8 requests in flight, 2 per host); time per stage, requests served, and peak memory of the process.

Usage (a throw-away SQLite database per part unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/inspection.py                       # both parts, each in its own process
    .venv/bin/python benchmarks/inspection.py --part dashboard --docs 100000 --columns 300
    .venv/bin/python benchmarks/inspection.py --part links --pages 10000 --links-per-page 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/inspection.py --part dashboard
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
PORTS = range(18310, 18326)  # the local link target: 16 "hosts"
TZ = ZoneInfo("Asia/Shanghai")


def _setup_django(part: str) -> None:
    # This folder holds a script named requests.py: it must not stand in for the requests package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix=f'bench-insp-{part}-')}/bench.sqlite3"
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-insp-data-"))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    import django

    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- common seeding


def _units(n: int):
    from django.contrib.auth.models import Group

    from portal.models import Organization, Role, User
    from portal.validators import org_code_check_char

    def code(body: str) -> str:
        return body + org_code_check_char(body)

    office, _ = Organization.objects.get_or_create(
        code=code("BIOFFICE"), defaults={"name": "基准县政府办", "kind": Organization.Kind.COUNTY_OFFICE}
    )
    units = [office]
    for i in range(n - 1):
        kind = Organization.Kind.TOWNSHIP if i % 2 else Organization.Kind.DEPARTMENT
        org, _ = Organization.objects.get_or_create(
            code=code(f"BI{i:06d}"), defaults={"name": f"基准单位{i:02d}", "kind": kind}
        )
        units.append(org)
    staff, created = User.objects.get_or_create(username="bench_office", defaults={"organization": office})
    if created:
        staff.groups.add(Group.objects.get(name=Role.OFFICE))
    officer, created = User.objects.get_or_create(username="bench_officer", defaults={"organization": units[1]})
    if created:
        officer.groups.add(Group.objects.get(name=Role.OFFICER))
    return units, staff, officer


def _documents(count: int, columns, units, author, body, start: datetime, days: int, seed: int = 14) -> float:
    from disclosure.models import Document

    rng = random.Random(seed)
    rows, t0 = [], time.perf_counter()
    for i in range(count):
        column = columns[i % len(columns)]
        published = start + timedelta(minutes=rng.randrange(days * 24 * 60))
        rows.append(Document(
            title=f"基准信息{i}", column=column, organization=rng.choice(units), body=body(i), status="published",
            created_by=author, published_at=published, index_number=f"BENCH/{published.year}-{i:07d}",
        ))  # fmt: skip
        if len(rows) == 5000:
            Document.objects.bulk_create(rows)
            rows = []
    Document.objects.bulk_create(rows)
    return time.perf_counter() - t0


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- part 1: the dashboard


def dashboard(args) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from disclosure.models import Column
    from inspection.models import ColumnRule, Link, LinkSource, UpdateClass, WordingHit

    print(f"Database: {connection.vendor}")
    call_command("migrate", verbosity=0)
    units, staff, officer = _units(40)
    ColumnRule.objects.update(update_class=UpdateClass.NONE)  # the migration's tree aside: only ours are checked
    classes = [UpdateClass.NEWS, UpdateClass.NOTICE, UpdateClass.POLICY, UpdateClass.PERSONNEL, UpdateClass.PLANNING]
    columns = list(Column.objects.filter(slug__startswith="bench-"))
    if len(columns) < args.columns:
        columns = []
        for i in range(args.columns):
            column = Column.objects.create(
                slug=f"bench-{i}", name=f"基准栏目{i}", kind="news" if i % 3 else "catalogue"
            )
            ColumnRule.objects.create(column=column, update_class=classes[i % 5], per_unit=i < 10)
            columns.append(column)
    now = datetime.now(TZ)
    if not Column.objects.filter(slug="bench-0", documents__isnull=False).exists():
        used = columns[: args.columns - 5]  # five stay empty
        seconds = _documents(
            args.docs, used, units, staff, lambda i: "<p>基准正文。</p>", now - timedelta(days=730), 730
        )
        print(f"Seeded {args.docs:,} documents in {len(used)} columns ({len(columns)} checked) in {seconds:.1f} s")
        links = Link.objects.bulk_create(
            [Link(url=f"https://dead{i}.example.org/", url_hash=f"{i:064d}", status="dead", fail_nights=2)
             for i in range(300)]
        )  # fmt: skip
        LinkSource.objects.bulk_create([
            LinkSource(link=link, page_kind="document", page_id=i + 1, page_title=f"基准信息{i}", page_url="/",
                       organization=units[i % len(units)]) for i, link in enumerate(links)
        ])  # fmt: skip
        WordingHit.objects.bulk_create([
            WordingHit(page_kind="document", page_id=i + 1, page_title=f"基准信息{i}", page_url="/",
                       organization=units[i % len(units)], label="错别字", match="按装", is_serious=i < 3)
            for i in range(500)
        ])  # fmt: skip
    _analyze()
    for label, user in (("office (whole site)", staff), ("unit", officer)):
        client = Client()
        client.force_login(user)
        client.get("/staff/inspection/")
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get("/staff/inspection/")
            times.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"/staff/inspection/ answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get("/staff/inspection/")
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"/staff/inspection/ {label:<20} median {statistics.median(times):6.0f} ms   p95 {p95:6.0f} ms   "
              f"queries {len(queries)}")  # fmt: skip


# --- part 2: the nightly link check


def _serve() -> None:
    """The link target: 16 ports, each a threading HTTP server answering HEAD/GET at once (404 for /missing)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.send_response(404 if self.path.startswith("/missing") else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

    servers = []
    for port in PORTS:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.read()  # until the parent closes the pipe


def links(args) -> None:
    from django.core.management import call_command

    from disclosure.models import Column
    from inspection import services
    from inspection.models import InspectionRun, Link

    call_command("migrate", verbosity=0)
    units, staff, _ = _units(10)
    external = args.links_per_page - 1
    rng = random.Random(7)

    def body(i: int) -> str:
        parts = []
        for k in range(external):
            port = PORTS[(i * external + k) % len(PORTS)]
            path = "missing" if rng.random() < 0.02 else "ok"
            parts.append(f'<a href="http://127.0.0.1:{port}/{path}/{i}/{k}">外链{k}</a>')
        parts.append(f'<a href="/documents/{rng.randrange(1, args.pages + 200)}/">站内</a>')
        return f"<p>基准正文，{'，'.join(parts)}。</p>"

    columns = list(Column.objects.filter(kind__in=["news", "catalogue"], is_active=True))
    now = datetime.now(TZ)
    seconds = _documents(args.pages, columns, units, staff, body, now - timedelta(days=300), 300)
    print(f"Seeded {args.pages:,} pages with {args.pages * args.links_per_page:,} links in {seconds:.1f} s")
    _analyze()
    server = subprocess.Popen(  # noqa: S603 - this script, as the link target
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        if server.stdout.readline().strip() != "ready":
            raise SystemExit("the link target did not start")
        before = _rss_mb()
        for night in (1, 2):
            t0 = time.perf_counter()
            run = services.run_inspection(on=now.date() + timedelta(days=night - 1), notify=False)
            total = time.perf_counter() - t0
            stats = run.stats
            check = stats["link_check"]
            print(f"night {night}: {total:6.1f} s in all; pages {stats['pages']:,}, links {stats['links']:,} "
                  f"(new {stats['new_links']:,}); check {check['seconds']:.1f} s (internal "
                  f"{check['internal_seconds']:.1f} s, HTTP {check['http_seconds']:.1f} s) → ok {check['ok']:,}, "
                  f"failing {check['failing']:,}, "
                  f"dead {check['dead']:,}; peak RSS {_rss_mb():.0f} MB (before the runs {before:.0f} MB)")  # fmt: skip
        print(f"dead links after two nights: {Link.objects.filter(status='dead').count():,}; "
              f"runs {InspectionRun.objects.count()}")  # fmt: skip
    finally:
        server.stdin.close()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["dashboard", "links", "both"], default="both")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--columns", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--links-per-page", type=int, default=5)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return _serve()
    if args.part == "both":
        sizes = ["--docs", str(args.docs), "--columns", str(args.columns), "--runs", str(args.runs),
                 "--pages", str(args.pages), "--links-per-page", str(args.links_per_page)]  # fmt: skip
        for part in ("dashboard", "links"):
            subprocess.run([sys.executable, __file__, "--part", part, *sizes], check=True)  # noqa: S603
        return None
    _setup_django(args.part)
    (dashboard if args.part == "dashboard" else links)(args)
    return None


if __name__ == "__main__":
    main()
