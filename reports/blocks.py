"""What the annual report adds to the staff workbench: the office sees last year's reports waiting for it and the
units that are overdue; a unit's staff see their own report's clock."""

from __future__ import annotations

from django.urls import reverse

from portal.clocks import clock_state
from portal.workbench import Section, Task
from portal.workdays import today
from reports import conf, selectors
from reports.models import AnnualReport


def workbench_sections(user) -> list[Section]:
    if not user.is_authenticated or not user.is_portal_staff:
        return []
    year = today().year - 1
    url = reverse("reports:staff_index")
    if user.is_office_staff:
        tasks = []
        for report in AnnualReport.objects.filter(status=AnnualReport.Status.SUBMITTED).select_related("organization")[
            :10
        ]:
            tasks.append(Task(report.title, report.get_absolute_url(), unit=report.organization.display_name,
                              state=report.get_status_display(), due_on=report.due_on))  # fmt: skip
        late = selectors.overdue(year, today())
        for row in late[:10]:
            target = row["report"].get_absolute_url() if row["report"] else f"{url}?year={year}"
            tasks.append(Task(f"{row['unit'].display_name}{year}年度报告逾期未报送", target, unit=row["unit"].display_name,
                              state="逾期", due_on=row["due_on"], clock=clock_state(row["due_on"])))  # fmt: skip
        if not tasks:
            return []
        return [Section("信息公开年度报告", url=f"{url}?year={year}", count=len(tasks), tasks=tasks, order=62)]
    if not user.organization_id:
        return []
    report = AnnualReport.objects.filter(organization_id=user.organization_id, year=year).first()
    if report is not None and report.status in selectors.FILED:
        return []
    due = report.due_on if report else conf.due_on(user.organization, year)
    task = Task(f"{year}年政府信息公开工作年度报告", report.get_absolute_url() if report else url,
                state=report.get_status_display() if report else "未起草", due_on=due,
                clock=clock_state(due))  # fmt: skip
    return [Section("信息公开年度报告", url=url, count=1, tasks=[task], order=62)]
