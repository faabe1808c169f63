"""Seed 100,000 依申请公开 applications (bulk_create) and time the workbench list pages and table 三.

Usage (a throw-away SQLite database is used unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/requests.py [--count 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_requests .venv/bin/python benchmarks/requests.py
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
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-requests-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-requests-data-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from portal import workdays  # noqa: E402
from portal.models import Organization, Role, User  # noqa: E402
from portal.validators import org_code_check_char  # noqa: E402
from requests_app import stats  # noqa: E402
from requests_app.blocks import workbench_sections  # noqa: E402
from requests_app.models import ApplicantType, Application, Channel, Result  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
S = Application.Status
YEARS = (2023, 2024, 2025)


def setup_units(n_units: int = 30) -> tuple[list[Organization], User, User]:
    units = []
    for i in range(n_units):
        body = f"BR{i:06d}"
        org, _ = Organization.objects.get_or_create(
            code=body + org_code_check_char(body),
            defaults={"name": f"基准测试单位{i:02d}", "kind": Organization.Kind.TOWNSHIP},
        )
        units.append(org)
    body = "BROFFICE"
    office, _ = Organization.objects.get_or_create(
        code=body + org_code_check_char(body), defaults={"name": "基准测试县政府办", "kind": "office"}
    )
    staff, created = User.objects.get_or_create(username="bench_office", defaults={"organization": office})
    if created:
        staff.groups.add(Group.objects.get(name=Role.OFFICE))
    officer, created = User.objects.get_or_create(username="bench_officer", defaults={"organization": units[0]})
    if created:
        officer.groups.add(Group.objects.get(name=Role.OFFICER))
    return units, staff, officer


def seed(count: int, units: list[Organization]) -> float:
    """Applications spread over 2023-2025 and 30 units; 90 % concluded, the rest open with stored due dates.

    Due dates come from a precomputed working-day table (one add_workdays per received day, not per row)."""
    rng = random.Random(5)
    password = make_password("x")  # one hash for all: hashing 100,000 passwords would time the hasher, not us
    first, last = date(YEARS[0], 1, 1), min(date(YEARS[-1], 12, 31), workdays.today())
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    due_for = {d: workdays.add_workdays(d, 15) for d in days}
    open_states = [S.PROCESSING, S.PROCESSING, S.DRAFTED, S.CORRECTION, S.THIRD_PARTY, S.SUBMITTED]
    rows: list[Application] = []
    t0 = time.perf_counter()
    for i in range(count):
        received = rng.choice(days)
        unit = rng.choice(units)
        app = Application(
            tracking_number=f"YSQ{received.year}{i:06d}", password_hash=password,
            applicant_type=rng.choices(ApplicantType.values, [70, 12, 3, 3, 7, 5])[0], applicant_name=f"申请人{i}",
            id_type="id_card", id_number="110105194912310021", phone="13800138000", address="示范县人民路1号",
            info_title=f"基准信息{i}", info_description="请提供相关政府信息。" * 5, form_wanted="electronic",
            delivery="email", organization=unit, handling_unit=unit, channel=rng.choice(Channel.values),
            created_at=datetime(received.year, received.month, received.day, 9, tzinfo=TZ),
        )  # fmt: skip
        if rng.random() < 0.9:
            app.status = S.REPLIED
            app.received_on = app.clock_start_on = received
            app.concluded_on = received + timedelta(days=rng.randrange(0, 30))
            app.result = rng.choice(Result.values)
        else:
            app.status = rng.choice(open_states)
            if app.status != S.SUBMITTED:
                app.received_on = app.clock_start_on = received
            if app.status in Application.RUNNING_STATES:
                app.due_on = due_for[received]
            elif app.status in Application.PAUSED_STATES:
                app.pause_deadline = due_for[received]
        rows.append(app)
        if len(rows) == 5000:
            Application.objects.bulk_create(rows)
            rows = []
    Application.objects.bulk_create(rows)
    return time.perf_counter() - t0


def timed(fn, runs: int = 5) -> tuple[float, float, int]:
    fn()  # warm caches (site profile, templates, calendar package)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return statistics.median(times), max(times), len(ctx)


def page(client: Client, url: str):
    def run():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if hasattr(response, "streaming_content"):
            sum(len(chunk) for chunk in response.streaming_content)

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    call_command("migrate", verbosity=0)
    units, staff, officer = setup_units()
    existing = Application.objects.filter(info_title__startswith="基准信息").count()
    if existing < args.count:
        Application.objects.filter(info_title__startswith="基准信息").delete()
        print(f"Seeding {args.count:,} applications … {seed(args.count, units):.1f} s")
    else:
        print(f"Using {existing:,} seeded applications")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE requests_app_application")

    office = Client()
    office.force_login(staff)
    unit = Client()
    unit.force_login(officer)
    year = YEARS[1]
    cases = [
        ("工作台列表（政务公开办，全部）", page(office, "/staff/requests/")),
        ("工作台列表（政务公开办，未办结）", page(office, "/staff/requests/?status=open")),
        ("工作台列表（已超期）", page(office, "/staff/requests/?clock=overdue")),
        (
            "工作台列表（单位+年份+结果）",
            page(office, f"/staff/requests/?unit={units[3].pk}&year={year}&result=disclosed"),
        ),
        ("工作台列表 第100页", page(office, "/staff/requests/?page=100")),
        ("工作台列表（单位用户）", page(unit, "/staff/requests/")),
        ("工作台首页区块（政务公开办）", lambda: workbench_sections(staff)),
        ("工作台首页区块（单位用户）", lambda: workbench_sections(officer)),
        (f"表三 {year}（全县）", lambda: stats.table_three(year)),
        (f"表三 {year}（一个单位）", lambda: stats.table_three(year, units[0])),
        ("表三页面", page(office, f"/staff/requests/stats/?year={year}")),
        ("CSV导出（单位，全部年份）", page(office, f"/staff/requests/export.csv?unit={units[1].pk}")),
    ]
    print(f"\n{'case':<34} {'median':>9} {'max':>9} {'queries':>8}")
    for label, fn in cases:
        median, worst, queries = timed(fn)
        print(f"{label:<34} {median * 1000:8.0f}ms {worst * 1000:8.0f}ms {queries:8d}")
    table = stats.table_three(year)
    print(f"\n表三 {year} 勾稽关系（一＋二＝三（七）＋四）: {'成立' if table.identity_holds() else '不成立'}")
    reset_queries()


if __name__ == "__main__":
    main()
