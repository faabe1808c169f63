"""The county's annual report (政府信息公开工作年度报告) at county scale: 1,000,000 applications, 100,000 documents (a
fifth of them in the 规章 / 行政规范性文件 columns), 5,000 行政复议/行政诉讼 cases and 5,000 fee notices over 40 units
and six years, all bulk-inserted. Times, with query counts:

- tables: every table of the county report that adds up every unit (二, 三, 四 and the fee figures), this year's and
  last year's, and the checks: what the report page computes (target ≤ 3 s);
- one unit's tables;
- the narrative facts (the evaluation app's yearly unit figures, read once when a report is drafted);
- the PDF of the report (target ≤ 1 s).

Usage (a throw-away SQLite database unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/annual_report.py [--applications 1000000 --documents 100000 --cases 5000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/annual_report.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-annual-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-annual-data-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2025
FIRST = date(YEAR - 5, 1, 1)
SPAN = 6 * 365
BATCH = 10_000


def _code(body: str) -> str:
    from portal.validators import org_code_check_char

    return body + org_code_check_char(body)


def _units(n: int):
    from portal.models import Organization, Role, User

    office, _ = Organization.objects.get_or_create(
        code=_code("BAOFFICE"), defaults={"name": "基准县人民政府办公室", "kind": Organization.Kind.COUNTY_OFFICE}
    )
    units = [office]
    for i in range(n - 1):
        kind = Organization.Kind.TOWNSHIP if i % 2 else Organization.Kind.DEPARTMENT
        org, _ = Organization.objects.get_or_create(
            code=_code(f"BAU{i:05d}"), defaults={"name": f"基准单位{i}", "kind": kind}
        )
        units.append(org)
    user, created = User.objects.get_or_create(username="bench_office", defaults={"organization": office})
    if created:
        user.groups.add(Group.objects.get(name=Role.OFFICE), Group.objects.get(name=Role.OFFICER))
    return units, user


def _bulk(model, rows: list) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)
    rows.clear()


def seed(args, units, author) -> dict:
    from disclosure.models import Column, Document, Validity
    from requests_app.models import ApplicantType, Application, ClockPause, DisputeCase, FeeNotice, Result

    rng = random.Random(13)  # noqa: S311 - benchmark data
    timings = {}
    t = time.perf_counter()
    columns = list(Column.objects.filter(kind="catalogue"))
    regulation = [c for c in columns if c.slug in ("gz", "gfxwj")]
    rows = []
    for i in range(args.documents):
        made = FIRST + timedelta(days=rng.randrange(SPAN))
        column = rng.choice(regulation) if i % 5 == 0 else rng.choice(columns)
        repealed = made + timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.2 else None
        rows.append(Document(
            title=f"基准文件{i}", column=column, organization=rng.choice(units), created_by=author, status="published",
            index_number=f"BA{i:09d}", written_date=made,
            published_at=datetime(made.year, made.month, made.day, 10, tzinfo=TZ) + timedelta(days=rng.randrange(30)),
            validity=Validity.REPEALED if repealed else Validity.VALID, repealed_on=repealed,
        ))  # fmt: skip
        if len(rows) >= BATCH:
            _bulk(Document, rows)
    _bulk(Document, rows)
    timings["seed documents (s)"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    types, results = ApplicantType.values, Result.values
    for i in range(args.applications):
        received = FIRST + timedelta(days=rng.randrange(SPAN))
        done = rng.random() < 0.97 or received.year < YEAR
        concluded = received + timedelta(days=rng.randrange(40)) if done else None
        rows.append(Application(
            tracking_number=f"YSQB{i:010d}", password_hash="x",  # noqa: S106 - not a password
            applicant_type=rng.choice(types), applicant_name="申请人",
            phone="13800138000", address="地址", form_wanted="electronic", delivery="email",
            organization=rng.choice(units), channel="online", status="replied" if done else "processing",
            received_on=received, clock_start_on=received, result=rng.choice(results) if done else "",
            concluded_on=concluded, due_on=None if done else received + timedelta(days=21),
        ))  # fmt: skip
        if len(rows) >= BATCH:
            _bulk(Application, rows)
    _bulk(Application, rows)
    timings["seed applications (s)"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    for i in range(args.cases):
        filed = FIRST + timedelta(days=rng.randrange(SPAN))
        concluded = filed + timedelta(days=rng.randrange(1, 300)) if rng.random() < 0.8 else None
        rows.append(DisputeCase(
            organization=rng.choice(units), kind=rng.choice(DisputeCase.Kind.values), claimant=f"申请人{i}", organ="县人民政府",
            filed_on=filed, concluded_on=concluded, outcome=rng.choice(DisputeCase.Outcome.values) if concluded else "",
            created_by=author,
        ))  # fmt: skip
    _bulk(DisputeCase, rows)
    app_ids = list(Application.objects.order_by("?").values_list("id", "received_on")[: args.cases])
    pauses = [ClockPause(application_id=pk, kind="fee", reason="收费", started_on=received + timedelta(days=3),
                         deadline=received + timedelta(days=31)) for pk, received in app_ids]  # fmt: skip
    ClockPause.objects.bulk_create(pauses, batch_size=BATCH)
    notices = [FeeNotice(application_id=p.application_id, pause=p, standard="volume", quantity=120, amount=Decimal(1100),
                         issued_on=p.started_on, paid_on=p.started_on + timedelta(days=5) if i % 2 else None)
               for i, p in enumerate(ClockPause.objects.filter(kind="fee"))]  # fmt: skip
    FeeNotice.objects.bulk_create(notices, batch_size=BATCH)
    timings["seed cases and fee notices (s)"] = round(time.perf_counter() - t, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings


def measure(label: str, fn, runs: int = 5) -> tuple[float, int, object]:
    times, queries, result = [], 0, None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    median = statistics.median(times)
    print(f"{label}: median {median:.3f} s, max {max(times):.3f} s, {queries} queries")
    return median, queries, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from django.conf import settings

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    units, author = _units(args.units)
    from reports import output, reading, tables
    from reports.models import AnnualReport
    from requests_app.models import Application

    if not Application.objects.filter(tracking_number__startswith="YSQB").exists():
        for name, value in seed(args, units, author).items():
            print(f"{name}: {value}")
    print(f"database: {connection.vendor}; {Application.objects.count():,} applications, {args.documents:,} documents "
          f"(requested), {args.cases:,} cases")  # fmt: skip

    county = AnnualReport.objects.filter(organization=units[0], year=YEAR).first()
    if county is None:
        county = AnnualReport.objects.create(organization=units[0], year=YEAR, aggregate=True, due_on=date(YEAR + 1, 3, 31),
                                             licences=1, penalties=1, enforcements=1, fees=Decimal(1))  # fmt: skip
    unit = units[1]

    def county_tables():
        current = reading.report_tables(county)
        last = reading.last_year_tables(county)
        return tables.checks(current, last)

    measure("county report: tables 二/三/四 + fees, this year and last, and the checks", county_tables, args.runs)
    measure(f"one unit ({unit.name}): tables of one year", lambda: tables.compute(YEAR, unit, {}), args.runs)
    measure("narrative facts (evaluation unit figures of the year, all units)", lambda: reading.facts(county), 3)
    county.tables = reading.live_tables(county)
    county.status = AnnualReport.Status.SUBMITTED  # frozen: the PDF reads the stored tables
    county.save()
    output.pdf_bytes(county)  # warm up fonts and pango
    measure("PDF of the county report (tables frozen), rendered", lambda: output.pdf_bytes(county), args.runs)
    output.stored_pdf(county)  # rendered once, as the first download or the publication does

    def stored():
        with output.stored_pdf(county).open("rb") as handle:
            return len(handle.read())

    measure("PDF of the county report (tables frozen), stored copy read", stored, args.runs)
    county.status = AnnualReport.Status.DRAFT
    county.pdf = ""
    county.save()
    from django.test import Client

    client = Client()
    client.force_login(author)
    url = f"/staff/reports/{county.pk}/"
    client.get(url)
    measure("report page of the county report while drafting (GET, whole request)", lambda: client.get(url), 3)
    measure("PDF of the county report (tables computed while drafting)", lambda: output.pdf_bytes(county), 3)


if __name__ == "__main__":
    main()
