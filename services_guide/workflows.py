"""The transition table of a guide version: drafted and changed by the unit's officer, 初审 by the unit's reviewer,
复审 by the unit's leader, 终审 by the county office, which also stops items (停止办理). Nobody reviews a version
they drafted, submitted or changed, and nobody passes one version at two levels of the same round."""

from __future__ import annotations

from portal.errors import InvalidTransition
from portal.review import review_problem
from portal.workflow import Transition, Workflow
from services_guide.models import OPEN_STATES, GuideHistory, GuideVersion

S = GuideVersion.Status
A = GuideHistory.Action
EDITABLE_STATES = (S.DRAFT, S.RETURNED)
REVIEW_STATES = (S.PENDING_FIRST, S.PENDING_SECOND, S.PENDING_FINAL)
# History rows whose actor wrote the version: they may not review it.
AUTHOR_ACTIONS = (A.CREATE, A.IMPORT, A.CHANGE, A.EDIT, A.SUBMIT)
PASS_ACTIONS = (A.PASS_FIRST, A.PASS_SECOND)


def may_draft_for(user, organization) -> str | None:
    """Drafting (a new item, a change, an edit): the unit's officers, and the county office for any unit."""
    if not user.is_active:
        return "账号已停用。"
    if user.is_office_staff:
        return None
    if not (user.is_officer and user.organization_id == organization.pk):
        return "只有本单位信息员或政务公开办人员可以起草、修改办事指南。"
    return None


def _editor(user, version: GuideVersion) -> str | None:
    return may_draft_for(user, version.item.organization)


def _discarder(user, version: GuideVersion) -> str | None:
    """A draft may be dropped by those who may edit it; a version under review only by the office (when an item is
    stopped, its pending change goes with it)."""
    if version.status in EDITABLE_STATES:
        return _editor(user, version)
    return None if user.is_office_staff else "审核中的版本只能由政务公开办作废。"


def _office(user, version: GuideVersion) -> str | None:
    return None if user.is_active and user.is_office_staff else "只有政务公开办人员可以停止办理事项。"


def review_rows(version: GuideVersion) -> list[tuple[int | None, str, int]]:
    """(actor, action, round) of every row of the version: who wrote it and who passed it."""
    return list(GuideHistory.objects.filter(version_id=version.pk).values_list("actor_id", "action", "review_round"))


def reviewer_problem(user, version: GuideVersion, rows=None) -> str | None:
    level = version.review_level
    if not level:
        return f"该版本当前状态为“{version.get_status_display()}”，不在审核中。"
    rows = review_rows(version) if rows is None else rows
    authors = {version.created_by_id} | {actor for actor, action, _ in rows if action in AUTHOR_ACTIONS}
    passers = {actor for actor, action, n in rows if action in PASS_ACTIONS and n == version.review_round}
    return review_problem(user, level, version.item.organization_id, authors=authors, passers=passers, noun="办事指南")


def _reviewer(user, version: GuideVersion) -> str | None:
    return reviewer_problem(user, version)


def missing_elements(version: GuideVersion) -> list[str]:
    """The required parts of a 办事指南 the version still lacks (empty: it may be submitted)."""
    field = GuideVersion._meta.get_field
    required = ["name", "kind", "level", "target", "basis", "conditions", "process", "place", "hours", "phone",
                "complaint_phone", "result"]  # fmt: skip
    missing = [str(field(name).verbose_name) for name in required if not str(getattr(version, name) or "").strip()]
    if not version.materials.exists():
        missing.insert(5, "申请材料")
    for name in ("legal_days", "promised_days"):
        if getattr(version, name) is None:
            missing.append(str(field(name).verbose_name))
    if version.charges and not version.fee_standard.strip():
        missing.append("收费标准")
    if version.charges and not version.fee_basis.strip():
        missing.append("收费依据")
    if version.online != "none" and not version.online_url:
        missing.append("网上办理入口")
    return missing


def _complete(version: GuideVersion) -> str | None:
    missing = missing_elements(version)
    return f"办事指南缺少必备要素，不能报送：{'、'.join(missing)}。" if missing else None


def _item_not_stopped(version: GuideVersion) -> InvalidTransition | None:
    """A stopped item rules the approval out (it is not held back by anything the version could supply)."""
    current = version.item.current
    if current is not None and current.status == S.STOPPED:
        return InvalidTransition("该事项已停止办理，不能再发布新版本。")
    return None


WORKFLOW = Workflow(
    model=GuideVersion,
    history=GuideHistory,
    history_fk="version",
    transitions=[
        Transition(A.EDIT, EDITABLE_STATES, None, who=_editor, label="修改"),
        Transition(A.SUBMIT, EDITABLE_STATES, S.PENDING_FIRST, who=_editor, when=(_complete,)),
        Transition(A.PASS_FIRST, (S.PENDING_FIRST,), S.PENDING_SECOND, who=_reviewer),
        Transition(A.PASS_SECOND, (S.PENDING_SECOND,), S.PENDING_FINAL, who=_reviewer),
        Transition(A.APPROVE, (S.PENDING_FINAL,), S.PUBLISHED, who=_reviewer, when=(_item_not_stopped,)),
        Transition(A.RETURN, REVIEW_STATES, S.RETURNED, who=_reviewer),
        Transition(A.REJECT, REVIEW_STATES, S.REJECTED, who=_reviewer),
        Transition(A.DISCARD, OPEN_STATES, S.DISCARDED, who=_discarder),
        Transition(A.STOP, (S.PUBLISHED,), S.STOPPED, who=_office, label="停止办理"),
    ],
    # Every row is filed under the item too, with the round the version is in once the action is done.
    row_fields=lambda version: {"item_id": version.item_id, "review_round": version.review_round},
)
