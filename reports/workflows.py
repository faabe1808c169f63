"""The filing of an annual report (条例 arts. 49-50; 年度报告制度 of the county): the unit's 信息员 drafts it and sends it
to the unit's leader, who approves it and so files it with the county office (政务公开办), or sends it back; the office
accepts it or returns it with its reasons. Once accepted, the unit publishes it in its 年度报告 column through the
normal three-level review. The county government's own report follows the same steps inside the county office."""

from __future__ import annotations

from portal.errors import InvalidTransition
from portal.review import four_eyes
from portal.workflow import Transition, Workflow
from reports import reading, tables
from reports.models import AnnualReport, AnnualReportHistory

S, A = AnnualReport.Status, AnnualReportHistory.Action
EDITABLE = (S.DRAFT, S.RETURNED)


def unit_drafter(user, report: AnnualReport) -> str | None:
    """The unit's 信息员 (and, for the county's own report, office staff) draft it."""
    if not (user.is_active and user.organization_id == report.organization_id):
        return "只有本单位的工作人员可以起草和修改本单位的年度报告。"
    if not (user.is_officer or user.is_office_staff):
        return "只有信息员可以起草年度报告。"
    return None


def unit_leader(user, report: AnnualReport) -> str | None:
    if not (user.is_active and user.is_unit_leader and user.organization_id == report.organization_id):
        return "只有本单位领导可以审批年度报告。"
    return None


def office(user, report: AnnualReport) -> str | None:
    return None if user.is_active and user.is_office_staff else "只有县政府办公室（政务公开办）人员可以接收年度报告。"


def _no_blocking_check(report: AnnualReport) -> str | None:
    found = tables.blocking(reading.current_checks(report))
    return "报送前须先解决以下问题：" + "".join(c.message for c in found) if found else None


def _not_published(report: AnnualReport) -> InvalidTransition | None:
    return InvalidTransition("年度报告的公开稿已经生成。") if report.document_id else None


WORKFLOW = Workflow(
    model=AnnualReport,
    history=AnnualReportHistory,
    history_fk="report",
    transitions=[
        Transition(A.EDIT, EDITABLE, None, who=unit_drafter),
        Transition(A.SUBMIT, EDITABLE, S.PENDING_APPROVAL, who=unit_drafter, when=(_no_blocking_check,)),
        Transition(A.APPROVE, (S.PENDING_APPROVAL,), S.SUBMITTED,
                   who=four_eyes(unit_leader, lambda r: r.submitted_by_id, "年度报告由您提交，须由其他领导审批。")),
        Transition(A.SEND_BACK, (S.PENDING_APPROVAL,), S.DRAFT, who=unit_leader),
        Transition(A.ACCEPT, (S.SUBMITTED,), S.ACCEPTED,
                   who=four_eyes(office, lambda r: r.submitted_by_id, "年度报告由您提交，须由其他工作人员接收。")),
        Transition(A.RETURN, (S.SUBMITTED,), S.RETURNED, who=office),
        Transition(A.PUBLISH, (S.ACCEPTED,), None, who=unit_drafter, when=(_not_published,)),
    ],
)  # fmt: skip
