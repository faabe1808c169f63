"""Every state change of the 通报, the 考核方案 and the 网站工作年度报表. Table transitions go through the workflows'
``run`` (lock, check, change, history row); creations are recorded with ``record``. The notices of a sent 通报 are
queued after commit by the task's registered name (the tasks module imports this one, and is loaded by the app's
``ready()`` in every process); the beat sweep sends any a lost task left unsent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from celery import current_app
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluation import assessment, conf, ranking, webreport
from evaluation.figures import Period
from evaluation.models import (
    Bulletin,
    BulletinHistory,
    ColumnClass,
    Indicator,
    ManualScore,
    Scheme,
    SchemeHistory,
    WebReport,
    WebReportHistory,
)
from evaluation.scoring import DEFAULT_INDICATORS, Rule
from evaluation.workflows import BULLETIN_WORKFLOW, REPORT_WORKFLOW, SCHEME_WORKFLOW, office
from portal import workdays
from portal.errors import DomainError, NotAllowed
from portal.workflow import after_commit

BA, SA, WA = BulletinHistory.Action, SchemeHistory.Action, WebReportHistory.Action
NOTIFY_TASK = "evaluation.notify_bulletin"


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(message)
    return text


# --- The monthly 通报


def bulletin_month_due(on: date) -> tuple[int, int] | None:
    """The month whose 通报 is due by ``on``: the previous month, from the first working day of this one."""
    first = date(on.year, on.month, 1)
    while not workdays.is_workday(first):
        first = date.fromordinal(first.toordinal() + 1)
    if on < first:
        return None
    return (on.year - 1, 12) if on.month == 1 else (on.year, on.month - 1)


def generate_bulletin(year: int, month: int, *, actor=None) -> Bulletin:
    """The 通报 of a month, computed now; an existing one is returned unchanged (beat may run twice)."""
    existing = Bulletin.objects.filter(year=year, month=month).first()
    if existing is not None:
        return existing
    if actor is not None and (refusal := office(actor, None)):
        raise NotAllowed(refusal)
    figures = ranking.snapshot(Period.month(year, month))
    try:
        with transaction.atomic():
            bulletin = Bulletin.objects.create(year=year, month=month, figures=figures, generated_at=timezone.now())
            BULLETIN_WORKFLOW.record(bulletin, BA.GENERATE, actor=actor, from_state="")
    except IntegrityError:  # generated at the same moment by another process
        return Bulletin.objects.get(year=year, month=month)
    return bulletin


def generate_due_bulletin(on: date | None = None) -> Bulletin | None:
    """Beat, every morning: from the first working day of a month, make sure last month's 通报 exists."""
    due = bulletin_month_due(on or workdays.today())
    return generate_bulletin(*due) if due else None


def regenerate_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    """Recompute the figures of a 通报 not yet approved (data corrected since); remarks and entries stay."""

    def step(b: Bulletin) -> None:
        b.figures = ranking.snapshot(Period.month(b.year, b.month))
        b.generated_at = timezone.now()

    return BULLETIN_WORKFLOW.run(bulletin, BA.REGENERATE, actor=actor, step=step)


def edit_bulletin(bulletin: Bulletin, *, actor, remarks: str, inspection: dict[int, int | None]) -> Bulletin:
    """The office's remarks and its entry of each unit's open self-inspection marks (the site does not hold them)."""
    units = {u["figures"]["unit_id"] for u in bulletin.figures.get("units", [])}
    if any(unit not in units for unit in inspection):
        raise DomainError("填报的单位不在本期通报中。")
    if any(n is not None and n < 0 for n in inspection.values()):
        raise DomainError("问题数量不能为负数。")

    def step(b: Bulletin) -> None:
        b.remarks = remarks.strip()
        b.entries = {**b.entries, "inspection": {str(k): v for k, v in inspection.items() if v is not None}}
        b.edited_by = actor

    return BULLETIN_WORKFLOW.run(bulletin, BA.EDIT, actor=actor, step=step)


def approve_bulletin(bulletin: Bulletin, *, actor, opinion: str = "") -> Bulletin:
    def step(b: Bulletin) -> None:
        b.approved_by, b.approved_at = actor, timezone.now()

    return BULLETIN_WORKFLOW.run(bulletin, BA.APPROVE, actor=actor, step=step, opinion=opinion.strip())


def return_bulletin(bulletin: Bulletin, *, actor, opinion: str) -> Bulletin:
    opinion = _require(opinion, "退回修改时请填写理由。")

    def step(b: Bulletin) -> None:
        b.approved_by, b.approved_at = None, None

    return BULLETIN_WORKFLOW.run(bulletin, BA.RETURN, actor=actor, step=step, opinion=opinion)


def send_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    """Sent to the units: their staff see it in the workbench and are told by e-mail (after commit)."""

    def step(b: Bulletin) -> None:
        b.sent_at = timezone.now()
        after_commit(current_app.tasks[NOTIFY_TASK], b.pk)

    return BULLETIN_WORKFLOW.run(bulletin, BA.SEND, actor=actor, step=step)


def publish_bulletin(bulletin: Bulletin, *, actor) -> Bulletin:
    def step(b: Bulletin) -> None:
        b.published_at = timezone.now()

    return BULLETIN_WORKFLOW.run(bulletin, BA.PUBLISH, actor=actor, step=step)


def unpublish_bulletin(bulletin: Bulletin, *, actor, reason: str) -> Bulletin:
    reason = _require(reason, "撤销公开时请填写理由。")

    def step(b: Bulletin) -> None:
        b.published_at = None

    return BULLETIN_WORKFLOW.run(bulletin, BA.UNPUBLISH, actor=actor, step=step, opinion=reason)


# --- The yearly 考核方案


@transaction.atomic
def create_scheme(year: int, *, actor, name: str = "") -> Scheme:
    """A year's scheme, starting from last year's items when there is a scheme for it, else from the six areas of
    the 考核制度."""
    if refusal := office(actor, None):
        raise NotAllowed(refusal)
    if Scheme.objects.filter(year=year).exists():
        raise DomainError(f"{year}年度的考核方案已存在。")
    scheme = Scheme.objects.create(year=year, name=name.strip() or f"{year}年度政务公开工作考核方案", created_by=actor)
    previous = Scheme.objects.filter(year=year - 1).first()
    if previous is not None:
        fields = ("order", "name", "rule", "metric", "weight", "target", "criteria")
        rows = [Indicator(scheme=scheme, **{f: getattr(i, f) for f in fields}) for i in previous.indicators.all()]
    else:
        rows = [
            Indicator(
                scheme=scheme,
                order=n * 10,
                name=name,
                rule=rule,
                metric=metric,
                weight=weight,
                target=target,
                criteria=criteria,
            )  # fmt: skip
            for n, (name, rule, metric, weight, target, criteria) in enumerate(DEFAULT_INDICATORS, 1)
        ]
    Indicator.objects.bulk_create(rows)
    SCHEME_WORKFLOW.record(scheme, SA.CREATE, actor=actor, from_state="")
    return scheme


def update_scheme(scheme: Scheme, *, actor, name: str, performance_weight: Decimal) -> Scheme:
    name = _require(name, "请填写方案名称。")
    if Decimal(performance_weight) < conf.MIN_PERFORMANCE_WEIGHT:
        raise DomainError(f"政务公开工作在绩效考核中的分值权重不低于{conf.MIN_PERFORMANCE_WEIGHT}%。")

    def step(s: Scheme) -> dict:
        s.name, s.performance_weight = name, performance_weight
        return {"name": name, "performance_weight": str(performance_weight)}

    return SCHEME_WORKFLOW.run(scheme, SA.EDIT, actor=actor, step=step)


INDICATOR_FIELDS = ("order", "name", "rule", "metric", "weight", "target", "criteria")


def save_indicator(scheme: Scheme, *, actor, indicator: Indicator | None = None, **fields) -> Indicator:
    """Add an item to a draft scheme, or change one."""
    target = indicator or Indicator(scheme=scheme)
    if target.scheme_id != scheme.pk:
        raise DomainError("该考核项目不属于此方案。")
    for name in INDICATOR_FIELDS:
        if name in fields:
            setattr(target, name, fields[name])
    if target.rule == Indicator.Rule.MANUAL:
        target.metric, target.target = "", None
    elif target.rule == Indicator.Rule.RATE:
        target.target = None
    if problem := Rule.of(target).problem():
        raise DomainError(problem)

    def step(s: Scheme) -> dict:
        target.save()
        return {"indicator": target.name, "weight": str(target.weight)}

    SCHEME_WORKFLOW.run(scheme, SA.EDIT, actor=actor, step=step)
    return target


def delete_indicator(scheme: Scheme, indicator: Indicator, *, actor) -> Scheme:
    if indicator.scheme_id != scheme.pk:
        raise DomainError("该考核项目不属于此方案。")

    def step(s: Scheme) -> dict:
        name = indicator.name
        indicator.delete()
        return {"deleted": name}

    return SCHEME_WORKFLOW.run(scheme, SA.EDIT, actor=actor, step=step)


def score_manual(scheme: Scheme, indicator: Indicator, organization, *, actor, points: Decimal, note: str) -> Scheme:
    """The office scores a manual item for one unit, with the note that explains the score."""
    note = _require(note, "请填写评分说明。")
    if indicator.scheme_id != scheme.pk or indicator.rule != Indicator.Rule.MANUAL:
        raise DomainError("只有人工评分项目可以人工评分。")
    if not 0 <= Decimal(points) <= indicator.weight:
        raise DomainError(f"得分应在0至{indicator.weight:g}分之间。")

    def step(s: Scheme) -> dict:
        ManualScore.objects.update_or_create(
            indicator=indicator, organization=organization,
            defaults={"points": points, "note": note, "scored_by": actor},
        )  # fmt: skip
        return {"indicator": indicator.name, "unit": organization.name, "points": str(points)}

    return SCHEME_WORKFLOW.run(scheme, SA.SCORE, actor=actor, step=step, opinion=note)


def finalise_scheme(scheme: Scheme, *, actor) -> Scheme:
    """Keep every unit's score and grade as they stand (考核制度 art. 6: 确定考核等次，以书面形式通知)."""

    def step(s: Scheme) -> None:
        s.results = assessment.assess(s)
        s.finalised_at = timezone.now()

    return SCHEME_WORKFLOW.run(scheme, SA.FINALISE, actor=actor, step=step)


def reopen_scheme(scheme: Scheme, *, actor, reason: str) -> Scheme:
    reason = _require(reason, "重新打开考核方案时请填写理由。")

    def step(s: Scheme) -> None:
        s.results, s.finalised_at = {}, None

    return SCHEME_WORKFLOW.run(scheme, SA.REOPEN, actor=actor, step=step, opinion=reason)


# --- The 网站工作年度报表


def create_web_report(year: int, *, actor=None) -> WebReport:
    """A year's 年度报表 with the site's figures, on its clock (published by 31 January of the next year); an
    existing one is returned unchanged."""
    existing = WebReport.objects.filter(year=year).first()
    if existing is not None:
        return existing
    if actor is not None and (refusal := office(actor, None)):
        raise NotAllowed(refusal)
    month, day = conf.WEB_REPORT_DUE_MONTH_DAY
    try:
        with transaction.atomic():
            report = WebReport.objects.create(year=year, due_on=date(year + 1, month, day),
                                              figures=webreport.compute(year), figures_at=timezone.now())  # fmt: skip
            REPORT_WORKFLOW.record(report, WA.CREATE, actor=actor, from_state="")
    except IntegrityError:
        return WebReport.objects.get(year=year)
    return report


def create_due_web_report(on: date | None = None) -> WebReport | None:
    """Beat, every morning: in January, make sure last year's report is being prepared."""
    on = on or workdays.today()
    return create_web_report(on.year - 1) if on.month == 1 else None


def refresh_web_report(report: WebReport, *, actor) -> WebReport:
    def step(r: WebReport) -> None:
        r.figures, r.figures_at = webreport.compute(r.year), timezone.now()

    return REPORT_WORKFLOW.run(report, WA.REFRESH, actor=actor, step=step)


def edit_web_report(report: WebReport, *, actor, entries: dict) -> WebReport:
    """Save the office's entries (only lines the site does not compute; blank ones are cleared)."""
    allowed = {line.key for line in webreport.entry_lines(report.figures)}
    unknown = set(entries) - allowed
    if unknown:
        raise DomainError("只能填报本站未统计的数据项。")

    def step(r: WebReport) -> dict:
        merged = {**r.entries, **entries}
        r.entries = {k: v for k, v in merged.items() if v is not None and v != "" and k in allowed}
        r.edited_by = actor
        return {"lines": sorted(entries)}

    return REPORT_WORKFLOW.run(report, WA.EDIT, actor=actor, step=step)


def submit_web_report(report: WebReport, *, actor) -> WebReport:
    def step(r: WebReport) -> None:
        r.submitted_by, r.submitted_at = actor, timezone.now()

    return REPORT_WORKFLOW.run(report, WA.SUBMIT, actor=actor, step=step)


def approve_web_report(report: WebReport, *, actor, opinion: str = "") -> WebReport:
    """A second office member approves it, and it is published (on its clock: late after 31 January)."""

    def step(r: WebReport) -> dict:
        r.published_at = timezone.now()
        r.published_late = workdays.to_local_date(r.published_at) > r.due_on
        return {"late": r.published_late}

    return REPORT_WORKFLOW.run(report, WA.APPROVE, actor=actor, step=step, opinion=opinion.strip())


def return_web_report(report: WebReport, *, actor, opinion: str) -> WebReport:
    opinion = _require(opinion, "退回修改时请填写审核意见。")
    return REPORT_WORKFLOW.run(report, WA.RETURN, actor=actor, opinion=opinion)


def withdraw_web_report(report: WebReport, *, actor, reason: str) -> WebReport:
    """Take a published report back for correction (it leaves the site until approved again)."""
    reason = _require(reason, "撤回修改时请填写理由。")

    def step(r: WebReport) -> None:
        r.published_at = None

    return REPORT_WORKFLOW.run(report, WA.WITHDRAW, actor=actor, step=step, opinion=reason)


# --- How the 年度报表 counts columns (configuration, kept by the office)


def classify_column(column_id: int, *, actor, category: str, opened_on=None, closed_on=None) -> ColumnClass:
    if refusal := office(actor, None):
        raise NotAllowed(refusal)
    if category == ColumnClass.Category.TOPIC and opened_on is None:
        raise DomainError("专栏专题须填写开设日期。")
    if category != ColumnClass.Category.TOPIC:
        opened_on = closed_on = None
    chosen, _ = ColumnClass.objects.update_or_create(
        column_id=column_id, defaults={"category": category, "opened_on": opened_on, "closed_on": closed_on}
    )
    return chosen
