"""The monthly 通报 for 35 units over a year of 100,000 documents (each with its review history) and 100,000
messages: time to compute it (target: at most 2 s), and the yearly 考核 and 网站工作年度报表 for the same year.

Rows are bulk-created (documents with four history rows each: submission, 初审, 复审, 终审; messages dispatched,
answered and rated; applications with their reply rows; 纠错; new-media weekly records), then each computation is
timed several times.

Usage (a throw-away database is used unless DATABASE_URL is set; never point it at production):

    .venv/bin/python benchmarks/bulletin.py [--documents 100000] [--messages 100000] [--units 35]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_bulletin .venv/bin/python benchmarks/bulletin.py
    DATABASE_URL=sqlite:////tmp/bench-bulletin.sqlite3 .venv/bin/python benchmarks/bulletin.py  # kept: run again
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
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-bulletin-')}/bench.sqlite3"
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-bulletin-data-"))

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from disclosure.models import Column, Document, DocumentHistory  # noqa: E402
from evaluation import assessment, ranking, services, webreport  # noqa: E402
from evaluation.figures import Period, unit_figures  # noqa: E402
from interaction.models import Correction, Message, month_key  # noqa: E402
from newmedia.models import Account, ActivityFlag, WeeklyActivity  # noqa: E402
from portal.models import Organization, Role, User  # noqa: E402
from portal.validators import org_code_check_char  # noqa: E402
from requests_app.models import Application, ApplicationEvent  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2025
BATCH = 5000


def when(rng: random.Random) -> datetime:
    return datetime(YEAR, 1, 1, tzinfo=TZ) + timedelta(seconds=rng.randrange(0, 365 * 86400))


def units(n: int) -> tuple[list[Organization], User]:
    made = []
    for i in range(n):
        body = f"BB{i:06d}"
        kind = Organization.Kind.TOWNSHIP if i < 12 else Organization.Kind.DEPARTMENT
        made.append(Organization.objects.create(code=body + org_code_check_char(body), name=f"基准单位{i:02d}",
                                                short_name=f"单位{i:02d}", kind=kind, order=i))  # fmt: skip
    body = "BBOFFICE"
    office = Organization.objects.create(code=body + org_code_check_char(body), name="基准县政府办", kind="office")
    user = User.objects.create(username="bench_office", organization=office)
    user.groups.add(*Group.objects.filter(name=Role.OFFICE))
    return made, user


def documents(n: int, orgs: list[Organization], user: User, rng: random.Random) -> None:
    columns = dict(Column.objects.values_list("slug", "id"))
    news, catalogue = [columns[s] for s in ("xzdt", "bmdt", "tzgg")], [columns[s] for s in ("gfxwj", "qtwj", "gkzd")]
    field = DocumentHistory._meta.get_field("at")
    field.auto_now_add = False  # the seed writes the history's own instants
    serial = 0
    policies: list[Document] = []
    for start in range(0, n, BATCH):
        docs, times = [], []
        for _ in range(min(BATCH, n - start)):
            serial += 1
            org = rng.choice(orgs)
            published = when(rng)
            column = rng.choice(news) if rng.random() < 0.75 else rng.choice(catalogue)
            docs.append(Document(title=f"基准信息{serial}", column_id=column, organization=org, created_by=user,
                                 status="published", published_at=published, published_late=rng.random() < 0.08,
                                 index_number=f"{org.code}/{YEAR}-{serial:06d}"))  # fmt: skip
            times.append(published)
        Document.objects.bulk_create(docs)
        history = []
        for doc, published in zip(docs, times, strict=True):
            t = published - timedelta(hours=rng.uniform(20, 200))
            history.append(DocumentHistory(document=doc, actor=user, action="submit", from_state="draft",
                                           to_state="pending_first", review_round=1, at=t))  # fmt: skip
            for state, target, level in (("pending_first", "pending_second", "first"),
                                         ("pending_second", "pending_final", "second"),
                                         ("pending_final", "published", "final")):  # fmt: skip
                t = t + (published - t) / 3 if level != "final" else published
                history.append(DocumentHistory(document=doc, actor=user, action="review", from_state=state,
                                               to_state=target, level=level, decision="pass", review_round=1, at=t))  # fmt: skip
            if doc.column_id in (columns["gfxwj"], columns["qtwj"]):
                policies.append(doc)
        DocumentHistory.objects.bulk_create(history, batch_size=BATCH)
    interpretations = [
        Document(
            title=f"解读{i}",
            column_id=columns["zcjd"],
            organization=p.organization,
            created_by=user,
            status="published",
            published_at=p.published_at + timedelta(days=rng.randint(0, 10)),
            interprets=p,
            index_number=f"JD/{YEAR}-{i:06d}",
        )  # fmt: skip
        for i, p in enumerate(policies)
        if rng.random() < 0.7
    ]
    Document.objects.bulk_create(interpretations, batch_size=BATCH)
    field.auto_now_add = True


def messages(n: int, orgs: list[Organization], rng: random.Random) -> None:
    for start in range(0, n, BATCH):
        rows = []
        for i in range(start, min(start + BATCH, n)):
            received = when(rng)
            dispatched = received + timedelta(hours=rng.uniform(1, 30))
            replied = dispatched + timedelta(hours=rng.uniform(2, 150)) if rng.random() < 0.85 else None
            rated = replied + timedelta(days=rng.uniform(0, 5)) if replied and rng.random() < 0.4 else None
            rows.append(Message(
                tracking_number=f"BM{i:08d}", password_hash="x",  # noqa: S106 - not a password kind="consult", title="基准留言", content="内容",
                name="张三", phone="13800000000", status="replied" if replied else "processing", received_at=received,
                received_month=month_key(received), unit=rng.choice(orgs), dispatched_at=dispatched,
                replied_at=replied, replied_on_time=(rng.random() < 0.8) if replied else None,
                handling_workdays=rng.randint(0, 6) if replied else None, rated_at=rated,
                satisfaction=rng.choice(["satisfied", "basic", "unsatisfied"]) if rated else "",
            ))  # fmt: skip
        Message.objects.bulk_create(rows)


def the_rest(orgs: list[Organization], user: User, rng: random.Random) -> None:
    apps = []
    for i in range(5000):
        received = when(rng).date()
        apps.append(Application(
            tracking_number=f"BA{i:08d}", password_hash="x",  # noqa: S106 - not a password applicant_type="natural", applicant_name="申请人",
            phone="1", address="地址", form_wanted="electronic", delivery="email", organization=rng.choice(orgs),
            channel="online", status="replied", received_on=received,
            concluded_on=received + timedelta(days=rng.randint(1, 30)), result="disclosed",
        ))  # fmt: skip
    Application.objects.bulk_create(apps)
    ApplicationEvent.objects.bulk_create([
        ApplicationEvent(application=a, action="reply", from_state="drafted", to_state="replied",
                         due_before=a.received_on + timedelta(days=21)) for a in apps
    ])  # fmt: skip
    Correction.objects.bulk_create([
        Correction(page_url="/", kind="typo", description="错字", status="replied", unit=rng.choice(orgs),
                   replied_at=when(rng), replied_on_time=rng.random() < 0.9) for _ in range(3000)
    ])  # fmt: skip
    accounts = Account.objects.bulk_create([
        Account(organization=org, platform=platform, name=f"{org.short_name}{platform}", opened_on=date(2020, 1, 1),
                status="active", created_by=user, chief_name="甲", chief_post="局长", chief_phone="1",
                deputy_name="乙", deputy_post="副局长", deputy_phone="2", editor_name="丙", editor_post="主任",
                editor_phone="3")
        for org in orgs for platform in ("wechat", "douyin")
    ])  # fmt: skip
    mondays = [date(2024, 12, 30) + timedelta(days=7 * w) for w in range(53)]
    WeeklyActivity.objects.bulk_create([
        WeeklyActivity(account=a, week_start=m, posts=rng.randint(0, 9), followers=rng.randint(100, 5000),
                       recorded_by=user) for a in accounts for m in mondays
    ])  # fmt: skip
    ActivityFlag.objects.bulk_create([
        ActivityFlag(account=a, kind="low", week_start=m) for a in accounts for m in mondays if rng.random() < 0.1
    ])  # fmt: skip


def measure(label: str, call, rounds: int) -> None:
    times = []
    for _ in range(rounds):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
    print(f"| {label} | {statistics.median(times) * 1000:.0f} ms | {min(times) * 1000:.0f} ms | "
          f"{len(queries.captured_queries)} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=35)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(15)
    t0 = time.perf_counter()
    if User.objects.filter(username="bench_office").exists():  # a kept database (DATABASE_URL): seeded already
        user = User.objects.get(username="bench_office")
        with connection.cursor() as cursor:  # the last run's 通报 and 考核 (their history rows cannot be deleted)
            for table in ("evaluation_bulletinhistory", "evaluation_bulletin", "evaluation_schemehistory",
                          "evaluation_indicator", "evaluation_scheme"):  # fmt: skip
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    else:
        orgs, user = units(args.units)
        documents(args.documents, orgs, user, rng)
        messages(args.messages, orgs, rng)
        the_rest(orgs, user, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - t0:.0f} s on {connection.vendor}: {Document.objects.count()} documents, "
          f"{DocumentHistory.objects.count()} history rows, {Message.objects.count()} messages")  # fmt: skip
    print("| computation | median | best | queries |\n| --- | --- | --- | --- |")
    june = Period.month(YEAR, 6)
    measure("figures of a month (35 units)", lambda: unit_figures(june), args.rounds)
    measure("通报 of a month, no earlier 通报 (computes the month before too)", lambda: ranking.snapshot(june),
            args.rounds)  # fmt: skip
    services.generate_bulletin(YEAR, 5)
    measure("通报 of a month, the month before read from its 通报", lambda: ranking.snapshot(june), args.rounds)

    months = iter(range(7, 13))
    measure("generate_bulletin (compute and store; a new month each round)",
            lambda: services.generate_bulletin(YEAR, next(months)), min(args.rounds, 6))  # fmt: skip
    measure("figures of the year (考核)", lambda: unit_figures(Period.year(YEAR)), max(2, args.rounds // 2))
    scheme = services.create_scheme(YEAR, actor=user)
    measure("考核 results of the year (default scheme)", lambda: assessment.assess(scheme), max(2, args.rounds // 2))
    measure("网站工作年度报表 figures", lambda: webreport.compute(YEAR), max(2, args.rounds // 2))


if __name__ == "__main__":
    main()
