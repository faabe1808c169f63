"""Builders for the annual report tests: randomised documents, applications and cases in bulk."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from disclosure.models import Column, Document, Validity
from requests_app.models import ApplicantType, Application, DisputeCase, Result

TZ = ZoneInfo("Asia/Shanghai")
YEARS = (2023, 2024, 2025)


def _day(rng: random.Random) -> date:
    return date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))


def random_documents(rng: random.Random, units, author, n: int) -> list[Document]:
    columns = list(Column.objects.filter(slug__in=["gz", "gfxwj", "tzgg", "ndbg"]))
    assert {c.slug for c in columns} >= {"gz", "gfxwj"}
    docs = []
    for i in range(n):
        made = _day(rng)
        published = made + timedelta(days=rng.randrange(40))
        status = (
            Document.Status.PUBLISHED
            if rng.random() < 0.85
            else rng.choice([Document.Status.DRAFT, Document.Status.WITHDRAWN, Document.Status.PENDING_FIRST])
        )
        validity, repealed = Validity.VALID, None
        if rng.random() < 0.3:
            validity = rng.choice([Validity.REPEALED, Validity.EXPIRED])
            repealed = made + timedelta(days=rng.randrange(1, 500))
        docs.append(Document(
            title=f"文件{i}", column=rng.choice(columns), organization=rng.choice(units), created_by=author,
            status=status, index_number=f"X{i:08d}" if status != Document.Status.DRAFT else None,
            written_date=made if rng.random() < 0.9 else None,
            published_at=datetime.combine(published, time(rng.choice([0, 9, 23]), 30), tzinfo=TZ),
            validity=validity, repealed_on=repealed,
        ))  # fmt: skip
    return Document.objects.bulk_create(docs)


def random_applications(rng: random.Random, units, n: int, start: int = 0) -> list[Application]:
    apps = []
    for i in range(n):
        received = _day(rng)
        concluded, result, status = None, "", Application.Status.PROCESSING
        if rng.random() < 0.8:
            concluded = received + timedelta(days=rng.randrange(60))
            result, status = rng.choice(Result.values), Application.Status.REPLIED
        apps.append(Application(
            tracking_number=f"YSQ{start + i:09d}", password_hash="x", applicant_type=rng.choice(ApplicantType.values),
            applicant_name="申请人", phone="13800138000", address="地址", form_wanted="electronic", delivery="email",
            organization=rng.choice(units), channel="online", status=status, received_on=received,
            clock_start_on=received, due_on=None if concluded else received + timedelta(days=21), result=result,
            concluded_on=concluded,
        ))  # fmt: skip
    return Application.objects.bulk_create(apps)


def random_cases(rng: random.Random, units, author, n: int) -> list[DisputeCase]:
    cases = []
    for i in range(n):
        filed = _day(rng)
        concluded, outcome = None, ""
        if rng.random() < 0.7:
            concluded = filed + timedelta(days=rng.randrange(200))
            outcome = rng.choice(DisputeCase.Outcome.values)
        cases.append(DisputeCase(
            organization=rng.choice(units), kind=rng.choice(DisputeCase.Kind.values), claimant=f"申请人{i}",
            organ="县人民政府", filed_on=filed, concluded_on=concluded, outcome=outcome, created_by=author,
        ))  # fmt: skip
    return DisputeCase.objects.bulk_create(cases)


def random_fee_notices(rng: random.Random, apps, n: int) -> list:
    from requests_app.models import ClockPause, FeeNotice

    notices = []
    for app in rng.sample(list(apps), n):
        issued = app.received_on + timedelta(days=rng.randrange(1, 20))
        paid = issued + timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.6 else None
        pause = ClockPause.objects.create(application=app, kind=ClockPause.Kind.FEE, reason="收费",
                                          started_on=issued, deadline=issued + timedelta(days=28), ended_on=paid)  # fmt: skip
        notices.append(FeeNotice.objects.create(
            application=app, pause=pause, standard=rng.choice(FeeNotice.Standard.values), quantity=rng.randrange(11, 300),
            amount=Decimal(rng.randrange(1, 400) * 10), issued_on=issued, paid_on=paid,
        ))  # fmt: skip
    return notices
