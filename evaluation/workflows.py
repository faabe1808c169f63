"""The transition tables of the monthly 通报, the yearly 考核方案 and the 网站工作年度报表. All three are the county
office's work (政务公开办): units read what is sent to them and act on nothing here. Where a second pair of eyes is
the rule, the person who wrote the text or the figures does not approve it."""

from __future__ import annotations

from decimal import Decimal

from evaluation import webreport
from evaluation.figures import evaluated_units
from evaluation.models import (
    Bulletin,
    BulletinHistory,
    Indicator,
    ManualScore,
    Scheme,
    SchemeHistory,
    WebReport,
    WebReportHistory,
)
from evaluation.scoring import Rule, number
from portal.workflow import Transition, Workflow

B, BA = Bulletin.Status, BulletinHistory.Action
SC, SA = Scheme.Status, SchemeHistory.Action
W, WA = WebReport.Status, WebReportHistory.Action


def office(user, obj) -> str | None:
    return None if user.is_active and user.is_office_staff else "只有县政府办公室（政务公开办）人员可以办理。"


# --- The monthly 通报


def _bulletin_reviewer(user, bulletin: Bulletin) -> str | None:
    if refusal := office(user, bulletin):
        return refusal
    if bulletin.edited_by_id == user.pk:
        return "通报内容由您修改，须由其他工作人员审核。"
    return None


BULLETIN_WORKFLOW = Workflow(
    model=Bulletin,
    history=BulletinHistory,
    history_fk="bulletin",
    transitions=[
        Transition(BA.REGENERATE, (B.DRAFT,), None, who=office),
        Transition(BA.EDIT, (B.DRAFT,), None, who=office),
        Transition(BA.APPROVE, (B.DRAFT,), B.APPROVED, who=_bulletin_reviewer),
        Transition(BA.RETURN, (B.APPROVED,), B.DRAFT, who=office),
        Transition(BA.SEND, (B.APPROVED,), B.SENT, who=office, label="印发各单位"),
        Transition(BA.PUBLISH, (B.SENT,), B.PUBLISHED, who=office, label="在网站公开"),
        Transition(BA.UNPUBLISH, (B.PUBLISHED,), B.SENT, who=office),
    ],
)


# --- The yearly 考核方案


def scheme_problems(scheme: Scheme) -> list[str]:
    """What keeps a scheme from being finalised: its points must add up to 100, every computed item must be able to
    score, and every manual item must be scored for every unit (with a note)."""
    indicators = list(scheme.indicators.all())
    if not indicators:
        return ["考核方案还没有考核项目。"]
    problems = [p for i in indicators if (p := Rule.of(i).problem())]
    total = sum((Decimal(i.weight) for i in indicators), Decimal(0))
    if total != 100:
        problems.append(f"各考核项目分值合计为{number(total)}分，应为100分。")
    manual = [i for i in indicators if i.rule == Indicator.Rule.MANUAL]
    if manual:
        units = {u["id"] for u in evaluated_units()}
        scored = set(ManualScore.objects.filter(indicator__in=manual).values_list("indicator_id", "organization_id"))
        for indicator in manual:
            left = sum(1 for unit in units if (indicator.pk, unit) not in scored)
            if left:
                problems.append(f"“{indicator.name}”还有{left}个单位未评分。")
    return problems


def _scheme_complete(scheme: Scheme) -> str | None:
    problems = scheme_problems(scheme)
    return "不能定稿：" + "".join(problems) if problems else None


SCHEME_WORKFLOW = Workflow(
    model=Scheme,
    history=SchemeHistory,
    history_fk="scheme",
    transitions=[
        Transition(SA.EDIT, (SC.DRAFT,), None, who=office),
        Transition(SA.SCORE, (SC.DRAFT,), None, who=office),
        Transition(SA.FINALISE, (SC.DRAFT,), SC.FINAL, who=office, when=(_scheme_complete,)),
        Transition(SA.REOPEN, (SC.FINAL,), SC.DRAFT, who=office),
    ],
)


# --- The 网站工作年度报表


def _report_complete(report: WebReport) -> str | None:
    left = webreport.missing(report.figures, report.entries)
    return f"还有{len(left)}项数据未填报：{'、'.join(left)}。" if left else None


def _report_reviewer(user, report: WebReport) -> str | None:
    if refusal := office(user, report):
        return refusal
    if user.pk in (report.submitted_by_id, report.edited_by_id):
        return "年度报表由您填报或报送，须由其他工作人员审核。"
    return None


EDITABLE = (W.DRAFT, W.RETURNED)

REPORT_WORKFLOW = Workflow(
    model=WebReport,
    history=WebReportHistory,
    history_fk="report",
    transitions=[
        Transition(WA.REFRESH, EDITABLE, None, who=office),
        Transition(WA.EDIT, EDITABLE, None, who=office),
        Transition(WA.SUBMIT, EDITABLE, W.PENDING, who=office, when=(_report_complete,)),
        Transition(WA.APPROVE, (W.PENDING,), W.PUBLISHED, who=_report_reviewer),
        Transition(WA.RETURN, (W.PENDING,), W.RETURNED, who=_report_reviewer),
        Transition(WA.WITHDRAW, (W.PUBLISHED,), W.RETURNED, who=office),
    ],
)
