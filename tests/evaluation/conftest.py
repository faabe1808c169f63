"""Random data for the figures' brute-force checks, and personas of the evaluation pages.

``World`` writes rows straight into every app's tables (hundreds of them, at chosen instants on both sides of month
and year boundaries in Asia/Shanghai) and keeps a plain Python record of what it wrote, which the tests count by
hand: the figures the app computes through the selectors must equal those counts. History rows take their time from
the clock, so each is written with the clock set to its instant."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from disclosure.models import Column, Document, DocumentHistory
from interaction.models import Consultation, Correction, Message, Opinion
from newmedia.models import Account, ActivityFlag, WeeklyActivity
from portal.models import Organization, Role
from requests_app.models import Application, ApplicationEvent
from tests.conftest import make_org, make_user

TZ = ZoneInfo("Asia/Shanghai")
PENDING = ("pending_first", "pending_second", "pending_final")
LEVEL_OF = {"pending_first": "first", "pending_second": "second", "pending_final": "final"}
NEXT = {"pending_first": "pending_second", "pending_second": "pending_final", "pending_final": "published"}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def clock(when: datetime):
    return time_machine.travel(when, tick=False)


@dataclass
class World:
    """What was written, for counting by hand."""

    rng: random.Random
    start: datetime
    end: datetime
    units: list[Organization]
    office: Organization
    user: object
    documents: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)  # (unit, level, decided_at, seconds)
    applications: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)
    activity: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)
    consultations: list[dict] = field(default_factory=list)
    opinions: list[datetime] = field(default_factory=list)
    serial: int = 0

    # --- instants

    def instant(self) -> datetime:
        """A random instant in the window, one in eight exactly on or just before a midnight at a month's start."""
        if self.rng.random() < 0.125:
            month_starts = [d for d in self._month_starts() if self.start < d < self.end]
            edge = self.rng.choice(month_starts)
            return edge - timedelta(seconds=self.rng.choice([0, 1])) if self.rng.random() < 0.5 else edge
        span = (self.end - self.start).total_seconds()
        return self.start + timedelta(seconds=self.rng.uniform(0, span))

    def _month_starts(self) -> list[datetime]:
        day, found = self.start.date().replace(day=1), []
        while local(day.year, day.month, day.day) < self.end:
            found.append(local(day.year, day.month, day.day))
            day = (day + timedelta(days=32)).replace(day=1)
        return found

    def day(self) -> date:
        return self.instant().astimezone(TZ).date()

    def unit(self, with_office: bool = False) -> Organization:
        return self.rng.choice(self.units + ([self.office] if with_office else []))

    def next_serial(self) -> int:
        self.serial += 1
        return self.serial


def _column_ids() -> dict[str, int]:
    return dict(Column.objects.values_list("slug", "id"))


def build_documents(world: World, n: int) -> None:
    columns = _column_ids()
    slugs = ["xzdt", "bmdt", "tzgg", "zwyw", "gz", "gfxwj", "qtwj", "gkzd", "ndbg"]
    policy_docs = []
    for _ in range(n):
        unit = world.unit(with_office=True)
        slug = world.rng.choice(slugs)
        status = world.rng.choices(["published", "withdrawn", "draft", "on_request"], [12, 2, 2, 1])[0]
        published_at = world.instant() if status != "draft" else None
        late = world.rng.random() < 0.2
        document = Document.objects.create(
            title=f"文件{world.next_serial()}", column_id=columns[slug], organization=unit, created_by=world.user,
            status="published" if status == "on_request" else status, published_at=published_at, published_late=late,
            disclosure_method="依申请公开" if status == "on_request" else "主动公开",
            index_number=f"{unit.code}/2025-{world.serial:05d}" if published_at else None,
        )  # fmt: skip
        spec = {"pk": document.pk, "unit": unit.pk, "column": slug, "published_at": published_at, "late": late,
                "public": status in ("published", "withdrawn"), "interp_at": []}  # fmt: skip
        world.documents.append(spec)
        if slug in ("gz", "gfxwj", "qtwj") and spec["public"]:
            policy_docs.append((document, spec))
    for policy, spec in policy_docs:
        for _ in range(world.rng.choice([0, 0, 1, 2])):
            status = world.rng.choice(["published", "published", "draft"])
            when = world.instant() if status == "published" else None
            unit = world.unit(with_office=True)
            interpretation = Document.objects.create(
                title=f"解读{world.next_serial()}", column_id=columns["zcjd"], organization=unit,
                created_by=world.user, status=status, published_at=when, interprets=policy,
                index_number=f"{unit.code}/2025-{world.serial:05d}" if when else None,
            )  # fmt: skip
            if when:
                spec["interp_at"].append(when)
            world.documents.append({"pk": interpretation.pk, "unit": unit.pk, "column": "zcjd", "published_at": when,
                                    "late": False, "public": when is not None, "interp_at": []})  # fmt: skip


def _history(document: Document, when: datetime, **fields) -> None:
    with clock(when):
        DocumentHistory.objects.create(document=document, **fields)


def build_reviews(world: World, n: int) -> None:
    """Documents taken through review rounds: submissions, passes, returns, in-place attachments and a resubmission,
    each at its own instant; the expected (unit, level, decision instant, seconds waited) are recorded."""
    column = _column_ids()["xzdt"]
    for _ in range(n):
        unit = world.unit(with_office=True)
        document = Document.objects.create(title=f"审核{world.next_serial()}", column_id=column, organization=unit,
                                           created_by=world.user)  # fmt: skip
        when = world.instant() - timedelta(days=world.rng.uniform(0, 20))
        for review_round in (1, 2):
            _history(document, when, action="submit", from_state="draft" if review_round == 1 else "returned",
                     to_state="pending_first", review_round=review_round, actor=world.user)  # fmt: skip
            state, entered = "pending_first", when
            while state in PENDING:
                if world.rng.random() < 0.3:  # an attachment in place: not an arrival at a level
                    when += timedelta(hours=world.rng.uniform(0, 30))
                    _history(document, when, action="attach", from_state=state, to_state=state,
                             review_round=review_round, actor=world.user)  # fmt: skip
                when += timedelta(hours=world.rng.uniform(0.1, 120))
                returned = world.rng.random() < 0.15 and review_round == 1
                target = "returned" if returned else NEXT[state]
                _history(document, when, action="review", from_state=state, to_state=target, level=LEVEL_OF[state],
                         decision="return" if returned else "pass", review_round=review_round,
                         actor=world.user)  # fmt: skip
                world.reviews.append({"unit": unit.pk, "level": LEVEL_OF[state], "at": when,
                                      "seconds": (when - entered).total_seconds()})  # fmt: skip
                state, entered = target, when
            if state != "returned":
                break
            when += timedelta(hours=world.rng.uniform(1, 48))


def build_applications(world: World, n: int) -> None:
    for _ in range(n):
        unit = world.unit()
        handled = world.rng.random() < 0.7
        received = world.day()
        replied = world.rng.random() < 0.7
        concluded = received + timedelta(days=world.rng.randint(0, 40)) if replied else None
        due = received + timedelta(days=world.rng.randint(15, 30)) if replied else None
        application = Application.objects.create(
            tracking_number=f"T{world.next_serial():08d}", password_hash="x", applicant_type="natural",
            applicant_name="申请人", phone="13800000000", address="地址", form_wanted="electronic", delivery="email",
            organization=unit if not handled else world.unit(), handling_unit=unit if handled else None,
            channel="online", status="replied" if replied else "processing", received_on=received,
            concluded_on=concluded, result="disclosed" if replied else "",
        )  # fmt: skip
        if replied:
            ApplicationEvent.objects.create(application=application, action="reply", from_state="drafted",
                                            to_state="replied", due_before=due)  # fmt: skip
        world.applications.append({"unit": unit.pk, "received": received, "concluded": concluded,
                                   "on_time": bool(replied and concluded <= due)})  # fmt: skip


def build_messages(world: World, n: int) -> None:
    for _ in range(n):
        unit = world.unit()
        dispatched = world.instant() if world.rng.random() < 0.8 else None
        replied = world.instant() if dispatched and world.rng.random() < 0.7 else None
        on_time = world.rng.random() < 0.7 if replied else None
        rated = world.instant() if replied and world.rng.random() < 0.6 else None
        satisfaction = world.rng.choice(["satisfied", "basic", "unsatisfied"]) if rated else ""
        received = world.instant()
        published = world.instant() if replied and world.rng.random() < 0.5 else None
        workdays = world.rng.randint(0, 6) if replied else None
        Message.objects.create(
            tracking_number=f"M{world.next_serial():08d}", password_hash="x", kind="consult", title="留言",
            content="内容", name="张三", phone="13800000000", status="replied" if replied else "processing",
            received_at=received, unit=unit if dispatched else None, dispatched_at=dispatched, replied_at=replied,
            replied_on_time=on_time, rated_at=rated, satisfaction=satisfaction, published_at=published,
            handling_workdays=workdays,
        )  # fmt: skip
        world.messages.append({"unit": unit.pk if dispatched else None, "dispatched": dispatched, "replied": replied,
                               "on_time": on_time, "rated": rated, "satisfaction": satisfaction, "received": received,
                               "published": published, "workdays": workdays})  # fmt: skip


def build_corrections(world: World, n: int) -> None:
    for _ in range(n):
        unit = world.unit()
        replied = world.instant() if world.rng.random() < 0.7 else None
        on_time = world.rng.random() < 0.6 if replied else None
        Correction.objects.create(page_url="/", kind="typo", description="错字", status="replied" if replied else
                                  "forwarded", unit=unit, replied_at=replied, replied_on_time=on_time)  # fmt: skip
        world.corrections.append({"unit": unit.pk, "replied": replied, "on_time": on_time})


def build_newmedia(world: World) -> None:
    platforms = ["wechat", "weibo", "douyin"]
    for unit in world.units:
        for platform in world.rng.sample(platforms, world.rng.randint(0, 2)):
            status = world.rng.choice(["active", "active", "closed", "pending"])
            opened = world.day() - timedelta(days=world.rng.randint(0, 400))
            closed = world.day() if status == "closed" else None
            account = Account.objects.create(
                organization=unit, platform=platform, name=f"{unit.short_name}{platform}", opened_on=opened,
                status=status, closed_on=closed, created_by=world.user, chief_name="甲", chief_post="局长",
                chief_phone="1", deputy_name="乙", deputy_post="副局长", deputy_phone="2", editor_name="丙",
                editor_post="主任", editor_phone="3",
            )  # fmt: skip
            world.accounts.append({"pk": account.pk, "unit": unit.pk, "platform": platform, "status": status,
                                   "opened": opened, "closed": closed, "name": account.name})  # fmt: skip
            monday = world.start.date() - timedelta(days=world.start.date().weekday() + 7)
            while monday < world.end.date():
                if world.rng.random() < 0.8:
                    posts = world.rng.randint(0, 9)
                    followers = world.rng.choice([None, world.rng.randint(100, 9000)])
                    WeeklyActivity.objects.create(account=account, week_start=monday, posts=posts,
                                                  followers=followers, recorded_by=world.user)  # fmt: skip
                    world.activity.append({"account": account.pk, "unit": unit.pk, "week": monday, "posts": posts,
                                           "followers": followers})  # fmt: skip
                if world.rng.random() < 0.2:
                    ActivityFlag.objects.create(account=account, kind="low", week_start=monday)
                    world.flags.append({"unit": unit.pk, "week": monday})
                monday += timedelta(days=7)


def build_consultations(world: World, n: int) -> None:
    for _ in range(n):
        starts = world.instant()
        published = world.rng.random() < 0.8
        feedback = world.instant() if world.rng.random() < 0.5 else None
        consultation = Consultation.objects.create(
            title="征求意见", background="背景", draft_text="草案", starts_at=starts,
            ends_at=starts + timedelta(days=15), contact_unit=world.office, contact_details="电话",
            status="published" if published else "draft", feedback_published_at=feedback, created_by=world.user,
        )  # fmt: skip
        world.consultations.append({"starts": starts, "published": published, "feedback": feedback})
        for _ in range(world.rng.randint(0, 4)):
            when = world.instant()
            Opinion.objects.create(consultation=consultation, name="公众", content="意见", submitted_at=when)
            world.opinions.append(when)


def make_world(seed: int, start: datetime, end: datetime, *, scale: int = 1) -> World:
    office = Organization.objects.filter(kind="office").first() or make_org("测试县人民政府办公室", "office")
    units = [make_org(f"第{i}乡人民政府") for i in range(1, 4)]
    units += [make_org(f"测试县第{i}局", Organization.Kind.DEPARTMENT) for i in range(1, 3)]
    user = make_user(f"builder{seed}", office, Role.OFFICE)
    world = World(random.Random(seed), start, end, units, office, user)
    build_documents(world, 90 * scale)
    build_reviews(world, 25 * scale)
    build_applications(world, 40 * scale)
    build_messages(world, 60 * scale)
    build_corrections(world, 25 * scale)
    build_newmedia(world)
    build_consultations(world, 6 * scale)
    return world


@pytest.fixture
def office_staff2(office):
    return make_user("office_staff2", office, Role.OFFICE)
