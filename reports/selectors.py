"""Who sees which report: a unit's staff their own unit's reports, office staff every unit's; anyone else a 404."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from portal.models import Organization
from portal.scoping import get_for_user_or_404, scope_to_user
from reports import conf
from reports.models import AnnualReport, AnnualReportHistory

FILED = (AnnualReport.Status.SUBMITTED, AnnualReport.Status.ACCEPTED)


def reports_for(user) -> QuerySet[AnnualReport]:
    if not getattr(user, "is_portal_staff", False):
        return AnnualReport.objects.none()
    return scope_to_user(AnnualReport.objects.select_related("organization"), user)


def get_report_for(user, pk: int) -> AnnualReport:
    qs = AnnualReport.objects.select_related("organization", "edited_by", "submitted_by", "approved_by", "document")
    return get_for_user_or_404(qs, user, pk=pk)


def history(report: AnnualReport):
    return AnnualReportHistory.objects.filter(report=report).select_related("actor")


def filing_overview(year: int, on: date) -> list[dict]:
    """Every active unit's report of ``year`` (or its absence), its due date and whether it is overdue on ``on``:
    not yet filed (approved by its leader) after its due date. Two queries."""
    reports = {r.organization_id: r for r in AnnualReport.objects.filter(year=year)}
    rows = []
    for unit in Organization.objects.active().order_by("order", "id"):
        report = reports.get(unit.pk)
        due = conf.due_on(unit, year)
        filed = report is not None and report.status in FILED
        rows.append({"unit": unit, "report": report, "due_on": due, "overdue": not filed and on > due})
    return rows


def overdue(year: int, on: date) -> list[dict]:
    return [row for row in filing_overview(year, on) if row["overdue"]]
