"""The filing workflow as a transition table. The county's 政府网站及新媒体建设运营管理制度 art. 39: a unit opens (or
closes) an account with its 主要领导's approval and files it with the 政务公开办; so the unit's 信息员 drafts a filing,
the 主要领导 approves it (which sends it on) or returns it, and office staff file it (已备案) or return it. A
returned filing goes back through the 主要领导. The services run every state change through ``WORKFLOW``; pages
show the buttons ``WORKFLOW.allowed_actions`` gives."""

from __future__ import annotations

from newmedia.models import Account, Filing, FilingHistory
from portal.errors import InvalidTransition, NotAllowed
from portal.workflow import Transition, Workflow

S = Filing.Status
K = Filing.Kind
A = FilingHistory.Action

# The action that edits a filing of each kind.
UPDATE_ACTION = {K.OPENING: A.UPDATE_OPENING, K.CHANGE: A.UPDATE_CHANGE, K.CLOSURE: A.UPDATE_CLOSURE}


# --- Who


def is_units_officer(user, organization_id: int | None) -> bool:
    return user.is_officer and user.organization_id == organization_id


def may_open_account(user) -> bool:
    """Only a unit's 信息员 drafts an opening filing (for their own unit)."""
    return user.is_officer and bool(user.organization_id)


def account_filing_problem(user, account: Account, kind: str) -> NotAllowed | InvalidTransition | None:
    """Why ``user`` may not start a change or closure filing of ``account`` now (None when they may): the unit's
    officer, on a filed account. (One filing at a time is the service's check: it needs the account's row lock.)"""
    if not is_units_officer(user, account.organization_id):
        return NotAllowed("只有本单位的信息员可以填报本单位的政务新媒体备案。")
    if account.status != Account.Status.ACTIVE:
        what = "提出变更" if kind == K.CHANGE else "办理关闭备案"
        return InvalidTransition(f"只有已备案的账号可以{what}。")
    return None


def _officer(user, filing: Filing) -> str | None:
    if is_units_officer(user, filing.account.organization_id):
        return None
    return "只有本单位的信息员可以填报本单位的政务新媒体备案。"


def _principal_leader(user, filing: Filing) -> str | None:
    if user.is_unit_leader and user.is_principal_leader and user.organization_id == filing.account.organization_id:
        return None
    return "须由本单位主要领导审批政务新媒体备案。"


def _office(user, filing: Filing) -> str | None:
    return None if user.is_office_staff else "只有政务公开办工作人员可以办理备案审核。"


# --- What must be true of the filing


def _of_kind(kind: str):
    def condition(filing: Filing) -> InvalidTransition | None:
        return None if filing.kind == kind else InvalidTransition(f"这不是{K(kind).label}。")

    return condition


def _images_for_opening(filing: Filing) -> str | None:
    # Art. 39: the account's name and 头像 are filed with it; the public directory shows the avatar and QR code.
    if filing.kind == K.OPENING and not (filing.account.avatar and filing.account.qr_code):
        return "请先上传账号头像和二维码，再报送审批。"
    return None


EDITABLE = tuple(Filing.EDITABLE_STATUSES)

WORKFLOW = Workflow(
    model=Filing,
    history=FilingHistory,
    history_fk="filing",
    transitions=[
        *(
            Transition(action, EDITABLE, None, who=_officer, when=(_of_kind(kind),), label="修改")
            for kind, action in UPDATE_ACTION.items()
        ),
        Transition(A.SUBMIT, EDITABLE, S.LEADER_REVIEW, who=_officer, when=(_images_for_opening,)),
        Transition(A.WITHDRAW, EDITABLE, S.WITHDRAWN, who=_officer, label="撤销"),
        Transition(A.LEADER_APPROVE, (S.LEADER_REVIEW,), S.SUBMITTED, who=_principal_leader, label="审批"),
        Transition(A.LEADER_RETURN, (S.LEADER_REVIEW,), S.RETURNED, who=_principal_leader, label="退回"),
        Transition(A.OFFICE_APPROVE, (S.SUBMITTED,), S.APPROVED, who=_office),
        Transition(A.OFFICE_RETURN, (S.SUBMITTED,), S.RETURNED, who=_office, label="退回"),
    ],
)
