"""The buttons and the guards are one table: for every persona and every filing state, each action
WORKFLOW.allowed_actions offers succeeds through its service, and each action it hides is refused."""

from datetime import date

import pytest

from newmedia import services
from newmedia.models import Filing, FilingHistory
from newmedia.workflows import WORKFLOW
from portal.models import Role
from tests.allowed_actions import check_offered_actions
from tests.conftest import make_user
from tests.newmedia.conftest import account_fields, draft_account, file_account

A = FilingHistory.Action
S = Filing.Status


def _closure() -> services.ClosureDetails:
    return services.ClosureDetails(date(2026, 10, 9), "机构调整，账号撤并", "https://example.gov.cn/stop")


CALLS = {
    A.UPDATE_OPENING: lambda f, u: services.update_opening(f, actor=u, fields={"name": "城关镇发布（新）"}),
    A.UPDATE_CHANGE: lambda f, u: services.update_change(f, actor=u, fields={"name": "城关新声"}),
    A.UPDATE_CLOSURE: lambda f, u: services.update_closure(f, actor=u, details=_closure()),
    A.SUBMIT: lambda f, u: services.submit_to_leader(f, actor=u),
    A.WITHDRAW: lambda f, u: services.withdraw(f, actor=u, reason="暂不开设"),
    A.LEADER_APPROVE: lambda f, u: services.leader_approve(f, actor=u, opinion="同意"),
    A.LEADER_RETURN: lambda f, u: services.leader_return(f, actor=u, opinion="请补充运维人员"),
    A.OFFICE_APPROVE: lambda f, u: services.office_approve(f, actor=u),
    A.OFFICE_RETURN: lambda f, u: services.office_return(f, actor=u, opinion="总编辑应由在编干部担任"),
}


def _build(state: str, officer, leader, office_staff, platform: str = "wechat") -> Filing:
    """A filing in ``state``, of a new account of the officer's unit on ``platform`` (one live account per platform)."""
    if state == "no_images":
        return services.create_account(actor=officer, fields=account_fields(platform=platform))[1]
    if state in ("change", "closure"):
        account = file_account(officer, leader, office_staff, platform=platform)
        if state == "change":
            return services.start_change(account, actor=officer, fields={"name": "城关之声"})
        return services.start_closure(account, actor=officer, details=_closure())
    _, filing = draft_account(officer, platform=platform)
    if state == "withdrawn":
        return services.withdraw(filing, actor=officer)
    if state == "draft":
        return filing
    services.submit_to_leader(filing, actor=officer)
    if state == "leader_review":
        return filing
    services.leader_approve(filing, actor=leader)
    if state == "submitted":
        return filing
    if state == "returned":
        return services.office_return(filing, actor=office_staff, opinion="请补充运维人员")
    return services.office_approve(filing, actor=office_staff)  # approved


STATES = ["draft", "no_images", "change", "closure", "leader_review", "submitted", "returned", "approved", "withdrawn"]


@pytest.fixture
def personas(officer, leader, reviewer, office_staff, outsider, township):
    deputy = make_user("deputy", township, Role.LEADER)  # a 单位领导, not the 主要领导
    return [officer, leader, deputy, reviewer, office_staff, outsider]


@pytest.mark.parametrize("state", STATES)
def test_every_offered_action_succeeds_and_every_hidden_one_is_refused(state, personas, officer, leader, office_staff):
    filing = _build(state, officer, leader, office_staff)
    offered = check_offered_actions(WORKFLOW, lambda: Filing.objects.get(pk=filing.pk), personas, CALLS)
    assert offered or state in ("approved", "withdrawn")


def test_what_each_persona_is_offered(personas, officer, leader, office_staff):
    draft = _build("draft", officer, leader, office_staff)
    assert WORKFLOW.allowed_actions(draft, officer) == [A.UPDATE_OPENING, A.SUBMIT, A.WITHDRAW]
    assert WORKFLOW.allowed_actions(draft, leader) == []
    in_review = _build("leader_review", officer, leader, office_staff, platform="weibo")
    assert WORKFLOW.allowed_actions(in_review, leader) == [A.LEADER_APPROVE, A.LEADER_RETURN]
    assert WORKFLOW.allowed_actions(in_review, personas[2]) == []  # the deputy
    closure = _build("closure", officer, leader, office_staff, platform="douyin")
    assert WORKFLOW.allowed_actions(closure, officer) == [A.UPDATE_CLOSURE, A.SUBMIT, A.WITHDRAW]


def test_an_opening_without_images_holds_submit_back_and_says_why(officer, leader, office_staff):
    filing = _build("no_images", officer, leader, office_staff)
    assert A.SUBMIT not in WORKFLOW.allowed_actions(filing, officer)
    assert WORKFLOW.blocked_actions(filing, officer) == {A.SUBMIT: "请先上传账号头像和二维码，再报送审批。"}
