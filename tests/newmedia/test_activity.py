from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from newmedia import selectors, services, tasks
from newmedia.models import ActivityFlag, WeeklyActivity
from portal.errors import DomainError, NotAllowed
from tests.newmedia.conftest import file_account

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Checked on Monday 16 Nov 2026: the last full week is 9-15 Nov, the one before 2-8 Nov.
CHECK_DAY = datetime(2026, 11, 16, 8, tzinfo=SHANGHAI)
LAST_WEEK, WEEK_BEFORE = date(2026, 11, 9), date(2026, 11, 2)


@pytest.fixture
def accounts(officer, leader, office_staff, township, office):
    township.email = "cgz@example.gov.cn"
    township.save()
    office_staff.email = "gkb@example.gov.cn"
    office_staff.save()
    return {
        name: file_account(officer, leader, office_staff, platform=platform, name=name, opened_on=date(2026, 9, 1))
        for name, platform in (("活跃号", "wechat"), ("低频号", "weibo"), ("沉默号", "douyin"))
    }


def record(account, actor, week, posts, followers=None):
    return services.record_activity(account, actor=actor, week=week, posts=posts, followers=followers)


def test_weekly_check_flags_low_and_silent_accounts_and_mails_each_once(
    accounts, officer, django_capture_on_commit_callbacks
):
    with time_machine.travel(CHECK_DAY, tick=False):
        record(accounts["活跃号"], officer, LAST_WEEK, 6)
        record(accounts["低频号"], officer, LAST_WEEK, 2)
        record(accounts["沉默号"], officer, LAST_WEEK, 0)
        record(accounts["沉默号"], officer, WEEK_BEFORE, 0)
        with django_capture_on_commit_callbacks(execute=True):
            services.run_activity_check()
        flags = {f.account.name: f.kind for f in ActivityFlag.objects.select_related("account")}
        assert flags == {"低频号": ActivityFlag.Kind.LOW, "沉默号": ActivityFlag.Kind.SILENT}
        assert len(mail.outbox) == 2
        silent = next(m for m in mail.outbox if "沉默号" in m.subject)
        assert silent.to == ["cgz@example.gov.cn"] and silent.cc == ["gkb@example.gov.cn"]
        assert "连续两周未发布" in silent.body

        with django_capture_on_commit_callbacks(execute=True):
            assert services.run_activity_check() == []
        assert tasks.check_activity() == {"flagged": 0, "notified": 0}
        assert len(mail.outbox) == 2
        assert ActivityFlag.objects.filter(notified_at__isnull=True).count() == 0


def test_a_week_with_no_report_counts_as_no_posts(accounts):
    with time_machine.travel(CHECK_DAY, tick=False):
        tasks.check_activity()
    assert ActivityFlag.objects.filter(kind=ActivityFlag.Kind.SILENT).count() == 3


def test_a_new_account_is_not_judged_on_weeks_before_it_opened(officer, leader, office_staff):
    file_account(officer, leader, office_staff, opened_on=date(2026, 11, 10))
    with time_machine.travel(CHECK_DAY, tick=False):
        assert services.run_activity_check() == []


def test_an_account_opened_last_week_gets_the_weekly_flag_not_the_silent_one(officer, leader, office_staff):
    file_account(officer, leader, office_staff, opened_on=date(2026, 11, 9))
    with time_machine.travel(CHECK_DAY, tick=False):
        services.run_activity_check()
    assert ActivityFlag.objects.get().kind == ActivityFlag.Kind.LOW


def test_a_lost_notice_is_sent_by_the_sweep(accounts):
    with time_machine.travel(CHECK_DAY, tick=False):
        services.run_activity_check()  # outside a commit capture: the on-commit tasks never ran, as if Redis lost them
    assert len(mail.outbox) == 0
    assert tasks.send_pending_notices() == 3
    assert len(mail.outbox) == 3
    assert tasks.send_pending_notices() == 0


def test_recording_a_week_twice_updates_the_same_row(filed, officer):
    with time_machine.travel(CHECK_DAY, tick=False):
        record(filed, officer, date(2026, 11, 12), 3)
        record(filed, officer, LAST_WEEK, 5, followers=1200)
    row = WeeklyActivity.objects.get()
    assert (row.week_start, row.posts, row.followers) == (LAST_WEEK, 5, 1200)


def test_a_future_week_cannot_be_recorded(filed, officer):
    with time_machine.travel(CHECK_DAY, tick=False), pytest.raises(DomainError, match="尚未开始"):
        record(filed, officer, date(2026, 11, 23), 5)


def test_another_units_staff_cannot_record_posts(filed, outsider):
    with pytest.raises(NotAllowed):
        record(filed, outsider, LAST_WEEK, 5)


def test_the_dashboard_sorts_accounts_into_good_low_and_silent(accounts, officer):
    with time_machine.travel(CHECK_DAY, tick=False):
        record(accounts["活跃号"], officer, LAST_WEEK, 6)
        record(accounts["低频号"], officer, WEEK_BEFORE, 9)
        _, rows = selectors.activity_dashboard(officer)
    assert {r.account.name: r.standing for r in rows} == {"活跃号": "good", "低频号": "low", "沉默号": "silent"}


# --- CSV import


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(lines).encode(encoding)


def test_csv_import_records_every_row(accounts, officer):
    a, b = accounts["活跃号"], accounts["低频号"]
    data = csv_bytes("账号编号,周起始日期,发布条数,关注量", f"{a.pk},2026-11-09,7,3000", f"{b.pk},2026/11/11,2,")
    with time_machine.travel(CHECK_DAY, tick=False):
        result = services.import_activity_csv(data, actor=officer, accounts=selectors.activity_accounts_for(officer))
    assert result.errors == [] and result.imported == 2
    assert sorted(WeeklyActivity.objects.values_list("posts", "week_start")) == [(2, LAST_WEEK), (7, LAST_WEEK)]


def test_csv_import_reports_each_bad_row_in_chinese_and_saves_nothing(accounts, officer, outsider):
    a = accounts["活跃号"]
    data = csv_bytes(
        "账号编号,周起始日期,发布条数,关注量",
        f"{a.pk},2026-11-09,5,",
        "99999,2026-11-09,5,",
        f"{a.pk},2026-13-01,5,",
        f"{a.pk},2026-11-02,很多,",
        f"{a.pk},2026-11-09,4,",
        ",,,",
        f"{a.pk},2026-11-30,4,-1",
        encoding="gbk",
    )
    with time_machine.travel(CHECK_DAY, tick=False):
        result = services.import_activity_csv(data, actor=officer, accounts=selectors.activity_accounts_for(officer))
    assert result.imported == 0
    assert result.errors == [
        "第3行：账号编号“99999”不存在或不属于本单位。",
        "第4行：周起始日期“2026-13-01”不是有效日期（格式：2024-03-04）。",
        "第5行：发布条数“很多”应为不小于0的整数。",
        "第6行：与前面的行重复（同一账号同一周）。",
        "第8行：周起始日期“2026-11-30”所在周尚未开始；关注量“-1”应为不小于0的整数。",
    ]
    assert not WeeklyActivity.objects.exists()


def test_csv_import_refuses_another_units_account(filed, outsider):
    data = csv_bytes("账号编号,周起始日期,发布条数", f"{filed.pk},2026-11-09,5")
    with time_machine.travel(CHECK_DAY, tick=False):
        result = services.import_activity_csv(data, actor=outsider, accounts=selectors.activity_accounts_for(outsider))
    assert result.errors == [f"第2行：账号编号“{filed.pk}”不存在或不属于本单位。"]


def test_csv_import_names_missing_columns(officer):
    result = services.import_activity_csv(csv_bytes("编号,日期", "1,2"), actor=officer, accounts=[])
    assert "表头缺少列：账号编号、周起始日期、发布条数" in result.errors[0]
