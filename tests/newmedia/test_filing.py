from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from newmedia import selectors, services
from newmedia.models import Account, Filing, FilingHistory
from portal.errors import DomainError, InvalidTransition, NotAllowed
from portal.models import Role, WorkdayOverride
from tests.conftest import make_user
from tests.newmedia.conftest import account_fields, draft_account, file_account

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return time_machine.travel(datetime(y, m, d, h, tzinfo=SHANGHAI), tick=False)


# --- The clock


def test_opening_filing_is_due_ten_working_days_after_opening_across_national_day(officer):
    # Opened Monday 28 Sept 2026: 29, 30 Sept, 8, 9, 10 (make-up Saturday), 12-16 Oct.
    _, filing = draft_account(officer, opened_on=date(2026, 9, 28))
    assert filing.due_on == date(2026, 10, 16)


def test_closure_filing_is_due_five_working_days_after_closing_across_national_day(filed, officer):
    details = services.ClosureDetails(
        date(2026, 9, 29), "机构改革，职能并入县融媒体中心", "https://mp.weixin.qq.com/s/stop"
    )
    filing = services.start_closure(filed, actor=officer, details=details)
    assert filing.due_on == date(2026, 10, 12)


def test_a_calendar_change_recomputes_open_due_dates(officer, django_capture_on_commit_callbacks):
    _, filing = draft_account(officer, opened_on=date(2026, 9, 28))
    with django_capture_on_commit_callbacks(execute=True):
        WorkdayOverride.objects.create(date=date(2026, 10, 12), is_workday=False, note="临时放假")
    filing.refresh_from_db()
    assert filing.due_on == date(2026, 10, 19)


def test_a_filing_submitted_after_its_due_date_is_flagged_late(officer, leader):
    _, filing = draft_account(officer, opened_on=date(2026, 9, 28))
    services.submit_to_leader(filing, actor=officer)
    with at(2026, 10, 19):
        services.leader_approve(filing, actor=leader)
    filing.refresh_from_db()
    assert filing.is_late
    assert filing.first_submitted_on == date(2026, 10, 19)
    assert FilingHistory.objects.filter(filing=filing, action="leader_approve").get().extra == {"late": True}


def test_a_filing_submitted_on_its_due_date_is_on_time(officer, leader):
    _, filing = draft_account(officer, opened_on=date(2026, 9, 28))
    services.submit_to_leader(filing, actor=officer)
    with at(2026, 10, 16, 17):
        services.leader_approve(filing, actor=leader)
    filing.refresh_from_db()
    assert not filing.is_late


def test_a_return_and_resubmission_keeps_the_first_filing_date(officer, leader, office_staff):
    _, filing = draft_account(officer, opened_on=date(2026, 9, 28))
    services.submit_to_leader(filing, actor=officer)
    with at(2026, 10, 9):
        services.leader_approve(filing, actor=leader)
    services.office_return(filing, actor=office_staff, opinion="总编辑应由在编在岗干部担任")
    services.submit_to_leader(filing, actor=officer)
    with at(2026, 10, 30):
        services.leader_approve(filing, actor=leader)
    filing.refresh_from_db()
    assert filing.first_submitted_on == date(2026, 10, 9)
    assert not filing.is_late


# --- The opening flow


def test_opening_flow_files_the_account_and_records_every_step(officer, leader, office_staff):
    account, filing = draft_account(officer)
    assert account.status == Account.Status.PENDING
    assert not selectors.directory_accounts().exists()
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader, opinion="同意开设")
    assert not selectors.directory_accounts().exists()
    services.office_approve(filing, actor=office_staff)
    account.refresh_from_db()
    assert account.status == Account.Status.ACTIVE
    assert list(selectors.directory_accounts()) == [account]
    actions = list(filing.history.values_list("action", "to_state"))
    assert actions == [
        ("create_opening", "draft"),
        ("submit", "leader_review"),
        ("leader_approve", "submitted"),
        ("office_approve", "approved"),
    ]
    filing.refresh_from_db()
    assert filing.leader_approved_by == leader and filing.decided_by == office_staff


def test_only_the_units_principal_leader_may_approve(officer, township, office_staff, outsider):
    deputy = make_user("deputy", township, Role.LEADER)  # a 单位领导 but not the 主要领导
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    for someone in (deputy, officer, outsider, office_staff):
        with pytest.raises(NotAllowed):
            services.leader_approve(filing, actor=someone)


def test_office_staff_cannot_file_before_the_leader_approves(officer, office_staff):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    with pytest.raises(InvalidTransition):
        services.office_approve(filing, actor=office_staff)


def test_only_office_staff_file(officer, leader):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    with pytest.raises(NotAllowed):
        services.office_approve(filing, actor=leader)


def test_office_returns_with_a_reason_and_the_officer_resubmits(
    officer, leader, office_staff, django_capture_on_commit_callbacks
):
    officer.email = "officer@example.gov.cn"
    officer.save()
    account, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    with pytest.raises(DomainError, match="退回理由"):
        services.office_return(filing, actor=office_staff, opinion="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.office_return(filing, actor=office_staff, opinion="账号名称应与单位名称明确关联")
    filing.refresh_from_db()
    assert filing.status == Filing.Status.RETURNED
    assert filing.return_reason == "账号名称应与单位名称明确关联"
    services.update_opening(filing, actor=officer, fields=account_fields(name="城关镇人民政府发布"))
    services.submit_to_leader(filing, actor=officer)
    assert filing.history.last().opinion == ""
    returned = [m for m in mail.outbox if "退回" in m.subject]
    assert returned[0].to == ["officer@example.gov.cn"]
    assert "账号名称应与单位名称明确关联" in returned[0].body


def test_the_leader_can_send_a_filing_back(officer, leader):
    _, filing = draft_account(officer)
    services.submit_to_leader(filing, actor=officer)
    services.leader_return(filing, actor=leader, opinion="请补充运维人员")
    filing.refresh_from_db()
    assert filing.status == Filing.Status.RETURNED


def test_an_opening_needs_avatar_and_qr_before_it_goes_to_the_leader(officer):
    account, filing = services.create_account(actor=officer, fields=account_fields())
    with pytest.raises(DomainError, match="头像和二维码"):
        services.submit_to_leader(filing, actor=officer)


def test_an_officer_of_another_unit_cannot_touch_the_filing(officer, outsider):
    _, filing = draft_account(officer)
    with pytest.raises(NotAllowed):
        services.submit_to_leader(filing, actor=outsider)


def test_withdrawing_an_opening_frees_the_platform(officer):
    _, filing = draft_account(officer)
    services.withdraw(filing, actor=officer)
    account, _ = draft_account(officer, name="城关镇发布（新）")
    assert account.status == Account.Status.PENDING


def test_submitting_notifies_the_principal_leader_and_then_the_office(
    officer, leader, office_staff, django_capture_on_commit_callbacks
):
    leader.email, office_staff.email = "leader@example.gov.cn", "office@example.gov.cn"
    leader.save()
    office_staff.save()
    _, filing = draft_account(officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_to_leader(filing, actor=officer)
        services.leader_approve(filing, actor=leader)
    assert [m.to for m in mail.outbox] == [["leader@example.gov.cn"], ["office@example.gov.cn"]]


# --- One account per unit per platform


def test_a_second_account_on_the_same_platform_is_refused(officer):
    draft_account(officer)
    with pytest.raises(DomainError, match="已有账号"):
        draft_account(officer, name="城关镇二号")


def test_another_platform_or_another_unit_is_fine(officer, outsider):
    draft_account(officer)
    draft_account(officer, platform="douyin", name="城关镇抖音")
    account, _ = draft_account(outsider, name="河西乡发布")
    assert account.organization == outsider.organization


def test_office_staff_can_record_an_exception_for_one_more_account(officer, office_staff, township):
    draft_account(officer)
    with pytest.raises(NotAllowed):
        services.grant_exception(actor=officer, organization=township, platform="wechat", reason="自批")
    exception = services.grant_exception(
        actor=office_staff, organization=township, platform="wechat", reason="镇文化站另设服务号"
    )
    second, _ = draft_account(officer, name="城关镇文化站")
    assert second.exception == exception
    with pytest.raises(DomainError, match="已有账号"):
        draft_account(officer, name="城关镇第三个")


def test_the_database_refuses_a_duplicate_that_skips_the_service(officer):
    account, _ = draft_account(officer)
    duplicate = Account.objects.get(pk=account.pk)
    duplicate.pk = None
    duplicate.name = "绕过服务"
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_closed_account_frees_the_platform(filed, officer, leader, office_staff):
    close(filed, officer, leader, office_staff)
    account, _ = draft_account(officer, name="城关镇发布新号")
    assert account.status == Account.Status.PENDING


# --- Changes


def test_a_change_shows_in_the_directory_only_after_approval(filed, officer, leader, office_staff):
    fields = account_fields(name="魅力城关", editor_name="赵敏")
    filing = services.start_change(filed, actor=officer, fields=fields, note="更名")
    assert filing.changes == {"name": "魅力城关", "editor_name": "赵敏"}
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    assert selectors.directory_accounts().get().name == "城关镇发布"
    services.office_approve(filing, actor=office_staff)
    account = selectors.directory_accounts().get()
    assert (account.name, account.editor_name) == ("魅力城关", "赵敏")


def test_a_new_avatar_waits_on_the_filing_until_approved(filed, officer, leader, office_staff):
    from newmedia import images
    from tests.newmedia.conftest import png_upload

    old_avatar = filed.avatar.name
    avatar = images.normalise_avatar(png_upload("new.png"))
    filing = services.start_change(filed, actor=officer, fields=account_fields(), avatar=avatar)
    filed.refresh_from_db()
    assert filed.avatar.name == old_avatar
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_approve(filing, actor=office_staff)
    filed.refresh_from_db()
    assert filed.avatar.name == filing.proposed_avatar.name != old_avatar


def test_a_change_with_nothing_changed_is_refused(filed, officer):
    with pytest.raises(DomainError, match="没有发现任何变更"):
        services.start_change(filed, actor=officer, fields=account_fields())


def test_a_returned_change_leaves_the_directory_unchanged(filed, officer, leader, office_staff):
    filing = services.start_change(filed, actor=officer, fields=account_fields(name="不规范名称"))
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_return(filing, actor=office_staff, opinion="名称不规范")
    assert selectors.directory_accounts().get().name == "城关镇发布"


def test_only_one_filing_at_a_time_per_account(filed, officer):
    services.start_change(filed, actor=officer, fields=account_fields(name="新名称"))
    details = services.ClosureDetails(date(2026, 9, 29), "撤并", "https://example.gov.cn/stop")
    with pytest.raises(InvalidTransition, match="正在办理"):
        services.start_closure(filed, actor=officer, details=details)


def test_a_change_cannot_be_proposed_for_an_unfiled_account(officer):
    account, _ = draft_account(officer)
    with pytest.raises(InvalidTransition):
        services.start_change(account, actor=officer, fields=account_fields(name="x"))


# --- Closure


def close(account, officer, leader, office_staff, successor=None) -> Filing:
    details = services.ClosureDetails(
        date(2026, 9, 29), "机构改革", "https://mp.weixin.qq.com/s/stop", successor=successor
    )
    filing = services.start_closure(account, actor=officer, details=details)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    services.office_approve(filing, actor=office_staff)
    return filing


def test_a_closure_leaves_the_directory_only_after_approval(filed, officer, leader, office_staff):
    successor = file_account(officer, leader, office_staff, platform="douyin", name="城关镇抖音")
    details = services.ClosureDetails(
        date(2026, 9, 29), "并入抖音号", "https://mp.weixin.qq.com/s/stop", successor=successor
    )
    filing = services.start_closure(filed, actor=officer, details=details)
    services.submit_to_leader(filing, actor=officer)
    services.leader_approve(filing, actor=leader)
    assert filed in selectors.directory_accounts()
    services.office_approve(filing, actor=office_staff)
    filed.refresh_from_db()
    assert filed.status == Account.Status.CLOSED
    assert filed.closed_on == date(2026, 9, 29)
    assert list(selectors.directory_accounts()) == [successor]
    assert selectors.closure_of(filed).successor == successor


def test_a_closure_needs_a_reason_and_the_announcement(filed, officer):
    with pytest.raises(DomainError, match="停更公告"):
        services.start_closure(filed, actor=officer, details=services.ClosureDetails(date(2026, 9, 29), "撤并", ""))
    with pytest.raises(DomainError, match="关闭原因"):
        services.start_closure(
            filed, actor=officer, details=services.ClosureDetails(date(2026, 9, 29), " ", "https://x.gov.cn/")
        )


def test_a_closed_account_is_late_when_filed_after_five_working_days(filed, officer, leader):
    details = services.ClosureDetails(date(2026, 9, 29), "撤并", "https://example.gov.cn/stop")
    filing = services.start_closure(filed, actor=officer, details=details)
    services.submit_to_leader(filing, actor=officer)
    with at(2026, 10, 13):
        services.leader_approve(filing, actor=leader)
    filing.refresh_from_db()
    assert filing.is_late


def test_approving_twice_is_refused(filed, officer, leader, office_staff):
    filing = filed.filings.get()
    with pytest.raises(InvalidTransition, match="已备案"):
        services.office_approve(filing, actor=office_staff)
