"""Every change to an annual report, through the workflow kernel (reports.workflows)."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosure import selectors as disclosure_selectors
from disclosure import services as disclosure
from portal.errors import DomainError, NotAllowed
from portal.workdays import today
from portal.workflow import UNCHANGED, Outcome
from reports import conf, output, reading
from reports.models import ENTERED_FIELDS, NARRATIVE_FIELDS, AnnualReport, AnnualReportHistory
from reports.workflows import WORKFLOW, unit_drafter

S, A = AnnualReport.Status, AnnualReportHistory.Action


def create_report(organization, year: int, *, actor, aggregate: bool = False) -> AnnualReport:
    """A unit's report for ``year``, its narrative pre-filled with the facts the portal knows; an existing one is
    returned unchanged. Only the county office's report may add up every unit."""
    existing = AnnualReport.objects.filter(organization=organization, year=year).first()
    if existing is not None:
        return existing
    report = AnnualReport(organization=organization, year=year, due_on=conf.due_on(organization, year),
                          aggregate=aggregate and organization.is_county_office, edited_by=actor)  # fmt: skip
    if refusal := unit_drafter(actor, report):
        raise NotAllowed(refusal)
    if year > today().year:
        raise DomainError("不能起草尚未开始年度的年度报告。")
    report.overview = reading.overview_text(report)
    report.problems = "（请填写本年度政府信息公开工作存在的主要问题及改进情况。）"
    report.other_matters = reading.fee_text(reading.live_tables(report))
    try:
        with transaction.atomic():
            report.save()
            WORKFLOW.record(report, A.CREATE, actor=actor, from_state="")
    except IntegrityError:
        return AnnualReport.objects.get(organization=organization, year=year)
    return report


def edit_report(report: AnnualReport, *, actor, **fields) -> AnnualReport:
    """Save the entered figures and the narrative. Each changed figure is kept in the history row (old → new)."""

    def step(report: AnnualReport):
        reading.forget_checks(report)
        changed = {}
        for name in (*ENTERED_FIELDS, *NARRATIVE_FIELDS, "aggregate"):
            if name not in fields:
                continue
            value = fields[name]
            if name == "aggregate":
                value = bool(value) and report.is_county
            old = getattr(report, name)
            if old != value:
                setattr(report, name, value)
                changed[name] = [_plain(old), _plain(value)] if name in ENTERED_FIELDS else True
        if not changed:
            return UNCHANGED
        report.edited_by = actor
        return Outcome(extra={"changed": changed})

    return WORKFLOW.run(report, A.EDIT, actor=actor, step=step)


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def submit(report: AnnualReport, *, actor) -> AnnualReport:
    """To the unit's leader, with the tables frozen as they stand (what the leader approves is what is filed)."""

    def step(report: AnnualReport):
        report.tables = reading.live_tables(report)
        report.tables_at = timezone.now()
        report.pdf = ""  # a PDF of an earlier filing is stale: the next one is rendered from these tables
        report.submitted_by = actor

    return WORKFLOW.run(report, A.SUBMIT, actor=actor, step=step)


def approve(report: AnnualReport, *, actor, opinion: str = "") -> AnnualReport:
    def step(report: AnnualReport):
        report.approved_by = actor
        report.filed_at = timezone.now()
        return {"late": today() > report.due_on}

    return WORKFLOW.run(report, A.APPROVE, actor=actor, step=step, opinion=opinion)


def send_back(report: AnnualReport, *, actor, opinion: str) -> AnnualReport:
    return WORKFLOW.run(report, A.SEND_BACK, actor=actor, opinion=_reason(opinion))


def accept(report: AnnualReport, *, actor, opinion: str = "") -> AnnualReport:
    def step(report: AnnualReport):
        report.accepted_at = timezone.now()

    return WORKFLOW.run(report, A.ACCEPT, actor=actor, step=step, opinion=opinion)


def return_report(report: AnnualReport, *, actor, opinion: str) -> AnnualReport:
    return WORKFLOW.run(report, A.RETURN, actor=actor, opinion=_reason(opinion))


def _reason(opinion: str) -> str:
    opinion = (opinion or "").strip()
    if not opinion:
        raise DomainError("退回时请写明理由。")
    return opinion


def publish(report: AnnualReport, *, actor) -> AnnualReport:
    """An accepted report becomes a draft document in the unit's 政府信息公开工作年度报告 column, its tables in the
    body and its PDF attached, and is submitted to the normal three-level review (初审, 复审, 终审)."""

    def step(report: AnnualReport):
        column = disclosure_selectors.column_by_slug(conf.REPORT_COLUMN_SLUG)
        body = output.document_body(report)
        document = disclosure.create_document(
            actor=actor, column=column, title=report.title, organization=report.organization, body=body,
            summary=f"{report.organization.name}{report.year}年政府信息公开工作年度报告。", written_date=today(),
            genre="报告", topic="综合政务",
        )  # fmt: skip
        with output.stored_pdf(report).open("rb") as stored:
            data = stored.read()
        pdf = SimpleUploadedFile(f"annual-report-{report.year}.pdf", data, "application/pdf")
        disclosure.add_attachment(document, actor=actor, upload=pdf)
        disclosure.submit(document, actor=actor)
        report.document = document
        return {"document": document.pk}

    return WORKFLOW.run(report, A.PUBLISH, actor=actor, step=step)
