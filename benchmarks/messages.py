"""Seed 100,000 messages and time the 政民互动 statistics page; report the list pages' query counts.

Usage (a throw-away database is used unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/messages.py [--count 100000] [--keep]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_messages .venv/bin/python benchmarks/messages.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-messages-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-messages-data-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from interaction.models import Message, month_key  # noqa: E402
from portal.models import Organization, Role, User  # noqa: E402
from portal.validators import org_code_check_char  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2025
S = Message.Status


def setup_units(n_units: int = 30) -> tuple[list[Organization], User, User]:
    units = []
    for i in range(n_units):
        body = f"BM{i:06d}"
        org, _ = Organization.objects.get_or_create(
            code=body + org_code_check_char(body),
            defaults={"name": f"基准测试单位{i:02d}", "kind": Organization.Kind.TOWNSHIP},
        )
        units.append(org)
    body = "BMOFFICE"
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
    rng = random.Random(6)
    password = make_password("x")  # one hash for all: hashing 100,000 passwords would time the hasher, not us
    start = datetime(YEAR, 1, 1, 8, tzinfo=TZ)
    rows = []
    t0 = time.perf_counter()
    for i in range(count):
        received = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        status = rng.choices(
            [S.PUBLISHED, S.CLOSED, S.REPLIED, S.PROCESSING, S.REJECTED, S.SUBMITTED], [45, 25, 5, 10, 10, 5]
        )[0]
        m = Message(
            tracking_number=f"LB{YEAR}{i:07d}", password_hash=password, kind=rng.choice(Message.Kind.values),
            title=f"基准留言{i}", content="留言内容" * 20, name="测试", phone="13800000000", status=status,
            received_at=received, received_month=month_key(received), agrees_to_publish=True,
        )  # fmt: skip
        if status != S.SUBMITTED and status != S.REJECTED:
            m.accepted_at = received + timedelta(hours=2)
            m.unit = rng.choice(units)
            m.dispatched_at = received + timedelta(hours=3)
            m.due_on = (received + timedelta(days=4)).date()
            m.instruction = "请答复"
        if status in (S.PUBLISHED, S.CLOSED, S.REPLIED):
            days = rng.randint(0, 7)
            m.replied_at = m.reply_submitted_at = received + timedelta(days=days, hours=4)
            m.replied_on_time = days <= 4
            m.handling_workdays = max(days - days // 7 * 2, 0)
            m.reply = "答复内容" * 20
            if rng.random() < 0.4:
                m.satisfaction = rng.choice(Message.Satisfaction.values)
                m.rated_at = m.replied_at + timedelta(days=1)
        if status == S.PUBLISHED:
            m.published_at = m.replied_at + timedelta(hours=1)
        rows.append(m)
        if len(rows) == 5000:
            Message.objects.bulk_create(rows)
            rows = []
    Message.objects.bulk_create(rows)
    return time.perf_counter() - t0


def timed_get(client: Client, url: str, runs: int = 5) -> tuple[float, float, int]:
    client.get(url)  # warm caches (site profile, templates)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(times), max(times), len(ctx)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    call_command("migrate", verbosity=0)
    units, staff, officer = setup_units()
    existing = Message.objects.filter(tracking_number__startswith="LB").count()
    if existing < args.count:
        Message.objects.filter(tracking_number__startswith="LB").delete()
        print(f"Seeding {args.count:,} messages … {seed(args.count, units):.1f} s")
    else:
        print(f"Using {existing:,} seeded messages")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE interaction_message")

    office = Client()
    office.force_login(staff)
    unit = Client()
    unit.force_login(officer)
    public = Client()
    pages = [
        ("统计页（政务公开办，全年）", office, f"/staff/messages/stats/?year={YEAR}"),
        ("统计页（政务公开办，单月单位表）", office, f"/staff/messages/stats/?year={YEAR}&month=6"),
        ("统计页（公众）", public, f"/messages/stats/?year={YEAR}"),
        ("统计页（单位）", unit, f"/staff/messages/stats/?year={YEAR}"),
        ("公开留言列表 /messages/", public, "/messages/"),
        ("公开留言列表（关键词+类型+月份）", public, f"/messages/?q=基准留言1&kind=consult&month={YEAR}-06"),
        ("公开留言列表 第200页", public, "/messages/?page=200"),
        ("工作台留言列表（政务公开办）", office, "/staff/messages/"),
        ("工作台留言列表（办理中）", office, "/staff/messages/?status=processing"),
        ("工作台留言列表（单位）", unit, "/staff/messages/"),
        ("意见征集列表", public, "/consultations/"),
        ("工作台首页", office, "/staff/"),
    ]
    print(f"\n{'page':<36} {'median':>9} {'max':>9} {'queries':>8}")
    for label, client, url in pages:
        median, worst, queries = timed_get(client, url)
        print(f"{label:<36} {median * 1000:8.0f}ms {worst * 1000:8.0f}ms {queries:8d}")
    reset_queries()


if __name__ == "__main__":
    main()
